//! The catalog as an OpenAPI 3.0 document.

use super::{EndpointInfo, FieldInfo, Kind, Location};
use crate::request::validate::Rule;

fn schema_of(field: &FieldInfo) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::{json, Value};
    let num = |n: f64| {
        if n.fract() == 0.0 && n.abs() < 9e15 {
            json!(n as i64)
        } else {
            json!(n)
        }
    };
    let mut s = serde_json::Map::new();
    let ty = match field.kind {
        Kind::String => Some("string"),
        Kind::Integer => Some("integer"),
        Kind::Number => Some("number"),
        Kind::Boolean => Some("boolean"),
        Kind::List => Some("array"),
        Kind::Binary => Some("string"),
        Kind::Other => None,
    };
    if let Some(ty) = ty {
        s.insert("type".into(), json!(ty));
    }
    if field.kind == Kind::Binary {
        s.insert("format".into(), json!("binary"));
    }
    if field.nullable {
        s.insert("nullable".into(), json!(true));
    }
    for rule in field.rules() {
        let (key, value): (&str, Value) = match rule {
            Rule::MaxLength(n) => ("maxLength", json!(n)),
            Rule::MinLength(n) => ("minLength", json!(n)),
            Rule::Pattern(p) => ("pattern", json!(p)),
            Rule::Format(f) => ("format", json!(f.as_str())),
            Rule::Minimum(n) => ("minimum", num(*n)),
            Rule::Maximum(n) => ("maximum", num(*n)),
            Rule::ExclusiveMinimum(n) => {
                s.insert("exclusiveMinimum".into(), json!(true));
                ("minimum", num(*n))
            }
            Rule::ExclusiveMaximum(n) => {
                s.insert("exclusiveMaximum".into(), json!(true));
                ("maximum", num(*n))
            }
            Rule::MinItems(n) => ("minItems", json!(n)),
            Rule::MaxItems(n) => ("maxItems", json!(n)),
            Rule::UniqueItems => ("uniqueItems", json!(true)),
            Rule::OneOf(values) => ("enum", json!(values)),
            _ => continue,
        };
        s.insert(key.into(), value);
    }
    if !field.values.is_empty() {
        if field.kind == Kind::List {
            s.insert("items".into(), json!({"type": "string", "enum": field.values}));
        } else {
            s.insert("enum".into(), json!(field.values));
        }
    }
    if !field.doc.is_empty() {
        s.insert("description".into(), json!(field.doc));
    }
    s
}

/// An OpenAPI 3.0 document of the endpoints given: paths, parameters, request bodies with
/// their constraints, and `x-api-token-group` permissions.
///
/// ```
/// use flarekit_core::{EndpointInfo, FieldInfo, Kind, Location, Method};
/// use flarekit_core::validate::Rule;
///
/// static INFO: EndpointInfo = EndpointInfo::new(Method::Get, "/zones/<zone_id>")
///     .permissions(&["Zone: Read"])
///     .fields(&[FieldInfo::new("zone_id", Location::Path, Kind::String).constraints(&[Rule::MaxLength(32)])]);
/// let doc = flarekit_core::catalog::to_openapi([&INFO]);
/// let op = &doc["paths"]["/zones/{zone_id}"]["get"];
/// assert_eq!(op["x-api-token-group"][0], "Zone: Read");
/// assert_eq!(op["parameters"][0]["schema"]["maxLength"], 32);
/// ```
pub fn to_openapi<'a>(endpoints: impl IntoIterator<Item = &'a EndpointInfo>) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let mut paths = Map::new();
    for e in endpoints {
        let path = e.path.openapi();
        let mut parameters = Vec::new();
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut whole_body = None;
        for f in e.fields {
            if f.location == Location::WholeBody {
                whole_body = Some(Value::Object(schema_of(f)));
                continue;
            }
            if f.location == Location::Body {
                properties.insert(f.name.into(), Value::Object(schema_of(f)));
                if f.required {
                    required.push(json!(f.name));
                }
                continue;
            }
            let mut p = json!({
                "name": f.name,
                "in": f.location.as_str(),
                "required": f.required || f.location == Location::Path,
                "schema": Value::Object(schema_of(f)),
            });
            if f.deprecated {
                p["deprecated"] = json!(true);
            }
            parameters.push(p);
        }
        let mut op = json!({
            "summary": e.summary,
            "description": e.doc,
            "operationId": e.type_name,
            "x-api-token-group": e.permissions,
            "parameters": parameters,
            "responses": {"default": {"description": "Cloudflare's response envelope"}},
        });
        if e.deprecated {
            op["deprecated"] = json!(true);
        }
        if let Some(schema) = whole_body {
            op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": schema}}});
        } else if !properties.is_empty() {
            let mut schema = json!({"type": "object", "properties": properties});
            if !required.is_empty() {
                schema["required"] = Value::Array(required);
            }
            if e.min_properties > 0 {
                schema["minProperties"] = json!(e.min_properties);
            }
            if !e.requires_any.is_empty() {
                schema["anyOf"] = e.requires_any.iter().map(|set| json!({ "required": set })).collect();
            }
            op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": schema}}});
        }
        let item = paths.entry(path).or_insert_with(|| json!({}));
        item[e.method.as_str().to_ascii_lowercase()] = op;
    }
    json!({
        "openapi": "3.0.3",
        "info": {"title": "flarekit: declared Cloudflare endpoints", "version": env!("CARGO_PKG_VERSION")},
        "servers": [{"url": crate::DEFAULT_BASE_URL}],
        "paths": paths,
    })
}
