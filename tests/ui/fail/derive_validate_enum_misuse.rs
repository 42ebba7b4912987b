use flarekit::Validate;

#[derive(serde::Serialize, Validate)]
#[validate(read_only)]
pub enum PatternType {
    #[validate(max_length = 3)]
    Email,
    #[validate(read_only, skip)]
    Domain,
    #[validate(read_only)]
    #[serde(untagged)]
    Other(String),
}

#[derive(serde::Serialize, Validate)]
#[serde(tag = "type")]
pub enum Action {
    #[validate(read_only)]
    Quarantine,
    Move {
        folder: String,
    },
}

fn main() {}
