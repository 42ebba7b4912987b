//! Every generated operation whose answer is JSON decodes the answer Cloudflare's document
//! describes: its example where it gives one for the whole response, else one built from the
//! schema as Prism builds it (each schema's own `example` first, then its type: the first
//! enumeration value, the first alternative of a union, every property of an object). A type
//! that refused what the document says Cloudflare sends would break a caller on the first call.
//!
//! An example that contradicts its own schema (`"false"` for a boolean, an object without a
//! member it requires) is a quirk of the document, not of the types: it is counted and listed,
//! and the value is built from the schema instead.

#[path = "decode_examples/decoders.rs"]
mod decoders;

use std::collections::BTreeMap;
use std::path::PathBuf;

use flarekit::transport::HeaderValue;
use flarekit::{Endpoint, HttpResponse};
use flarekit_tests::spec;
use serde_json::{json, Map, Value};

type Decoder = fn(&HttpResponse) -> Result<(), flarekit::Error>;

fn decode<E: Endpoint>(response: &HttpResponse) -> Result<(), flarekit::Error> {
    E::decode(response).map(drop)
}

/// Answers whose decoding fails for a reason of the document's, each with the reason.
const QUIRKS: &[(&str, &str)] = &[
    (
        "GET /zones/<zone_id>/cache/origin_post_quantum_encryption",
        "the response is `allOf` an envelope object and a bare string enumeration: no value is both",
    ),
    (
        "PUT /zones/<zone_id>/cache/origin_post_quantum_encryption",
        "the response is `allOf` an envelope object and a bare string enumeration: no value is both",
    ),
    (
        "GET /accounts/<account_id>/rules/lists/<list_id>/items/<item_id>",
        "`lists_item` is `oneOf` bare values (its first an IP address string) beside its own object \
         properties: the value built from the first alternative is a string, what Cloudflare sends an object",
    ),
];

fn follow<'a>(doc: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..32 {
        match schema.get("$ref").and_then(Value::as_str).and_then(|r| doc.pointer(&r[1..])) {
            Some(target) => schema = target,
            None => break,
        }
    }
    schema
}

/// Why `value` is not what `schema` describes (types, required members, enumerations), if it
/// is not.
fn contradiction(doc: &Value, value: &Value, schema: &Value, depth: usize) -> Option<String> {
    let schema = follow(doc, schema);
    if depth > 24 {
        return None;
    }
    if value.is_null() {
        let nullable = schema.get("nullable").and_then(Value::as_bool).unwrap_or(false);
        let typed = schema.get("type").is_some() || schema.get("properties").is_some();
        return (typed && !nullable).then(|| "null where the schema does not allow it".to_owned());
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        return parts.iter().find_map(|p| contradiction(doc, value, p, depth + 1));
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(alternatives) = schema.get(key).and_then(Value::as_array) {
            let reasons: Vec<String> =
                alternatives.iter().filter_map(|a| contradiction(doc, value, a, depth + 1)).collect();
            if reasons.len() == alternatives.len() {
                return Some(format!("no alternative fits ({})", reasons.join("; ")));
            }
            // The keywords beside the union hold too (a `type: array` beside objects).
            schema.get("type")?;
        }
    }
    let kind = schema.get("type").and_then(Value::as_str).or(schema.get("properties").map(|_| "object"));
    let fits = match kind {
        Some("string") => value.is_string(),
        Some("integer") => value.is_i64() || value.is_u64(),
        Some("number") => value.is_number(),
        Some("boolean") => value.is_boolean(),
        Some("array") => value.is_array(),
        Some("object") => value.is_object(),
        _ => true,
    };
    if !fits {
        return Some(format!("{value} is not a {}", kind.unwrap_or("value")));
    }
    if let (Some(values), Some(_)) = (schema.get("enum").and_then(Value::as_array), value.as_str()) {
        if !values.contains(value) {
            return Some(format!("{value} is not one of {}", Value::Array(values.clone())));
        }
    }
    match value {
        Value::Object(members) => {
            for required in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
                if let Some(name) = required.as_str().filter(|n| !members.contains_key(*n)) {
                    return Some(format!("no `{name}`, which the schema requires"));
                }
            }
            let properties = schema.get("properties").and_then(Value::as_object);
            let others = schema.get("additionalProperties").filter(|a| a.is_object());
            members.iter().find_map(|(name, member)| {
                let property = properties.and_then(|p| p.get(name)).or(others)?;
                contradiction(doc, member, property, depth + 1).map(|why| format!("`{name}`: {why}"))
            })
        }
        Value::Array(items) => {
            let item = schema.get("items")?;
            items.iter().find_map(|v| contradiction(doc, v, item, depth + 1))
        }
        _ => None,
    }
}

/// A document of `../shared/spec`, by its path there.
fn document(file: &str) -> Option<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/spec").join(file);
    if !path.exists() {
        assert!(!std::env::var("CI").is_ok_and(|v| v == "true"), "CI=true and {} is missing", path.display());
        eprintln!("skipping: {} is absent; this test needs ../shared", path.display());
        return None;
    }
    let text = std::fs::read_to_string(&path).expect("readable document");
    Some(serde_json::from_str(&text).expect("a JSON document"))
}

struct Builder<'a> {
    doc: &'a Value,
    /// The references being expanded: a schema that contains itself stops there.
    stack: Vec<String>,
    /// Examples that contradict their schemas: where, and why.
    contradictions: Vec<String>,
}

impl Builder<'_> {
    /// A value `schema` describes; `None` where nothing can be built (a recursion).
    fn build(&mut self, schema: &Value) -> Option<Value> {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            if self.stack.iter().any(|r| r == reference) || self.stack.len() > 24 {
                return None;
            }
            let target = self.doc.pointer(&reference[1..])?;
            self.stack.push(reference.to_owned());
            let value = self.build(target);
            self.stack.pop();
            return value;
        }
        if let Some(example) = schema.get("example") {
            match contradiction(self.doc, example, schema, 0) {
                None => return Some(example.clone()),
                Some(why) => {
                    let name = self.stack.last().map_or("an inline schema", String::as_str).to_owned();
                    self.contradictions.push(format!("{name}: its example {why}"));
                    let mut without = schema.clone();
                    if let Some(o) = without.as_object_mut() {
                        o.remove("example");
                    }
                    return self.build(&without);
                }
            }
        }
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            let mut merged: Option<Value> = None;
            for part in parts {
                match (merged.as_mut(), self.build(part)) {
                    (Some(Value::Object(into)), Some(Value::Object(from))) => into.extend(from),
                    // A part that only annotates (`{description}`) adds nothing.
                    (Some(_), Some(Value::Null)) => {}
                    (_, Some(value)) => merged = Some(value),
                    (_, None) => {}
                }
            }
            return merged;
        }
        // A list beside a union of something else is a list, as the generated type reads it.
        let list = schema.get("type").and_then(Value::as_str) == Some("array") && schema.get("items").is_some();
        for key in ["oneOf", "anyOf"].into_iter().filter(|_| !list) {
            if let Some(alternatives) = schema.get(key).and_then(Value::as_array) {
                return alternatives.iter().find_map(|a| self.build(a));
            }
        }
        if let Some(first) = schema.get("enum").and_then(Value::as_array).and_then(|e| e.first()) {
            return Some(first.clone());
        }
        let kind = schema.get("type").and_then(Value::as_str);
        match kind {
            Some("object") | None if schema.get("properties").is_some() => {
                let mut object = Map::new();
                for (name, property) in schema["properties"].as_object().into_iter().flatten() {
                    if let Some(value) = self.build(property) {
                        object.insert(name.clone(), value);
                    }
                }
                Some(Value::Object(object))
            }
            Some("object") => match schema.get("additionalProperties") {
                Some(values) if values.is_object() => {
                    Some(self.build(values).map_or_else(|| json!({}), |v| json!({ "key": v })))
                }
                _ => Some(json!({})),
            },
            Some("array") => {
                let item = schema.get("items").and_then(|items| self.build(items));
                Some(Value::Array(item.into_iter().collect()))
            }
            Some("string") => Some(Value::String(
                match schema.get("format").and_then(Value::as_str) {
                    Some("date-time") => "2014-01-01T05:20:00.12345Z",
                    Some("date") => "2014-01-01",
                    Some("uuid") => "f174e90a-fafe-4643-bbbc-4a0ed4fc8415",
                    _ => "string",
                }
                .to_owned(),
            )),
            Some("integer") => Some(json!(schema.get("minimum").and_then(Value::as_i64).unwrap_or(1))),
            Some("number") => Some(json!(schema.get("minimum").and_then(Value::as_f64).unwrap_or(1.5))),
            Some("boolean") => Some(json!(true)),
            _ => Some(Value::Null),
        }
    }
}

/// The success answer of an operation: its media example, or one built from its schema; and
/// the examples it met that contradict their schemas.
fn answer(doc: &Value, op: &Value) -> Option<(Value, Vec<String>)> {
    let responses = op.get("responses")?.as_object()?;
    let response = ["200", "201", "202", "2XX"].iter().find_map(|c| responses.get(*c))?;
    let response = match response.get("$ref").and_then(Value::as_str) {
        Some(r) => doc.pointer(&r[1..])?,
        None => response,
    };
    let media = response.get("content")?.get("application/json")?;
    let schema = media.get("schema")?;
    let given = media.get("example").cloned().or_else(|| {
        let first = media.get("examples").and_then(Value::as_object).and_then(|e| e.values().next())?;
        first.get("value").cloned()
    });
    let mut builder = Builder { doc, stack: Vec::new(), contradictions: Vec::new() };
    if let Some(example) = given {
        match contradiction(doc, &example, schema, 0) {
            None => return Some((example, Vec::new())),
            Some(why) => builder.contradictions.push(format!("the response example {why}")),
        }
    }
    let value = builder.build(schema)?;
    Some((value, builder.contradictions))
}

#[test]
fn every_generated_answer_in_the_document_decodes() {
    // Cloudflare's document, and Email Security's own.
    let Some(main) = document("cloudflare/openapi.2024-08-06.json") else { return };
    let Some(email_security) = document("email-security.openapi.json") else { return };
    let mut ops: BTreeMap<(String, String), (&Value, &Value)> = BTreeMap::new();
    for doc in [&main, &email_security] {
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for method in ["get", "post", "put", "patch", "delete"] {
                if let Some(op) = item.get(method) {
                    ops.entry((method.to_uppercase(), spec::blank(path))).or_insert((doc, op));
                }
            }
        }
    }
    let mut failures: Vec<String> = Vec::new();
    let mut contradictions: BTreeMap<String, usize> = BTreeMap::new();
    let mut decoded = 0;
    for (method, template, decoder) in decoders::DECODERS {
        let at = format!("{method} {template}");
        let Some(&(doc, op)) = ops.get(&(method.to_string(), spec::blank(template))) else {
            failures.push(format!("{at}: not in the document"));
            continue;
        };
        let Some((body, found)) = answer(doc, op) else { continue };
        for c in found {
            *contradictions.entry(c).or_default() += 1;
        }
        let mut response = HttpResponse::new(200, serde_json::to_vec(&body).expect("JSON"));
        response.headers.insert("content-type", HeaderValue::from_static("application/json"));
        match decoder(&response) {
            Ok(()) => decoded += 1,
            Err(e) if QUIRKS.iter().any(|(q, _)| *q == at) => eprintln!("known quirk: {at}: {e}"),
            Err(e) => failures.push(format!("{at}: {e}")),
        }
    }
    println!("Examples of the document that contradict their own schemas (values built from the schema instead):");
    for (c, n) in &contradictions {
        println!("  {c} ({n} operation(s))");
    }
    println!(
        "{decoded} of {} generated answers decoded; {} example(s) contradicting their schemas; {} known quirk(s); \
         {} unexplained failure(s)",
        decoders::DECODERS.len(),
        contradictions.len(),
        QUIRKS.len(),
        failures.len()
    );
    assert!(decoded > 900, "only {decoded} answers decoded");
    assert!(failures.is_empty(), "{} unexplained failure(s):\n{}", failures.len(), failures.join("\n"));
}
