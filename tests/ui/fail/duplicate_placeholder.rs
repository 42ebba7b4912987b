use flarekit::endpoint;

#[endpoint(GET, "/zones/<zone_id>/copy/<zone_id>", perm = "Zone Read", response = ())]
pub struct CopyZone {
    pub zone_id: String,
}

fn main() {}
