//! The DNS records of a zone: the list with its filters, export and import as BIND zone files,
//! and batches of changes. The records are the generated [`DnsRecord`] union, one variant per
//! record type.

use serde_json::Value;

use super::{ARecord, AaaaRecord, CnameRecord, DnsRecord, TxtRecord};

use crate::request::Blob;
use crate::validate::Validator;
use crate::{endpoint, Validate, ZoneId};

/// Exports the zone's records as a BIND zone file.
#[endpoint(GET, "/zones/<zone_id>/dns_records/export",
           perm = ["DNS Read", "DNS Write"], response = String, decode_with = crate::decode::text)]
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
           perm = ["DNS Write"], response = ImportedRecords, body = multipart)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, crate::JsonObject)]
#[non_exhaustive]
pub struct ImportedRecords {
    /// Records added.
    pub recs_added: Option<u64>,
    /// Records read from the file.
    pub total_records_parsed: Option<u64>,
}

crate::open_enum! {
    /// The type of a DNS record.
    pub enum RecordType {
        /// An IPv4 address.
        A = "A",
        /// An IPv6 address.
        Aaaa = "AAAA",
        /// Which certificate authorities may issue certificates.
        Caa = "CAA",
        /// A certificate.
        Cert = "CERT",
        /// An alias of another name.
        Cname = "CNAME",
        /// A DNSSEC key.
        Dnskey = "DNSKEY",
        /// A delegation signer.
        Ds = "DS",
        /// HTTPS service binding.
        Https = "HTTPS",
        /// A location.
        Loc = "LOC",
        /// A mail exchanger.
        Mx = "MX",
        /// A naming authority pointer.
        Naptr = "NAPTR",
        /// A name server.
        Ns = "NS",
        /// A pointer to a name.
        Ptr = "PTR",
        /// An S/MIME certificate association.
        Smimea = "SMIMEA",
        /// A service locator.
        Srv = "SRV",
        /// An SSH key fingerprint.
        Sshfp = "SSHFP",
        /// A service binding.
        Svcb = "SVCB",
        /// A TLS certificate association.
        Tlsa = "TLSA",
        /// Text.
        Txt = "TXT",
        /// A URI.
        Uri = "URI",
    }
}

crate::open_enum! {
    /// Whether a record must match every filter or any of them.
    pub enum Match {
        /// Any filter.
        Any = "any",
        /// Every filter (the default).
        All = "all",
    }
}

crate::open_enum! {
    /// What a record list is sorted by.
    pub enum RecordOrder {
        /// The type (the default).
        Type = "type",
        /// The name.
        Name = "name",
        /// The content.
        Content = "content",
        /// The TTL.
        Ttl = "ttl",
        /// Whether it is proxied.
        Proxied = "proxied",
    }
}

crate::open_enum! {
    /// A sort direction.
    pub enum Direction {
        /// Ascending (the default).
        Asc = "asc",
        /// Descending.
        Desc = "desc",
    }
}

/// A filter that is on by being there (`comment.absent`, `tag.present`): its value is not read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Flag;

impl From<Flag> for bool {
    fn from(_: Flag) -> bool {
        true
    }
}

/// Sent as `true`.
impl serde::Serialize for Flag {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(true)
    }
}

impl crate::Validate for Flag {}

/// Lists a zone's DNS records, page by page, filtered by type, name, content, comment and tags.
///
/// ```
/// use flarekit::dns::records::{ListDnsRecords, Match, RecordType};
/// use flarekit::Endpoint;
///
/// let list = ListDnsRecords::new("023e105f4ecef8ad9ca31a8372d0c353".into())
///     .kind(RecordType::Cname)
///     .name_contains("shop")
///     .r#match(Match::Any);
/// let query = list.to_request()?.query;
/// assert_eq!(query, [("type", "CNAME".to_string()), ("name.contains", "shop".into()), ("match", "any".into())]);
/// # Ok::<(), flarekit::Error>(())
/// ```
#[endpoint(GET, "/zones/<zone_id>/dns_records", perm = ["DNS Read", "DNS Write"], response = Vec<DnsRecord>, paginate = page)]
#[derive(Debug, Clone, PartialEq)]
pub struct ListDnsRecords {
    /// Zone identifier.
    pub zone_id: ZoneId,
    /// Records of this type.
    #[param(rename = "type")]
    pub kind: Option<RecordType>,
    /// Records of exactly this name (a fully qualified name).
    #[validate(max_length = 255)]
    pub name: Option<String>,
    /// Records of exactly this name.
    #[param(rename = "name.exact")]
    pub name_exact: Option<String>,
    /// Records whose name contains this text.
    #[param(rename = "name.contains")]
    pub name_contains: Option<String>,
    /// Records whose name starts with this text.
    #[param(rename = "name.startswith")]
    pub name_startswith: Option<String>,
    /// Records whose name ends with this text.
    #[param(rename = "name.endswith")]
    pub name_endswith: Option<String>,
    /// Records with exactly this content.
    pub content: Option<String>,
    /// Records with exactly this content.
    #[param(rename = "content.exact")]
    pub content_exact: Option<String>,
    /// Records whose content contains this text.
    #[param(rename = "content.contains")]
    pub content_contains: Option<String>,
    /// Records whose content starts with this text.
    #[param(rename = "content.startswith")]
    pub content_startswith: Option<String>,
    /// Records whose content ends with this text.
    #[param(rename = "content.endswith")]
    pub content_endswith: Option<String>,
    /// Proxied records only, or unproxied ones only.
    pub proxied: Option<bool>,
    /// Whether a record must match every filter (the default) or any.
    pub r#match: Option<Match>,
    /// Records with exactly this comment.
    pub comment: Option<String>,
    /// Records with a comment.
    #[param(rename = "comment.present")]
    pub comment_present: Option<Flag>,
    /// Records without a comment.
    #[param(rename = "comment.absent")]
    pub comment_absent: Option<Flag>,
    /// Records whose comment contains this text.
    #[param(rename = "comment.contains")]
    pub comment_contains: Option<String>,
    /// Records with this tag (`name:value`).
    pub tag: Option<String>,
    /// Records with a tag of this name.
    #[param(rename = "tag.present")]
    pub tag_present: Option<String>,
    /// Records without a tag of this name.
    #[param(rename = "tag.absent")]
    pub tag_absent: Option<String>,
    /// Records with exactly this tag (`name:value`).
    #[param(rename = "tag.exact")]
    pub tag_exact: Option<String>,
    /// Records with a tag whose value contains this text (`name:text`).
    #[param(rename = "tag.contains")]
    pub tag_contains: Option<String>,
    /// Whether a record must match every tag filter (the default) or any.
    pub tag_match: Option<Match>,
    /// Records any of whose fields contain this text.
    pub search: Option<String>,
    /// What the list is sorted by.
    pub order: Option<RecordOrder>,
    /// The sort direction.
    pub direction: Option<Direction>,
    /// Page number, from 1.
    #[validate(minimum = 1)]
    pub page: Option<u32>,
    /// Records per page, 1 to 5,000,000 (default 100).
    #[validate(minimum = 1, maximum = 5000000)]
    pub per_page: Option<u32>,
}

/// A record to send, with only its name and content set: the rest is left to Cloudflare's
/// defaults (automatic TTL, not proxied) or to the caller, who may set any member after.
macro_rules! record_of {
    ($ty:ident, $name:expr, $content:expr $(, $member:ident: $value:expr)*) => {
        $ty {
            comment: None,
            content: $content,
            created_on: None,
            id: None,
            meta: None,
            modified_on: None,
            name: $name,
            proxiable: None,
            tags: None,
            ttl: None,
            $($member: $value,)*
        }
    };
}

impl DnsRecord {
    /// The record's type: [`RecordType::Unknown`] for a type this version does not model.
    pub fn record_type(&self) -> RecordType {
        RecordType::from_wire(self.tag().unwrap_or_default())
    }

    /// An `A` record: `name` resolves to the IPv4 `address`.
    ///
    /// ```
    /// use flarekit::dns::records::DnsRecord;
    ///
    /// let record = DnsRecord::a("home.example.com", "198.51.100.7");
    /// assert_eq!(
    ///     serde_json::to_value(&record).unwrap(),
    ///     serde_json::json!({"type": "A", "name": "home.example.com", "content": "198.51.100.7"})
    /// );
    /// ```
    pub fn a(name: impl Into<String>, address: impl Into<String>) -> DnsRecord {
        DnsRecord::A(record_of!(ARecord, name.into(), address.into(), proxied: None))
    }

    /// An `AAAA` record: `name` resolves to the IPv6 `address`.
    pub fn aaaa(name: impl Into<String>, address: impl Into<String>) -> DnsRecord {
        DnsRecord::Aaaa(record_of!(AaaaRecord, name.into(), address.into(), proxied: None))
    }

    /// A `CNAME` record: `name` is an alias of `target`.
    pub fn cname(name: impl Into<String>, target: impl Into<String>) -> DnsRecord {
        DnsRecord::Cname(record_of!(CnameRecord, name.into(), target.into().into(), proxied: None))
    }

    /// A `TXT` record (an ACME DNS-01 challenge, say: `_acme-challenge.example.com`).
    pub fn txt(name: impl Into<String>, text: impl Into<String>) -> DnsRecord {
        DnsRecord::Txt(record_of!(TxtRecord, name.into(), text.into()))
    }
}

/// Runs `$on` on the members of whichever modelled record `$record` is (`$r`), or `$other` on
/// the JSON members of one this version does not model (`$m`).
macro_rules! on_record {
    ($record:expr, |$r:ident| $on:expr, |$m:ident| $other:expr) => {
        match $record {
            DnsRecord::A($r) => $on,
            DnsRecord::Aaaa($r) => $on,
            DnsRecord::Caa($r) => $on,
            DnsRecord::Cert($r) => $on,
            DnsRecord::Cname($r) => $on,
            DnsRecord::Dnskey($r) => $on,
            DnsRecord::Ds($r) => $on,
            DnsRecord::Https($r) => $on,
            DnsRecord::Loc($r) => $on,
            DnsRecord::Mx($r) => $on,
            DnsRecord::Naptr($r) => $on,
            DnsRecord::Ns($r) => $on,
            DnsRecord::Ptr($r) => $on,
            DnsRecord::Smimea($r) => $on,
            DnsRecord::Srv($r) => $on,
            DnsRecord::Sshfp($r) => $on,
            DnsRecord::Svcb($r) => $on,
            DnsRecord::Tlsa($r) => $on,
            DnsRecord::Txt($r) => $on,
            DnsRecord::Uri($r) => $on,
            DnsRecord::Other($m) => $other,
        }
    };
}

impl DnsRecord {
    /// The record's identifier: set on records Cloudflare answers with, and on a batch's `puts`.
    pub fn id(&self) -> Option<&str> {
        on_record!(self, |r| r.id.as_deref(), |m| m.get("id").and_then(Value::as_str))
    }

    /// The same record with identifier `id`: what a batch's `puts` sends, to replace the record
    /// of that id.
    ///
    /// ```
    /// use flarekit::dns::records::DnsRecord;
    ///
    /// let put = DnsRecord::a("home.example.com", "198.51.100.8").with_id("372e67954025e0ba6aaa6d586b9e0b59");
    /// assert_eq!(put.id(), Some("372e67954025e0ba6aaa6d586b9e0b59"));
    /// ```
    #[must_use]
    pub fn with_id(mut self, id: impl Into<String>) -> DnsRecord {
        let id = id.into();
        on_record!(&mut self, |r| r.id = Some(id), |m| {
            m.insert("id".into(), Value::String(id));
        });
        self
    }
}

/// Applies many changes to a zone's records in one request, as one transaction: first the
/// `deletes`, then the `patches`, then the `puts`, then the `posts`, each list in its order. If
/// one change fails, none is applied and the error names it (`posts[1].content`).
///
/// ```
/// use flarekit::dns::records::{BatchDelete, BatchDnsRecords, BatchPatch, DnsRecord};
///
/// let batch = BatchDnsRecords::new("023e105f4ecef8ad9ca31a8372d0c353".into())
///     .deletes(vec![BatchDelete::new("023e105f4ecef8ad9ca31a8372d0c353")])
///     .patches(vec![BatchPatch { proxied: Some(true), ..BatchPatch::new("372e67954025e0ba6aaa6d586b9e0b59") }])
///     .puts(vec![DnsRecord::a("home", "198.51.100.8").with_id("9a7806061c88ada191ed06f989cc3dac")])
///     .posts(vec![DnsRecord::txt("_acme-challenge", "gfj9Xq...Rg85nM")]);
/// assert!(flarekit::Endpoint::validate(&batch).is_ok());
///
/// // A put replaces the record it names: one that names none is refused before sending.
/// let unnamed = BatchDnsRecords::new("023e105f4ecef8ad9ca31a8372d0c353".into()).puts(vec![DnsRecord::a("home", "198.51.100.8")]);
/// let refused = flarekit::Endpoint::validate(&unnamed).unwrap_err();
/// assert_eq!(refused.violations()[0].field, "puts[0].id");
/// ```
#[endpoint(POST, "/zones/<zone_id>/dns_records/batch",
           perm = ["DNS Write"], response = BatchedRecords, check = puts_name_their_records)]
#[derive(Debug, Clone, PartialEq)]
pub struct BatchDnsRecords {
    /// Zone identifier.
    pub zone_id: ZoneId,
    /// Records to delete, by identifier.
    pub deletes: Option<Vec<BatchDelete>>,
    /// Records to change: what a patch does not send stays as it was.
    pub patches: Option<Vec<BatchPatch>>,
    /// Records to replace, whole, each with the identifier of the one it replaces
    /// ([`DnsRecord::with_id`]).
    pub puts: Option<Vec<DnsRecord>>,
    /// Records to create.
    pub posts: Option<Vec<DnsRecord>>,
}

/// Each of a batch's `puts` names the record it replaces.
fn puts_name_their_records(batch: &BatchDnsRecords, v: &mut Validator) {
    /// A put, checked for its identifier.
    struct Put<'a>(&'a DnsRecord);
    impl Validate for Put<'_> {
        fn validate(&self, v: &mut Validator) {
            v.check("id", self.0.id().is_some(), "required", "must name the record the put replaces");
        }
    }
    if let Some(puts) = &batch.puts {
        v.nested("puts", &puts.iter().map(Put).collect::<Vec<_>>());
    }
}

/// A record a batch deletes.
#[derive(Debug, Clone, PartialEq, Eq, crate::JsonObject, Validate)]
pub struct BatchDelete {
    /// The record's identifier.
    #[validate(max_length = 32)]
    pub id: String,
}

impl BatchDelete {
    /// The record of identifier `id`.
    pub fn new(id: impl Into<String>) -> Self {
        BatchDelete { id: id.into() }
    }
}

/// A change a batch makes to a record: its identifier and the members to change; those left
/// `None` stay as they are.
#[derive(Debug, Clone, Default, PartialEq, crate::JsonObject, Validate)]
pub struct BatchPatch {
    /// The record's identifier.
    #[validate(max_length = 32)]
    pub id: String,
    /// A new type.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<RecordType>,
    /// A new name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 255)]
    pub name: Option<String>,
    /// New content (an address, a target, a text …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The type's structured content (an SRV's or CAA's `data`), as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    /// A new priority (MX, URI).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(minimum = 0, maximum = 65535)]
    pub priority: Option<f64>,
    /// A new time to live in seconds, or 1 for automatic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ttl: Option<f64>,
    /// Whether the record goes through Cloudflare's proxy (A, AAAA and CNAME only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proxied: Option<bool>,
    /// A new comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// New tags (`name:value`), in place of the old ones.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

impl BatchPatch {
    /// A patch of the record of identifier `id` that changes nothing yet: set the members to
    /// change (`BatchPatch { proxied: Some(true), ..BatchPatch::new(id) }`).
    pub fn new(id: impl Into<String>) -> Self {
        BatchPatch { id: id.into(), ..BatchPatch::default() }
    }
}

/// What a batch did: the records it deleted (as they were), changed, replaced and created, each
/// list in the order of the request.
#[derive(Debug, Clone, Default, PartialEq, crate::JsonObject)]
#[non_exhaustive]
pub struct BatchedRecords {
    /// The deleted records.
    #[serde(default)]
    pub deletes: Vec<DnsRecord>,
    /// The patched records, as they are now.
    #[serde(default)]
    pub patches: Vec<DnsRecord>,
    /// The replaced records, as they are now.
    #[serde(default)]
    pub puts: Vec<DnsRecord>,
    /// The created records.
    #[serde(default)]
    pub posts: Vec<DnsRecord>,
}
