use flarekit::endpoint;

#[endpoint(DELETE, "/zones/<zone_id>", perm = "Zone Write", response = (), min_properties = 1)]
pub struct DeleteZone {
    pub zone_id: String,
    pub force: Option<bool>,
}

fn main() {}
