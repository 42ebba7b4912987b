use flarekit::endpoint;

#[endpoint(GET, "/zones", perm = "Zone Read", response = ())]
pub struct ListZones {
    #[validate(maximum = 50)]
    pub name: String,
}

fn main() {}
