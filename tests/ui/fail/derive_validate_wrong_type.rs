use flarekit::Validate;

#[derive(Validate)]
pub struct NewRule {
    #[validate(max_length = 32)]
    pub priority: u32,
    #[validate(minimum = 1)]
    pub name: String,
    #[validate(unique_items)]
    pub enabled: Option<bool>,
    #[validate(min_items = 1)]
    pub tags: Vec<String>,
}

fn main() {}
