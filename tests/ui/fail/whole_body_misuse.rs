use flarekit::endpoint;

/// A whole body cannot share the body with members, be renamed, or come twice.
#[endpoint(POST, "/accounts/<account_id>/things", perm = "X", response = ())]
pub struct Things {
    pub account_id: String,
    #[param(whole_body)]
    pub ids: Vec<String>,
    pub comment: String,
    #[param(whole_body, rename = "x")]
    pub more: Vec<String>,
}

fn main() {}
