//! Operations → declarations: each operation's module, type name, path template, fields
//! (path, query, header and body), body kind, response and pagination.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde_json::Value;

use crate::input::{Doc, Source};
use crate::names;
use crate::types::{At, Facts, Module, Rules, Ty, TypeRef, Types};

/// Where a field goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Loc {
    Path,
    Query {
        explode: bool,
    },
    Header,
    Body,
    /// The entire JSON body.
    WholeBody,
    /// The entire body as bytes of this content type.
    Raw(String),
    /// A multipart part with the value as JSON.
    JsonPart,
    /// Multipart parts, one per blob.
    Parts,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub rust: String,
    pub wire: String,
    pub ty: Ty,
    pub required: bool,
    pub loc: Loc,
    pub rules: Rules,
    pub facts: Facts,
}

impl Field {
    /// An optional body member that `null` clears: a `Nullable`, with `clear_<field>()`.
    pub fn nullable(&self) -> bool {
        !self.required && self.facts.nullable && self.loc == Loc::Body
    }

    /// A JSON body member the document requires but lets be `null`: an `Option` that
    /// `#[param(required)]` always sends, `None` as `null`.
    pub fn required_nullable(&self) -> bool {
        self.required && self.facts.nullable && self.loc == Loc::Body
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// The v4 envelope with this `result`, which may be `null`.
    Envelope(Ty, bool),
    /// The envelope with this `result` on 200, or a 202 whose `Location` says where to poll.
    Polled(Ty),
    /// The envelope, or no content at all.
    EnvelopeOrNothing,
    /// The envelope with this `result` on 200, or no content on 204.
    EnvelopeOr204(Ty),
    /// JSON outside the envelope.
    Json(Ty),
    Text,
    Payload,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub module: Module,
    pub type_name: String,
    pub method: String,
    /// `/accounts/<account_id>/…`
    pub template: String,
    /// The path as the table spells it, `{account_id}`.
    pub path: String,
    pub summary: String,
    pub operation_id: String,
    pub permissions: Option<Vec<String>>,
    pub deprecated: bool,
    pub link: String,
    pub fields: Vec<Field>,
    pub multipart: bool,
    /// The fewest body members a request may send (`minProperties`).
    pub min_properties: Option<u64>,
    /// Sets of body members (wire names) of which a request must give one whole: the body is
    /// a union of objects told apart by the members each requires.
    pub requires_any: Vec<Vec<String>>,
    pub response: Response,
    pub paginate: Option<&'static str>,
    /// The document requires the `page` that `paginate = page` makes optional.
    pub page_required: bool,
}

/// The module and resource name of an operation from its SDK names.
pub fn module_of(source: &Source<'_>) -> Option<(Module, String)> {
    let sdk = source.row.sdk.as_ref()?;
    let mut module = vec![names::ident(&names::snake(&sdk.service))];
    module.extend(sdk.resource_chain.iter().map(|r| names::ident(&names::snake(r))));
    let resource = sdk.resource_chain.last().unwrap_or(&sdk.service).clone();
    Some((module, resource))
}

/// The link to an operation's page in Cloudflare's API reference.
pub fn link(source: &Source<'_>) -> String {
    match &source.row.sdk {
        Some(sdk) => {
            let mut url = format!("https://developers.cloudflare.com/api/resources/{}/", sdk.service);
            for r in &sdk.resource_chain {
                url.push_str(&format!("subresources/{r}/"));
            }
            url.push_str(&format!("methods/{}/", sdk.method));
            url
        }
        None => format!("https://developers.cloudflare.com/api/operations/{}", source.row.operation_id),
    }
}

/// The placeholders of a path, in order.
pub fn placeholders(path: &str) -> Vec<String> {
    path.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(name, _)| name.to_owned())).collect()
}

/// The parameters of an operation: the path item's, overridden by the operation's own. Each
/// with the name of its component, where it is one (`#/components/parameters/…`).
fn parameters<'a>(doc: &'a Doc, item: &'a Value, op: &'a Value) -> Vec<(Option<&'a str>, &'a Value)> {
    let mut out: Vec<(Option<&str>, &Value)> = Vec::new();
    for list in [item.get("parameters"), op.get("parameters")] {
        for p in list.and_then(Value::as_array).into_iter().flatten() {
            let component =
                p.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/components/parameters/"));
            let p = doc.follow(p);
            let key = (p.get("name"), p.get("in"));
            out.retain(|(_, q)| (q.get("name"), q.get("in")) != key);
            out.push((component, p));
        }
    }
    out
}

/// The request body's content type and schema, JSON first.
fn request_body<'a>(doc: &'a Doc, op: &'a Value) -> Option<(String, &'a Value, bool)> {
    let body = doc.follow(op.get("requestBody")?);
    let required = body.get("required").and_then(Value::as_bool).unwrap_or(false);
    let content = body.get("content")?.as_object()?;
    let pick = ["application/json", "multipart/form-data"]
        .iter()
        .find_map(|ct| content.get_key_value(*ct))
        .or_else(|| content.iter().next())?;
    Some((pick.0.clone(), pick.1.get("schema").unwrap_or(&Value::Null), required))
}

/// The success response: its status and content (type, schema).
/// The operation answers 200, or 202 with a `Location` header to poll while it works.
fn polled(doc: &Doc, op: &Value) -> bool {
    let Some(responses) = op.get("responses") else { return false };
    responses.get("200").is_some()
        && responses
            .get("202")
            .map(|r| doc.follow(r))
            .and_then(|r| r.get("headers"))
            .is_some_and(|h| h.as_object().is_some_and(|h| h.keys().any(|k| k.eq_ignore_ascii_case("location"))))
}

fn success<'a>(doc: &'a Doc, op: &'a Value) -> Option<(Option<String>, &'a Value)> {
    let responses = op.get("responses")?.as_object()?;
    let (_, response) = ["200", "201", "202", "204", "2XX", "default"]
        .iter()
        .find_map(|code| responses.get_key_value(*code))
        .or_else(|| responses.iter().find(|(code, _)| code.starts_with('2')))?;
    let response = doc.follow(response);
    match response
        .get("content")
        .and_then(Value::as_object)
        .and_then(|c| c.get_key_value("application/json").or_else(|| c.iter().next()))
    {
        Some((ct, media)) => Some((Some(ct.clone()), media.get("schema").unwrap_or(&Value::Null))),
        None => Some((None, &Value::Null)),
    }
}

/// The schemas an operation's declaration reads: parameters, request body, success response.
pub fn schemas_read<'a>(doc: &'a Doc, source: &Source<'_>) -> Vec<&'a Value> {
    let Some((item, op)) = doc.operation(&source.doc_path, &source.row.method.to_lowercase()) else {
        return Vec::new();
    };
    let mut out: Vec<&Value> = parameters(doc, item, op).into_iter().filter_map(|(_, p)| p.get("schema")).collect();
    if let Some((_, schema, _)) = request_body(doc, op) {
        out.push(schema);
    }
    if let Some((_, schema)) = success(doc, op) {
        out.push(schema);
    }
    out
}

/// Field names the macro gives methods of its own.
const TAKEN_BY_THE_MACRO: &[&str] = &["new", "send"];

pub fn plan(types: &mut Types<'_>, doc: &Doc, source: &Source<'_>, module: Module, type_name: String) -> Operation {
    let row = source.row;
    let method = row.method.to_uppercase();
    let service = module[0].clone();
    let (item, op) = doc.operation(&source.doc_path, &row.method.to_lowercase()).expect("joined operations exist");
    let deprecated = row.deprecated || op.get("deprecated").and_then(Value::as_bool).unwrap_or(false);
    let at = |hint: String, multipart: bool| At { service: &service, module: &module, hint, multipart };

    // Path placeholders by position: the table's names (the document's where the table has
    // fewer), the document's types. A name the path repeats gets a number from its second
    // time on (`account_id`, `account_id_2`): the macro gives each placeholder one field.
    let doc_names = placeholders(&source.doc_path);
    let table_names = placeholders(&row.path);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut slots: Vec<(String, String)> = Vec::new();
    for (i, doc_name) in doc_names.iter().enumerate() {
        let base = names::snake(table_names.get(i).unwrap_or(doc_name));
        let n = seen.entry(base.clone()).or_default();
        *n += 1;
        let name = if *n == 1 { base } else { format!("{base}_{n}") };
        slots.push((doc_name.clone(), name));
    }
    let mut template = String::new();
    let mut rest = source.doc_path.as_str();
    for (_, name) in &slots {
        let (Some(open), Some(close)) = (rest.find('{'), rest.find('}')) else { break };
        template.push_str(&rest[..open]);
        template.push_str(&format!("<{name}>"));
        rest = &rest[close + 1..];
    }
    template.push_str(rest);
    let path = template.replace('<', "{").replace('>', "}");

    let mut fields: Vec<Field> = Vec::new();
    let params = parameters(doc, item, op);
    for (doc_name, name) in &slots {
        let param = params.iter().map(|(_, p)| p).find(|p| {
            p.get("in").and_then(Value::as_str) == Some("path")
                && p.get("name").and_then(Value::as_str) == Some(doc_name)
        });
        let schema = param.and_then(|p| p.get("schema")).cloned().unwrap_or(Value::Null);
        let (ty, rules, facts) = types.ty(&schema, &at(type_name.clone() + &names::pascal(name), false));
        let rust = names::ident(name);
        let (ty, rules) = match (rust.as_str(), ty) {
            ("account_id", _) => (Ty::Named(TypeRef { module: vec![], name: "AccountId".into() }), Rules::default()),
            ("zone_id", _) => (Ty::Named(TypeRef { module: vec![], name: "ZoneId".into() }), Rules::default()),
            (_, Ty::Int) => (Ty::Int, rules.for_type(&Ty::Int)),
            _ => (Ty::Str, rules.for_type(&Ty::Str)),
        };
        let facts = facts.of_parameter();
        fields.push(Field { rust, wire: name.clone(), ty, required: true, loc: Loc::Path, rules, facts });
    }

    let mut taken: HashSet<String> = fields.iter().map(|f| f.rust.clone()).collect();
    let unique = |wanted: String, taken: &mut HashSet<String>| {
        let mut rust = if TAKEN_BY_THE_MACRO.contains(&wanted.as_str()) { format!("{wanted}_value") } else { wanted };
        while !taken.insert(rust.clone()) {
            rust.push_str("_param");
        }
        rust
    };

    let root: Module = module[..1].to_vec();
    for (component, p) in &params {
        let location = p.get("in").and_then(Value::as_str).unwrap_or("");
        let Some(wire) = p.get("name").and_then(Value::as_str) else { continue };
        let loc = match location {
            "query" => {
                if p.get("style").and_then(Value::as_str) == Some("deepObject") {
                    types.notes.params_skipped.push(format!("{type_name}: query `{wire}` (deepObject)"));
                    continue;
                }
                Loc::Query { explode: p.get("explode").and_then(Value::as_bool).unwrap_or(true) }
            }
            "header" => Loc::Header,
            _ => continue,
        };
        let schema = p.get("schema").cloned().unwrap_or(Value::Null);
        // A component parameter's inline type is one type of the service, named after it
        // (`email-security_direction` is `Direction`), not one per operation.
        let (mut ty, rules, mut facts) = match component {
            Some(name) => match types.parameters.get(&(service.clone(), (*name).to_owned())) {
                Some(known) => known.clone(),
                None => {
                    let hint = names::pascal(names::component_stem(name));
                    let at = At { service: &service, module: &root, hint, multipart: false };
                    let made = types.ty(&schema, &at);
                    types.parameters.insert((service.clone(), (*name).to_owned()), made.clone());
                    made
                }
            },
            None => types.ty(&schema, &at(type_name.clone() + &names::pascal(wire), false)),
        };
        facts.deprecated |= p.get("deprecated").and_then(Value::as_bool).unwrap_or(false);
        facts = facts.of_parameter();
        if ty == Ty::Json {
            ty = untyped_scalar(&types.merged(&schema));
        }
        let scalar = |t: &Ty| matches!(t, Ty::Str | Ty::Int | Ty::U32 | Ty::Num | Ty::Bool | Ty::Named(_));
        let fits = match (&loc, &ty) {
            (Loc::Header, t) => matches!(t, Ty::Str | Ty::Named(_) | Ty::Int | Ty::Bool),
            (_, Ty::List(item)) => scalar(item),
            (_, t) => scalar(t),
        };
        if matches!(&ty, Ty::Named(r) if is_struct(types, r)) || !fits {
            types
                .notes
                .params_skipped
                .push(format!("{type_name}: {location} `{wire}` (not a value a query or header holds)"));
            continue;
        }
        if matches!(wire, "page" | "per_page" | "limit" | "offset") && matches!(ty, Ty::Int | Ty::Num) {
            ty = Ty::U32;
        }
        let rust = unique(names::ident(&names::snake(wire)), &mut taken);
        let required = p.get("required").and_then(Value::as_bool).unwrap_or(false);
        fields.push(Field { rust, wire: wire.to_owned(), rules: rules.for_type(&ty), ty, required, loc, facts });
    }

    let mut multipart = false;
    let mut min_properties = None;
    let mut requires_any = Vec::new();
    if let Some((content_type, schema, required)) = request_body(doc, op) {
        let is_multipart = content_type == "multipart/form-data";
        let hint = format!("{type_name}Body");
        match content_type.as_str() {
            "application/json" | "multipart/form-data" => {
                let merged = types.merged(schema);
                // Alternatives not told apart by a member are one object of all their members.
                let merged = types.objects_merged(&merged).or_else(|| types.folded(&merged)).unwrap_or(merged);
                let has_props = merged.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty());
                let union = merged.get("oneOf").is_some() || merged.get("anyOf").is_some();
                if has_props && !union {
                    multipart = is_multipart;
                    min_properties = merged.get("minProperties").and_then(Value::as_u64).filter(|n| *n > 0);
                    requires_any = crate::types::requires_any(&merged);
                    let members = types.members(&merged, &at(type_name.clone(), is_multipart));
                    let at_op = format!("`{method} {}`", row.path);
                    for wire in merged.get("required").and_then(Value::as_array).into_iter().flatten() {
                        let Some(wire) = wire.as_str() else { continue };
                        match members.iter().find(|m| m.wire == wire) {
                            Some(m) if m.facts.read_only => types
                                .notes
                                .unmeetable
                                .push(format!("{at_op}: the body requires `{wire}`, which it marks read-only")),
                            None => types
                                .notes
                                .unmeetable
                                .push(format!("{at_op}: the body requires `{wire}`, which it does not describe")),
                            Some(_) => {}
                        }
                    }
                    for m in members {
                        if m.facts.read_only {
                            continue;
                        }
                        let loc = match (&m.ty, is_multipart) {
                            (_, false) => Loc::Body,
                            (Ty::List(item), true) if **item == Ty::Blob => Loc::Parts,
                            (Ty::Blob | Ty::Str | Ty::Int | Ty::Num | Ty::Bool, true) => Loc::Body,
                            (Ty::Named(r), true) if !is_struct(types, r) => Loc::Body,
                            _ => Loc::JsonPart,
                        };
                        let rust = unique(names::ident(&m.rust), &mut taken);
                        // A list of parts may be empty; any other member is required as the
                        // document says: a nullable one too in JSON (sent as `null` at least),
                        // where a form has no `null` to send.
                        let required = loc == Loc::Parts
                            || (is_required(&merged, &m.wire) && (!m.facts.nullable || !is_multipart));
                        fields.push(Field {
                            rust,
                            wire: m.wire,
                            ty: m.ty,
                            required,
                            loc,
                            rules: m.rules,
                            facts: m.facts,
                        });
                    }
                } else if !is_multipart && merged != Value::Null && merged.as_object().is_some_and(|o| !o.is_empty()) {
                    let (ty, rules, facts) = types.ty(schema, &at(hint, false));
                    let rust = unique("body".into(), &mut taken);
                    let rules = rules.for_type(&ty);
                    fields.push(Field { rust, wire: "body".into(), ty, required, loc: Loc::WholeBody, rules, facts });
                }
            }
            other => {
                let rust = unique("body".into(), &mut taken);
                let facts = Facts::default();
                fields.push(Field {
                    rust,
                    wire: "body".into(),
                    ty: Ty::Blob,
                    required: true,
                    loc: Loc::Raw(other.to_owned()),
                    rules: Rules::default(),
                    facts,
                });
            }
        }
    }

    let response = match success(doc, op) {
        None | Some((None, _)) => Response::EnvelopeOrNothing,
        Some((Some(ct), schema)) if ct.contains("json") => {
            let merged = types.merged(schema);
            let props = merged.get("properties").and_then(Value::as_object);
            let enveloped = props.is_some_and(|p| p.contains_key("success") || p.contains_key("result"));
            if enveloped {
                match props.and_then(|p| p.get("result")) {
                    Some(result) => {
                        let (ty, _, facts) = types.ty(result, &at(format!("{type_name}Result"), false));
                        let no_content = op.get("responses").and_then(|r| r.get("204")).is_some();
                        if polled(doc, op) {
                            Response::Polled(ty)
                        } else if no_content {
                            Response::EnvelopeOr204(ty)
                        } else {
                            Response::Envelope(ty, facts.nullable)
                        }
                    }
                    None => Response::Envelope(Ty::Json, false),
                }
            } else if merged.as_object().map_or(true, |o| o.is_empty()) {
                Response::Json(Ty::Json)
            } else {
                let (ty, _, _) = types.ty(schema, &at(format!("{type_name}Response"), false));
                Response::Json(ty)
            }
        }
        Some((Some(ct), _)) if ct.starts_with("text/") => Response::Text,
        Some(_) => Response::Payload,
    };

    let paginate = match (&response, method.as_str()) {
        (Response::Envelope(Ty::List(_), false) | Response::Polled(Ty::List(_)), "GET") => {
            let has = |name: &str| fields.iter().any(|f| matches!(f.loc, Loc::Query { .. }) && f.wire == name);
            let cursor_string = fields.iter().any(|f| f.wire == "cursor" && f.ty == Ty::Str);
            // A string cursor pages the list where there is one, even beside a `page`.
            if has("cursor") && cursor_string {
                Some("cursor")
            } else if has("page") {
                Some("page")
            } else {
                None
            }
        }
        _ => None,
    };
    // The pager sets `page`: the field is optional even where the document requires it.
    let mut page_required = false;
    if paginate == Some("page") {
        if let Some(f) = fields.iter_mut().find(|f| f.wire == "page" && matches!(f.loc, Loc::Query { .. })) {
            f.ty = Ty::U32;
            page_required = f.required;
            f.required = false;
        }
    }

    Operation {
        module,
        type_name,
        method,
        template,
        path,
        summary: row.summary.clone(),
        operation_id: row.operation_id.clone(),
        // The table repeats a permission now and then; each is listed once, in the table's order.
        permissions: row.token_groups.as_ref().filter(|g| !g.is_empty()).map(|groups| {
            let mut seen = HashSet::new();
            groups.iter().filter(|g| seen.insert(g.as_str())).cloned().collect()
        }),
        deprecated,
        link: link(source),
        fields,
        multipart,
        min_properties,
        requires_any,
        page_required,
        response,
        paginate,
    }
}

/// What a parameter schema without a `type` holds, as a query string or header holds it: what
/// its enumeration, bounds or example are (`{minimum: 1}` for a page is a number), else text.
/// An object or a list stays JSON (not a value a query holds).
fn untyped_scalar(schema: &Value) -> Ty {
    let integer = |v: &Value| v.is_i64() || v.is_u64();
    let of = |v: &Value| match v {
        Value::Bool(_) => Some(Ty::Bool),
        n if integer(n) => Some(Ty::Int),
        Value::Number(_) => Some(Ty::Num),
        Value::String(_) => Some(Ty::Str),
        _ => None,
    };
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let kinds: Vec<Option<Ty>> = values.iter().filter(|v| !v.is_null()).map(of).collect();
        return match kinds.first() {
            Some(Some(first)) if kinds.iter().all(|k| k.as_ref() == Some(first)) => first.clone(),
            _ => Ty::Json,
        };
    }
    let bounds: Vec<&Value> = ["minimum", "maximum"].iter().filter_map(|k| schema.get(*k)).collect();
    if !bounds.is_empty() {
        return if bounds.iter().all(|b| integer(b)) { Ty::Int } else { Ty::Num };
    }
    match schema.get("example") {
        Some(example) => of(example).unwrap_or(Ty::Json),
        None if schema.get("properties").is_some() || schema.get("items").is_some() => Ty::Json,
        None => Ty::Str,
    }
}

fn is_required(schema: &Value, wire: &str) -> bool {
    schema.get("required").and_then(Value::as_array).is_some_and(|r| r.iter().any(|v| v.as_str() == Some(wire)))
}

fn is_struct(types: &Types<'_>, r: &TypeRef) -> bool {
    types.defs.iter().any(|d| &d.at == r && matches!(d.def, crate::types::Def::Struct { .. }))
}

/// For each (service, component), the modules of the operations that read it; the type is
/// placed at their deepest common module.
pub fn placements(doc: &Doc, ops: &[(Module, &Source<'_>)]) -> HashMap<(String, String), Module> {
    let mut users: BTreeMap<(String, String), Vec<&Module>> = BTreeMap::new();
    for (module, source) in ops {
        let mut used = BTreeSet::new();
        for schema in schemas_read(doc, source) {
            crate::types::components_used(doc, schema, &mut used);
        }
        for c in used {
            users.entry((module[0].clone(), c)).or_default().push(module);
        }
    }
    users
        .into_iter()
        .map(|(key, modules)| {
            let mut common: Module = modules[0].clone();
            for m in &modules[1..] {
                let n = common.iter().zip(m.iter()).take_while(|(a, b)| a == b).count();
                common.truncate(n);
            }
            (key, common)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_untyped_parameter_holds_what_its_schema_shows() {
        assert_eq!(untyped_scalar(&json!({"default": 1, "minimum": 1})), Ty::Int);
        assert_eq!(untyped_scalar(&json!({"minimum": 0.5})), Ty::Num);
        assert_eq!(untyped_scalar(&json!({"enum": [0, 1], "default": "0"})), Ty::Int);
        assert_eq!(untyped_scalar(&json!({"enum": [true]})), Ty::Bool);
        assert_eq!(untyped_scalar(&json!({"enum": [1, "a"]})), Ty::Json);
        assert_eq!(untyped_scalar(&json!({"example": "example.com"})), Ty::Str);
        assert_eq!(untyped_scalar(&json!({"description": "The monitor's id."})), Ty::Str);
        assert_eq!(untyped_scalar(&json!({"properties": {"a": {}}})), Ty::Json);
        assert_eq!(untyped_scalar(&json!({"example": {"a": 1}})), Ty::Json);
    }
}
