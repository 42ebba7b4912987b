use flarekit::endpoint;

// `paginate = page` needs the query field the stream moves from page to page.
#[endpoint(GET, "/accounts/<account_id>/things", perm = "Things Read", response = Vec<u32>, paginate = page)]
#[derive(Clone)]
pub struct ListThings {
    pub account_id: String,
    pub per_page: Option<u32>,
}

fn main() {}
