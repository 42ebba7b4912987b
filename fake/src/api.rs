//! The operations: create, list, get, edit, replace, delete and batch on a family's table.

use std::sync::Mutex;

use flarekit::{EndpointInfo, Location, Method};
use serde_json::{json, Map, Value};

use crate::check::{self, Mode};
use crate::envelope::{codes, page_for, success, Answer, ErrorItem, Failure};
use crate::family::{self, Family, SETTINGS};
use crate::route::Route;
use crate::store::{Row, Store, Table};
use crate::{cache, dns, generic, kv, stateless, workers, zones};

/// What an endpoint does, from its method and the shape of its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operation {
    Create,
    List,
    DeleteMany,
    Batch,
    Get,
    Edit,
    Replace,
    Delete,
    Verification,
}

fn classify(endpoint: &EndpointInfo) -> Option<(&'static Family, Operation)> {
    let rest = endpoint.path.as_str().strip_prefix(SETTINGS)?;
    let (segment, tail) = rest.split_once('/').unwrap_or((rest, ""));
    let family = family::by_segment(segment)?;
    let parts: Vec<&str> = if tail.is_empty() { Vec::new() } else { tail.split('/').collect() };
    let placeholder = |p: &str| p.starts_with('<');
    let op = match (endpoint.method, parts.as_slice()) {
        (Method::Post, []) => Operation::Create,
        (Method::Get, []) => Operation::List,
        (Method::Delete, []) => Operation::DeleteMany,
        (Method::Post, ["batch"]) => Operation::Batch,
        (Method::Get, [id]) if placeholder(id) => Operation::Get,
        (Method::Patch, [id]) if placeholder(id) => Operation::Edit,
        (Method::Put, [id]) if placeholder(id) => Operation::Replace,
        (Method::Delete, [id]) if placeholder(id) => Operation::Delete,
        (Method::Get, [id, "verification"]) if placeholder(id) => Operation::Verification,
        _ => return None,
    };
    Some((family, op))
}

/// Runs the matched (and authorized) request: the path and query checked against the
/// declaration, then the operation of the family that serves it (KV, zone files and Workers
/// answer bytes or forms; the others Cloudflare's JSON envelope).
pub(crate) fn handle(store: &Mutex<Store>, route: &Route, request: Received<'_>) -> Result<Answer, Failure> {
    let endpoint = route.endpoint;
    check::path_params(endpoint, &route.params)?;
    let query = check::query(endpoint, request.query)?;
    let lock = || store.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(op) = kv::operation(endpoint) {
        let req = kv::Request {
            account: route.param("account_id"),
            namespace: route.param("namespace_id"),
            key: route.param("key_name"),
            query: &query,
            content_type: request.content_type,
            body: request.body,
        };
        return kv::run(&mut lock(), op, &req);
    }
    if let Some(op) = dns::zone_file(endpoint) {
        return dns::run_zone_file(&mut lock(), op, route.param("zone_id"), request.content_type, request.body);
    }
    if let Some(op) = workers::operation(endpoint) {
        let req = workers::Request::new(route, request.content_type, request.body);
        return workers::run(&mut lock(), op, &req);
    }
    json(store, route, &query, request.body, request.token_id)
}

/// A request as the server received it, past routing and authorization.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Received<'a> {
    pub query: Option<&'a str>,
    pub content_type: &'a str,
    pub body: &'a [u8],
    /// The id of the token that authorized it.
    pub token_id: &'a str,
}

/// The operations whose answer is Cloudflare's JSON envelope, and the ones the fake keeps no
/// state for.
fn json(
    store: &Mutex<Store>,
    route: &Route,
    query: &Map<String, Value>,
    body: &[u8],
    token_id: &str,
) -> Result<Answer, Failure> {
    let endpoint = route.endpoint;
    let lock = || store.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if (endpoint.method, endpoint.path.as_str()) == (Method::Get, "/user/tokens/verify") {
        let token = json!({"id": token_id, "status": "active", "expires_on": null, "not_before": null});
        return Ok(Answer::Json(200, success(token, None)));
    }
    if let Some(op) = zones::operation(endpoint) {
        let body = if op == zones::Operation::Create { check::parse_object(body)? } else { Map::new() };
        return zones::run(&mut lock(), endpoint, op, route.param("zone_id"), query, &body).map(Answer::json);
    }
    if cache::is_purge(endpoint) {
        return cache::purge(&lock(), route.param("zone_id"), &check::parse_object(body)?).map(Answer::json);
    }
    if let Some(op) = dns::operation(endpoint) {
        let ids = (route.param("zone_id"), route.param("dns_record_id"));
        return dns::run(&mut lock(), op, ids, query, body).map(Answer::json);
    }
    if let Some((family, op)) = classify(endpoint) {
        return settings(&mut lock(), route, (family, op), query, body).map(Answer::json);
    }
    if let Some(op) = generic::operation(endpoint).filter(|_| generic::stores(endpoint, body)) {
        return generic::run(&mut lock(), endpoint, op, &route.params, query, body).map(Answer::json);
    }
    stateless::answer(endpoint, query, body)
}

/// An operation on one of the Email Security settings families.
fn settings(
    store: &mut Store,
    route: &Route,
    (family, op): (&'static Family, Operation),
    query: &Map<String, Value>,
    body: &[u8],
) -> Result<(u16, Value), Failure> {
    let endpoint = route.endpoint;
    let has_body = endpoint.fields.iter().any(|f| f.location == Location::Body);
    let body = if has_body { check::parse_object(body)? } else { Map::new() };
    let id = route.params.last().map_or("", |(_, v)| v.as_str());
    let now = store.clock.now();
    let (table, seq) = store.table(route.param("account_id"), family.segment);
    let mut ops = Ops { family, seq, now };
    match op {
        Operation::Create => {
            let mut errors = Vec::new();
            let fields = check::body(endpoint, &body, "", Mode::Full, &mut errors);
            check::finish(errors)?;
            let mut work = table.clone();
            let record = ops.create(&mut work, fields, "")?;
            *table = work;
            Ok((201, success(Value::Object(record), None)))
        }
        Operation::List => list(family, table, query),
        Operation::Get => {
            let row = &table.rows[ops.find(table, id, "")?];
            Ok((200, success(Value::Object(row.record.clone()), None)))
        }
        Operation::Edit | Operation::Replace => {
            let mode = if op == Operation::Edit { Mode::Partial } else { Mode::Full };
            let mut errors = Vec::new();
            let fields = check::body(endpoint, &body, "", mode, &mut errors);
            check::finish(errors)?;
            let mut work = table.clone();
            let record = if op == Operation::Edit {
                ops.edit(&mut work, id, fields, "")?
            } else {
                ops.replace(&mut work, id, endpoint, fields, "")?
            };
            *table = work;
            Ok((200, success(Value::Object(record), None)))
        }
        Operation::Delete => {
            let at = ops.find(table, id, "")?;
            table.rows.remove(at);
            Ok((200, success(json!({"id": id}), None)))
        }
        Operation::DeleteMany => {
            let mut errors = Vec::new();
            check::body(endpoint, &body, "", Mode::Full, &mut errors);
            let refs = ids(&body, "domains", &mut errors);
            check::finish(errors)?;
            let mut work = table.clone();
            let mut deleted = Vec::new();
            for (i, id) in refs.iter().enumerate() {
                let at = ops.find(&work, id, &format!("/domains/{i}/id"))?;
                work.rows.remove(at);
                deleted.push(json!({"id": id}));
            }
            *table = work;
            Ok((200, success(Value::Array(deleted), None)))
        }
        Operation::Batch => {
            let result = ops.batch(table, endpoint, &body)?;
            Ok((200, success(result, None)))
        }
        Operation::Verification => {
            let row = &table.rows[ops.find(table, id, "")?];
            let domain = row.record.get("domain").and_then(Value::as_str).unwrap_or_default();
            let info = json!({
                "status": row.record.get("status").cloned().unwrap_or_else(|| json!("PENDING")),
                "txt_record_name": format!("_cf-email-sec-challenge.{domain}"),
                "txt_record_value": format!("flarekit-fake-{}", id.to_ascii_lowercase().replace('-', "")),
                "last_checked_at": null,
            });
            Ok((200, success(info, None)))
        }
    }
}

/// The `id`s of the objects in `body[list]`, checked (`id` required, a UUID).
fn ids(body: &Map<String, Value>, list: &str, errors: &mut Vec<ErrorItem>) -> Vec<String> {
    let mut out = Vec::new();
    for (i, item) in body.get(list).and_then(Value::as_array).into_iter().flatten().enumerate() {
        if let Some(id) = item_id(item, &format!("/{list}/{i}"), errors) {
            out.push(id);
        }
    }
    out
}

/// The checked `id` of a batch item.
fn item_id(item: &Value, pointer: &str, errors: &mut Vec<ErrorItem>) -> Option<String> {
    let Some(object) = item.as_object() else {
        errors.push(ErrorItem::invalid_at(pointer, "must be an object"));
        return None;
    };
    match object.get("id") {
        Some(Value::String(id)) if flarekit::validate::Format::Uuid.matches(id) => Some(id.clone()),
        Some(Value::String(_)) => {
            errors.push(ErrorItem::invalid_at(&format!("{pointer}/id"), "`id` must be a valid uuid"));
            None
        }
        Some(_) => {
            errors.push(ErrorItem::invalid_at(&format!("{pointer}/id"), "`id` must be a string"));
            None
        }
        None => {
            errors.push(ErrorItem::invalid_at(&format!("{pointer}/id"), "`id` is required"));
            None
        }
    }
}

fn list(family: &Family, table: &Table, query: &Map<String, Value>) -> Result<(u16, Value), Failure> {
    let search = query.get("search").and_then(Value::as_str).map(str::to_lowercase);
    let mut rows: Vec<&Row> = table
        .rows
        .iter()
        .filter(|row| {
            search.as_deref().map_or(true, |term| {
                family.search.iter().any(|f| {
                    row.record.get(*f).and_then(Value::as_str).is_some_and(|v| v.to_lowercase().contains(term))
                })
            })
        })
        .filter(|row| query.iter().all(|(name, wanted)| filter_matches(&row.record, name, wanted)))
        .collect();
    if let Some(order) = query.get("order").and_then(Value::as_str).filter(|o| *o != "created_at") {
        let key = |row: &Row| row.record.get(order).and_then(Value::as_str).map(str::to_lowercase);
        rows.sort_by(|a, b| key(a).cmp(&key(b)).then(a.seq.cmp(&b.seq)));
    }
    if query.get("direction").and_then(Value::as_str) == Some("desc") {
        rows.reverse();
    }
    Ok(page_for(rows.iter().map(|r| Value::Object(r.record.clone())).collect(), query, 20))
}

/// Whether `record` passes the list filter `name=wanted`. Paging, search and sort parameters
/// pass everything.
fn filter_matches(record: &Map<String, Value>, name: &str, wanted: &Value) -> bool {
    match name {
        "page" | "per_page" | "search" | "order" | "direction" => true,
        // The fake has no delivery in progress: there is no active mode to filter on.
        "active_delivery_mode" => true,
        "allowed_delivery_mode" => {
            record.get("allowed_delivery_modes").and_then(Value::as_array).is_some_and(|modes| modes.contains(wanted))
        }
        _ => match (record.get(name), wanted) {
            (Some(have), Value::Array(any)) => any.contains(have),
            (Some(have), wanted) => have == wanted,
            (None, _) => false,
        },
    }
}

/// A batch item after checking: its id (deletes, patches, puts) and its declared fields.
type CheckedItem = (Option<String>, Map<String, Value>);

/// Writes to one table; every write goes to a copy that the caller commits only on success.
struct Ops<'a> {
    family: &'static Family,
    seq: &'a mut u64,
    /// The time of the request, from the server's clock.
    now: String,
}

impl Ops<'_> {
    fn not_found(&self, id: &str, pointer: &str) -> Failure {
        let failure = Failure::new(404, codes::NOT_FOUND, format!("{} {id} not found", self.family.noun));
        if pointer.is_empty() {
            failure
        } else {
            failure.at(pointer)
        }
    }

    fn find(&self, table: &Table, id: &str, pointer: &str) -> Result<usize, Failure> {
        table.position(id).ok_or_else(|| self.not_found(id, pointer))
    }

    /// Mirrors current fields into their deprecated names (`given` deprecated names set the
    /// current ones when those were not given).
    fn aliases(&self, record: &mut Map<String, Value>, given: &Map<String, Value>) {
        for (old, new) in self.family.aliases {
            if let (Some(v), false) = (given.get(*old), given.contains_key(*new)) {
                if v.is_null() {
                    record.remove(*new);
                } else {
                    record.insert((*new).to_owned(), v.clone());
                }
            }
            match record.get(*new).cloned() {
                Some(v) => record.insert((*old).to_owned(), v),
                None => record.remove(*old),
            };
        }
    }

    /// Checks the record's shape and uniqueness in `table` (ignoring the row at `at`), then
    /// stores it there (or appends it).
    fn store(
        &mut self,
        table: &mut Table,
        at: Option<usize>,
        record: Map<String, Value>,
        pointer: &str,
    ) -> Result<Map<String, Value>, Failure> {
        if let Some(key) = self.family.unique_key(&record) {
            let clash = table
                .rows
                .iter()
                .enumerate()
                .any(|(i, row)| Some(i) != at && self.family.unique_key(&row.record).as_ref() == Some(&key));
            if clash {
                let fields = self.family.unique.join(" and ");
                let shown = self
                    .family
                    .unique
                    .iter()
                    .map(|f| {
                        record
                            .get(*f)
                            .map_or_else(String::new, |v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(Failure::new(
                    409,
                    codes::DUPLICATE,
                    format!("a {} with this {fields} ({shown}) already exists", self.family.noun),
                )
                .at(format!("{pointer}/{}", self.family.unique[0])));
            }
        }
        (self.family.shape)(&Value::Object(record.clone())).map_err(|e| {
            Failure::new(500, codes::INTERNAL, format!("flarekit-fake built an invalid {}: {e}", self.family.noun))
        })?;
        match at {
            Some(i) => table.rows[i].record = record.clone(),
            None => {
                *self.seq += 1;
                table.rows.push(Row { seq: *self.seq, record: record.clone() });
            }
        }
        Ok(record)
    }

    fn create(
        &mut self,
        table: &mut Table,
        fields: Map<String, Value>,
        pointer: &str,
    ) -> Result<Map<String, Value>, Failure> {
        let now = self.now.clone();
        let mut record = Map::new();
        record.insert("id".into(), Value::String(uuid::Uuid::new_v4().to_string()));
        for (k, v) in &fields {
            if !v.is_null() {
                record.insert(k.clone(), v.clone());
            }
        }
        (self.family.on_create)(&mut record);
        self.aliases(&mut record, &fields);
        stamp(&mut record, &now, true);
        self.store(table, None, record, pointer)
    }

    fn edit(
        &mut self,
        table: &mut Table,
        id: &str,
        fields: Map<String, Value>,
        pointer: &str,
    ) -> Result<Map<String, Value>, Failure> {
        let at = self.find(table, id, &id_pointer(pointer))?;
        let mut record = table.rows[at].record.clone();
        for (k, v) in &fields {
            if v.is_null() {
                record.remove(k);
            } else {
                record.insert(k.clone(), v.clone());
            }
        }
        self.aliases(&mut record, &fields);
        stamp(&mut record, &self.now, false);
        self.store(table, Some(at), record, pointer)
    }

    /// Replaces every field `schema` writes; fields it does not (id, creation time, a domain's
    /// name) are kept.
    fn replace(
        &mut self,
        table: &mut Table,
        id: &str,
        schema: &EndpointInfo,
        fields: Map<String, Value>,
        pointer: &str,
    ) -> Result<Map<String, Value>, Failure> {
        let at = self.find(table, id, &id_pointer(pointer))?;
        let mut record = table.rows[at].record.clone();
        for f in schema.fields.iter().filter(|f| f.location == Location::Body) {
            record.remove(f.name);
        }
        for (k, v) in &fields {
            if !v.is_null() {
                record.insert(k.clone(), v.clone());
            }
        }
        self.aliases(&mut record, &fields);
        stamp(&mut record, &self.now, false);
        self.store(table, Some(at), record, pointer)
    }

    /// Deletes, edits, replacements and creations, in that order, all or nothing.
    fn batch(
        &mut self,
        table: &mut Table,
        endpoint: &EndpointInfo,
        body: &Map<String, Value>,
    ) -> Result<Value, Failure> {
        let family = self.family;
        let mut errors = Vec::new();
        check::body(endpoint, body, "", Mode::Full, &mut errors);
        check::finish(errors)?;
        let declared = |name: &str| endpoint.field(name).is_some_and(|f| f.location == Location::Body);
        let items = |name: &str| body.get(name).and_then(Value::as_array).cloned().unwrap_or_default();
        let create = family.endpoint(Method::Post, false);
        let patch = family.endpoint(Method::Patch, true);
        let (put, put_mode) = match (family.puts_replace, family.endpoint(Method::Put, true)) {
            (true, Some(put)) => (Some(put), Mode::Full),
            (true, None) => (create, Mode::Full),
            (false, _) => (patch, Mode::Partial),
        };
        let lists: [(&str, Option<&'static EndpointInfo>, Mode, bool); 4] = [
            ("deletes", None, Mode::Full, true),
            ("patches", patch, Mode::Partial, true),
            ("puts", put, put_mode, true),
            ("posts", create, Mode::Full, false),
        ];
        // Check every item before touching anything.
        let mut checked: Vec<(&str, Vec<CheckedItem>)> = Vec::new();
        let mut errors = Vec::new();
        for (name, schema, mode, has_id) in lists {
            if !declared(name) {
                continue;
            }
            let mut out = Vec::new();
            for (i, item) in items(name).iter().enumerate() {
                let pointer = format!("/{name}/{i}");
                let id = if has_id { item_id(item, &pointer, &mut errors) } else { None };
                let Some(object) = item.as_object() else {
                    if !has_id {
                        errors.push(ErrorItem::invalid_at(&pointer, "must be an object"));
                    }
                    continue;
                };
                let fields = match schema {
                    Some(schema) => check::body(schema, object, &pointer, mode, &mut errors),
                    None => Map::new(),
                };
                out.push((id, fields));
            }
            checked.push((name, out));
        }
        check::finish(errors)?;
        let mut work = table.clone();
        let mut result = Map::new();
        for (name, entries) in checked {
            let mut done = Vec::new();
            for (i, (id, fields)) in entries.into_iter().enumerate() {
                let pointer = format!("/{name}/{i}");
                let id = id.unwrap_or_default();
                let value = match name {
                    "deletes" => {
                        let at = self.find(&work, &id, &format!("{pointer}/id"))?;
                        work.rows.remove(at);
                        json!({"id": id})
                    }
                    "patches" => Value::Object(self.edit(&mut work, &id, fields, &pointer)?),
                    "puts" if family.puts_replace => {
                        let schema = put.ok_or_else(|| Failure::new(500, codes::INTERNAL, "no schema for puts"))?;
                        Value::Object(self.replace(&mut work, &id, schema, fields, &pointer)?)
                    }
                    "puts" => Value::Object(self.edit(&mut work, &id, fields, &pointer)?),
                    _ => Value::Object(self.create(&mut work, fields, &pointer)?),
                };
                done.push(value);
            }
            result.insert(name.to_owned(), Value::Array(done));
        }
        *table = work;
        Ok(Value::Object(result))
    }
}

fn id_pointer(pointer: &str) -> String {
    if pointer.is_empty() {
        String::new()
    } else {
        format!("{pointer}/id")
    }
}

/// Sets `modified_at` and `last_modified` to `now`, and `created_at` too when `created`.
fn stamp(record: &mut Map<String, Value>, now: &str, created: bool) {
    if created {
        record.insert("created_at".into(), Value::String(now.to_owned()));
    }
    record.insert("modified_at".into(), Value::String(now.to_owned()));
    record.insert("last_modified".into(), Value::String(now.to_owned()));
}
