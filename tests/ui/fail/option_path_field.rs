use flarekit::endpoint;

#[endpoint(GET, "/zones/<zone_id>", perm = "Zone Read", response = ())]
pub struct GetZone {
    pub zone_id: Option<String>,
}

fn main() {}
