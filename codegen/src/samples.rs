//! The answers of the fake (`fake/src/samples.rs`): for every generated operation whose answer is
//! JSON, a valid `result` (or whole body, outside the envelope) built from its response type,
//! which the fake gives for operations it serves no other way; and beside it a guide to the
//! answer type's members, by which the fake shapes a stored resource into what the type reads.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde_json::{json, Map, Value};

use crate::calls::{Purpose, Values};
use crate::emit;
use crate::plan::{Operation, Response};
use crate::types::{Def, Facts, Rules, Ty, TypeDef, TypeRef};

/// The source of the tables: the samples sorted by path template and method for a binary
/// search, and the guides of the named types the answers hold, sorted by name.
pub fn table(ops: &[Operation], types: &[TypeDef]) -> String {
    let values = Values::new(types, Purpose::Answer);
    let guides = Guides { types: types.iter().map(|t| (&t.at, t)).collect(), values: &values };
    let mut named = BTreeMap::new();
    let mut rows: Vec<(&str, &str, String, String)> = ops
        .iter()
        .filter_map(|op| {
            let (value, spec) = match &op.response {
                Response::Envelope(ty, _) | Response::Polled(ty) | Response::EnvelopeOr204(ty) | Response::Json(ty) => {
                    (values.value(ty, &Rules::default(), &Facts::default(), 0), guides.spec(ty, &mut named))
                }
                Response::EnvelopeOrNothing => (Value::Null, "j".to_owned()),
                Response::Text | Response::Payload => return None,
            };
            Some((op.template.as_str(), op.method.as_str(), value.to_string(), spec))
        })
        .collect();
    rows.sort();
    rows.dedup();
    let mut out = format!(
        "{}\n\n\
         //! A valid answer of every generated operation whose answer is JSON: the `result` of its\n\
         //! envelope (or its whole body, for one without), built from the response type alone: each\n\
         //! member the type always has, the first value of each enumeration, the first alternative of\n\
         //! each union, empty lists. The fake answers it for an operation it serves no other way.\n\
         //!\n\
         //! Beside each, the answer type as a spec, and a guide to each named type an answer holds,\n\
         //! which the fake follows to shape a stored resource into what the type reads (`guide.rs`).\n\n\
         /// (path template, method, JSON, the answer type's spec), sorted by template and method.\n\
         pub(crate) const SAMPLES: &[(&str, &str, &str, &str)] = &[\n",
        emit::MARKER
    );
    for (template, method, json, spec) in rows {
        let _ = writeln!(out, "    ({template:?}, {method:?}, {}, {spec:?}),", raw(&json));
    }
    out.push_str(
        "];\n\n\
         /// (type name, guide as JSON), sorted by name: a struct's members' specs (`m`) and the\n\
         /// members it always has (`b`); a tagged union's tag (`t`) and each variant's spec (`v`); the\n\
         /// specs of a union told apart by the kind of JSON value (`k`).\n\
         pub(crate) const GUIDES: &[(&str, &str)] = &[\n",
    );
    for (name, guide) in named {
        let _ = writeln!(out, "    ({name:?}, {}),", raw(&guide.to_string()));
    }
    out.push_str("];\n");
    out
}

/// A raw string literal of `text`.
fn raw(text: &str) -> String {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
}

/// Writes the specs of answer types and the guides of the named types they reach.
struct Guides<'a> {
    types: HashMap<&'a TypeRef, &'a TypeDef>,
    values: &'a Values<'a>,
}

impl Guides<'_> {
    /// A type's spec: `s`, `i` (an integer), `u` (an unsigned 32-bit one), `n`, `b`, `o` (any
    /// object), `j` (any JSON), `[spec]` (a list), `{spec}` (a map), `#name` (a named type,
    /// whose guide is added to `named`).
    fn spec(&self, ty: &Ty, named: &mut BTreeMap<String, Value>) -> String {
        match ty {
            Ty::Str | Ty::Blob => "s".into(),
            Ty::Int => "i".into(),
            Ty::U32 => "u".into(),
            Ty::Num => "n".into(),
            Ty::Bool => "b".into(),
            Ty::Json => "j".into(),
            Ty::Object => "o".into(),
            Ty::Map(item) => format!("{{{}}}", self.spec(item, named)),
            Ty::List(item) => format!("[{}]", self.spec(item, named)),
            Ty::Boxed(inner) => self.spec(inner, named),
            Ty::Named(r) => self.named(r, named),
        }
    }

    fn named(&self, r: &TypeRef, named: &mut BTreeMap<String, Value>) -> String {
        let Some(def) = self.types.get(r) else { return "j".into() };
        if let Def::Enum(_) = def.def {
            // Open enumerations: any string decodes.
            return "s".into();
        }
        let name = format!("{}::{}", r.module.join("::"), r.name);
        if named.contains_key(&name) {
            return format!("#{name}");
        }
        // Held before its members are written, so a recursive type ends.
        named.insert(name.clone(), Value::Null);
        let guide = match &def.def {
            Def::Struct { members, .. } => {
                let specs: Map<String, Value> =
                    members.iter().map(|m| (m.wire.clone(), json!(self.spec(&m.ty, named)))).collect();
                json!({"m": specs, "b": self.values.value(&Ty::Named(r.clone()), &Rules::default(), &Facts::default(), 0)})
            }
            Def::Tagged { tag, variants } => {
                let specs: Map<String, Value> =
                    variants.iter().map(|v| (v.wire.clone(), json!(self.spec(&v.ty, named)))).collect();
                json!({"t": tag, "v": specs})
            }
            Def::Kinds(kinds) => json!({"k": kinds.iter().map(|(_, t)| self.spec(t, named)).collect::<Vec<_>>()}),
            Def::Enum(_) => Value::Null,
        };
        named.insert(name.clone(), guide);
        format!("#{name}")
    }
}
