//! Cloudflare's Email Security OpenAPI document, read at run time from `../shared/spec/`.
//!
//! Nothing of the spec is copied into the repository: tests call [`load`], which skips (prints
//! why and returns `None`) when the file is absent, except under `CI=true`, where absence fails.

use std::path::PathBuf;

use serde_json::{Map, Value};

/// Where the spec is expected: `<workspace>/../shared/spec/email-security.openapi.json`.
pub fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/spec/email-security.openapi.json")
}

/// The spec, or `None` (after saying why) when it is absent outside CI.
pub fn load() -> Option<Spec> {
    let path = path();
    match std::fs::read(&path) {
        Ok(bytes) => Some(Spec { doc: serde_json::from_slice(&bytes).expect("the spec is JSON") }),
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true and the spec is missing at {}: {e}", path.display())
        }
        Err(e) => {
            eprintln!("skipping: Cloudflare's spec is not at {} ({e}); these tests need ../shared", path.display());
            None
        }
    }
}

/// A parsed spec.
pub struct Spec {
    /// The whole document.
    pub doc: Value,
}

/// One parameter or body property of an operation.
#[derive(Debug, Clone)]
pub struct Field {
    /// The name.
    pub name: String,
    /// `path`, `query`, `header` or `body`.
    pub location: String,
    /// Whether the spec requires it.
    pub required: bool,
    /// Whether the spec marks it deprecated.
    pub deprecated: bool,
    /// Its schema with `$ref` and `allOf` resolved.
    pub schema: Value,
}

/// One operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Upper-case method.
    pub method: String,
    /// The path in flarekit's template syntax: `/accounts/<account_id>/…`.
    pub path: String,
    /// `operationId`.
    pub id: String,
    /// `x-api-token-group`.
    pub permissions: Vec<String>,
    /// Path, query and header parameters, then body properties that a client may send.
    pub fields: Vec<Field>,
    /// `minProperties` of the request body.
    pub min_properties: Option<u64>,
    /// The request body when it is not an object (a bare array), as one field named `body`.
    pub whole_body: Option<Field>,
    /// The operation's responses (resolved).
    pub responses: Value,
}

impl Spec {
    /// Resolves `$ref` (recursively) and merges `allOf` into one object schema.
    pub fn resolve(&self, schema: &Value) -> Value {
        self.resolve_depth(schema, 0)
    }

    fn resolve_depth(&self, schema: &Value, depth: usize) -> Value {
        if depth > 32 {
            return schema.clone();
        }
        let Some(obj) = schema.as_object() else { return schema.clone() };
        if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
            let target = r.trim_start_matches("#/").split('/').fold(&self.doc, |v, k| &v[k]);
            let mut resolved = self.resolve_depth(target, depth + 1);
            if let Value::Object(m) = &mut resolved {
                for (k, v) in obj.iter().filter(|(k, _)| *k != "$ref") {
                    m.insert(k.clone(), v.clone());
                }
            }
            return resolved;
        }
        let mut out = Map::new();
        for (k, v) in obj {
            match k.as_str() {
                "allOf" => {
                    for part in v.as_array().into_iter().flatten() {
                        if let Value::Object(m) = self.resolve_depth(part, depth + 1) {
                            merge(&mut out, m);
                        }
                    }
                }
                "properties" => {
                    let props: Map<String, Value> = v
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(name, s)| (name.clone(), self.resolve_depth(s, depth + 1)))
                        .collect();
                    merge(&mut out, Map::from_iter([("properties".to_owned(), Value::Object(props))]));
                }
                "items" => {
                    out.insert(k.clone(), self.resolve_depth(v, depth + 1));
                }
                _ => merge(&mut out, Map::from_iter([(k.clone(), v.clone())])),
            }
        }
        Value::Object(out)
    }

    /// Every operation, in document order.
    pub fn operations(&self) -> Vec<Operation> {
        let mut ops = Vec::new();
        for (path, item) in self.doc["paths"].as_object().into_iter().flatten() {
            let shared: Vec<Value> = item["parameters"].as_array().cloned().unwrap_or_default();
            for (method, op) in item.as_object().into_iter().flatten() {
                if method == "parameters" {
                    continue;
                }
                let mut fields = Vec::new();
                let params = shared.iter().chain(op["parameters"].as_array().into_iter().flatten());
                for p in params {
                    let p = self.resolve(p);
                    fields.push(Field {
                        name: p["name"].as_str().unwrap_or_default().to_owned(),
                        location: p["in"].as_str().unwrap_or_default().to_owned(),
                        required: p["required"].as_bool().unwrap_or(false),
                        deprecated: p["deprecated"].as_bool().unwrap_or(false),
                        schema: self.resolve(&p["schema"]),
                    });
                }
                let body = self.resolve(&op["requestBody"]["content"]["application/json"]["schema"]);
                let required: Vec<&str> =
                    body["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
                for (name, schema) in body["properties"].as_object().into_iter().flatten() {
                    if schema["readOnly"].as_bool() == Some(true) {
                        continue;
                    }
                    fields.push(Field {
                        name: name.clone(),
                        location: "body".into(),
                        required: required.contains(&name.as_str()),
                        deprecated: schema["deprecated"].as_bool().unwrap_or(false),
                        schema: schema.clone(),
                    });
                }
                ops.push(Operation {
                    method: method.to_ascii_uppercase(),
                    path: path.replace('{', "<").replace('}', ">"),
                    id: op["operationId"].as_str().unwrap_or_default().to_owned(),
                    permissions: op["x-api-token-group"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect(),
                    fields,
                    min_properties: body["minProperties"].as_u64(),
                    whole_body: (body["type"] == "array").then(|| Field {
                        name: "body".into(),
                        location: "body".into(),
                        required: op["requestBody"]["required"].as_bool().unwrap_or(false),
                        deprecated: false,
                        schema: body.clone(),
                    }),
                    responses: self.resolve(&op["responses"]),
                });
            }
        }
        ops
    }
}

fn merge(into: &mut Map<String, Value>, from: Map<String, Value>) {
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (Some(Value::Object(a)), Value::Object(b)) => merge(a, b),
            (Some(Value::Array(a)), Value::Array(b)) if k == "required" => {
                a.extend(b.into_iter().filter(|x| !a.contains(x)).collect::<Vec<_>>())
            }
            (_, v) => {
                into.insert(k, v);
            }
        }
    }
}

/// `/zones/{zone_id}/x` and `/zones/<zone_id>/x` as `/zones/{}/x`.
pub fn blank(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' | '<' => {
                inside = true;
                out.push('{');
            }
            '}' | '>' => {
                inside = false;
                out.push('}');
            }
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}
