use flarekit::endpoint;

#[endpoint(FETCH, "/zones/<zone_id>", perm = "Zone Read", response = ())]
pub struct GetZone {
    pub zone_id: String,
}

fn main() {}
