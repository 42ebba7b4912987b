//! Declares an endpoint flarekit does not have and calls it: `flarekit-downstream ZONE RECORD`.

use flarekit::endpoint;
use serde::Deserialize;

/// A DNS record (the fields this program needs).
#[derive(Debug, Deserialize)]
pub struct DnsRecord {
    /// Identifier.
    pub id: String,
    /// Record type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Name.
    pub name: String,
}

/// Get a DNS record.
#[endpoint(GET, "/zones/<zone_id>/dns_records/<dns_record_id>",
           perm = ["DNS: Read", "DNS: Write"], response = DnsRecord)]
pub struct GetDnsRecord {
    /// Zone identifier.
    #[validate(max_length = 32)]
    pub zone_id: String,
    /// DNS record identifier.
    #[validate(max_length = 32)]
    pub dns_record_id: String,
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let (zone_id, dns_record_id) = (args.next().unwrap_or_default(), args.next().unwrap_or_default());
    let client = match flarekit::Client::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    // Built the documented way: `new` with the required fields (setters for optional ones), so
    // a field the declaration gains later breaks nothing here.
    match GetDnsRecord::new(&zone_id, &dns_record_id).send(&client).await {
        Ok(r) => println!("{} {} {}", r.id, r.kind, r.name),
        Err(e) => {
            println!("error: {e}");
            std::process::exit(1);
        }
    }
}
