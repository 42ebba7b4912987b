use flarekit::endpoint;

#[endpoint(POST, "/zones/<zone_id>/notes", perm = "Zone Write", response = ())]
pub struct CreateNote {
    pub zone_id: String,
    #[validate(pattern = "^[a-z+$")]
    pub text: String,
}

fn main() {}
