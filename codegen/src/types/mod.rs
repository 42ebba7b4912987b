//! Schemas → Rust types: structs for objects (`allOf` merged), open enums for string
//! enumerations, `Vec`, maps for `additionalProperties`, primitives with their constraints as
//! `#[validate]` rules. A component schema is one type per service, placed in the deepest
//! module that holds every operation of the service using it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde_json::Value;

use crate::input::Doc;
use crate::names;

mod facts;
mod unions;

pub use facts::{Facts, Rules};
use unions::{has_properties, is_annotation, Union};
pub use unions::{requires_any, Kind};

/// A module path below the crate root: `["dns", "records"]`.
pub type Module = Vec<String>;

/// A Rust type as a field holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Str,
    Int,
    /// Page numbers, sizes and offsets: what pagination and counts take.
    U32,
    Num,
    Bool,
    /// Any JSON: schemas with no type, and unions not yet typed.
    Json,
    /// A JSON object with members of any kind.
    Object,
    Map(Box<Ty>),
    List(Box<Ty>),
    Named(TypeRef),
    /// A reference back to a type being defined (a recursive schema).
    Boxed(Box<Ty>),
    /// Bytes with a content type and a file name (multipart parts, raw bodies).
    Blob,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeRef {
    pub module: Module,
    pub name: String,
}

impl Ty {
    /// The categories of `#[validate]` rules the type takes.
    pub fn takes_string_rules(&self) -> bool {
        matches!(self, Ty::Str)
    }
    pub fn takes_number_rules(&self) -> bool {
        matches!(self, Ty::Int | Ty::U32 | Ty::Num)
    }
    pub fn takes_list_rules(&self) -> bool {
        matches!(self, Ty::List(_))
    }
    pub fn named(&self) -> Option<&TypeRef> {
        match self {
            Ty::Named(r) => Some(r),
            Ty::Boxed(t) | Ty::List(t) | Ty::Map(t) => t.named(),
            _ => None,
        }
    }
}

/// What the generator could not express, for the coverage report.
#[derive(Debug, Default)]
pub struct Notes {
    pub patterns_skipped: Vec<String>,
    /// Patterns the schema's own example does not match, left out.
    pub patterns_contradicted: Vec<String>,
    pub untyped_unions: BTreeSet<String>,
    pub params_skipped: Vec<String>,
    pub renamed_operations: Vec<String>,
    pub derived_names: Vec<String>,
    /// Requests the document describes in a way no request can meet (a required member it
    /// marks read-only, or does not describe).
    pub unmeetable: Vec<String>,
    /// Inline types identical to another, merged into it.
    pub merged_types: usize,
}

impl Notes {
    pub fn absorb(&mut self, other: Notes) {
        self.patterns_skipped.extend(other.patterns_skipped);
        self.patterns_contradicted.extend(other.patterns_contradicted);
        self.untyped_unions.extend(other.untyped_unions);
        self.params_skipped.extend(other.params_skipped);
        self.renamed_operations.extend(other.renamed_operations);
        self.derived_names.extend(other.derived_names);
        self.unmeetable.extend(other.unmeetable);
        self.merged_types += other.merged_types;
    }
}

/// A member of a struct.
#[derive(Debug, Clone)]
pub struct Member {
    pub wire: String,
    pub rust: String,
    pub ty: Ty,
    /// Present in every value: required, not nullable, neither read- nor write-only.
    pub always: bool,
    /// Listed as required by the document (a write-only one is still sent).
    pub required: bool,
    pub rules: Rules,
    pub facts: Facts,
}

#[derive(Debug, Clone)]
pub enum Def {
    /// An object: its members, and the sets of them one of which a request must give whole
    /// (wire names; `requires_any`).
    Struct {
        members: Vec<Member>,
        requires_any: Vec<Vec<String>>,
    },
    Enum(Vec<String>),
    /// Objects told apart by a string member (`tag`): each variant's type holds the other
    /// members.
    Tagged {
        tag: String,
        variants: Vec<Variant>,
    },
    /// Alternatives told apart by their JSON kind, one type per kind.
    Kinds(Vec<(Kind, Ty)>),
}

/// An alternative of a tagged union.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The tag's value.
    pub wire: String,
    pub ty: Ty,
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    pub at: TypeRef,
    /// The component schema it comes from.
    pub schema: Option<String>,
    pub def: Def,
    /// Sent in a request (it derives `Validate`, and its members carry their rules).
    pub request: bool,
    /// Read from a response.
    pub response: bool,
}

impl TypeDef {
    pub fn refs(&self) -> Vec<&TypeRef> {
        self.field_types().into_iter().filter_map(Ty::named).collect()
    }

    /// The types the definition holds.
    pub fn field_types(&self) -> Vec<&Ty> {
        match &self.def {
            Def::Struct { members, .. } => members.iter().map(|m| &m.ty).collect(),
            Def::Enum(_) => Vec::new(),
            Def::Tagged { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
            Def::Kinds(kinds) => kinds.iter().map(|(_, t)| t).collect(),
        }
    }
}

/// Where a schema is being translated: for whom, and how to name what it defines inline.
#[derive(Clone)]
pub struct At<'a> {
    pub service: &'a str,
    /// The module of whatever defines inline types from here.
    pub module: &'a Module,
    /// The name an inline type gets here.
    pub hint: String,
    /// A multipart body: binary strings are blobs.
    pub multipart: bool,
}

impl At<'_> {
    fn child(&self, member: &str) -> At<'_> {
        At {
            service: self.service,
            module: self.module,
            hint: format!("{}{}", self.hint, names::pascal(member)),
            multipart: self.multipart,
        }
    }
}

pub struct Types<'d> {
    doc: &'d Doc,
    /// Where each (service, component) is defined.
    placement: HashMap<(String, String), Module>,
    pub defs: Vec<TypeDef>,
    index: HashMap<(String, String), usize>,
    taken: HashMap<Module, HashSet<String>>,
    in_progress: HashSet<TypeRef>,
    /// Components that are not types of their own (arrays, primitives) being translated: a
    /// schema that holds itself that way is JSON where it recurs.
    inlining: HashSet<String>,
    /// What each component parameter's schema became, by service and parameter name.
    pub parameters: HashMap<(String, String), (Ty, Rules, Facts)>,
    pub notes: Notes,
}

impl<'d> Types<'d> {
    pub fn new(doc: &'d Doc, placement: HashMap<(String, String), Module>) -> Self {
        Types {
            doc,
            placement,
            defs: Vec::new(),
            index: HashMap::new(),
            taken: HashMap::new(),
            in_progress: HashSet::new(),
            inlining: HashSet::new(),
            parameters: HashMap::new(),
            notes: Notes::default(),
        }
    }

    /// Reserves `name` in `module` (an operation's type), so no schema type takes it.
    pub fn reserve(&mut self, module: &Module, name: &str) -> bool {
        let taken =
            self.taken.entry(module.clone()).or_insert_with(|| RESERVED.iter().map(|s| (*s).to_owned()).collect());
        taken.insert(name.to_owned())
    }

    /// A free name in `module`, trying each candidate, then the first with a number. Names
    /// generated code uses from elsewhere are never free.
    fn claim(&mut self, module: &Module, candidates: &[String]) -> String {
        let taken =
            self.taken.entry(module.clone()).or_insert_with(|| RESERVED.iter().map(|s| (*s).to_owned()).collect());
        for c in candidates {
            if taken.insert(c.clone()) {
                return c.clone();
            }
        }
        let base = &candidates[0];
        (2..).map(|n| format!("{base}{n}")).find(|c| taken.insert(c.clone())).unwrap_or_default()
    }

    /// The definition of a type named `at.hint` from a (merged) schema.
    fn define(&mut self, schema: &Value, at: &At<'_>) -> Def {
        if let Some(values) = string_enum(schema) {
            return Def::Enum(values);
        }
        match self.union_of(schema) {
            Some(Union::Tagged { tag, alternatives }) => self.tagged(&tag, alternatives, at),
            Some(Union::Kinds(kinds)) if kinds.len() > 1 => Def::Kinds(
                kinds.into_iter().map(|(kind, s)| (kind, self.ty(&s, &at.child(kind.variant())).0)).collect(),
            ),
            Some(Union::Kinds(kinds)) => {
                let one = kinds.into_iter().next().map(|(_, s)| self.merged(&s)).unwrap_or(Value::Null);
                self.define(&one, at)
            }
            None => {
                let folded = self.folded(schema);
                let schema = folded.as_ref().unwrap_or(schema);
                Def::Struct { members: self.members(schema, at), requires_any: requires_any(schema) }
            }
        }
    }

    /// A tagged union: per alternative, a type of the members other than the tag (named as
    /// its component, or after the union and its first tag value).
    fn tagged(&mut self, tag: &str, alternatives: Vec<(Value, Vec<String>)>, at: &At<'_>) -> Def {
        let mut variants = Vec::new();
        for (alternative, values) in alternatives {
            let mut stripped = self.merged(&alternative);
            if let Some(o) = stripped.as_object_mut() {
                if let Some(p) = o.get_mut("properties").and_then(Value::as_object_mut) {
                    p.remove(tag);
                }
                if let Some(r) = o.get_mut("required").and_then(Value::as_array_mut) {
                    r.retain(|v| v.as_str() != Some(tag));
                }
            }
            let first = values.first().cloned().unwrap_or_default();
            let ty = match Doc::schema_name(&alternative) {
                Some(component) if has_properties(&stripped) => {
                    let key = format!("{component} without `{tag}`");
                    let candidates = [names::pascal(names::component_stem(component)), names::pascal(component)];
                    self.component_from(&key, component, stripped, &candidates, at.service)
                }
                _ => self.ty(&stripped, &at.child(&first)).0,
            };
            variants.extend(values.into_iter().map(|wire| Variant { wire, ty: ty.clone() }));
        }
        Def::Tagged { tag: tag.to_owned(), variants }
    }

    /// The type of `schema` at `at`, with the rules its constraints give.
    pub fn ty(&mut self, schema: &Value, at: &At<'_>) -> (Ty, Rules, Facts) {
        // A reference to a component that is a type of its own: that type.
        if let Some(component) = Doc::schema_name(schema) {
            let merged = self.merged(schema);
            let facts = Facts::of(&merged);
            if self.is_named_kind(&merged) {
                let ty = self.component(component, at.service);
                return (ty, Rules::default(), facts);
            }
            if !self.inlining.insert(component.to_owned()) {
                return (Ty::Json, Rules::default(), facts);
            }
            let (ty, rules, inner) = self.inline(&merged, at);
            self.inlining.remove(component);
            return (ty, rules, Facts { example: facts.example.clone().or(inner.example), ..facts });
        }
        // `allOf: [$ref]` with a description or a default beside it: the component.
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            let substantial: Vec<&Value> = parts.iter().filter(|p| !is_annotation(p)).collect();
            if substantial.len() == 1 && schema.get("properties").is_none() {
                let (ty, rules, mut facts) = self.ty(substantial[0], at);
                let own = Facts::of(schema);
                facts.deprecated |= own.deprecated;
                facts.nullable |= own.nullable;
                facts.read_only |= own.read_only;
                facts.default = own.default.or(facts.default);
                return (ty, rules, facts);
            }
        }
        let merged = self.merged(schema);
        let facts = Facts::of(&merged);
        let (ty, rules, _) = self.inline(&merged, at);
        (ty, rules, facts)
    }

    /// An inline (merged) schema.
    fn inline(&mut self, schema: &Value, at: &At<'_>) -> (Ty, Rules, Facts) {
        let mut notes = std::mem::take(&mut self.notes);
        let rules = Rules::of(schema, &mut notes, &at.hint);
        self.notes = notes;
        let facts = Facts::of(schema);
        if let Some(alternatives) = self.alternatives(schema, 0) {
            match self.union_of(schema) {
                // One kind of one schema: that schema.
                Some(Union::Kinds(kinds)) if kinds.len() == 1 && !self.is_named_kind(schema) => {
                    let (ty, rules, inner) = self.ty(&kinds[0].1, at);
                    return (ty, rules, Facts { example: facts.example.clone().or(inner.example), ..facts });
                }
                Some(_) => {}
                None if alternatives.len() == 1 => return self.ty(&alternatives[0], at),
                None => {
                    self.notes.untyped_unions.insert(at.hint.clone());
                    return (Ty::Json, Rules::default(), facts);
                }
            }
        }
        if self.is_named_kind(schema) {
            let name = self.claim(at.module, std::slice::from_ref(&at.hint));
            let at_ref = TypeRef { module: at.module.clone(), name: name.clone() };
            let def = self.define(schema, &At { hint: name, ..at.clone() });
            self.defs.push(TypeDef { at: at_ref.clone(), schema: None, def, request: false, response: false });
            return (Ty::Named(at_ref), Rules::default(), facts);
        }
        let kind = schema.get("type").and_then(Value::as_str);
        let ty = match kind {
            Some("string") if at.multipart && schema.get("format").and_then(Value::as_str) == Some("binary") => {
                Ty::Blob
            }
            Some("string") => Ty::Str,
            Some("integer") => Ty::Int,
            Some("number") => Ty::Num,
            Some("boolean") => Ty::Bool,
            Some("array") => {
                let items = schema.get("items").cloned().unwrap_or(Value::Null);
                let (item, _, _) = self.ty(&items, &at.child("item"));
                Ty::List(Box::new(item))
            }
            Some("object") | None if schema.get("additionalProperties").is_some_and(Value::is_object) => {
                let values = schema.get("additionalProperties").cloned().unwrap_or(Value::Null);
                match self.ty(&values, &at.child("value")).0 {
                    Ty::Json => Ty::Object,
                    value => Ty::Map(Box::new(value)),
                }
            }
            Some("object") => Ty::Object,
            _ => Ty::Json,
        };
        (ty, rules, facts)
    }

    /// The members of an object schema (merged), sorted by wire name.
    pub fn members(&mut self, schema: &Value, at: &At<'_>) -> Vec<Member> {
        let required: HashSet<String> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default();
        let properties: BTreeMap<String, Value> = schema
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| p.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        let mut used = HashSet::new();
        let mut out = Vec::new();
        for (wire, prop) in &properties {
            let (ty, rules, facts) = self.ty(prop, &at.child(wire));
            let ty = if matches!(ty, Ty::Blob) && !at.multipart { Ty::Str } else { ty };
            let mut rust = names::ident(&names::snake(wire));
            while !used.insert(rust.clone()) {
                rust.push('_');
            }
            let always = required.contains(wire) && !facts.nullable && !facts.read_only && !facts.write_only;
            let required = required.contains(wire) && !facts.nullable;
            out.push(Member { wire: wire.clone(), rust, rules: rules.for_type(&ty), ty, always, required, facts });
        }
        out
    }

    /// The type of component `name` in `service`, defined on first use.
    fn component(&mut self, name: &str, service: &str) -> Ty {
        let schema = self.doc.schema(name).cloned().unwrap_or(Value::Null);
        let merged = self.merged(&schema);
        let candidates = [names::pascal(names::component_stem(name)), names::pascal(name)];
        self.component_from(name, name, merged, &candidates, service)
    }

    /// The type keyed `key` in `service`, defined on first use from `merged`, placed where
    /// `component` is.
    fn component_from(
        &mut self,
        key: &str,
        component: &str,
        merged: Value,
        candidates: &[String],
        service: &str,
    ) -> Ty {
        let key = (service.to_owned(), key.to_owned());
        if let Some(&i) = self.index.get(&key) {
            let at = self.defs[i].at.clone();
            if self.in_progress.contains(&at) {
                return Ty::Boxed(Box::new(Ty::Named(at)));
            }
            return Ty::Named(at);
        }
        let placed = (service.to_owned(), component.to_owned());
        let module = self.placement.get(&placed).cloned().unwrap_or_else(|| vec![service.to_owned()]);
        let type_name = self.claim(&module, candidates);
        let at_ref = TypeRef { module: module.clone(), name: type_name.clone() };
        let i = self.defs.len();
        self.defs.push(TypeDef {
            at: at_ref.clone(),
            schema: Some(component.to_owned()),
            def: Def::Enum(Vec::new()),
            request: false,
            response: false,
        });
        self.index.insert(key, i);
        self.in_progress.insert(at_ref.clone());
        let def = self.define(&merged, &At { service, module: &module, hint: type_name, multipart: false });
        self.defs[i].def = def;
        self.in_progress.remove(&at_ref);
        Ty::Named(at_ref)
    }

    /// Marks the types reachable from request fields (`requests`) and from responses
    /// (`responses`), then leaves `readOnly` members out of types only sent and `writeOnly`
    /// ones out of types only read.
    pub fn mark_directions(&mut self, requests: &[TypeRef], responses: &[TypeRef]) {
        self.mark(requests, |d| &mut d.request);
        self.mark(responses, |d| &mut d.response);
        for d in &mut self.defs {
            if let Def::Struct { members, .. } = &mut d.def {
                match (d.request, d.response) {
                    (true, false) => members.retain(|m| !m.facts.read_only),
                    (false, true) => members.retain(|m| !m.facts.write_only),
                    _ => {}
                }
            }
        }
    }

    fn mark(&mut self, roots: &[TypeRef], flag: fn(&mut TypeDef) -> &mut bool) {
        let by_ref: HashMap<TypeRef, usize> = self.defs.iter().enumerate().map(|(i, d)| (d.at.clone(), i)).collect();
        let mut stack: Vec<TypeRef> = roots.to_vec();
        while let Some(r) = stack.pop() {
            let Some(&i) = by_ref.get(&r) else { continue };
            if *flag(&mut self.defs[i]) {
                continue;
            }
            *flag(&mut self.defs[i]) = true;
            stack.extend(self.defs[i].refs().into_iter().cloned());
        }
    }
}

/// Names a generated module may import or see in the prelude.
const RESERVED: &[&str] = &[
    "Value",
    "Map",
    "BTreeMap",
    "Blob",
    "Option",
    "Some",
    "None",
    "Vec",
    "String",
    "Box",
    "Result",
    "Ok",
    "Err",
    "Serialize",
    "Deserialize",
    "AccountId",
    "ZoneId",
    "Empty",
    "Validate",
    "JsonObject",
    "Default",
    "Clone",
    "Debug",
    "PartialEq",
];

/// The values of a string enumeration.
pub fn string_enum(schema: &Value) -> Option<Vec<String>> {
    let values = schema.get("enum")?.as_array()?;
    let strings: Vec<String> = values.iter().filter_map(Value::as_str).map(str::to_owned).collect();
    (!strings.is_empty() && strings.len() == values.iter().filter(|v| !v.is_null()).count()).then_some(strings)
}

/// The component schemas `value` refers to, directly or through others.
pub fn components_used(doc: &Doc, value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(o) => {
            if let Some(name) = Doc::schema_name(value) {
                if out.insert(name.to_owned()) {
                    if let Some(target) = doc.schema(name) {
                        components_used(doc, target, out);
                    }
                }
            } else if let Some(r) = o.get("$ref").and_then(Value::as_str) {
                if let Some(target) = doc.pointer(r) {
                    components_used(doc, target, out);
                }
            }
            for (k, v) in o {
                if k != "example" && k != "examples" {
                    components_used(doc, v, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| components_used(doc, v, out)),
        _ => {}
    }
}
