use flarekit::{Nullable, Validate};

#[derive(serde::Serialize, Validate)]
pub struct UpdatePolicy {
    // `Nullable::Omit` would be sent as `null` and clear the value on the server.
    pub comments: Nullable<String>,
    #[serde(skip_serializing_if = "never")]
    pub pattern: flarekit::Nullable<String>,
    // Right.
    #[serde(default, skip_serializing_if = "Nullable::is_omitted")]
    pub is_regex: Nullable<bool>,
}

fn never(_: &Nullable<String>) -> bool {
    false
}

fn main() {}
