//! The call table of the Prism test (`tests/tests/prism_generated.rs`): every generated
//! operation built as a caller would, with a value for each required field, from the
//! document's examples where they meet the field's rules, else from the rules themselves.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::{json, Map, Value};

use crate::emit;
use crate::plan::{Field, Loc, Operation};
use crate::types::{Def, Facts, Kind, Member, Rules, Ty, TypeDef, TypeRef};

/// The source of the table.
pub fn table(ops: &[Operation], split: usize, types: &[TypeDef]) -> String {
    let values = Values::new(types, Purpose::Request);
    let mut out = format!(
        "{}\n\n//! Every generated operation, built with a value for each required field, for \
         `prism_generated.rs`: those of Cloudflare's document, then those of the Email Security one.\n\n\
         // Deprecated operations and fields are called too.\n\
         #![allow(deprecated)]\n\n\
         use super::{{blob, call, json, Call, ACCOUNT, ZONE}};\n",
        emit::MARKER
    );
    let (main, own) = ops.split_at(split.min(ops.len()));
    for (name, ops) in [("CALLS", main), ("EMAIL_SECURITY_CALLS", own)] {
        let _ = writeln!(out, "\npub const {name}: &[(&str, &str, Call)] = &[");
        let mut sorted: Vec<&Operation> = ops.iter().collect();
        sorted.sort_by(|a, b| (&a.template, &a.method).cmp(&(&b.template, &b.method)));
        for op in sorted {
            let path = std::iter::once("flarekit").chain(op.module.iter().map(String::as_str)).collect::<Vec<_>>();
            // `new` takes the required fields in their order; optional ones stay unset.
            let args: Vec<String> =
                op.fields.iter().filter(|f| f.required || f.loc == Loc::Parts).map(|f| values.field(f)).collect();
            // A body that must have members gets its first optional ones set; a union of
            // objects, the members its first alternative requires.
            let least = op.min_properties.unwrap_or(0) as usize;
            let optional = |wire: &str| op.fields.iter().find(|f| f.wire == wire && !f.required && f.loc == Loc::Body);
            let chosen: Vec<&Field> = op
                .requires_any
                .iter()
                .find_map(|set| set.iter().map(|wire| optional(wire)).collect::<Option<Vec<_>>>())
                .unwrap_or_default();
            let setters: String = op
                .fields
                .iter()
                .filter(|f| !f.required && f.loc == Loc::Body)
                .take(least)
                .filter(|f| !chosen.iter().any(|c| c.rust == f.rust))
                .chain(chosen.iter().copied())
                .map(|f| format!(".{}({})", f.rust, values.field(f)))
                .chain(op.page_required.then(|| ".page(1)".to_owned()))
                .collect();
            let _ = writeln!(
                out,
                "    ({:?}, {:?}, |c| call(c, {}::{}::new({}){setters})),",
                op.method,
                op.template,
                path.join("::"),
                op.type_name,
                args.join(", ")
            );
        }
        out.push_str("];\n");
    }
    out
}

/// What a built value is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A request's field: the document's example where it fits, no read-only members.
    Request,
    /// A server's answer (the fake's, `samples.rs`): built from the rules alone, no write-only
    /// members.
    Answer,
}

/// Builds values of the generated types.
pub struct Values<'a> {
    types: HashMap<&'a TypeRef, &'a TypeDef>,
    purpose: Purpose,
}

impl<'a> Values<'a> {
    pub fn new(types: &'a [TypeDef], purpose: Purpose) -> Self {
        Values { types: types.iter().map(|t| (&t.at, t)).collect(), purpose }
    }

    /// The Rust expression of a required field's value, as `new` takes it.
    fn field(&self, f: &Field) -> String {
        if f.loc == Loc::Parts {
            // A list of files: none is a valid list.
            return "Vec::new()".into();
        }
        if f.ty == Ty::Blob {
            return "blob()".into();
        }
        match (&f.loc, f.wire.as_str()) {
            (Loc::Path, "account_id") => return "ACCOUNT.into()".into(),
            (Loc::Path, "zone_id") => return "ZONE.into()".into(),
            _ => {}
        }
        // A query sends nothing for an empty list: a required one has an item.
        let mut rules = f.rules.clone();
        if matches!(f.loc, Loc::Query { .. }) {
            rules.min_items = Some(rules.min_items.unwrap_or(1).max(1));
        }
        let value = self.value(&f.ty, &rules, &f.facts, 0);
        // `new` takes a `String` as `&str`: a literal (an `Option<String>` is decoded like the rest).
        if let (Ty::Str, Value::String(s), false) = (&f.ty, &value, f.required_nullable()) {
            return format!("{s:?}");
        }
        let text = value.to_string();
        let mut hashes = String::from("#");
        while text.contains(&format!("\"{hashes}")) {
            hashes.push('#');
        }
        format!("json(r{hashes}\"{text}\"{hashes})")
    }

    /// A value of `ty` that meets `rules`: for a request the example when it does, else one
    /// built from them.
    pub fn value(&self, ty: &Ty, rules: &Rules, facts: &Facts, depth: usize) -> Value {
        let example = facts.example.as_ref().filter(|_| self.purpose == Purpose::Request);
        if let Some(example) = example.filter(|e| fits(ty, rules, e)) {
            return example.clone();
        }
        // A list whose example is one item (`"google.com"` for a list of domain names).
        if let (Some(example), Ty::List(item)) = (example, ty) {
            if !example.is_array() && fits(item, &Rules::default(), example) && rules.min_items.unwrap_or(1) <= 1 {
                return json!([example]);
            }
        }
        if let Some(first) = facts.values.first() {
            return match ty {
                Ty::Int | Ty::U32 | Ty::Num => serde_json::from_str(first).unwrap_or_else(|_| json!(first)),
                _ => json!(first),
            };
        }
        match ty {
            Ty::Str => json!(string(rules.format.or(facts.format.as_deref()), rules)),
            Ty::Int | Ty::U32 => json!(number(rules).round() as i64),
            Ty::Num => json!(number(rules)),
            Ty::Bool => json!(true),
            // An object of undescribed members: the ones it requires, each a string.
            Ty::Json | Ty::Object | Ty::Map(_) => {
                Value::Object(facts.required.iter().map(|name| (name.clone(), json!(string(None, rules)))).collect())
            }
            Ty::Blob => json!("example"),
            Ty::List(item) => {
                let n = rules.min_items.unwrap_or(0);
                let item = self.value(item, &Rules::default(), &Facts::default(), depth + 1);
                Value::Array((0..n).map(|_| item.clone()).collect())
            }
            Ty::Boxed(t) => self.value(t, rules, facts, depth + 1),
            Ty::Named(r) => self.named(r, depth),
        }
    }

    /// An object with every member its type requires, the first of an enumeration, the first
    /// variant of a union.
    fn named(&self, r: &TypeRef, depth: usize) -> Value {
        let Some(def) = self.types.get(r) else { return json!({}) };
        if depth > 12 {
            return json!({});
        }
        match &def.def {
            Def::Enum(values) => json!(values.first()),
            Def::Struct { members, requires_any } => {
                let mut object = Map::new();
                // Write-only members a request requires are sent too, read-only ones never; an
                // answer has the read-only ones and never the write-only ones.
                let wanted = |m: &&Member| {
                    m.always
                        || m.required
                            && match self.purpose {
                                Purpose::Request => !m.facts.read_only,
                                Purpose::Answer => !m.facts.write_only,
                            }
                };
                for m in members.iter().filter(wanted) {
                    object.insert(m.wire.clone(), self.value(&m.ty, &m.rules, &m.facts, depth + 1));
                }
                // A union of objects: the members its first alternative a request can send
                // requires.
                let member = |wire: &String| members.iter().find(|m| &m.wire == wire && !m.facts.read_only);
                let first = requires_any.iter().find_map(|set| set.iter().map(member).collect::<Option<Vec<_>>>());
                if self.purpose == Purpose::Request {
                    for m in first.unwrap_or_default() {
                        object.insert(m.wire.clone(), self.value(&m.ty, &m.rules, &m.facts, depth + 1));
                    }
                }
                Value::Object(object)
            }
            Def::Tagged { tag, variants } => {
                let Some(first) = variants.first() else { return json!({}) };
                let mut object = match self.value(&first.ty, &Rules::default(), &Facts::default(), depth + 1) {
                    Value::Object(o) => o,
                    _ => Map::new(),
                };
                object.insert(tag.clone(), json!(first.wire));
                Value::Object(object)
            }
            Def::Kinds(kinds) => match kinds.iter().find(|(k, _)| *k == Kind::Object).or(kinds.first()) {
                Some((_, t)) => self.value(t, &Rules::default(), &Facts::default(), depth + 1),
                None => json!({}),
            },
        }
    }
}

/// Whether an example is of the field's type and meets the rules the generator can check.
fn fits(ty: &Ty, rules: &Rules, example: &Value) -> bool {
    match (ty, example) {
        (Ty::Str, Value::String(s)) => {
            let n = s.chars().count() as u64;
            rules.min_length.map_or(true, |m| n >= m)
                && rules.max_length.map_or(true, |m| n <= m)
                && rules.pattern.as_ref().map_or(true, |p| regex_lite::Regex::new(p).is_ok_and(|re| re.is_match(s)))
                && rules.format.is_none()
        }
        (Ty::Int | Ty::U32, Value::Number(n)) => n.is_i64() && within(rules, n.as_f64().unwrap_or(0.0)),
        (Ty::Num, Value::Number(n)) => within(rules, n.as_f64().unwrap_or(0.0)),
        (Ty::Bool, Value::Bool(_)) => true,
        (Ty::Json, _) => true,
        (Ty::Object | Ty::Map(_), Value::Object(_)) => true,
        _ => false,
    }
}

fn within(rules: &Rules, n: f64) -> bool {
    rules.minimum.map_or(true, |m| n >= m)
        && rules.maximum.map_or(true, |m| n <= m)
        && rules.exclusive_minimum.map_or(true, |m| n > m)
        && rules.exclusive_maximum.map_or(true, |m| n < m)
}

/// A string of `format` (the document's) that meets the rules: one of each format's own, else
/// `example`, cut or padded to the lengths.
fn string(format: Option<&str>, rules: &Rules) -> String {
    let base = match format {
        Some("uuid") => "f174e90a-fafe-4643-bbbc-4a0ed4fc8415",
        Some("date-time") => "2024-08-06T00:00:00Z",
        Some("date") => "2024-08-06",
        Some("email") => "user@example.com",
        Some("ipv4") => "192.0.2.1",
        Some("ipv6") => "2001:db8::1",
        Some("uri" | "url") => "https://example.com/",
        Some("hostname") => "example.com",
        _ => "example",
    };
    let mut s = base.to_owned();
    if let Some(min) = rules.min_length {
        while (s.chars().count() as u64) < min {
            s.push('a');
        }
    }
    if let Some(max) = rules.max_length {
        s = s.chars().take(max as usize).collect();
    }
    s
}

/// A number within the bounds: 1 where that is allowed, else the nearest bound.
fn number(rules: &Rules) -> f64 {
    let mut n: f64 = 1.0;
    if let Some(m) = rules.minimum {
        n = n.max(m);
    }
    if let Some(m) = rules.exclusive_minimum {
        if n <= m {
            n = m + 1.0;
        }
    }
    if let Some(m) = rules.maximum {
        n = n.min(m);
    }
    if let Some(m) = rules.exclusive_maximum {
        if n >= m {
            n = m - 1.0;
        }
    }
    n
}
