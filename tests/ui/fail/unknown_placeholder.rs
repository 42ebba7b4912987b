use flarekit::endpoint;

#[endpoint(GET, "/zones/<zone_id>/dns_records/<record_id>", perm = "DNS Read", response = ())]
pub struct GetRecord {
    pub zone_id: String,
    pub id: String,
}

fn main() {}
