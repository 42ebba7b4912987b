//! The operations the fake keeps no state for (an investigation's details, a setting, an
//! action on a resource): the request is checked against its declaration as any other, and the
//! answer is a valid one built from the operation's response type by flarekit-codegen
//! (`samples.rs`): what a client decodes, with no data of its own.

use flarekit::{BodyKind, EndpointInfo, Pagination, ResponseKind};
use serde_json::{Map, Value};

use crate::check::{self, Mode};
use crate::envelope::{page_for, success, Answer, Failure};

#[path = "samples.rs"]
mod samples;

#[path = "guide.rs"]
mod guide;

/// The row flarekit-codegen wrote for `endpoint`, when its answer is JSON.
fn row(endpoint: &EndpointInfo) -> Option<&'static (&'static str, &'static str, &'static str, &'static str)> {
    let key = (endpoint.path.as_str(), endpoint.method.as_str());
    let at = samples::SAMPLES.binary_search_by(|&(path, method, _, _)| (path, method).cmp(&key)).ok()?;
    samples::SAMPLES.get(at)
}

/// The answer built for `endpoint`, when its answer is JSON: the envelope's `result`, or the
/// whole body of an operation that answers outside the envelope.
pub(crate) fn sample(endpoint: &EndpointInfo) -> Option<Value> {
    serde_json::from_str(row(endpoint)?.2).ok()
}

/// A stored resource as the operation's answer type reads it ([`guide::shape`]); the sample
/// where it cannot be one.
pub(crate) fn shaped(endpoint: &EndpointInfo, record: Map<String, Value>) -> Value {
    let spec = row(endpoint).map_or("j", |r| r.3);
    guide::shape(Value::Object(record), spec).or_else(|| sample(endpoint)).unwrap_or(Value::Null)
}

/// The member of `endpoint`'s answer type that holds one resource as `item`'s answer type
/// reads it, where the answer wraps the resource (a DLP dataset's create).
pub(crate) fn holder(endpoint: &EndpointInfo, item: &EndpointInfo) -> Option<String> {
    let item = row(item)?.3;
    if !item.starts_with('#') {
        return None;
    }
    guide::holder(row(endpoint)?.3, item)
}

/// Stored resources as the items of a list's answer type read them; one that cannot be one
/// is left out.
pub(crate) fn shaped_items(endpoint: &EndpointInfo, records: Vec<Value>) -> Vec<Value> {
    let spec = row(endpoint).map_or("j", |r| r.3);
    let item = spec.strip_prefix('[').and_then(|s| s.strip_suffix(']')).unwrap_or("j");
    records.into_iter().filter_map(|r| guide::shape(r, item)).collect()
}

/// Puts `over` into `base` where `base` can hold it: objects member by member (members `base`
/// lacks are added), and any other value where `base` has nothing (`null`) or a value of the
/// same JSON kind. Where the kinds differ (a request's `secret: true` beside an answer's
/// `secret` string) `base` keeps its own, so the result still decodes as `base` did.
pub(crate) fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(base), Value::Object(over)) => merge_members(base, over),
        (Value::Array(base), Value::Array(over)) => {
            // Items of the kind the sample holds, or any items where it holds none.
            let first = base.first().map(kind);
            if over.iter().all(|item| first.map_or(true, |k| kind(item) == k)) {
                *base = over;
            }
        }
        (base, over) if base.is_null() || kind(base) == kind(&over) => *base = over,
        _ => {}
    }
}

/// [`merge`] of two objects: each member of `over` merged into `base`'s, or added.
pub(crate) fn merge_members(base: &mut Map<String, Value>, over: Map<String, Value>) {
    for (key, value) in over {
        match base.get_mut(&key) {
            Some(slot) => merge(slot, value),
            None => {
                base.insert(key, value);
            }
        }
    }
}

/// A value's JSON kind (numbers of any form are one kind).
fn kind(value: &Value) -> u8 {
    match value {
        Value::Null => 0,
        Value::Bool(_) => 1,
        Value::Number(_) => 2,
        Value::String(_) => 3,
        Value::Array(_) => 4,
        Value::Object(_) => 5,
    }
}

/// Checks the request's body against the declaration, then answers the built sample: in the
/// envelope (a list with the `result_info` of an empty page where it pages by number), as bare
/// JSON, or as an empty body of the declared kind.
pub(crate) fn answer(endpoint: &EndpointInfo, query: &Map<String, Value>, body: &[u8]) -> Result<Answer, Failure> {
    match endpoint.body {
        BodyKind::Json => {
            let mut errors = Vec::new();
            check::body(endpoint, &check::parse_object(body)?, "", Mode::Full, &mut errors);
            check::finish(errors)?;
        }
        BodyKind::JsonValue if !body.is_empty() => {
            check::parse_value(body)?;
        }
        _ => {}
    }
    let value = sample(endpoint);
    let (status, json) = match (endpoint.response, value) {
        (ResponseKind::Json, Some(value)) => (200, value),
        (ResponseKind::GraphQl, _) => (200, serde_json::json!({"data": {}, "errors": null})),
        (ResponseKind::Envelope | ResponseKind::EnvelopeOrNoContent | ResponseKind::ReadyOrPending, value) => {
            match (value, endpoint.pagination) {
                (Some(Value::Array(items)), Some(Pagination::PageNumber { .. })) => page_for(items, query, 20),
                (value, _) => (200, success(value.unwrap_or(Value::Null), None)),
            }
        }
        (ResponseKind::Text, _) => return Ok(bytes("text/plain; charset=utf-8")),
        _ => return Ok(bytes("application/octet-stream")),
    };
    Ok(Answer::Json(status, json))
}

fn bytes(content_type: &str) -> Answer {
    Answer::Bytes { headers: vec![("content-type", content_type.to_owned())], body: Vec::new() }
}
