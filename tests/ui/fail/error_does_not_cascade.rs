use flarekit::{endpoint, Endpoint};

#[derive(Debug, serde::Deserialize)]
pub struct Zone {
    pub id: String,
}

#[endpoint(GET, "/zones/<zone_id>", perm = "Zone Read", response = Zone)]
pub struct GetZone {
    #[validate(maximum = 10)]
    pub zone_id: String,
}

// Code using the type still type-checks: the only error is the one above.
#[allow(dead_code)]
async fn get(client: &flarekit::Client) -> Result<Zone, flarekit::Error> {
    let _ = GetZone { zone_id: "z".into() }.to_request()?;
    GetZone { zone_id: "z".into() }.send(client).await
}

fn main() {}
