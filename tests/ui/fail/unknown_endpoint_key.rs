use flarekit::endpoint;

#[endpoint(GET, "/zones/<zone_id>", perm = "Zone Read", response = (), timeout = 30)]
pub struct GetZone {
    pub zone_id: String,
}

fn main() {}
