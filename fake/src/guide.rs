//! What each generated answer type reads, from the guides flarekit-codegen writes beside the
//! samples (`samples.rs`): a stored resource, which holds what its requests sent, is shaped into
//! the answer type of the operation that returns it. A member the type reads as another kind
//! than was sent (a request's `secret: true` beside an answer's `secret` string) is left out, as
//! is one the type does not declare (a write-only `client_secret`), and an object gets the
//! members its type always has (from the type's sample) where the request did not send them,
//! so every answer decodes as the operation's type and says what Cloudflare's would.
//!
//! A spec is `s` (a string), `i` (an integer), `u` (an unsigned 32-bit integer), `n` (a
//! number), `b` (a boolean), `o` (any object), `j` (any JSON), `[spec]` (a list), `{spec}` (a
//! map) or `#name` (a named type, whose guide is in the table).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::{Map, Value};

/// How deep a value is shaped; below it the value is kept as it is.
const DEPTH: usize = 64;

/// Each named type's guide, parsed once.
fn guides() -> &'static HashMap<&'static str, Value> {
    static GUIDES: OnceLock<HashMap<&'static str, Value>> = OnceLock::new();
    GUIDES.get_or_init(|| {
        super::samples::GUIDES
            .iter()
            .filter_map(|&(name, guide)| Some((name, serde_json::from_str(guide).ok()?)))
            .collect()
    })
}

/// The member of the struct `spec` names whose spec is `member` (a DLP dataset's create answers
/// `{dataset, max_cells, version}`, the dataset in `dataset`), if it has exactly one.
pub(crate) fn holder(spec: &str, member: &str) -> Option<String> {
    let members = guides().get(spec.strip_prefix('#')?)?.get("m")?.as_object()?;
    let mut holding = members.iter().filter(|(_, s)| s.as_str() == Some(member)).map(|(k, _)| k);
    match (holding.next(), holding.next()) {
        (Some(one), None) => Some(one.clone()),
        _ => None,
    }
}

/// `value` as a value of `spec` reads it, or `None` when it cannot be one.
pub(crate) fn shape(value: Value, spec: &str) -> Option<Value> {
    shape_at(value, spec, 0)
}

fn shape_at(value: Value, spec: &str, depth: usize) -> Option<Value> {
    if depth > DEPTH {
        return Some(value);
    }
    let inner = |open: char, close: char| spec.strip_prefix(open).and_then(|s| s.strip_suffix(close));
    match (spec, value) {
        ("j", value) => Some(value),
        ("s", value @ Value::String(_)) | ("b", value @ Value::Bool(_)) | ("o", value @ Value::Object(_)) => {
            Some(value)
        }
        ("n", value @ Value::Number(_)) => Some(value),
        ("i", Value::Number(n)) if n.is_i64() || n.is_u64() => Some(Value::Number(n)),
        ("u", Value::Number(n)) if n.as_u64().is_some_and(|n| n <= u64::from(u32::MAX)) => Some(Value::Number(n)),
        (_, Value::Array(items)) if inner('[', ']').is_some() => {
            let item = inner('[', ']').unwrap_or("j");
            Some(Value::Array(items.into_iter().filter_map(|v| shape_at(v, item, depth + 1)).collect()))
        }
        (_, Value::Object(members)) if inner('{', '}').is_some() => {
            let item = inner('{', '}').unwrap_or("j");
            let kept = members.into_iter().filter_map(|(k, v)| Some((k, shape_at(v, item, depth + 1)?)));
            Some(Value::Object(kept.collect()))
        }
        (_, value) => match spec.strip_prefix('#') {
            Some(name) => named(value, guides().get(name)?, depth),
            None => None,
        },
    }
}

/// `value` shaped by a named type's guide: a struct (`m`, `b`), a tagged union (`t`, `v`) or a
/// union of JSON kinds (`k`).
fn named(value: Value, guide: &Value, depth: usize) -> Option<Value> {
    if let Some(kinds) = guide.get("k").and_then(Value::as_array) {
        // The first alternative that reads it; a value of no listed kind is the union's `Other`.
        let fit = kinds.iter().filter_map(Value::as_str).find_map(|spec| shape_at(value.clone(), spec, depth + 1));
        return Some(fit.unwrap_or(value));
    }
    let Value::Object(members) = value else { return None };
    if let (Some(tag), Some(variants)) = (guide.get("t").and_then(Value::as_str), guide.get("v")) {
        let variant = members.get(tag).and_then(Value::as_str).and_then(|t| variants.get(t)).and_then(Value::as_str);
        return match variant {
            Some(spec) => {
                let tag_value = members.get(tag).cloned();
                let mut shaped = shape_at(Value::Object(members), spec, depth + 1)?;
                if let (Value::Object(shaped), Some(tag_value)) = (&mut shaped, tag_value) {
                    shaped.insert(tag.to_owned(), tag_value);
                }
                Some(shaped)
            }
            // A tag the union does not know is its `Other`, which holds any members.
            None if members.get(tag).is_some_and(Value::is_string) => Some(Value::Object(members)),
            None => None,
        };
    }
    let specs = guide.get("m").and_then(Value::as_object);
    let mut out = match guide.get("b") {
        Some(Value::Object(base)) => base.clone(),
        _ => Map::new(),
    };
    for (key, value) in members {
        match specs.and_then(|m| m.get(&key)).and_then(Value::as_str) {
            // A member the type does not declare is not answered (a write-only `client_secret`),
            // unless the document describes no member of it at all; the `id` the fake finds
            // every resource by is (a queue's type names its own `queue_id`).
            None => {
                if key == "id" || specs.map_or(true, Map::is_empty) {
                    out.insert(key, value);
                }
            }
            // `null` is an absent optional member; one the type always has keeps its sample.
            Some(_) if value.is_null() => {
                if !out.contains_key(&key) {
                    out.insert(key, value);
                }
            }
            Some(spec) => {
                if let Some(fit) = shape_at(value, spec, depth + 1) {
                    out.insert(key, fit);
                }
            }
        }
    }
    Some(Value::Object(out))
}
