use flarekit::endpoint;

// Every mistake is reported in one compile.
#[endpoint(FETCH, "/accounts/<account_id>/rules/<rule_id>", perm = "Rules Write", colour = "red")]
pub struct UpdateRule {
    pub account_id: Option<String>,
    #[validate(max_length = 10, unique)]
    pub priority: u32,
    #[validate(pattern = "(")]
    pub name: String,
    #[param(header = "X-Trace", rename = "trace")]
    pub trace: Option<String>,
}

fn main() {}
