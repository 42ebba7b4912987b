use flarekit::endpoint;

#[endpoint(POST, "/zones/<zone_id>/notes", perm = "Zone Write", response = ())]
pub struct CreateNote {
    pub zone_id: String,
    #[validate(max_len = 100)]
    pub text: String,
}

fn main() {}
