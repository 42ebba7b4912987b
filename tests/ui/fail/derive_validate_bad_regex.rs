use flarekit::Validate;

#[derive(Validate)]
pub struct NewPattern {
    #[validate(max_length = 1024, pattern = "^[a-z+$")]
    pub pattern: String,
}

fn main() {}
