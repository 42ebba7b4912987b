//! The DNS records of a zone: export and import as BIND zone files.

use serde::{Deserialize, Serialize};

use crate::dns::perm;
use crate::request::Blob;
use crate::{endpoint, ZoneId};

/// Exports the zone's records as a BIND zone file.
#[endpoint(GET, "/zones/<zone_id>/dns_records/export",
           perm = perm::READ, response = String, decode_with = crate::decode::text)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDnsRecords {
    /// Zone identifier.
    pub zone_id: ZoneId,
}

/// Imports records from a BIND zone file (a multipart upload of the file).
///
/// ```
/// use flarekit::dns::records::ImportDnsRecords;
/// use flarekit::request::Blob;
///
/// let zone_file = Blob::from("www.example.com. 300 IN A 192.0.2.1\n").with_filename("example.com.txt");
/// let import = ImportDnsRecords::new("023e105f4ecef8ad9ca31a8372d0c353".into(), zone_file).proxied(true);
/// assert_eq!(import.proxied, Some(true));
/// ```
#[endpoint(POST, "/zones/<zone_id>/dns_records/import",
           perm = perm::WRITE, response = ImportedRecords, body = multipart)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportDnsRecords {
    /// Zone identifier.
    pub zone_id: ZoneId,
    /// The BIND zone file.
    pub file: Blob,
    /// Whether the proxiable records get Cloudflare's proxy (default `false`).
    pub proxied: Option<bool>,
}

/// What an import added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImportedRecords {
    /// Records added.
    pub recs_added: Option<u64>,
    /// Records read from the file.
    pub total_records_parsed: Option<u64>,
}
