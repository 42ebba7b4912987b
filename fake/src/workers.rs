//! Workers: scripts of an account, uploaded as Cloudflare accepts them, and the routes of a
//! zone that send requests to them.
//!
//! An upload is a multipart form: a `metadata` part (JSON) and the modules, each matched by its
//! part name or its file name, in any order. `main_module` (module syntax) or `body_part`
//! (service-worker syntax) must name one of them, or the upload is refused. The script keeps its
//! modules; reading it gives the entry module's bytes. Its `handlers` are the handlers the entry
//! module's text names (`fetch`, `scheduled`, `queue`, `email`, `tail`): the fake runs no code.
//!
//! A script's secrets are secret texts, added (or replaced) by name, listed, read and deleted;
//! the fake answers with their names and types only, as Cloudflare does, and keeps no value. A
//! new upload of the script keeps them. A script that is not there is Cloudflare's 404, code
//! 10007.
//!
//! The scripts of a dispatch namespace (Workers for Platforms) are kept the same way, apart from
//! the account's own: uploaded, read (their details, or the entry module's bytes), deleted, and
//! their secrets. A namespace's scripts are found by its name as the path gives it; the fake
//! does not check that the namespace was created.

use std::borrow::Cow;
use std::collections::HashMap;

use flarekit::{EndpointInfo, Method};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::check;
use crate::envelope::{codes, success, Answer, ErrorItem, Failure};
use crate::multipart::{self, Part};
use crate::route::Route;
use crate::stateless;
use crate::store::{Row, Store, Table};
use crate::zones;

/// What a Workers endpoint does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operation {
    Upload,
    List,
    Download,
    Delete,
    CreateRoute,
    ListRoutes,
    GetRoute,
    UpdateRoute,
    DeleteRoute,
    ListSecrets,
    PutSecret,
    GetSecret,
    DeleteSecret,
    /// A dispatch namespace's script, as JSON (the account's own `GET` downloads it).
    Details,
}

/// The Workers operation `endpoint` declares, if it is one the fake serves.
pub(crate) fn operation(endpoint: &EndpointInfo) -> Option<Operation> {
    Some(match (endpoint.method, endpoint.path.as_str()) {
        (Method::Put, "/accounts/<account_id>/workers/scripts/<script_name>") => Operation::Upload,
        (Method::Get, "/accounts/<account_id>/workers/scripts") => Operation::List,
        (Method::Get, "/accounts/<account_id>/workers/scripts/<script_name>")
        | (Method::Get, "/accounts/<account_id>/workers/scripts/<script_name>/content/v2") => Operation::Download,
        (Method::Delete, "/accounts/<account_id>/workers/scripts/<script_name>") => Operation::Delete,
        (Method::Post, "/zones/<zone_id>/workers/routes") => Operation::CreateRoute,
        (Method::Get, "/zones/<zone_id>/workers/routes") => Operation::ListRoutes,
        (Method::Get, "/zones/<zone_id>/workers/routes/<route_id>") => Operation::GetRoute,
        (Method::Put, "/zones/<zone_id>/workers/routes/<route_id>") => Operation::UpdateRoute,
        (Method::Delete, "/zones/<zone_id>/workers/routes/<route_id>") => Operation::DeleteRoute,
        (Method::Get, SECRETS | NAMESPACE_SECRETS) => Operation::ListSecrets,
        (Method::Put, SECRETS | NAMESPACE_SECRETS) => Operation::PutSecret,
        (Method::Get, SECRET | NAMESPACE_SECRET) => Operation::GetSecret,
        (Method::Delete, SECRET | NAMESPACE_SECRET) => Operation::DeleteSecret,
        (Method::Put, NAMESPACE_SCRIPT) => Operation::Upload,
        (Method::Get, NAMESPACE_SCRIPT) => Operation::Details,
        (Method::Get, NAMESPACE_CONTENT) => Operation::Download,
        (Method::Delete, NAMESPACE_SCRIPT) => Operation::Delete,
        _ => return None,
    })
}

const SECRETS: &str = "/accounts/<account_id>/workers/scripts/<script_name>/secrets";
const SECRET: &str = "/accounts/<account_id>/workers/scripts/<script_name>/secrets/<secret_name>";
const NAMESPACE_SCRIPT: &str =
    "/accounts/<account_id>/workers/dispatch/namespaces/<dispatch_namespace>/scripts/<script_name>";
const NAMESPACE_CONTENT: &str =
    "/accounts/<account_id>/workers/dispatch/namespaces/<dispatch_namespace>/scripts/<script_name>/content";
const NAMESPACE_SECRETS: &str =
    "/accounts/<account_id>/workers/dispatch/namespaces/<dispatch_namespace>/scripts/<script_name>/secrets";
const NAMESPACE_SECRET: &str =
    "/accounts/<account_id>/workers/dispatch/namespaces/<dispatch_namespace>/scripts/<script_name>/secrets/<secret_name>";

/// Every account's scripts and every zone's routes.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Workers {
    /// By owner: an account id, or `<account id>/dispatch/<namespace>` for a dispatch
    /// namespace's scripts.
    scripts: HashMap<String, Vec<Script>>,
    /// By zone id, lower-case.
    pub routes: HashMap<String, Table>,
}

/// An uploaded script: what the API answers about it, and its entry module.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Script {
    name: String,
    record: Map<String, Value>,
    entry: Part,
    /// Its secrets, by name: what Cloudflare shows of them (never a value).
    #[serde(default)]
    secrets: Vec<ScriptSecret>,
}

/// A secret of a script: its name and type; the fake keeps no value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct ScriptSecret {
    name: String,
    #[serde(rename = "type")]
    kind: String,
}

/// A request to a Workers endpoint, as received.
pub(crate) struct Request<'a> {
    pub endpoint: &'static EndpointInfo,
    /// Whose scripts (an account, or one of its dispatch namespaces) or routes (a zone) the
    /// path names.
    pub owner: Cow<'a, str>,
    /// The script or route of the path.
    pub item: &'a str,
    /// The dispatch namespace of the path, if it names one.
    pub namespace: &'a str,
    /// The secret of the path, if it names one.
    pub secret: &'a str,
    pub content_type: &'a str,
    pub body: &'a [u8],
}

impl<'a> Request<'a> {
    /// The request `route` matched, with its body.
    pub(crate) fn new(route: &'a Route, content_type: &'a str, body: &'a [u8]) -> Self {
        let param = |i: usize| route.params.get(i).map_or("", |(_, v)| v.as_str());
        let namespace = route.param("dispatch_namespace");
        let (owner, item) = if namespace.is_empty() {
            (Cow::Borrowed(param(0)), param(1))
        } else {
            (Cow::Owned(format!("{}/dispatch/{namespace}", param(0))), route.param("script_name"))
        };
        let secret = route.param("secret_name");
        Request { endpoint: route.endpoint, owner, item, namespace, secret, content_type, body }
    }
}

/// The handlers a module may export.
const HANDLERS: [&str; 5] = ["fetch", "scheduled", "queue", "email", "tail"];

/// Runs a Workers operation on the (locked) store.
pub(crate) fn run(store: &mut Store, op: Operation, req: &Request<'_>) -> Result<Answer, Failure> {
    let (owner, item) = (req.owner.as_ref(), req.item);
    let now = store.clock.now();
    let seq = store.next_seq();
    let json = |status: u16, result: Value| Ok(Answer::Json(status, success(result, None)));
    match op {
        Operation::Upload => {
            let entry = upload(req)?;
            let scripts = store.workers.scripts.entry(owner.to_owned()).or_default();
            let created = scripts.iter().position(|s| s.name == item).map(|at| scripts.remove(at));
            let created_on = created.as_ref().and_then(|s| s.record.get("created_on").cloned()).unwrap_or(json!(now));
            let secrets = created.map(|s| s.secrets).unwrap_or_default();
            let text = String::from_utf8_lossy(&entry.body);
            let handlers: Vec<&str> = HANDLERS
                .into_iter()
                .filter(|h| text.contains(&format!("{h}(")) || text.contains(&format!("{h}:")))
                .collect();
            let record = json!({
                "id": item,
                "etag": etag(&entry.body),
                "handlers": handlers,
                "created_on": created_on,
                "modified_on": now,
                "usage_model": "standard",
                "logpush": false,
                "startup_time_ms": 0,
            });
            let record = record.as_object().cloned().unwrap_or_default();
            scripts.push(Script { name: item.to_owned(), record: record.clone(), entry, secrets });
            json(200, stateless::shaped(req.endpoint, record))
        }
        Operation::Details => {
            let script = store.workers.script(owner, item)?;
            let stamp = |name: &str| script.record.get(name).cloned().unwrap_or(Value::Null);
            let details = Map::from_iter([
                ("created_on".to_owned(), stamp("created_on")),
                ("modified_on".to_owned(), stamp("modified_on")),
                ("dispatch_namespace".to_owned(), Value::from(req.namespace)),
                ("script".to_owned(), Value::Object(script.record.clone())),
            ]);
            json(200, stateless::shaped(req.endpoint, details))
        }
        Operation::List => {
            let scripts = store.workers.scripts.get(owner).map(Vec::as_slice).unwrap_or_default();
            json(200, Value::Array(scripts.iter().map(|s| Value::Object(s.record.clone())).collect()))
        }
        Operation::Download => {
            let script = store.workers.script(owner, item)?;
            let content_type = script.entry.content_type.clone().unwrap_or_else(|| "application/javascript".into());
            let name = script.entry.filename.clone().unwrap_or_else(|| script.entry.name.clone());
            let headers = vec![("content-type", content_type), ("cf-entrypoint", name)];
            Ok(Answer::Bytes { headers, body: script.entry.body.clone() })
        }
        Operation::Delete => {
            store.workers.script(owner, item)?;
            if let Some(scripts) = store.workers.scripts.get_mut(owner) {
                scripts.retain(|s| s.name != item);
            }
            json(200, Value::Null)
        }
        Operation::CreateRoute | Operation::UpdateRoute => {
            let at = zones::find(&store.zones, owner)?;
            let zone_name =
                store.zones.rows[at].record.get("name").and_then(Value::as_str).unwrap_or_default().to_owned();
            let body = check::parse_object(req.body)?;
            let route = route(&body, &zone_name)?;
            let routes = store.workers.routes.entry(owner.to_ascii_lowercase()).or_default();
            let others = routes.rows.iter().filter(|r| r.id() != Some(item));
            if others.map(|r| &r.record["pattern"]).any(|p| p == &route["pattern"]) {
                let message = format!("a route with the pattern {} already exists", route["pattern"]);
                return Err(Failure::new(409, codes::DUPLICATE, message).at("/pattern"));
            }
            if op == Operation::CreateRoute {
                let id = uuid::Uuid::new_v4().simple().to_string();
                let mut record = Map::new();
                record.insert("id".into(), json!(id));
                record.extend(route);
                routes.rows.push(Row { seq, record });
                return json(200, json!({ "id": id }));
            }
            let at = routes.position(item).ok_or_else(|| route_not_found(item))?;
            routes.rows[at].record.extend(route);
            json(200, Value::Object(routes.rows[at].record.clone()))
        }
        Operation::ListRoutes | Operation::GetRoute | Operation::DeleteRoute => {
            zones::find(&store.zones, owner)?;
            let routes = store.workers.routes.entry(owner.to_ascii_lowercase()).or_default();
            if op == Operation::ListRoutes {
                return json(200, Value::Array(routes.rows.iter().map(|r| Value::Object(r.record.clone())).collect()));
            }
            let at = routes.position(item).ok_or_else(|| route_not_found(item))?;
            if op == Operation::GetRoute {
                return json(200, Value::Object(routes.rows[at].record.clone()));
            }
            routes.rows.remove(at);
            json(200, json!({ "id": item }))
        }
        Operation::ListSecrets => {
            let secrets = &store.workers.script(owner, item)?.secrets;
            json(200, Value::Array(secrets.iter().map(ScriptSecret::to_json).collect()))
        }
        Operation::PutSecret => {
            let script = store.workers.script_mut(owner, item)?;
            let secret = secret(&check::parse_object(req.body)?)?;
            // A secret of the same name is replaced where it was.
            match script.secrets.iter_mut().find(|s| s.name == secret.name) {
                Some(old) => *old = secret.clone(),
                None => script.secrets.push(secret.clone()),
            }
            json(200, secret.to_json())
        }
        Operation::GetSecret | Operation::DeleteSecret => {
            let script = store.workers.script_mut(owner, item)?;
            let at = script
                .secrets
                .iter()
                .position(|s| s.name == req.secret)
                .ok_or_else(|| Failure::new(404, codes::NOT_FOUND, format!("secret {} not found", req.secret)))?;
            if op == Operation::GetSecret {
                return json(200, script.secrets[at].to_json());
            }
            script.secrets.remove(at);
            json(200, Value::Null)
        }
    }
}

impl ScriptSecret {
    fn to_json(&self) -> Value {
        json!({ "name": self.name, "type": self.kind })
    }
}

/// The secret a PUT adds: a `name` and a `text` (the value, checked and dropped), of `type`
/// `secret_text`.
fn secret(body: &Map<String, Value>) -> Result<ScriptSecret, Failure> {
    let mut errors = Vec::new();
    let mut text = |member: &str| match body.get(member) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        _ => {
            errors.push(ErrorItem::invalid_at(&format!("/{member}"), format!("`{member}` is required, a string")));
            None
        }
    };
    let (name, _value) = (text("name"), text("text"));
    match body.get("type") {
        None | Some(Value::Null) => {}
        Some(Value::String(t)) if t == "secret_text" => {}
        Some(_) => errors.push(ErrorItem::invalid_at("/type", "`type` must be `secret_text`")),
    }
    check::finish(errors)?;
    Ok(ScriptSecret { name: name.unwrap_or_default(), kind: "secret_text".into() })
}

impl Workers {
    fn script(&self, account: &str, name: &str) -> Result<&Script, Failure> {
        self.scripts
            .get(account)
            .and_then(|scripts| scripts.iter().find(|s| s.name == name))
            .ok_or_else(script_not_found)
    }

    fn script_mut(&mut self, account: &str, name: &str) -> Result<&mut Script, Failure> {
        self.scripts
            .get_mut(account)
            .and_then(|scripts| scripts.iter_mut().find(|s| s.name == name))
            .ok_or_else(script_not_found)
    }
}

/// Cloudflare's answer for a script that is not there.
fn script_not_found() -> Failure {
    Failure::new(404, codes::SCRIPT_NOT_FOUND, "workers.api.error.script_not_found")
}

fn route_not_found(id: &str) -> Failure {
    Failure::new(404, codes::NOT_FOUND, format!("route {id} not found"))
}

/// The entry module of an upload, checked: a form with a JSON `metadata` part whose
/// `main_module` or `body_part` names one of the other parts, by part name or file name.
fn upload(req: &Request<'_>) -> Result<Part, Failure> {
    let mut parts = multipart::request_parts(req.content_type, req.body, "a Worker")?;
    let metadata: Value = serde_json::from_slice(&multipart::named(&parts, "metadata")?.body)
        .map_err(|e| multipart::malformed(format!("`metadata`: {e}")))?;
    parts.retain(|p| p.name != "metadata");
    let invalid = |pointer: &str, message: String| Failure::invalid(vec![ErrorItem::invalid_at(pointer, message)]);
    let (pointer, entry) = match (metadata.get("main_module"), metadata.get("body_part")) {
        (Some(Value::String(main)), _) => ("/metadata/main_module", main.clone()),
        (None, Some(Value::String(body))) => ("/metadata/body_part", body.clone()),
        _ => {
            return Err(invalid(
                "/metadata",
                "the metadata must name the entry point: `main_module` or `body_part`".into(),
            ))
        }
    };
    if parts.is_empty() {
        return Err(invalid("", "an upload needs at least one module".into()));
    }
    let named = |p: &Part| p.name == entry || p.filename.as_deref() == Some(entry.as_str());
    parts.into_iter().find(named).ok_or_else(|| invalid(pointer, format!("no uploaded part is named {entry}")))
}

/// A route from a create or update body: `pattern` (its host within the zone) and `script`.
fn route(body: &Map<String, Value>, zone: &str) -> Result<Map<String, Value>, Failure> {
    let invalid = |pointer: &str, message: String| Failure::invalid(vec![ErrorItem::invalid_at(pointer, message)]);
    let Some(Value::String(pattern)) = body.get("pattern") else {
        return Err(invalid("/pattern", "`pattern` is required, a string".into()));
    };
    let host = pattern.split('/').next().unwrap_or_default().trim_start_matches("*.").trim_start_matches('*');
    if !(host == zone || host.ends_with(&format!(".{zone}"))) {
        return Err(invalid("/pattern", format!("the pattern {pattern} is not within the zone {zone}")));
    }
    let mut route = Map::new();
    route.insert("pattern".into(), json!(pattern));
    match body.get("script") {
        None | Some(Value::Null) => {}
        Some(Value::String(script)) => {
            route.insert("script".into(), json!(script));
        }
        Some(_) => return Err(invalid("/script", "`script` must be a string".into())),
    }
    Ok(route)
}

/// A content hash to tag the upload (FNV-1a, hex): changes when the entry module does.
fn etag(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}
