use flarekit::endpoint;

#[endpoint(POST, "/zones/<zone_id>/notes", perm = "Zone Write", response = ())]
pub struct CreateNote {
    pub zone_id: String,
    #[validate(format = "ipv4")]
    pub origin: String,
}

fn main() {}
