//! Unions: how the alternatives of a `oneOf`/`anyOf` are told apart (a tag member, the kind
//! of JSON value), and how objects that nothing tells apart become one object that asks for
//! one alternative's members (`requires_any`); `allOf` merged on the way.

use std::collections::{BTreeMap, HashSet};

use serde_json::{Map, Value};

use super::{string_enum, Types};

impl Types<'_> {
    /// The schema with `allOf` merged and `$ref`s followed: one object with every property and
    /// requirement of its parts. Unions inside stay as they are.
    pub fn merged(&self, schema: &Value) -> Value {
        self.merged_at(schema, 0)
    }

    fn merged_at(&self, schema: &Value, depth: usize) -> Value {
        let schema = self.doc.follow(schema);
        if depth > 16 {
            return schema.clone();
        }
        let Some(parts) = schema.get("allOf").and_then(Value::as_array) else { return schema.clone() };
        let mut out = Map::new();
        let mut properties = Map::new();
        let mut required: Vec<Value> = Vec::new();
        let mut own = schema.clone();
        if let Some(o) = own.as_object_mut() {
            o.remove("allOf");
        }
        for part in parts.iter().chain(std::iter::once(&own)) {
            let part = self.merged_at(part, depth + 1);
            let Some(part) = part.as_object() else { continue };
            for (k, v) in part {
                match k.as_str() {
                    "properties" => {
                        if let Some(p) = v.as_object() {
                            for (name, s) in p {
                                properties.insert(name.clone(), s.clone());
                            }
                        }
                    }
                    "required" => {
                        for r in v.as_array().into_iter().flatten() {
                            if !required.contains(r) {
                                required.push(r.clone());
                            }
                        }
                    }
                    _ => {
                        out.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                }
            }
        }
        if !properties.is_empty() {
            out.insert("properties".into(), Value::Object(properties));
            out.entry("type".to_owned()).or_insert_with(|| "object".into());
        }
        if !required.is_empty() {
            out.insert("required".into(), Value::Array(required));
        }
        Value::Object(out)
    }

    /// Whether a (resolved, merged) schema becomes a type of its own.
    pub(super) fn is_named_kind(&self, schema: &Value) -> bool {
        if has_properties(schema) || string_enum(schema).is_some() {
            return true;
        }
        match self.union_of(schema) {
            Some(Union::Tagged { .. }) => true,
            Some(Union::Kinds(kinds)) if kinds.len() > 1 => true,
            Some(Union::Kinds(kinds)) => kinds.iter().all(|(_, s)| self.is_named_kind(&self.merged(s))),
            None => false,
        }
    }

    /// The alternatives of a union (nested unions flattened, annotations and repeats left
    /// out), when `schema` is one: a `oneOf`/`anyOf` beside no members or items of its own.
    pub(super) fn alternatives(&self, schema: &Value, depth: usize) -> Option<Vec<Value>> {
        // A list beside a union of something else (the document says both of a lockdown's
        // `configurations`): a list, as its `type` says.
        let list = schema.get("type").and_then(Value::as_str) == Some("array") && schema.get("items").is_some();
        if has_properties(schema) || list || depth > 8 {
            return None;
        }
        let listed = ["oneOf", "anyOf"].into_iter().find_map(|k| schema.get(k).and_then(Value::as_array))?;
        let mut out: Vec<Value> = Vec::new();
        for alternative in listed.iter().filter(|a| !is_annotation(a)) {
            let merged = self.merged(alternative);
            let expanded = self.alternatives(&merged, depth + 1).unwrap_or_else(|| vec![alternative.clone()]);
            for a in expanded {
                if !out.iter().any(|o| self.doc.follow(o) == self.doc.follow(&a)) {
                    out.push(a);
                }
            }
        }
        Some(out)
    }

    /// How a union's alternatives are told apart; `None` when `schema` is no union of two or
    /// more, or an alternative may be anything.
    pub(super) fn union_of(&self, schema: &Value) -> Option<Union> {
        let alternatives = self.alternatives(schema, 0)?;
        if alternatives.len() < 2 {
            return None;
        }
        let merged: Vec<Value> = alternatives.iter().map(|a| self.merged(a)).collect();
        if let Some(tag) = self.tag_of(schema, &merged) {
            let values: Vec<Vec<String>> =
                merged.iter().map(|m| self.tag_values(m, &tag).unwrap_or_default()).collect();
            return Some(Union::Tagged { tag, alternatives: alternatives.into_iter().zip(values).collect() });
        }
        let mut kinds: BTreeMap<Kind, Vec<(Value, Value)>> = BTreeMap::new();
        for (alternative, merged) in alternatives.into_iter().zip(merged) {
            kinds.entry(Kind::of(&merged)?).or_default().push((alternative, merged));
        }
        Some(Union::Kinds(kinds.into_iter().map(|(kind, of_kind)| (kind, merge_kind(kind, of_kind))).collect()))
    }

    /// The member that tells objects apart: the discriminator, or else (`type` first) a member
    /// of every alternative whose values, each a string enumeration, no two alternatives share.
    fn tag_of(&self, schema: &Value, merged: &[Value]) -> Option<String> {
        if !merged.iter().all(has_properties) {
            return None;
        }
        let discriminator = schema.pointer("/discriminator/propertyName").and_then(Value::as_str);
        let mut candidates: Vec<&str> = discriminator.into_iter().collect();
        candidates.push("type");
        if let Some(first) = merged[0].get("properties").and_then(Value::as_object) {
            candidates.extend(first.keys().map(String::as_str));
        }
        candidates.into_iter().find_map(|member| {
            let mut seen = HashSet::new();
            for m in merged {
                for v in self.tag_values(m, member)? {
                    if !seen.insert(v) {
                        return None;
                    }
                }
            }
            Some(member.to_owned())
        })
    }

    fn tag_values(&self, schema: &Value, member: &str) -> Option<Vec<String>> {
        string_enum(&self.merged(schema.get("properties")?.get(member)?))
    }

    /// The object schema a union of objects not told apart by a member reads as: every
    /// alternative's members, required where all require them.
    pub fn objects_merged(&self, schema: &Value) -> Option<Value> {
        match self.union_of(schema)? {
            Union::Kinds(kinds) if kinds.len() == 1 && kinds[0].0 == Kind::Object => {
                let merged = self.merged(&kinds[0].1);
                has_properties(&merged).then_some(merged)
            }
            _ => None,
        }
    }

    /// An object with members of its own beside a `oneOf`/`anyOf` of objects (or of lists of
    /// members it requires) that no member tells apart, read as the union of the object joined
    /// with each alternative: one object of all their members, as [`Self::objects_merged`]
    /// gives. `None` for any other schema.
    pub fn folded(&self, schema: &Value) -> Option<Value> {
        if !has_properties(schema) {
            return None;
        }
        let unions: Vec<&Vec<Value>> =
            ["oneOf", "anyOf"].into_iter().filter_map(|k| schema.get(k).and_then(Value::as_array)).collect();
        if unions.is_empty() {
            return None;
        }
        let mut out = schema.clone();
        if let Some(o) = out.as_object_mut() {
            o.remove("oneOf");
            o.remove("anyOf");
        }
        // Each union in turn (an `allOf` may bring a `oneOf` and an `anyOf`): a request meets
        // both, so it gives a set of each.
        for listed in unions {
            let before = requires_any(&out);
            let mut joined = Vec::new();
            for alternative in listed.iter().filter(|a| !is_annotation(a)) {
                let merged = self.merged(alternative);
                let object = merged.as_object()?;
                let members_only = object.keys().all(|k| {
                    matches!(k.as_str(), "required" | "properties" | "type" | "description" | "title" | "example")
                }) && object.get("type").map_or(true, |t| t == "object");
                if !members_only {
                    return None;
                }
                let whole = self.merged(&serde_json::json!({ "allOf": [out, merged] }));
                joined.push((whole.clone(), whole));
            }
            out = match joined.len() {
                0 => continue,
                1 => joined.remove(0).0,
                _ => {
                    // Alternatives a member tells apart are a tagged union, not one object.
                    let wholes: Vec<Value> = joined.iter().map(|(w, _)| w.clone()).collect();
                    if self.tag_of(schema, &wholes).is_some() {
                        return None;
                    }
                    merge_kind(Kind::Object, joined)
                }
            };
            let sets = both(&before, &requires_any(&out));
            if let Some(o) = out.as_object_mut() {
                o.remove(REQUIRES_ANY);
                if sets.len() > 1 {
                    o.insert(REQUIRES_ANY.into(), serde_json::json!(sets));
                }
            }
        }
        Some(out)
    }
}

/// The kind of a JSON value, as unions of different kinds are told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Object,
    List,
    String,
    Number,
    Bool,
}

impl Kind {
    /// The variant that holds values of this kind.
    pub fn variant(self) -> &'static str {
        match self {
            Kind::Object => "Object",
            Kind::List => "List",
            Kind::String => "String",
            Kind::Number => "Number",
            Kind::Bool => "Bool",
        }
    }

    /// What the variant holds, for its documentation.
    pub fn doc(self) -> &'static str {
        match self {
            Kind::Object => "A JSON object.",
            Kind::List => "A JSON array.",
            Kind::String => "A JSON string.",
            Kind::Number => "A JSON number.",
            Kind::Bool => "A JSON boolean.",
        }
    }

    fn of(schema: &Value) -> Option<Kind> {
        if schema.get("properties").is_some() || schema.get("additionalProperties").is_some() {
            return Some(Kind::Object);
        }
        match schema.get("type").and_then(Value::as_str)? {
            "object" => Some(Kind::Object),
            "array" => Some(Kind::List),
            "string" => Some(Kind::String),
            "integer" | "number" => Some(Kind::Number),
            "boolean" => Some(Kind::Bool),
            _ => None,
        }
    }
}

/// How the alternatives of a `oneOf`/`anyOf` are told apart.
pub(super) enum Union {
    /// By a string member whose values differ between alternatives: each alternative (as
    /// written) with its values.
    Tagged { tag: String, alternatives: Vec<(Value, Vec<String>)> },
    /// By JSON kind: per kind, one schema (the alternative as written when it is the only one
    /// of its kind, else their merge).
    Kinds(Vec<(Kind, Value)>),
}

/// Where a merged union of objects keeps the sets of members that tell its alternatives apart
/// (not an OpenAPI keyword).
const REQUIRES_ANY: &str = "x-flarekit-requires-any";

/// The sets of members of which a request must give one whole (wire names), as a merged union
/// of objects keeps them.
pub fn requires_any(schema: &Value) -> Vec<Vec<String>> {
    let sets = schema.get(REQUIRES_ANY).and_then(Value::as_array).into_iter().flatten();
    sets.map(|set| set.as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect())
        .collect()
}

/// The sets a request gives one of to meet both `a` and `b` (each empty when it asks nothing):
/// every set of one joined with every set of the other.
fn both(a: &[Vec<String>], b: &[Vec<String>]) -> Vec<Vec<String>> {
    if a.is_empty() || b.is_empty() {
        return if a.is_empty() { b.to_vec() } else { a.to_vec() };
    }
    let mut out = Vec::new();
    for x in a {
        for y in b {
            let mut set = x.clone();
            set.extend(y.iter().filter(|m| !x.contains(m)).cloned());
            out.push(set);
        }
    }
    out
}

pub(super) fn has_properties(schema: &Value) -> bool {
    schema.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty())
}

/// One schema for the alternatives of one kind, each given as written and merged: the
/// alternative itself when it is alone; objects with every member (a member two define
/// differently is either), required where all require it; lists of either item; strings
/// with every listed value, or any string; numbers as the widest.
fn merge_kind(kind: Kind, mut of_kind: Vec<(Value, Value)>) -> Value {
    if of_kind.len() == 1 {
        return of_kind.remove(0).0;
    }
    let merged: Vec<Value> = of_kind.into_iter().map(|(_, m)| m).collect();
    match kind {
        Kind::Object => {
            let mut properties: BTreeMap<String, Vec<Value>> = BTreeMap::new();
            for m in &merged {
                for (name, s) in m.get("properties").and_then(Value::as_object).into_iter().flatten() {
                    let seen = properties.entry(name.clone()).or_default();
                    if !seen.contains(s) {
                        seen.push(s.clone());
                    }
                }
            }
            let required_by_all = |name: &str| {
                merged
                    .iter()
                    .all(|m| m.get("required").and_then(Value::as_array).is_some_and(|r| r.iter().any(|v| v == name)))
            };
            let required: Vec<Value> =
                properties.keys().filter(|n| required_by_all(n)).map(|n| n.as_str().into()).collect();
            // A member each alternative enumerates differently (a provider's `type`) takes any
            // of their values.
            let one = |mut schemas: Vec<Value>| match schemas.iter().map(string_enum).collect::<Option<Vec<_>>>() {
                Some(enums) if schemas.len() > 1 => {
                    let mut values: Vec<String> = Vec::new();
                    for v in enums.into_iter().flatten() {
                        if !values.contains(&v) {
                            values.push(v);
                        }
                    }
                    serde_json::json!({ "type": "string", "enum": values })
                }
                _ => either(&mut schemas),
            };
            let properties: Map<String, Value> = properties.into_iter().map(|(name, s)| (name, one(s))).collect();
            let mut out = Map::new();
            out.insert("type".into(), "object".into());
            if !properties.is_empty() {
                out.insert("properties".into(), Value::Object(properties));
            } else if let Some(values) = merged.iter().find_map(|m| m.get("additionalProperties")) {
                out.insert("additionalProperties".into(), values.clone());
            }
            if !required.is_empty() {
                out.insert("required".into(), Value::Array(required));
            }
            // What tells the alternatives apart: the members each requires beyond those all do.
            // An alternative that requires no more is met by any object: then nothing is asked.
            let mut sets: Vec<Value> = Vec::new();
            for m in &merged {
                let own: Vec<Value> = m
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter(|v| v.as_str().is_some_and(|name| !required_by_all(name)))
                    .cloned()
                    .collect();
                if own.is_empty() {
                    sets.clear();
                    break;
                }
                if !sets.iter().any(|s| s.as_array() == Some(&own)) {
                    sets.push(Value::Array(own));
                }
            }
            // A set that holds another asks nothing more of a request.
            let holds = |big: &Value, small: &Value| {
                big != small
                    && small.as_array().into_iter().flatten().all(|v| big.as_array().is_some_and(|b| b.contains(v)))
            };
            let all = sets.clone();
            sets.retain(|s| !all.iter().any(|other| holds(s, other)));
            if sets.len() > 1 {
                out.insert(REQUIRES_ANY.into(), Value::Array(sets));
            }
            Value::Object(out)
        }
        Kind::List => {
            let mut items: Vec<Value> = Vec::new();
            for m in &merged {
                let item = m.get("items").cloned().unwrap_or(Value::Null);
                if !items.contains(&item) {
                    items.push(item);
                }
            }
            serde_json::json!({ "type": "array", "items": either(&mut items) })
        }
        Kind::String => {
            let values: Option<Vec<String>> = merged.iter().map(string_enum).try_fold(Vec::new(), |mut all, v| {
                for v in v? {
                    if !all.contains(&v) {
                        all.push(v);
                    }
                }
                Some(all)
            });
            match values {
                Some(values) => serde_json::json!({ "type": "string", "enum": values }),
                // The example of one alternative that no other takes, where there is one: a
                // value that meets one alternative only, as `oneOf` asks.
                None => match merged.iter().enumerate().find_map(|(i, m)| {
                    let example = m.get("example").and_then(Value::as_str)?;
                    let others_refuse = merged.iter().enumerate().all(|(j, o)| j == i || !takes_string(o, example));
                    (takes_string(m, example) && others_refuse).then_some(example)
                }) {
                    Some(example) => serde_json::json!({ "type": "string", "example": example }),
                    None => serde_json::json!({ "type": "string" }),
                },
            }
        }
        Kind::Number => {
            let integer = merged.iter().all(|m| m.get("type").and_then(Value::as_str) == Some("integer"));
            serde_json::json!({ "type": if integer { "integer" } else { "number" } })
        }
        Kind::Bool => serde_json::json!({ "type": "boolean" }),
    }
}

/// Whether a string schema takes `value`, as far as its lengths and pattern tell.
fn takes_string(schema: &Value, value: &str) -> bool {
    let n = value.chars().count() as u64;
    let max = schema.get("maxLength").and_then(Value::as_u64);
    let min = schema.get("minLength").and_then(Value::as_u64);
    let pattern = schema.get("pattern").and_then(Value::as_str);
    max.map_or(true, |m| n <= m)
        && min.map_or(true, |m| n >= m)
        && pattern.map_or(true, |p| regex_lite::Regex::new(p).is_ok_and(|re| re.is_match(value)))
}

/// One schema, or a union of them; anything, when one of them allows anything (`{}`).
fn either(schemas: &mut Vec<Value>) -> Value {
    if schemas.iter().any(is_annotation) {
        Value::Object(Map::new())
    } else if schemas.len() == 1 {
        schemas.remove(0)
    } else {
        serde_json::json!({ "anyOf": std::mem::take(schemas) })
    }
}

/// A schema that only annotates (`{description}`, `{nullable: true}`, `{example}`).
pub(super) fn is_annotation(schema: &Value) -> bool {
    schema.as_object().is_some_and(|o| {
        o.keys()
            .all(|k| matches!(k.as_str(), "description" | "nullable" | "example" | "default" | "title" | "deprecated"))
    })
}
