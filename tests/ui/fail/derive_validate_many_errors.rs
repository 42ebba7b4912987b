use flarekit::{endpoint, Nullable, Validate};

// Every mistake is reported in one compile, and nothing cascades: the endpoint below, which
// needs `NewPolicy: Validate`, compiles on.
#[derive(serde::Serialize, Validate)]
pub struct NewPolicy<T> {
    #[validate(max_length = 10, unique)]
    pub priority: u32,
    #[validate(pattern = "(")]
    pub pattern: String,
    pub comments: Nullable<String>,
    #[validate(min_length = 5, max_length = 2)]
    pub code: String,
    pub extra: T,
}

#[derive(serde::Serialize, Validate)]
pub enum Kind {
    #[validate(minimum = 1)]
    A,
}

/// Create allow policies.
#[endpoint(POST, "/accounts/<account_id>/allow_policies", perm = "Write", response = ())]
pub struct CreatePolicies {
    pub account_id: String,
    pub posts: Vec<NewPolicy<u8>>,
    pub kind: Kind,
}

fn main() {}
