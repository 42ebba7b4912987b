use flarekit::endpoint;

// `paginate = page` needs the query field the stream moves from page to page.
#[endpoint(GET, "/accounts/<account_id>/things", perm = "Things Read", response = Vec<u32>, paginate = page)]
#[derive(Clone)]
pub struct ListThings {
    pub account_id: String,
    pub per_page: Option<u32>,
}


// A field named in `paginate = cursor(..)` must be a query field of the struct.
#[endpoint(GET, "/accounts/<account_id>/images", perm = "Images Read", response = Vec<u32>,
           paginate = cursor(continuation))]
#[derive(Clone)]
pub struct ListImages {
    pub account_id: String,
    pub continuation_token: Option<String>,
}

fn main() {}
