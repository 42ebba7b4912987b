//! Every other plain resource of the catalog, served generically: a collection path with a
//! `POST` (and usually a `GET`) and an item path below it (`<collection>/<id>`) with `GET`,
//! `PUT`, `PATCH` or `DELETE` form one resource, kept per instantiated collection path (so per
//! account or zone).
//!
//! A create stores the declared body members it was sent (checked against the declaration; a
//! body the document leaves untyped is kept as the object it is) with
//! a server-made `id` in the format the item path's placeholder declares (a UUID, else 32 hex
//! characters) and `created_on` / `modified_on`. A list filters on the declared query
//! parameters given (exact match) and pages in the declared style. `PATCH` changes only what it
//! sends, `PUT` replaces all but the id and creation time, and after a `DELETE` the item is a
//! 404. A zone's resources need the zone to exist, and a resource below another generic one (a
//! queue's consumers) needs that one. A resource starts as the answer flarekit-codegen built for
//! reading one (the members its type always has) with what was sent merged in, its timestamps
//! under the type's names; each answer gives it as the operation's own type reads it (the
//! codegen's guide to that type, `guide.rs`), so every answer decodes as that type.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use flarekit::validate::{Format, Rule};
use flarekit::{BodyKind, EndpointInfo, Kind, Location, Method, Pagination, PathTemplate};
use serde_json::{json, Map, Value};

use crate::check::{self, Mode};
use crate::envelope::{codes, page_for, success, Failure};
use crate::stateless;
use crate::store::{Row, Store, Table};

/// What a generic endpoint does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operation {
    Create,
    List,
    Get,
    Replace,
    Edit,
    Delete,
}

/// Each creatable collection template, with the placeholder of its items and the declared
/// endpoint of `GET` on one item (whose id field says the id's format).
fn collections() -> &'static HashMap<&'static str, (&'static str, Option<&'static EndpointInfo>)> {
    static COLLECTIONS: OnceLock<HashMap<&'static str, (&'static str, Option<&'static EndpointInfo>)>> =
        OnceLock::new();
    COLLECTIONS.get_or_init(|| {
        let catalog = flarekit::catalog();
        // A `POST` whose answer is not one resource (a search that answers a list) creates
        // nothing.
        let creatable = |path: &str| {
            catalog.iter().any(|e| {
                e.method == Method::Post
                    && e.path.as_str() == path
                    && json_body(e)
                    && stateless::sample(e).map_or(true, |s| s.is_object())
            })
        };
        let mut out = HashMap::new();
        for item in catalog.iter().filter(|e| e.method != Method::Post) {
            let Some((parent, last)) = item.path.as_str().rsplit_once('/') else { continue };
            let Some(placeholder) = last.strip_prefix('<').and_then(|l| l.strip_suffix('>')) else { continue };
            if !creatable(parent) {
                continue;
            }
            let template = catalog.iter().find(|e| e.path.as_str() == parent).map(|e| e.path.as_str());
            let Some(template) = template else { continue };
            let entry = out.entry(template).or_insert((placeholder, None));
            if item.method == Method::Get {
                entry.1 = Some(*item);
            }
        }
        out
    })
}

/// Whether `endpoint` sends a JSON object: declared members, or one value the document leaves
/// untyped (stored as it came, when it is an object).
fn json_body(endpoint: &EndpointInfo) -> bool {
    matches!(endpoint.body, BodyKind::Json | BodyKind::JsonValue)
}

/// The generic operation `endpoint` is, if it is one of a creatable collection.
pub(crate) fn operation(endpoint: &EndpointInfo) -> Option<Operation> {
    let path = endpoint.path.as_str();
    if collections().contains_key(path) {
        return match endpoint.method {
            Method::Post if json_body(endpoint) => Some(Operation::Create),
            // A `GET` that answers no list reads something else (a summary, a setting).
            Method::Get if stateless::sample(endpoint).map_or(true, |s| s.is_array()) => Some(Operation::List),
            _ => None,
        };
    }
    let (parent, _) = path.rsplit_once('/')?;
    let (placeholder, _) = collections().get(parent)?;
    if !path.ends_with(&format!("/<{placeholder}>")) {
        return None;
    }
    match endpoint.method {
        Method::Get => Some(Operation::Get),
        Method::Put if json_body(endpoint) => Some(Operation::Replace),
        Method::Patch if json_body(endpoint) => Some(Operation::Edit),
        Method::Delete => Some(Operation::Delete),
        _ => None,
    }
}

/// Whether a write's body is something a generic resource can hold: any body of declared
/// members, and one JSON value the document leaves untyped when it is an object or absent. A
/// list or a string sent whole (a list's new items, a tag's name) is answered like any
/// operation that is not plain CRUD.
pub(crate) fn stores(endpoint: &EndpointInfo, body: &[u8]) -> bool {
    endpoint.body != BodyKind::JsonValue
        || body.iter().all(u8::is_ascii_whitespace)
        || body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// The body of a write, as members: an absent whole body (`None`) is no members, where the
/// declaration lets it be absent.
fn members(endpoint: &EndpointInfo, body: &[u8]) -> Result<Map<String, Value>, Failure> {
    let whole = endpoint.fields.iter().find(|f| f.location == Location::WholeBody);
    match whole {
        Some(field) if !field.required && body.iter().all(u8::is_ascii_whitespace) => Ok(Map::new()),
        _ => check::parse_object(body),
    }
}

/// Runs a generic operation. `params` are the path's placeholders and values, in order; the
/// collection is the path up to the item, filled in.
pub(crate) fn run(
    store: &mut Store,
    endpoint: &'static EndpointInfo,
    op: Operation,
    params: &[(&'static str, String)],
    query: &Map<String, Value>,
    body: &[u8],
) -> Result<(u16, Value), Failure> {
    let body = if matches!(op, Operation::Create | Operation::Replace | Operation::Edit) {
        members(endpoint, body)?
    } else {
        Map::new()
    };
    let item = matches!(op, Operation::Get | Operation::Replace | Operation::Edit | Operation::Delete);
    let template =
        if item { endpoint.path.as_str().rsplit_once('/').map_or("", |(p, _)| p) } else { endpoint.path.as_str() };
    let collection = filled(template, params);
    let id = if item { params.last().map_or("", |(_, v)| v.as_str()) } else { "" };
    parent_exists(store, template, params)?;
    let now = store.clock.now();
    let seq = store.next_seq();
    let table = store.generic.entry(collection).or_default();
    let not_found = || Failure::new(404, codes::NOT_FOUND, format!("{} {id} not found", endpoint.path.openapi()));
    let checked = |mode: Mode| {
        if endpoint.body == BodyKind::JsonValue {
            return Ok(body.clone());
        }
        let mut errors = Vec::new();
        let fields = check::body(endpoint, &body, "", mode, &mut errors);
        check::finish(errors).map(|()| fields)
    };
    let shape = Shape::of(template);
    match op {
        Operation::Create => {
            let fields = checked(Mode::Full)?;
            // A numeric id where the item path declares one (Logpush jobs, indicator feeds).
            let id = if numeric_id(template) { json!(seq) } else { json!(new_id(template)) };
            let mut record = shape.base.clone();
            stateless::merge_members(&mut record, fields.into_iter().filter(|(_, v)| !v.is_null()).collect());
            for &name in shape.ids {
                record.insert(name.into(), id.clone());
            }
            record.insert(shape.created.into(), json!(now));
            record.insert(shape.modified.into(), json!(now));
            table.rows.push(Row { seq, record: record.clone() });
            // An answer that wraps the resource (a DLP dataset's create) holds it in its member.
            let read = collections().get(template).and_then(|(_, get)| *get);
            let answer = match read.and_then(|get| stateless::holder(endpoint, get)) {
                Some(member) => Map::from_iter([(member, Value::Object(record))]),
                None => record,
            };
            Ok((200, success(stateless::shaped(endpoint, answer), None)))
        }
        Operation::List => Ok(list(endpoint, table, query)),
        Operation::Get => {
            let at = table.position(id).ok_or_else(not_found)?;
            Ok((200, success(stateless::shaped(endpoint, table.rows[at].record.clone()), None)))
        }
        Operation::Replace | Operation::Edit => {
            let at = table.position(id).ok_or_else(not_found)?;
            let fields = checked(if op == Operation::Edit { Mode::Partial } else { Mode::Full })?;
            let record = &mut table.rows[at].record;
            if op == Operation::Replace {
                let kept: Map<String, Value> = std::mem::take(record)
                    .into_iter()
                    .filter(|(k, _)| shape.ids.contains(&k.as_str()) || k == shape.created)
                    .collect();
                *record = shape.base.clone();
                record.extend(kept);
            }
            for (k, v) in fields {
                // `null` clears a member (PATCH); anything else goes where the type can hold it.
                match record.get_mut(&k) {
                    Some(slot) if !v.is_null() => stateless::merge(slot, v),
                    _ => {
                        record.insert(k, v);
                    }
                }
            }
            record.insert(shape.modified.into(), json!(now));
            Ok((200, success(stateless::shaped(endpoint, record.clone()), None)))
        }
        Operation::Delete => {
            let at = table.position(id).ok_or_else(not_found)?;
            let mut row = table.rows.remove(at);
            let id = row.record.remove("id").unwrap_or_else(|| json!(id));
            let answer = stateless::shaped(endpoint, Map::from_iter([("id".to_owned(), id)]));
            Ok((200, success(answer, None)))
        }
    }
}

/// How a resource of a collection looks, from the answer flarekit-codegen built for reading one
/// (else for creating one): the members its type always has, the names of its id (`id`, and
/// `uuid` where the type has one, as D1's databases) and of its timestamps (`created_on` and
/// `modified_on` unless the type names them `created_at`, `updated_at`, …).
struct Shape {
    base: Map<String, Value>,
    ids: &'static [&'static str],
    created: &'static str,
    modified: &'static str,
}

impl Shape {
    fn of(collection: &str) -> Shape {
        let read = collections().get(collection).and_then(|(_, get)| *get);
        let create = || flarekit::catalog().iter().find(|e| e.method == Method::Post && e.path.as_str() == collection);
        let sample = read.and_then(stateless::sample).or_else(|| create().and_then(|e| stateless::sample(e)));
        let base = match sample {
            Some(Value::Object(base)) => base,
            _ => Map::new(),
        };
        let named =
            |names: &[&'static str], default| names.iter().copied().find(|n| base.contains_key(*n)).unwrap_or(default);
        let ids: &[&str] = if base.contains_key("uuid") { &["id", "uuid"] } else { &["id"] };
        let created = named(&["created_on", "created_at", "createdAt", "created"], "created_on");
        let modified = named(
            &["modified_on", "modified_at", "updated_at", "updated_on", "modifiedAt", "updatedAt"],
            "modified_on",
        );
        Shape { base, ids, created, modified }
    }
}

/// Refuses a resource below one that does not exist: a zone's resources need the zone, and a
/// generic resource's sub-collection (a queue's consumers) needs that resource.
fn parent_exists(store: &Store, template: &'static str, params: &[(&'static str, String)]) -> Result<(), Failure> {
    let value = |name: &str| params.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| v.as_str());
    if template.starts_with("/zones/<zone_id>/") {
        crate::zones::find(&store.zones, value("zone_id"))?;
    }
    let Some((parent_item, _)) = template.rsplit_once('/') else { return Ok(()) };
    let Some((parent, last)) = parent_item.rsplit_once('/') else { return Ok(()) };
    let Some(placeholder) = last.strip_prefix('<').and_then(|l| l.strip_suffix('>')) else { return Ok(()) };
    if !collections().get(parent).is_some_and(|(p, _)| *p == placeholder) {
        return Ok(());
    }
    let collection = filled(parent, params);
    let id = value(placeholder);
    match store.generic.get(&collection).and_then(|table| table.position(id)) {
        Some(_) => Ok(()),
        None => Err(Failure::new(404, codes::NOT_FOUND, format!("{parent}/{id}: no such resource"))),
    }
}

/// `template` (a leading part of the request's path template) with the request's values in it,
/// as the client sent them: the key of a collection's table.
fn filled(template: &'static str, params: &[(&'static str, String)]) -> String {
    let value = |name| params.iter().find(|(n, _)| *n == name).map(|(_, v)| Cow::Borrowed(v.as_str()));
    PathTemplate::new(template).render(value).unwrap_or_default()
}

/// A new id in the format the item path's placeholder declares: a UUID, else 32 hex characters
/// (cut to the placeholder's maximum length).
fn new_id(collection: &str) -> String {
    let (placeholder, get) = collections().get(collection).copied().unwrap_or(("id", None));
    let field = get.and_then(|e| e.field(placeholder));
    let rules = field.map(|f| f.constraints.iter().chain(f.type_rules)).into_iter().flatten();
    let mut id = uuid::Uuid::new_v4().simple().to_string();
    for rule in rules {
        match rule {
            Rule::Format(Format::Uuid) => return uuid::Uuid::new_v4().to_string(),
            Rule::MaxLength(n) if *n < id.len() => id.truncate(*n),
            _ => {}
        }
    }
    id
}

/// Whether the items of `collection` have integer ids, as their path's placeholder declares.
fn numeric_id(collection: &str) -> bool {
    let (placeholder, get) = collections().get(collection).copied().unwrap_or(("id", None));
    get.and_then(|e| e.field(placeholder)).is_some_and(|f| f.kind == Kind::Integer)
}

/// The records that match every declared query parameter given (paging and sorting aside),
/// each as the list's item type reads it, paged as the list declares.
fn list(endpoint: &EndpointInfo, table: &Table, query: &Map<String, Value>) -> (u16, Value) {
    const PAGING: [&str; 8] = ["page", "per_page", "cursor", "limit", "offset", "order", "direction", "search"];
    let declared = |name: &str| endpoint.fields.iter().any(|f| f.name == name && f.location == Location::Query);
    let filters: Vec<(&String, &Value)> =
        query.iter().filter(|(k, _)| !PAGING.contains(&k.as_str()) && declared(k)).collect();
    let matches = |record: &Map<String, Value>| {
        filters.iter().all(|(name, wanted)| match (record.get(name.as_str()), wanted) {
            (Some(Value::String(have)), Value::String(want)) => have.eq_ignore_ascii_case(want),
            (Some(have), want) => have == *want,
            (None, _) => false,
        })
    };
    let rows: Vec<Value> =
        table.rows.iter().filter(|r| matches(&r.record)).map(|r| Value::Object(r.record.clone())).collect();
    let rows = stateless::shaped_items(endpoint, rows);
    match endpoint.pagination {
        Some(Pagination::PageNumber { .. }) => page_for(rows, query, 20),
        _ => (200, success(Value::Array(rows), None)),
    }
}
