use flarekit::endpoint;

// The page stream clones the request for each next page: the struct must be `Clone`.
#[endpoint(GET, "/accounts/<account_id>/things", perm = "Things Read", response = Vec<u32>, paginate = page)]
pub struct ListThings {
    pub account_id: String,
    pub page: Option<u32>,
}

fn main() {}
