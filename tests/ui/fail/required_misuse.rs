use flarekit::endpoint;

// `required` is for an `Option` member of a JSON body: not a plain field, not a query field,
// not a form's part.
#[endpoint(POST, "/accounts/<account_id>/things", perm = "Things Write", response = ())]
pub struct CreateThing {
    pub account_id: String,
    #[param(required)]
    pub name: String,
    #[param(query, required)]
    pub dry_run: Option<bool>,
    #[param(required)]
    pub ttl: Option<u32>,
}

#[endpoint(POST, "/accounts/<account_id>/files", perm = "Things Write", response = (), body = multipart)]
pub struct UploadThing {
    pub account_id: String,
    #[param(required)]
    pub note: Option<String>,
}

fn main() {}
