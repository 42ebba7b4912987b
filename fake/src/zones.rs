//! Zones, as applications test against them: created (`pending`, with name servers), listed
//! by name, status and account, read and deleted (with their DNS records and Workers routes). The records
//! themselves are in [`crate::dns`].

use flarekit::{EndpointInfo, Method};
use serde_json::{json, Map, Value};

use crate::check::{self, Mode};
use crate::envelope::{codes, page_for, success, ErrorItem, Failure};
use crate::store::{Row, Store, Table};

/// What a zones endpoint does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operation {
    Create,
    List,
    Get,
    Delete,
}

/// The zones operation `endpoint` declares, if it is one the fake serves statefully.
pub(crate) fn operation(endpoint: &EndpointInfo) -> Option<Operation> {
    match (endpoint.method, endpoint.path.as_str()) {
        (Method::Post, "/zones") => Some(Operation::Create),
        (Method::Get, "/zones") => Some(Operation::List),
        (Method::Get, "/zones/<zone_id>") => Some(Operation::Get),
        (Method::Delete, "/zones/<zone_id>") => Some(Operation::Delete),
        _ => None,
    }
}

/// Cloudflare's name servers are pairs of first names; the fake picks two from these, by id.
const NAME_SERVERS: [&str; 8] = ["ada", "bob", "kai", "lola", "nina", "omar", "rita", "theo"];

/// Runs a zones operation on the (locked) store.
pub(crate) fn run(
    store: &mut Store,
    endpoint: &EndpointInfo,
    op: Operation,
    zone_id: &str,
    query: &Map<String, Value>,
    body: &Map<String, Value>,
) -> Result<(u16, Value), Failure> {
    match op {
        Operation::Create => {
            let zone = create(store, endpoint, body)?;
            let seq = store.next_seq();
            store.zones.rows.push(Row { seq, record: zone.clone() });
            Ok((200, success(Value::Object(zone), None)))
        }
        Operation::List => Ok(list(&store.zones, query)),
        Operation::Get => {
            let at = find(&store.zones, zone_id)?;
            Ok((200, success(Value::Object(store.zones.rows[at].record.clone()), None)))
        }
        Operation::Delete => {
            let at = find(&store.zones, zone_id)?;
            let row = store.zones.rows.remove(at);
            let id = row.id().unwrap_or(zone_id).to_owned();
            store.records.remove(&id.to_ascii_lowercase());
            store.workers.routes.remove(&id.to_ascii_lowercase());
            Ok((200, success(json!({ "id": id }), None)))
        }
    }
}

/// The position of zone `id`, or the 404 for it.
pub(crate) fn find(zones: &Table, id: &str) -> Result<usize, Failure> {
    zones.position(id).ok_or_else(|| Failure::new(404, codes::NOT_FOUND, format!("zone {id} not found")))
}

/// A new zone from a create request: checked, named in lower case, not yet in the store.
fn create(store: &Store, endpoint: &EndpointInfo, body: &Map<String, Value>) -> Result<Map<String, Value>, Failure> {
    let mut errors = Vec::new();
    let fields = check::body(endpoint, body, "", Mode::Full, &mut errors);
    let account = fields.get("account").and_then(|a| a.get("id")).and_then(Value::as_str).unwrap_or_default();
    if errors.is_empty() && account.is_empty() {
        errors.push(ErrorItem::invalid_at("/account/id", "`account.id` is required: the account the zone belongs to"));
    }
    check::finish(errors)?;
    let name = fields.get("name").and_then(Value::as_str).unwrap_or_default().trim_end_matches('.').to_lowercase();
    if store.zones.rows.iter().any(|z| z.record.get("name").and_then(Value::as_str) == Some(name.as_str())) {
        return Err(Failure::new(400, codes::ZONE_EXISTS, format!("{name} already exists")).at("/name"));
    }
    let kind = fields.get("type").and_then(Value::as_str).unwrap_or("full");
    let now = store.clock.now();
    Ok(record(&uuid::Uuid::new_v4().simple().to_string(), &name, kind, account, &now))
}

/// Adds the zone `id` (32 hexadecimal digits) named `name` to `account`, as a test sets it up
/// before it starts ([`crate::MockServerBuilder::zone`]); nothing when a zone of this id is
/// already there (a kept state).
pub(crate) fn seed(store: &mut Store, id: &str, name: &str, account: &str) -> Result<(), String> {
    if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("zone id {id:?} is not 32 hexadecimal digits"));
    }
    let name = name.trim_end_matches('.').to_lowercase();
    if name.is_empty() || account.is_empty() {
        return Err(format!("zone {id}: the name and the account id must not be empty"));
    }
    if store.zones.position(id).is_some() {
        return Ok(());
    }
    if store.zones.rows.iter().any(|z| z.record.get("name").and_then(Value::as_str) == Some(name.as_str())) {
        return Err(format!("a zone named {name} already exists"));
    }
    let now = store.clock.now();
    let zone = record(&id.to_ascii_lowercase(), &name, "full", account, &now);
    let seq = store.next_seq();
    store.zones.rows.push(Row { seq, record: zone });
    Ok(())
}

/// A new zone as Cloudflare answers it: `pending`, with two name servers of the pool.
fn record(id: &str, name: &str, kind: &str, account: &str, now: &str) -> Map<String, Value> {
    // Two different names of the pool, chosen by the id.
    let bytes = id.as_bytes();
    let first = usize::from(bytes.first().copied().unwrap_or(0)) % NAME_SERVERS.len();
    let second =
        (first + 1 + usize::from(bytes.get(1).copied().unwrap_or(0)) % (NAME_SERVERS.len() - 1)) % NAME_SERVERS.len();
    let [first, second] = [first, second].map(|i| format!("{}.ns.cloudflare.com", NAME_SERVERS[i]));
    let zone = json!({
        "id": id,
        "name": name,
        "status": "pending",
        "paused": false,
        "type": kind,
        "development_mode": 0,
        "name_servers": [first, second],
        "original_name_servers": null,
        "original_registrar": null,
        "original_dnshost": null,
        "created_on": now,
        "modified_on": now,
        "activated_on": null,
        "account": {"id": account, "name": ""},
        "owner": {"id": null, "type": "user", "email": null},
        "meta": {"step": 2, "custom_certificate_quota": 0, "page_rule_quota": 3, "phishing_detected": false},
    });
    zone.as_object().cloned().unwrap_or_default()
}

/// The zones that pass the list's filters, sorted and paged (20 a page unless asked).
fn list(zones: &Table, query: &Map<String, Value>) -> (u16, Value) {
    let text = |name: &str| query.get(name).and_then(Value::as_str);
    let filters: Vec<(&str, &str)> =
        ["name", "status", "account.id", "account.name"].into_iter().filter_map(|f| Some((f, text(f)?))).collect();
    let any = text("match") == Some("any");
    let passes = |zone: &Map<String, Value>| {
        let one = |(field, wanted): &(&str, &str)| {
            let have = match field.split_once('.') {
                Some((outer, inner)) => zone.get(outer).and_then(|o| o.get(inner)),
                None => zone.get(*field),
            };
            have.and_then(Value::as_str).is_some_and(|have| have.eq_ignore_ascii_case(wanted))
        };
        filters.is_empty() || if any { filters.iter().any(one) } else { filters.iter().all(one) }
    };
    let mut rows: Vec<&Row> = zones.rows.iter().filter(|z| passes(&z.record)).collect();
    if let Some(order) = text("order") {
        let key = |row: &Row| match order.split_once('.') {
            Some((outer, inner)) => {
                row.record.get(outer).and_then(|o| o.get(inner)).and_then(Value::as_str).map(str::to_owned)
            }
            None => row.record.get(order).and_then(Value::as_str).map(str::to_owned),
        };
        rows.sort_by(|a, b| key(a).cmp(&key(b)).then(a.seq.cmp(&b.seq)));
    }
    if text("direction") == Some("desc") {
        rows.reverse();
    }
    page_for(rows.into_iter().map(|r| Value::Object(r.record.clone())).collect(), query, 20)
}
