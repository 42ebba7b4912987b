//! Request validation from the declarations: required fields, JSON kinds and every
//! `#[validate(...)]` rule, checked on the values as they arrived on the wire.

use flarekit::validate::Validator;
use flarekit::{EndpointInfo, FieldInfo, Kind, Location};
use serde_json::{Map, Value};

use crate::envelope::{codes, ErrorItem, Failure};

/// How a body is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Every required field must be there (`null` where it is nullable); `null` stands for
    /// "absent" on optional fields.
    Full,
    /// A partial update: nothing is required; `null` is allowed on nullable fields and clears them.
    Partial,
}

/// Checks the path placeholders.
pub(crate) fn path_params(endpoint: &EndpointInfo, params: &[(&'static str, String)]) -> Result<(), Failure> {
    let mut errors = Vec::new();
    for (name, value) in params {
        if let Some(field) = endpoint.field(name) {
            for (_, message) in rule_violations(field, &Value::String(value.clone())) {
                errors.push(ErrorItem::new(codes::INVALID, format!("path parameter `{name}` {message}")));
            }
        }
    }
    finish(errors)
}

/// Checks and decodes the query string: each declared query field, parsed by its kind (a list
/// field collects every occurrence). Undeclared parameters are ignored.
pub(crate) fn query(endpoint: &EndpointInfo, raw: Option<&str>) -> Result<Map<String, Value>, Failure> {
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(raw.unwrap_or("").as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let mut out = Map::new();
    let mut errors = Vec::new();
    for field in endpoint.fields.iter().filter(|f| f.location == Location::Query) {
        let values: Vec<&str> = pairs.iter().filter(|(k, _)| k == field.name).map(|(_, v)| v.as_str()).collect();
        let Some(last) = values.last() else { continue };
        let parsed = match field.kind {
            Kind::List => Some(Value::Array(values.iter().map(|v| Value::String((*v).to_owned())).collect())),
            Kind::Integer => last.parse::<i64>().ok().map(Value::from),
            Kind::Number => last.parse::<f64>().ok().filter(|n| n.is_finite()).map(Value::from),
            Kind::Boolean => match *last {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                _ => None,
            },
            Kind::String | Kind::Other => Some(Value::String((*last).to_owned())),
            _ => Some(Value::String((*last).to_owned())),
        };
        let Some(value) = parsed else {
            errors.push(ErrorItem::new(
                codes::INVALID,
                format!("query parameter `{}` must be {}", field.name, kind_name(field.kind)),
            ));
            continue;
        };
        for (_, message) in rule_violations(field, &value) {
            errors.push(ErrorItem::new(codes::INVALID, format!("query parameter `{}` {message}", field.name)));
        }
        out.insert(field.name.to_owned(), value);
    }
    finish(errors)?;
    Ok(out)
}

/// Parses a request body: 400 with code 6007 unless it is a JSON object.
pub(crate) fn parse_object(body: &[u8]) -> Result<Map<String, Value>, Failure> {
    match parse_value(body)? {
        Value::Object(map) => Ok(map),
        _ => Err(malformed("expected a JSON object").at("")),
    }
}

/// Parses a request body that is any one JSON value: 400 with code 6007 unless it is JSON.
pub(crate) fn parse_value(body: &[u8]) -> Result<Value, Failure> {
    serde_json::from_slice(body).map_err(|e| malformed(&e.to_string()))
}

fn malformed(why: &str) -> Failure {
    Failure::new(400, codes::MALFORMED_JSON, format!("Malformed JSON in request body: {why}"))
}

/// Checks `body` against the body fields of `endpoint` (their rules and allowed values),
/// recording errors with pointers below `prefix`. Returns the declared members that were
/// given, `null`s included; undeclared members are dropped.
pub(crate) fn body(
    endpoint: &EndpointInfo,
    body: &Map<String, Value>,
    prefix: &str,
    mode: Mode,
    errors: &mut Vec<ErrorItem>,
) -> Map<String, Value> {
    let mut out = Map::new();
    for field in endpoint.fields.iter().filter(|f| f.location == Location::Body) {
        let pointer = format!("{prefix}/{}", escape(field.name));
        match body.get(field.name) {
            None if field.required && mode == Mode::Full => {
                errors.push(ErrorItem::invalid_at(&pointer, format!("`{}` is required", field.name)));
            }
            None => {}
            Some(Value::Null) => {
                let allowed = match mode {
                    Mode::Full => !field.required || field.nullable,
                    Mode::Partial => field.nullable,
                };
                if allowed {
                    out.insert(field.name.to_owned(), Value::Null);
                } else {
                    errors.push(ErrorItem::invalid_at(&pointer, format!("`{}` must not be null", field.name)));
                }
            }
            Some(value) => {
                let before = errors.len();
                if !kind_matches(field.kind, value) {
                    errors.push(ErrorItem::invalid_at(
                        &pointer,
                        format!("`{}` must be {}", field.name, kind_name(field.kind)),
                    ));
                } else {
                    for (below, message) in rule_violations(field, value) {
                        errors.push(ErrorItem::invalid_at(
                            &format!("{pointer}{below}"),
                            format!("`{}` {message}", field.name),
                        ));
                    }
                }
                if errors.len() == before {
                    out.insert(field.name.to_owned(), value.clone());
                }
            }
        }
    }
    if mode == Mode::Full {
        let mut v = Validator::new();
        endpoint.check_requires_any(&mut v, |name| body.get(name).is_some_and(|value| !value.is_null()));
        for x in v.finish().err().iter().flat_map(|e| e.violations()) {
            errors.push(ErrorItem::invalid_at(prefix, format!("the body {}", x.requirement())));
        }
    }
    if mode == Mode::Partial || endpoint.min_properties > 0 {
        let given =
            endpoint.fields.iter().filter(|f| f.location == Location::Body && body.contains_key(f.name)).count();
        if given < endpoint.min_properties {
            errors.push(ErrorItem::invalid_at(
                if prefix.is_empty() { "" } else { prefix },
                format!("at least {} of the fields must be given, got {given}", endpoint.min_properties),
            ));
        }
    }
    out
}

/// `Ok` when `errors` is empty, else a 400 with all of them.
pub(crate) fn finish(errors: Vec<ErrorItem>) -> Result<(), Failure> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Failure::invalid(errors))
    }
}

/// A JSON pointer token: `~` and `/` escaped.
pub(crate) fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

fn kind_matches(kind: Kind, value: &Value) -> bool {
    match kind {
        Kind::String => value.is_string(),
        Kind::Integer => value.is_i64() || value.is_u64(),
        Kind::Number => value.is_number(),
        Kind::Boolean => value.is_boolean(),
        Kind::List => value.is_array(),
        _ => true,
    }
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::String => "a string",
        Kind::Integer => "an integer",
        Kind::Number => "a number",
        Kind::Boolean => "a boolean (true or false)",
        Kind::List => "an array",
        _ => "a valid value",
    }
}

/// What `value` breaks of `field`'s rules and allowed values, as the JSON pointer below the
/// field (empty for the field itself, `/2` for its third item) and a "must …, got …" phrase:
/// the client's own checks ([`FieldInfo::check_json`]), so the fake and the client can never
/// disagree on a rule.
fn rule_violations(field: &FieldInfo, value: &Value) -> Vec<(String, String)> {
    let mut v = Validator::new();
    field.check_json(&mut v, value);
    match v.finish() {
        Ok(()) => Vec::new(),
        Err(e) => e
            .violations()
            .iter()
            .map(|x| {
                let below = x.field.strip_prefix(field.name).unwrap_or("");
                let pointer = below.replace(['[', '.'], "/").replace(']', "");
                (pointer, x.requirement().to_string())
            })
            .collect(),
    }
}
