//! The DNS records of a zone, as applications test against them.
//!
//! Each record is checked as Cloudflare checks it: an A record's content is an IPv4 address, an
//! AAAA record's an IPv6 address, a CNAME's, NS's or PTR's a hostname; an MX has a priority; a
//! TTL is 1 (automatic) or 30 to 86,400 seconds; only A, AAAA and CNAME records are proxied.
//! Names become fully qualified names under the zone (`@` is the zone itself, `www` is
//! `www.example.com`). A CNAME shares its name with no other record, and no record is created
//! twice. PATCH keeps what it does not send; PUT replaces the record but its id and creation
//! time. A batch makes many such changes at once, all or none ([`mod@batch`]). Export and
//! import as a BIND zone file are in [`mod@zone_file`].

use std::net::{Ipv4Addr, Ipv6Addr};

use flarekit::{EndpointInfo, Method};
use serde_json::{json, Map, Value};

use crate::check;
use crate::envelope::{codes, page_for, success, ErrorItem, Failure};
use crate::store::{Row, Store, Table};
use crate::zones;

mod batch;
mod zone_file;
pub(crate) use zone_file::{run_zone_file, zone_file};

/// What a DNS records endpoint does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operation {
    Create,
    List,
    Get,
    Edit,
    Replace,
    Delete,
    Batch,
}

const RECORDS: &str = "/zones/<zone_id>/dns_records";
const RECORD: &str = "/zones/<zone_id>/dns_records/<dns_record_id>";

/// The record operation `endpoint` declares, if it is one the fake serves statefully.
pub(crate) fn operation(endpoint: &EndpointInfo) -> Option<Operation> {
    match (endpoint.method, endpoint.path.as_str()) {
        (Method::Post, RECORDS) => Some(Operation::Create),
        (Method::Get, RECORDS) => Some(Operation::List),
        (Method::Get, RECORD) => Some(Operation::Get),
        (Method::Patch, RECORD) => Some(Operation::Edit),
        (Method::Put, RECORD) => Some(Operation::Replace),
        (Method::Delete, RECORD) => Some(Operation::Delete),
        (Method::Post, "/zones/<zone_id>/dns_records/batch") => Some(Operation::Batch),
        _ => None,
    }
}

/// The record types Cloudflare serves.
const TYPES: [&str; 21] = [
    "A",
    "AAAA",
    "CAA",
    "CERT",
    "CNAME",
    "DNSKEY",
    "DS",
    "HTTPS",
    "LOC",
    "MX",
    "NAPTR",
    "NS",
    "OPENPGPKEY",
    "PTR",
    "SMIMEA",
    "SRV",
    "SSHFP",
    "SVCB",
    "TLSA",
    "TXT",
    "URI",
];

/// Types whose content is a hostname.
const HOSTNAME_TYPES: [&str; 4] = ["CNAME", "NS", "PTR", "MX"];

/// Types that can be proxied.
const PROXIABLE: [&str; 3] = ["A", "AAAA", "CNAME"];

/// Runs a records operation on the (locked) store, in zone `zone_id`.
pub(crate) fn run(
    store: &mut Store,
    op: Operation,
    (zone_id, record_id): (&str, &str),
    query: &Map<String, Value>,
    body: &[u8],
) -> Result<(u16, Value), Failure> {
    let zone = Zone::of(store, zone_id)?;
    let seq = store.next_seq();
    let now = store.clock.now();
    let table = store.records.entry(zone.id.to_ascii_lowercase()).or_default();
    let sent = || check::parse_object(body);
    let ok = |record: Map<String, Value>| Ok((200, success(Value::Object(record), None)));
    match op {
        Operation::List => list(table, query),
        Operation::Get => ok(table.rows[find(table, record_id)?].record.clone()),
        Operation::Delete => {
            let at = find(table, record_id)?;
            let row = table.rows.remove(at);
            Ok((200, success(json!({ "id": row.id().unwrap_or(record_id) }), None)))
        }
        Operation::Create => ok(zone.create(table, &sent()?, seq, &now)?),
        Operation::Edit => ok(zone.change(table, record_id, sent()?, Change::Edit, &now)?),
        Operation::Replace => ok(zone.change(table, record_id, sent()?, Change::Replace, &now)?),
        Operation::Batch => batch::run(store, &zone, body),
    }
}

/// How a change treats what it was not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    /// It stays as it was (PATCH).
    Edit,
    /// It goes back to its default (PUT); the id and creation time stay.
    Replace,
}

fn find(table: &Table, id: &str) -> Result<usize, Failure> {
    table.position(id).ok_or_else(|| Failure::new(404, codes::NOT_FOUND, format!("DNS record {id} not found")))
}

/// The zone a record is in.
struct Zone {
    id: String,
    name: String,
}

impl Zone {
    /// Zone `zone_id` of the store, or the 404 for it.
    fn of(store: &Store, zone_id: &str) -> Result<Zone, Failure> {
        let at = zones::find(&store.zones, zone_id)?;
        let zone = &store.zones.rows[at].record;
        Ok(Zone {
            id: zone.get("id").and_then(Value::as_str).unwrap_or(zone_id).to_owned(),
            name: zone.get("name").and_then(Value::as_str).unwrap_or_default().to_owned(),
        })
    }

    /// `name` as a fully qualified name under the zone, in lower case: `@` (or the zone's name)
    /// is the zone, a name that ends in the zone's is kept, any other gets the zone's appended.
    fn qualify(&self, name: &str) -> String {
        let name = name.trim_end_matches('.').to_lowercase();
        if name == "@" || name.is_empty() || name == self.name {
            self.name.clone()
        } else if name.ends_with(&format!(".{}", self.name)) {
            name
        } else {
            format!("{name}.{}", self.name)
        }
    }

    /// Adds the record `sent` describes to `table`, if Cloudflare would take it: checked, and
    /// refused if it conflicts with another. Gives the record as stored.
    fn create(
        &self,
        table: &mut Table,
        sent: &Map<String, Value>,
        seq: u64,
        now: &str,
    ) -> Result<Map<String, Value>, Failure> {
        let record = self.checked(sent)?;
        refuse_conflicts(table, &record, None)?;
        let record = created(record, now);
        table.rows.push(Row { seq, record: record.clone() });
        Ok(record)
    }

    /// Changes record `id` of `table` to what was `sent`, checked as a create is. Gives the
    /// record as stored.
    fn change(
        &self,
        table: &mut Table,
        id: &str,
        sent: Map<String, Value>,
        how: Change,
        now: &str,
    ) -> Result<Map<String, Value>, Failure> {
        let at = find(table, id)?;
        let before = &table.rows[at].record;
        let wanted = match how {
            Change::Edit => {
                let mut merged = before.clone();
                merged.extend(sent);
                merged
            }
            Change::Replace => sent,
        };
        let mut record = self.checked(&wanted)?;
        let id = before.get("id").cloned().unwrap_or_else(|| json!(id));
        refuse_conflicts(table, &record, id.as_str())?;
        record.insert("id".into(), id);
        record.insert("created_on".into(), before.get("created_on").cloned().unwrap_or(Value::Null));
        record.insert("modified_on".into(), json!(now));
        table.rows[at].record = ordered(record);
        Ok(table.rows[at].record.clone())
    }

    /// A record from what was sent: every member checked, every error reported, the name
    /// qualified and the server's defaults filled in. No id or timestamps yet.
    fn checked(&self, sent: &Map<String, Value>) -> Result<Map<String, Value>, Failure> {
        let mut errors = Vec::new();
        let text = |member: &str, errors: &mut Vec<ErrorItem>| match sent.get(member) {
            Some(Value::String(s)) => Some(s.clone()),
            None | Some(Value::Null) => None,
            Some(_) => {
                errors.push(ErrorItem::invalid_at(&format!("/{member}"), format!("`{member}` must be a string")));
                None
            }
        };
        let kind = text("type", &mut errors).map(|t| t.to_ascii_uppercase());
        match kind.as_deref() {
            None if !sent.contains_key("type") => {
                errors.push(ErrorItem::invalid_at("/type", "`type` is required"));
            }
            Some(t) if !TYPES.contains(&t) => {
                errors.push(ErrorItem::invalid_at("/type", format!("`type` {t} is not a DNS record type")));
            }
            _ => {}
        }
        let kind = kind.filter(|t| TYPES.contains(&t.as_str())).unwrap_or_default();
        let name = text("name", &mut errors);
        match &name {
            None => errors.push(ErrorItem::invalid_at("/name", "`name` is required")),
            Some(n) if n.len() > 255 => {
                errors.push(ErrorItem::invalid_at("/name", "`name` must be at most 255 characters"));
            }
            Some(_) => {}
        }
        let content = text("content", &mut errors);
        let data = match sent.get("data") {
            None | Some(Value::Null) => None,
            Some(Value::Object(d)) => Some(d.clone()),
            Some(_) => {
                errors.push(ErrorItem::invalid_at("/data", "`data` must be an object"));
                None
            }
        };
        // A content of the wrong kind is already reported; one that is missing is reported here.
        let absent = content.is_none() && sent.get("content").map_or(true, Value::is_null);
        check_content(&kind, content.as_deref(), absent && data.is_none(), &mut errors);
        let priority = sent.get("priority").filter(|p| !p.is_null());
        if let Some(p) = priority {
            if !p.as_f64().is_some_and(|n| n.fract() == 0.0 && (0.0..=65_535.0).contains(&n)) {
                errors.push(ErrorItem::invalid_at("/priority", "`priority` must be a whole number from 0 to 65535"));
            }
        } else if kind == "MX" {
            errors.push(ErrorItem::invalid_at("/priority", "`priority` is required for an MX record"));
        }
        let ttl = sent.get("ttl").filter(|t| !t.is_null()).cloned().unwrap_or(json!(1));
        if !ttl.as_f64().is_some_and(|t| t == 1.0 || (t.fract() == 0.0 && (30.0..=86_400.0).contains(&t))) {
            errors.push(ErrorItem::invalid_at("/ttl", "`ttl` must be 1 (automatic) or from 30 to 86400 seconds"));
        }
        let proxied = match sent.get("proxied") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                errors.push(ErrorItem::invalid_at("/proxied", "`proxied` must be a boolean"));
                false
            }
        };
        let proxiable = PROXIABLE.contains(&kind.as_str());
        if proxied && !proxiable && !kind.is_empty() {
            errors.push(ErrorItem::invalid_at("/proxied", format!("a {kind} record cannot be proxied")));
        }
        let comment = text("comment", &mut errors);
        let tags = match sent.get("tags") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(tags)) if tags.iter().all(Value::is_string) => tags.clone(),
            Some(_) => {
                errors.push(ErrorItem::invalid_at("/tags", "`tags` must be a list of strings"));
                Vec::new()
            }
        };
        if let Some(failure) = content_failure(&errors) {
            return Err(failure);
        }
        check::finish(errors)?;
        let mut record = Map::new();
        record.insert("zone_id".into(), json!(self.id));
        record.insert("zone_name".into(), json!(self.name));
        record.insert("name".into(), json!(self.qualify(name.as_deref().unwrap_or_default())));
        record.insert("type".into(), json!(kind));
        record.insert("content".into(), json!(content.unwrap_or_default()));
        if let Some(p) = priority {
            record.insert("priority".into(), p.clone());
        }
        if let Some(d) = data {
            record.insert("data".into(), Value::Object(d));
        }
        record.insert("proxiable".into(), json!(proxiable));
        record.insert("proxied".into(), json!(proxied));
        record.insert("ttl".into(), ttl);
        record.insert("settings".into(), sent.get("settings").filter(|s| s.is_object()).cloned().unwrap_or(json!({})));
        record.insert("meta".into(), json!({}));
        record.insert("comment".into(), comment.map_or(Value::Null, Value::String));
        record.insert("tags".into(), Value::Array(tags));
        Ok(record)
    }
}

/// Records the content errors of a record of type `kind`, with the codes Cloudflare uses
/// (`missing`: neither `content` nor `data` was sent).
fn check_content(kind: &str, content: Option<&str>, missing: bool, errors: &mut Vec<ErrorItem>) {
    let content_error = |code: i64, message: String| ErrorItem { code, message, pointer: Some("/content".into()) };
    match (kind, content) {
        ("", _) => {}
        (_, None) if missing => {
            errors.push(ErrorItem::invalid_at("/content", format!("`content` is required for a {kind} record")));
        }
        (_, None) => {}
        ("A", Some(c)) if c.parse::<Ipv4Addr>().is_err() => {
            errors
                .push(content_error(codes::DNS_NOT_IPV4, "Content for A record must be a valid IPv4 address.".into()));
        }
        ("AAAA", Some(c)) if c.parse::<Ipv6Addr>().is_err() => {
            errors.push(content_error(
                codes::DNS_NOT_IPV6,
                "Content for AAAA record must be a valid IPv6 address.".into(),
            ));
        }
        (k, Some(c)) if HOSTNAME_TYPES.contains(&k) && !is_hostname(c) => {
            errors.push(content_error(
                codes::DNS_VALIDATION,
                format!("Content for {k} record is invalid: not a hostname."),
            ));
        }
        _ => {}
    }
}

/// A content error answers alone, with its own code (as Cloudflare answers it); other
/// validation errors go together as one 400.
fn content_failure(errors: &[ErrorItem]) -> Option<Failure> {
    let content = [codes::DNS_NOT_IPV4, codes::DNS_NOT_IPV6, codes::DNS_VALIDATION];
    errors.iter().find(|e| content.contains(&e.code)).map(|e| Failure { status: 400, errors: vec![e.clone()] })
}

/// A hostname: dot-separated labels of letters, digits, `-` and `_` (1 to 63 each, 253 in all),
/// a trailing dot allowed.
fn is_hostname(name: &str) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// Refuses a record that cannot stand beside the zone's others (`except` is the record being
/// changed): a CNAME shares its name with nothing, and no two records are the same.
fn refuse_conflicts(table: &Table, record: &Map<String, Value>, except: Option<&str>) -> Result<(), Failure> {
    let get = |r: &Map<String, Value>, k: &str| r.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    let (kind, name) = (get(record, "type"), get(record, "name"));
    let others = table
        .rows
        .iter()
        .filter(|row| !except.is_some_and(|id| row.id().is_some_and(|own| own.eq_ignore_ascii_case(id))));
    for other in others.map(|row| &row.record).filter(|other| get(other, "name") == name) {
        let failure = |code: i64, message: String| Err(Failure::new(400, code, message).at("/name"));
        if kind == "CNAME" {
            return failure(
                codes::DNS_NAME_TAKEN,
                format!("A record named {name} already exists; a CNAME cannot share its name."),
            );
        }
        if get(other, "type") == "CNAME" {
            return failure(codes::DNS_CNAME_THERE, format!("A CNAME record named {name} already exists."));
        }
        if get(other, "type") == kind
            && other.get("content") == record.get("content")
            && other.get("data") == record.get("data")
        {
            return failure(codes::DNS_IDENTICAL, "An identical record already exists.".into());
        }
    }
    Ok(())
}

/// A new record as stored: a fresh id, created and modified `now`.
fn created(mut record: Map<String, Value>, now: &str) -> Map<String, Value> {
    record.insert("id".into(), json!(uuid::Uuid::new_v4().simple().to_string()));
    record.insert("created_on".into(), json!(now));
    record.insert("modified_on".into(), json!(now));
    ordered(record)
}

/// The record's members in the order Cloudflare writes them: `id` first.
fn ordered(mut record: Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    if let Some(id) = record.remove("id") {
        out.insert("id".into(), id);
    }
    out.extend(record);
    out
}

/// The records that pass the list's filters, sorted and paged (100 a page unless asked).
fn list(table: &Table, query: &Map<String, Value>) -> Result<(u16, Value), Failure> {
    let text = |name: &str| query.get(name).and_then(Value::as_str).map(str::to_lowercase);
    let field = |record: &Map<String, Value>, name: &str| {
        record.get(name).and_then(Value::as_str).map(str::to_lowercase).unwrap_or_default()
    };
    type Test = Box<dyn Fn(&Map<String, Value>) -> bool>;
    let mut tests: Vec<Test> = Vec::new();
    for member in ["name", "content"] {
        let qualified = |v: String| v.trim_end_matches('.').to_owned();
        for (suffix, how) in [("", 0), (".exact", 0), (".contains", 1), (".startswith", 2), (".endswith", 3)] {
            let Some(wanted) = text(&format!("{member}{suffix}")).map(qualified) else { continue };
            tests.push(Box::new(move |r| {
                let have = field(r, member);
                match how {
                    1 => have.contains(&wanted),
                    2 => have.starts_with(&wanted),
                    3 => have.ends_with(&wanted),
                    _ => have == wanted,
                }
            }));
        }
    }
    if let Some(kind) = text("type") {
        tests.push(Box::new(move |r| field(r, "type") == kind));
    }
    if let Some(proxied) = query.get("proxied").and_then(Value::as_bool) {
        tests.push(Box::new(move |r| r.get("proxied").and_then(Value::as_bool) == Some(proxied)));
    }
    if let Some(comment) = text("comment") {
        tests.push(Box::new(move |r| field(r, "comment") == comment));
    }
    if let Some(part) = text("comment.contains") {
        tests.push(Box::new(move |r| field(r, "comment").contains(&part)));
    }
    if query.contains_key("comment.present") {
        tests.push(Box::new(|r| r.get("comment").is_some_and(Value::is_string)));
    }
    if query.contains_key("comment.absent") {
        tests.push(Box::new(|r| !r.get("comment").is_some_and(Value::is_string)));
    }
    let any = text("match").as_deref() == Some("any");
    let search = text("search");
    let passes = |r: &Map<String, Value>| {
        let filtered = tests.is_empty() || if any { tests.iter().any(|t| t(r)) } else { tests.iter().all(|t| t(r)) };
        let searched = search
            .as_ref()
            .map_or(true, |s| ["name", "content", "comment", "type"].iter().any(|m| field(r, m).contains(s.as_str())));
        filtered && searched
    };
    let mut rows: Vec<&Row> = table.rows.iter().filter(|row| passes(&row.record)).collect();
    if let Some(order) = text("order") {
        let key = |row: &Row| match row.record.get(order.as_str()) {
            Some(Value::String(s)) => s.to_lowercase(),
            Some(other) => format!("{other:>20}"),
            None => String::new(),
        };
        rows.sort_by(|a, b| key(a).cmp(&key(b)).then(a.seq.cmp(&b.seq)));
    }
    if text("direction").as_deref() == Some("desc") {
        rows.reverse();
    }
    Ok(page_for(rows.into_iter().map(|r| Value::Object(r.record.clone())).collect(), query, 100))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_qualified_under_the_zone() {
        let zone = Zone { id: "z".into(), name: "example.com".into() };
        let q = |n: &str| zone.qualify(n);
        assert_eq!(
            [q("@"), q("www"), q("WWW.Example.com."), q("example.com"), q("home.example.org")],
            ["example.com", "www.example.com", "www.example.com", "example.com", "home.example.org.example.com"]
        );
    }

    #[test]
    fn hostnames() {
        assert!(is_hostname("example.com") && is_hostname("_acme-challenge.example.com.") && is_hostname("localhost"));
        assert!(!is_hostname("") && !is_hostname("198.51.100.7 ") && !is_hostname("a..b") && !is_hostname("-a.com"));
        assert!(!is_hostname(&format!("{}.com", "a".repeat(64))));
    }
}
