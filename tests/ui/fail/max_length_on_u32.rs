use flarekit::endpoint;

#[endpoint(GET, "/zones", perm = "Zone Read", response = ())]
pub struct ListZones {
    #[validate(max_length = 50)]
    pub per_page: Option<u32>,
}

fn main() {}
