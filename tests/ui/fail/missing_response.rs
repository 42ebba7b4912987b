use flarekit::endpoint;

#[endpoint(GET, "/zones/<zone_id>", perm = "Zone Read")]
pub struct GetZone {
    pub zone_id: String,
}

fn main() {}
