//! Cache purge: by files (URLs, or URLs with the headers their cache key varies on), tags,
//! hosts, prefixes, or everything, one way per request, at most 100 items per request (the
//! per-request limit of Cloudflare's plans).

use flarekit::{EndpointInfo, Method};
use serde_json::{json, Map, Value};

use crate::check;
use crate::envelope::{success, ErrorItem, Failure};
use crate::store::Store;
use crate::zones;

/// The ways to purge, as the body's members.
const WAYS: [&str; 5] = ["files", "tags", "hosts", "prefixes", "purge_everything"];

/// Items per request, for every plan but Enterprise's URL purges.
const MOST_ITEMS: usize = 100;

/// Whether `endpoint` is the zone's cache purge.
pub(crate) fn is_purge(endpoint: &EndpointInfo) -> bool {
    (endpoint.method, endpoint.path.as_str()) == (Method::Post, "/zones/<zone_id>/purge_cache")
}

/// Purges the cache of zone `zone_id` (there is no cache: the request is checked and answered).
pub(crate) fn purge(store: &Store, zone_id: &str, body: &Map<String, Value>) -> Result<(u16, Value), Failure> {
    let at = zones::find(&store.zones, zone_id)?;
    let id = store.zones.rows[at].id().unwrap_or(zone_id).to_owned();
    let given: Vec<&str> = WAYS.into_iter().filter(|w| body.get(*w).is_some_and(|v| !v.is_null())).collect();
    let [way] = given[..] else {
        let message = format!(
            "give exactly one of `files`, `tags`, `hosts`, `prefixes`, `purge_everything`; got {}",
            given.len()
        );
        return Err(Failure::invalid(vec![ErrorItem::invalid_at("", message)]));
    };
    let mut errors = Vec::new();
    let value = &body[way];
    let pointer = format!("/{way}");
    if way == "purge_everything" {
        if value != &Value::Bool(true) {
            errors.push(ErrorItem::invalid_at(&pointer, "`purge_everything` must be true"));
        }
    } else {
        match value.as_array() {
            None => errors.push(ErrorItem::invalid_at(&pointer, format!("`{way}` must be a list"))),
            Some(items) if items.is_empty() => {
                errors.push(ErrorItem::invalid_at(&pointer, format!("`{way}` must not be empty")))
            }
            Some(items) if items.len() > MOST_ITEMS => errors.push(ErrorItem::invalid_at(
                &pointer,
                format!("`{way}` holds {} items; a request purges at most {MOST_ITEMS}", items.len()),
            )),
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let Some(why) = item_error(way, item) {
                        errors.push(ErrorItem::invalid_at(&format!("{pointer}/{i}"), why));
                    }
                }
            }
        }
    }
    check::finish(errors)?;
    Ok((200, success(json!({ "id": id }), None)))
}

/// What is wrong with one item of a purge by `way`, if anything.
fn item_error(way: &str, item: &Value) -> Option<String> {
    let url = |u: &str| (u.starts_with("http://") || u.starts_with("https://")) && u.len() > "https://".len();
    match (way, item) {
        ("files", Value::String(u)) if url(u) => None,
        ("files", Value::Object(o)) => match o.get("url") {
            Some(Value::String(u)) if url(u) => match o.get("headers") {
                None | Some(Value::Object(_)) => None,
                Some(_) => Some("`headers` must be an object of header names and values".into()),
            },
            _ => Some("a file with headers needs `url`, an http or https URL".into()),
        },
        ("files", _) => Some("a file is an http or https URL, or an object with `url` and `headers`".into()),
        (_, Value::String(s)) if s.is_empty() => Some(format!("an item of `{way}` must not be empty")),
        ("hosts" | "prefixes", Value::String(s)) if s.contains("://") => {
            Some(format!("an item of `{way}` has no scheme (`www.example.com`, not `https://www.example.com`)"))
        }
        (_, Value::String(_)) => None,
        _ => Some(format!("an item of `{way}` must be a string")),
    }
}
