use flarekit::endpoint;

#[endpoint(POST, "/things", perm = "Things Write", response = (), paginate = page)]
#[derive(Clone)]
pub struct CreateThing {
    pub page: Option<u32>,
}

#[endpoint(GET, "/things", perm = "Things Read", response = Vec<u32>, paginate = cursor)]
#[derive(Clone)]
pub struct ListThings {
    pub cursor: Option<u64>,
}

#[endpoint(GET, "/pages", perm = "Things Read", response = Vec<u32>, paginate = page)]
#[derive(Clone)]
pub struct ListPages {
    pub page: u32,
}

#[endpoint(DELETE, "/things/<id>", perm = "Things Write", response = (), retry_safe)]
pub struct DeleteThing {
    pub id: u32,
}

#[endpoint(GET, "/offsets", perm = "Things Read", response = (), paginate = token, retry_safe = true)]
pub struct ListTokens {}

fn main() {}
