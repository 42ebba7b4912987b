use flarekit::endpoint;

#[endpoint(GET, "/zones/<zone_id>", response = ())]
pub struct GetZone {
    pub zone_id: String,
}

fn main() {}
