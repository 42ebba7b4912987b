use flarekit::endpoint;

#[endpoint(GET, "/zones/<zone_id>", perm = "Zone Read", response = ())]
pub struct GetZone<T> {
    pub zone_id: T,
}

fn main() {}
