use flarekit::endpoint;

#[endpoint(PUT, "/zones/<zone_id>/settings/<name>", perm = "Zone Write", response = ())]
pub struct PutSetting {
    pub zone_id: String,
    #[param(query)]
    pub name: String,
    #[param(query, body)]
    pub value: String,
    pub data: String,
    #[param(rename = "data")]
    pub other: String,
    #[param(header = "Bad Header")]
    pub trace: Option<String>,
}

fn main() {}
