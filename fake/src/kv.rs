//! Workers KV: namespaces of an account, and their values as bytes, exactly as written.
//!
//! A value is written as the raw body or as a form of `value` and `metadata`, optionally
//! expiring (`expiration`, seconds since the epoch, or `expiration_ttl`, seconds from now, which
//! wins when both are given; at least 60 seconds ahead). Read, it is the bytes, with an `expiration` header when it has
//! one. An expired key is gone: it is neither read nor listed (the server's clock decides, which
//! tests move with [`crate::MockServer::advance_clock`]). Keys list in order, by `prefix`,
//! `limit` at a time, from the `cursor` of the page before (empty on the last page). Bulk
//! writes and deletes take up to 10,000 keys and apply all or none.

use std::collections::{BTreeMap, HashMap};

use flarekit::{EndpointInfo, Method};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::check;
use crate::envelope::{codes, page_for, success, Answer, ErrorItem, Failure};
use crate::multipart;
use crate::store::{Row, Store, Table};

/// What a KV endpoint does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operation {
    CreateNamespace,
    ListNamespaces,
    GetNamespace,
    RenameNamespace,
    DeleteNamespace,
    Write,
    Read,
    Delete,
    Metadata,
    Keys,
    BulkWrite,
    BulkDelete,
}

const NAMESPACES: &str = "/accounts/<account_id>/storage/kv/namespaces";

/// The KV operation `endpoint` declares, if it is one the fake serves.
pub(crate) fn operation(endpoint: &EndpointInfo) -> Option<Operation> {
    let rest = endpoint.path.as_str().strip_prefix(NAMESPACES)?;
    Some(match (endpoint.method, rest) {
        (Method::Post, "") => Operation::CreateNamespace,
        (Method::Get, "") => Operation::ListNamespaces,
        (Method::Get, "/<namespace_id>") => Operation::GetNamespace,
        (Method::Put, "/<namespace_id>") => Operation::RenameNamespace,
        (Method::Delete, "/<namespace_id>") => Operation::DeleteNamespace,
        (Method::Put, "/<namespace_id>/values/<key_name>") => Operation::Write,
        (Method::Get, "/<namespace_id>/values/<key_name>") => Operation::Read,
        (Method::Delete, "/<namespace_id>/values/<key_name>") => Operation::Delete,
        (Method::Get, "/<namespace_id>/metadata/<key_name>") => Operation::Metadata,
        (Method::Get, "/<namespace_id>/keys") => Operation::Keys,
        (Method::Put, "/<namespace_id>/bulk") => Operation::BulkWrite,
        (Method::Delete, "/<namespace_id>/bulk") | (Method::Post, "/<namespace_id>/bulk/delete") => {
            Operation::BulkDelete
        }
        _ => return None,
    })
}

/// Every account's namespaces and every namespace's values.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Kv {
    namespaces: HashMap<String, Table>,
    values: HashMap<String, BTreeMap<String, Entry>>,
}

/// A stored value.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    #[serde(with = "crate::base64::serde_bytes")]
    value: Vec<u8>,
    expiration: Option<u64>,
    metadata: Option<Value>,
}

/// The most keys a bulk request takes.
const MOST_BULK: usize = 10_000;
/// The longest key, in bytes.
const LONGEST_KEY: usize = 512;
/// The soonest an expiration may be, in seconds from now.
const SOONEST: u64 = 60;

/// A request to a KV endpoint, as received.
pub(crate) struct Request<'a> {
    pub account: &'a str,
    pub namespace: &'a str,
    pub key: &'a str,
    pub query: &'a Map<String, Value>,
    pub content_type: &'a str,
    pub body: &'a [u8],
}

/// Runs a KV operation on the (locked) store.
pub(crate) fn run(store: &mut Store, op: Operation, req: &Request<'_>) -> Result<Answer, Failure> {
    let now = store.clock.unix();
    let seq = store.next_seq();
    let kv = &mut store.kv;
    let empty = || Ok(Answer::Json(200, success(json!({}), None)));
    match op {
        Operation::CreateNamespace => {
            let title = title(req.body)?;
            let table = kv.namespaces.entry(req.account.to_owned()).or_default();
            if table.rows.iter().any(|r| r.record.get("title").and_then(Value::as_str) == Some(title.as_str())) {
                let message = format!("a namespace titled {title} already exists in the account");
                return Err(Failure::new(409, codes::DUPLICATE, message).at("/title"));
            }
            let id = uuid::Uuid::new_v4().simple().to_string();
            let namespace = json!({"id": id, "title": title, "supports_url_encoding": true});
            table.rows.push(Row { seq, record: namespace.as_object().cloned().unwrap_or_default() });
            kv.values.insert(id, BTreeMap::new());
            Ok(Answer::Json(200, success(namespace, None)))
        }
        Operation::ListNamespaces => {
            let table = kv.namespaces.get(req.account).cloned().unwrap_or_default();
            let mut rows: Vec<Value> = table.rows.into_iter().map(|r| Value::Object(r.record)).collect();
            if let Some(order) = req.query.get("order").and_then(Value::as_str) {
                rows.sort_by(|a, b| a[order].as_str().cmp(&b[order].as_str()));
            }
            if req.query.get("direction").and_then(Value::as_str) == Some("desc") {
                rows.reverse();
            }
            let (status, body) = page_for(rows, req.query, 20);
            Ok(Answer::Json(status, body))
        }
        Operation::GetNamespace => {
            let (table, at) = kv.namespace(req)?;
            Ok(Answer::Json(200, success(Value::Object(table.rows[at].record.clone()), None)))
        }
        Operation::RenameNamespace => {
            let title = title(req.body)?;
            let (table, at) = kv.namespace(req)?;
            table.rows[at].record.insert("title".into(), json!(title));
            empty()
        }
        Operation::DeleteNamespace => {
            let (table, at) = kv.namespace(req)?;
            table.rows.remove(at);
            kv.values.remove(&req.namespace.to_ascii_lowercase());
            empty()
        }
        Operation::Write => {
            check_key(req.key, "")?;
            let entry = written(req, now)?;
            kv.values_of(req)?.insert(req.key.to_owned(), entry);
            empty()
        }
        Operation::Read | Operation::Metadata => {
            let values = kv.values_of(req)?;
            let entry = live(values, req.key, now)
                .ok_or_else(|| Failure::new(404, codes::NOT_FOUND, format!("key {} not found", req.key)))?;
            if op == Operation::Metadata {
                return Ok(Answer::Json(200, success(entry.metadata.clone().unwrap_or(Value::Null), None)));
            }
            let mut headers = vec![("content-type", "application/octet-stream".to_owned())];
            if let Some(expiration) = entry.expiration {
                headers.push(("expiration", expiration.to_string()));
            }
            Ok(Answer::Bytes { headers, body: entry.value.clone() })
        }
        Operation::Delete => {
            kv.values_of(req)?.remove(req.key);
            empty()
        }
        Operation::Keys => keys(kv.values_of(req)?, req.query, now),
        Operation::BulkWrite => {
            let items = bulk_items(req.body)?;
            let mut errors = Vec::new();
            let mut entries = Vec::new();
            for (i, item) in items.iter().enumerate() {
                if let Some(entry) = bulk_entry(item, &format!("/{i}"), now, &mut errors) {
                    entries.push(entry);
                }
            }
            check::finish(errors)?;
            let values = kv.values_of(req)?;
            let count = entries.len();
            values.extend(entries);
            Ok(Answer::Json(200, success(json!({"successful_key_count": count, "unsuccessful_keys": []}), None)))
        }
        Operation::BulkDelete => {
            let items = bulk_items(req.body)?;
            let mut errors = Vec::new();
            let keys: Vec<&str> = items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| match item.as_str() {
                    Some(key) => Some(key),
                    None => {
                        errors.push(ErrorItem::invalid_at(&format!("/{i}"), "a key must be a string"));
                        None
                    }
                })
                .collect();
            check::finish(errors)?;
            let values = kv.values_of(req)?;
            for key in &keys {
                values.remove(*key);
            }
            Ok(Answer::Json(200, success(json!({"successful_key_count": keys.len(), "unsuccessful_keys": []}), None)))
        }
    }
}

impl Kv {
    /// The account's namespaces and the position of the request's, or the 404 for it.
    fn namespace(&mut self, req: &Request<'_>) -> Result<(&mut Table, usize), Failure> {
        let table = self.namespaces.entry(req.account.to_owned()).or_default();
        let at = table.position(req.namespace).ok_or_else(|| not_found(req.namespace))?;
        Ok((table, at))
    }

    /// The values of the request's namespace, or the 404 for it.
    fn values_of(&mut self, req: &Request<'_>) -> Result<&mut BTreeMap<String, Entry>, Failure> {
        self.namespace(req)?;
        Ok(self.values.entry(req.namespace.to_ascii_lowercase()).or_default())
    }
}

fn not_found(namespace: &str) -> Failure {
    Failure::new(404, codes::NOT_FOUND, format!("namespace {namespace} not found"))
}

/// The entry under `key` unless it has expired (an expired one is removed).
fn live<'a>(values: &'a mut BTreeMap<String, Entry>, key: &str, now: u64) -> Option<&'a Entry> {
    if values.get(key).is_some_and(|e| e.expiration.is_some_and(|at| at <= now)) {
        values.remove(key);
    }
    values.get(key)
}

/// The `title` of a namespace create or rename body.
fn title(body: &[u8]) -> Result<String, Failure> {
    let body = check::parse_object(body)?;
    match body.get("title") {
        Some(Value::String(t)) if !t.trim().is_empty() && t.len() <= 512 => Ok(t.clone()),
        Some(Value::String(_)) => {
            Err(Failure::invalid(vec![ErrorItem::invalid_at("/title", "`title` must be 1 to 512 characters")]))
        }
        _ => Err(Failure::invalid(vec![ErrorItem::invalid_at("/title", "`title` is required, a string")])),
    }
}

/// Refuses a key KV cannot hold: empty, `.` or `..`, or longer than 512 bytes.
fn check_key(key: &str, pointer: &str) -> Result<(), Failure> {
    let why = if key.is_empty() || key == "." || key == ".." {
        "a key must not be empty, `.` or `..`"
    } else if key.len() > LONGEST_KEY {
        "a key must be at most 512 bytes"
    } else {
        return Ok(());
    };
    Err(Failure::invalid(vec![ErrorItem { code: codes::INVALID, message: why.into(), pointer: Some(pointer.into()) }]))
}

/// When an entry expires: `expiration` (absolute) or `expiration_ttl` (from now), at least 60
/// seconds ahead. When both are given `expiration_ttl` wins, as Cloudflare documents.
fn expiry(expiration: Option<u64>, ttl: Option<u64>, now: u64, pointer: &str) -> Result<Option<u64>, ErrorItem> {
    let error = |message: &str| ErrorItem::invalid_at(pointer, message);
    match (expiration, ttl) {
        (_, Some(ttl)) if ttl < SOONEST => Err(error("`expiration_ttl` must be at least 60 seconds")),
        (_, Some(ttl)) => Ok(Some(now + ttl)),
        (Some(at), None) if at < now + SOONEST => Err(error("`expiration` must be at least 60 seconds from now")),
        (at, None) => Ok(at),
    }
}

/// The entry a write request makes: the raw body, or a form's `value` and `metadata` parts.
fn written(req: &Request<'_>, now: u64) -> Result<Entry, Failure> {
    let number = |name: &str| req.query.get(name).and_then(Value::as_u64);
    let expiration = expiry(number("expiration"), number("expiration_ttl"), now, "")
        .map_err(|e| Failure::invalid(vec![ErrorItem { pointer: None, ..e }]))?;
    if multipart::boundary(req.content_type).is_none() {
        return Ok(Entry { value: req.body.to_vec(), expiration, metadata: None });
    }
    let parts = multipart::request_parts(req.content_type, req.body, "a value with metadata")?;
    let value = multipart::named(&parts, "value")?;
    let metadata = match parts.iter().find(|p| p.name == "metadata") {
        None => None,
        Some(part) => {
            Some(serde_json::from_slice(&part.body).map_err(|e| multipart::malformed(format!("`metadata`: {e}")))?)
        }
    };
    Ok(Entry { value: value.body.clone(), expiration, metadata })
}

/// The JSON array of a bulk body, at most 10,000 items.
fn bulk_items(body: &[u8]) -> Result<Vec<Value>, Failure> {
    let items = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Array(items)) => items,
        Ok(_) => return Err(Failure::new(400, codes::MALFORMED_JSON, "a bulk body is a JSON array").at("")),
        Err(e) => return Err(Failure::new(400, codes::MALFORMED_JSON, format!("Malformed JSON in request body: {e}"))),
    };
    if items.len() > MOST_BULK {
        let message = format!("a bulk request takes at most {MOST_BULK} keys, got {}", items.len());
        return Err(Failure::invalid(vec![ErrorItem::invalid_at("", message)]));
    }
    Ok(items)
}

/// One item of a bulk write, checked; errors are recorded at `pointer`.
fn bulk_entry(item: &Value, pointer: &str, now: u64, errors: &mut Vec<ErrorItem>) -> Option<(String, Entry)> {
    let text = |name: &str| item.get(name).and_then(Value::as_str);
    let (Some(key), Some(value)) = (text("key"), text("value")) else {
        errors.push(ErrorItem::invalid_at(pointer, "an item needs `key` and `value`, both strings"));
        return None;
    };
    if let Err(e) = check_key(key, &format!("{pointer}/key")) {
        errors.extend(e.errors);
        return None;
    }
    let number = |name: &str| item.get(name).and_then(Value::as_f64).filter(|n| *n >= 0.0).map(|n| n as u64);
    let expiration = match expiry(number("expiration"), number("expiration_ttl"), now, pointer) {
        Ok(at) => at,
        Err(e) => {
            errors.push(e);
            return None;
        }
    };
    let bytes = if item.get("base64").and_then(Value::as_bool) == Some(true) {
        let Some(bytes) = crate::base64::decode(value) else {
            errors.push(ErrorItem::invalid_at(&format!("{pointer}/value"), "`value` is not valid base64"));
            return None;
        };
        bytes
    } else {
        value.as_bytes().to_vec()
    };
    let metadata = item.get("metadata").filter(|m| !m.is_null()).cloned();
    Some((key.to_owned(), Entry { value: bytes, expiration, metadata }))
}

/// A page of the namespace's live keys, in order: those after the cursor that start with the
/// prefix, `limit` of them (10 to 1000, default 1000).
fn keys(values: &mut BTreeMap<String, Entry>, query: &Map<String, Value>, now: u64) -> Result<Answer, Failure> {
    values.retain(|_, e| !e.expiration.is_some_and(|at| at <= now));
    let prefix = query.get("prefix").and_then(Value::as_str).unwrap_or_default();
    let limit = query.get("limit").and_then(Value::as_u64).unwrap_or(1000);
    let after = match query.get("cursor").and_then(Value::as_str).filter(|c| !c.is_empty()) {
        Some(cursor) => Some(decode_cursor(cursor).ok_or_else(|| {
            Failure::invalid(vec![ErrorItem::new(
                codes::INVALID,
                format!("`cursor` {cursor} is not one this list gave"),
            )])
        })?),
        None => None,
    };
    let matching = values
        .iter()
        .filter(|(k, _)| k.starts_with(prefix) && after.as_ref().map_or(true, |a| k.as_str() > a.as_str()));
    let mut page: Vec<(&String, &Entry)> = matching.take(usize::try_from(limit).unwrap_or(usize::MAX) + 1).collect();
    let more = page.len() as u64 > limit;
    page.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let cursor = match (more, page.last()) {
        (true, Some((last, _))) => encode_cursor(last),
        _ => String::new(),
    };
    let result: Vec<Value> = page
        .iter()
        .map(|(name, entry)| {
            let mut key = json!({ "name": name });
            if let Some(at) = entry.expiration {
                key["expiration"] = json!(at);
            }
            if let Some(metadata) = &entry.metadata {
                key["metadata"] = metadata.clone();
            }
            key
        })
        .collect();
    let info = json!({"count": result.len(), "cursor": cursor});
    Ok(Answer::Json(200, success(Value::Array(result), Some(info))))
}

/// The cursor after `key`: its bytes in hex, opaque to the caller.
fn encode_cursor(key: &str) -> String {
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

fn decode_cursor(cursor: &str) -> Option<String> {
    let bytes: Option<Vec<u8>> = (0..cursor.len())
        .step_by(2)
        .map(|i| cursor.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect();
    String::from_utf8(bytes?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip() {
        assert_eq!(decode_cursor(&encode_cursor("build/42/ä")), Some("build/42/ä".into()));
        assert_eq!(decode_cursor("zz"), None);
    }

    #[test]
    fn expirations_are_at_least_a_minute_ahead() {
        assert_eq!(expiry(None, Some(60), 1000, ""), Ok(Some(1060)));
        assert_eq!(expiry(Some(1060), None, 1000, ""), Ok(Some(1060)));
        assert!(expiry(None, Some(59), 1000, "").is_err());
        assert!(expiry(Some(1059), None, 1000, "").is_err());
        assert_eq!(expiry(Some(2000), Some(60), 1000, ""), Ok(Some(1060)));
        assert_eq!(expiry(None, None, 1000, ""), Ok(None));
    }
}
