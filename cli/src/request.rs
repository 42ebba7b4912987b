//! A request from a command's flags: the field values, their validation against the declared
//! constraints, and the wire encoding `#[endpoint]` would give the same values.

use clap::ArgMatches;
use std::borrow::Cow;

use flarekit::encode::{push_header, push_query, push_query_joined, whole_body, BodyWriter};
use flarekit::request::{Blob, Body, Form};
use flarekit::validate::{ValidationError, Validator};
use flarekit::{BodyKind, EndpointInfo, FieldInfo, Kind, Location, PartKind, RequestParts};
use serde_json::Value;

use super::command::arg_id;
use super::value;
use super::Failure;

/// The values given for an endpoint's fields, in declaration order; absent fields are left out.
#[derive(Debug, Clone)]
pub struct Values {
    /// Each given field with its value (`null` for a nullable field set to null).
    pub given: Vec<(&'static FieldInfo, Value)>,
}

impl Values {
    /// The values of `info`'s fields in `matches`.
    pub fn from_matches(info: &'static EndpointInfo, matches: &ArgMatches) -> Result<Values, Failure> {
        let mut given = Vec::new();
        for field in info.fields {
            let id = arg_id(field);
            let occurrences: Vec<Value> = match matches.try_get_many::<Value>(&id) {
                Ok(Some(values)) => values.cloned().collect(),
                // A required list left out is an empty one.
                Ok(None) if field.required && field.kind == Kind::List => vec![Value::Array(Vec::new())],
                Ok(None) => continue,
                Err(e) => return Err(Failure::Other(format!("internal error reading --{}: {e}", field.name))),
            };
            let value = if field.kind == Kind::List {
                value::list(occurrences)
                    .map_err(|e| Failure::Usage(format!("--{}: {e}", super::command::flag(field))))?
            } else {
                match occurrences.into_iter().last() {
                    Some(v) => v,
                    None => continue,
                }
            };
            given.push((field, value));
        }
        Ok(Values { given })
    }

    /// The value of the field named `name`, if given.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.given.iter().find(|(f, _)| f.name == name).map(|(_, v)| v)
    }

    /// Sets (or adds) the value of `info`'s field named `name`.
    pub fn set(&mut self, info: &'static EndpointInfo, name: &str, value: Value) {
        if let Some(slot) = self.given.iter_mut().find(|(f, _)| f.name == name) {
            slot.1 = value;
        } else if let Some(field) = info.fields.iter().find(|f| f.name == name) {
            self.given.push((field, value));
        }
    }

    /// Checks every declared constraint, reporting every violation at once: what the params
    /// struct's `validate` checks.
    pub fn validate(&self, info: &EndpointInfo) -> Result<(), ValidationError> {
        let mut v = Validator::new();
        for (field, value) in &self.given {
            if field.location == Location::Path {
                if info.path.rest() == Some(field.name) {
                    v.path_segments(field.name, &segment(value));
                } else {
                    v.path_segment(field.name, &segment(value));
                }
            }
            field.check_json(&mut v, value);
        }
        if info.min_properties > 0 {
            let present = self.given.iter().filter(|(f, _)| f.location == Location::Body).count();
            v.min_properties(present, info.min_properties);
        }
        info.check_requires_any(&mut v, |name| self.given.iter().any(|(f, value)| f.name == name && !value.is_null()));
        v.finish()
    }

    /// The request, encoded as `#[endpoint]` encodes it. Validate first: this checks nothing.
    pub fn to_request(&self, info: &EndpointInfo) -> Result<RequestParts, Failure> {
        let path = info.path.render(|name| self.get(name).map(|v| Cow::Owned(segment(v)))).ok_or_else(|| {
            let missing = info.path.placeholders().find(|name| self.get(name).is_none()).unwrap_or_default();
            Failure::Usage(format!("no value for the path's `{missing}`"))
        })?;
        let mut req = RequestParts::new(info.method, path);
        match info.body {
            BodyKind::Raw { content_type } => {
                for (field, value) in &self.given {
                    match field.location {
                        Location::Query if !field.explode => push_query_joined(&mut req.query, field.name, value)?,
                        Location::Query => push_query(&mut req.query, field.name, value)?,
                        Location::Header => push_header(&mut req.headers, field.name, value)?,
                        Location::WholeBody => {
                            req.body = Some(Body::new(content_type, blob(field, value)?.data().clone()))
                        }
                        _ => {}
                    }
                }
                return Ok(req);
            }
            BodyKind::Multipart => {
                let mut form = Form::new();
                for (field, value) in &self.given {
                    match field.location {
                        Location::Query if !field.explode => push_query_joined(&mut req.query, field.name, value)?,
                        Location::Query => push_query(&mut req.query, field.name, value)?,
                        Location::Header => push_header(&mut req.headers, field.name, value)?,
                        Location::Body => part(&mut form, field, value)?,
                        _ => {}
                    }
                }
                req.body = Some(form.finish());
                return Ok(req);
            }
            _ => {}
        }
        let mut body = BodyWriter::new();
        let has_body = info.fields.iter().any(|f| f.location == Location::Body);
        for (field, value) in &self.given {
            match field.location {
                Location::Query if !field.explode => push_query_joined(&mut req.query, field.name, value)?,
                Location::Query => push_query(&mut req.query, field.name, value)?,
                Location::Header => push_header(&mut req.headers, field.name, value)?,
                Location::Body => body.member(field.name, value)?,
                Location::WholeBody => req.body = whole_body(field.name, value)?,
                _ => {}
            }
        }
        if has_body {
            req.body = Some(body.finish());
        }
        Ok(req)
    }
}

/// The bytes a binary field's flag names: `@FILE` (read once, named by the file), `-` (standard
/// input) or the text itself.
fn blob(field: &FieldInfo, value: &Value) -> Result<Blob, Failure> {
    let text = segment(value);
    let flag = super::command::flag(field);
    if let Some(path) = text.strip_prefix('@') {
        Blob::read(path).map_err(|e| Failure::Usage(format!("--{flag}: cannot read {path}: {e}")))
    } else if text == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .map_err(|e| Failure::Usage(format!("--{flag}: cannot read standard input: {e}")))?;
        Ok(Blob::from(bytes))
    } else {
        Ok(Blob::from(text))
    }
}

/// The content type of an uploaded file, by its extension: what a Worker's modules need.
fn content_type_of(filename: &str) -> &'static str {
    match filename.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).as_deref() {
        Some("js" | "mjs") => "application/javascript+module",
        Some("cjs") => "application/javascript",
        Some("wasm") => "application/wasm",
        Some("map") => "application/source-map",
        Some("json") => "application/json",
        Some("txt") => "text/plain",
        _ => "application/octet-stream",
    }
}

/// One field of a multipart form, as the catalog says it is sent: JSON, a part per file named
/// by the file (`@worker.js`), or parts under the field's name (bytes as a file, the rest as text).
fn part(form: &mut Form, field: &'static FieldInfo, value: &Value) -> Result<(), Failure> {
    let items: Vec<&Value> = match value {
        Value::Array(items) if field.kind == Kind::List => items.iter().collect(),
        one => vec![one],
    };
    match field.part {
        PartKind::Json => form.json(field.name, value)?,
        PartKind::Named => {
            for item in items {
                let file = blob(field, item)?;
                let Some(name) = file.filename().map(str::to_owned) else {
                    return Err(Failure::Usage(format!(
                        "--{}: give each part as @FILE: its part is named by the file's name",
                        super::command::flag(field)
                    )));
                };
                let file = file.with_content_type(content_type_of(&name));
                form.blob(&name, &file)?;
            }
        }
        _ => {
            for item in items {
                match (field.kind, item) {
                    (Kind::Binary, _) => form.blob(field.name, &blob(field, item)?)?,
                    (Kind::Other, Value::Object(_) | Value::Array(_)) => form.json(field.name, item)?,
                    _ => form.text(field.name, &segment(item)),
                }
            }
        }
    }
    Ok(())
}

/// A path value as text: a string as it is, anything else as JSON.
fn segment(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
