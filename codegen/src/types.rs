//! Schemas → Rust types: structs for objects (`allOf` merged), open enums for string
//! enumerations, `Vec`, maps for `additionalProperties`, primitives with their constraints as
//! `#[validate]` rules. A component schema is one type per service, placed in the deepest
//! module that holds every operation of the service using it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde_json::{Map, Value};

use flarekit_vocab::Format;

use crate::input::Doc;
use crate::names;

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
    fn named(&self) -> Option<&TypeRef> {
        match self {
            Ty::Named(r) => Some(r),
            Ty::Boxed(t) | Ty::List(t) | Ty::Map(t) => t.named(),
            _ => None,
        }
    }
}

/// The constraints of a schema, as the validator knows them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    pub max_length: Option<u64>,
    pub min_length: Option<u64>,
    pub pattern: Option<String>,
    pub format: Option<&'static str>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: Option<f64>,
    pub exclusive_maximum: Option<f64>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
}

impl Rules {
    /// The constraints of `schema` (a resolved schema).
    pub fn of(schema: &Value, notes: &mut Notes, at: &str) -> Rules {
        let u = |k: &str| schema.get(k).and_then(Value::as_u64);
        let f = |k: &str| schema.get(k).and_then(Value::as_f64);
        let mut rules = Rules {
            max_length: u("maxLength"),
            min_length: u("minLength").filter(|&n| n > 0),
            pattern: None,
            format: None,
            minimum: f("minimum"),
            maximum: f("maximum"),
            exclusive_minimum: None,
            exclusive_maximum: None,
            min_items: u("minItems").filter(|&n| n > 0),
            max_items: u("maxItems"),
            unique_items: schema.get("uniqueItems").and_then(Value::as_bool).unwrap_or(false),
        };
        // OpenAPI 3.0: `exclusiveMinimum: true` makes `minimum` exclusive; 3.1 gives a number.
        match schema.get("exclusiveMinimum") {
            Some(Value::Bool(true)) => rules.exclusive_minimum = rules.minimum.take(),
            Some(v) if v.is_number() => rules.exclusive_minimum = v.as_f64(),
            _ => {}
        }
        match schema.get("exclusiveMaximum") {
            Some(Value::Bool(true)) => rules.exclusive_maximum = rules.maximum.take(),
            Some(v) if v.is_number() => rules.exclusive_maximum = v.as_f64(),
            _ => {}
        }
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
            if regex_lite::Regex::new(pattern).is_ok() {
                rules.pattern = Some(pattern.to_owned());
            } else {
                notes.patterns_skipped.push(format!("{at}: `{pattern}`"));
            }
        }
        // The formats the validator checks, named as the macro takes them.
        rules.format = schema.get("format").and_then(Value::as_str).and_then(Format::from_name).map(Format::as_str);
        rules
    }

    /// Only the rules `ty` can take.
    pub fn for_type(mut self, ty: &Ty) -> Rules {
        if !ty.takes_string_rules() {
            self.max_length = None;
            self.min_length = None;
            self.pattern = None;
            self.format = None;
        }
        if !ty.takes_number_rules() {
            self.minimum = None;
            self.maximum = None;
            self.exclusive_minimum = None;
            self.exclusive_maximum = None;
        }
        if !ty.takes_list_rules() {
            self.min_items = None;
            self.max_items = None;
            self.unique_items = false;
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        *self == Rules::default()
    }
}

/// What the generator could not express, for the coverage report.
#[derive(Debug, Default)]
pub struct Notes {
    pub patterns_skipped: Vec<String>,
    pub untyped_unions: BTreeSet<String>,
    pub params_skipped: Vec<String>,
    pub renamed_operations: Vec<String>,
    pub derived_names: Vec<String>,
}

/// A member of a struct.
#[derive(Debug, Clone)]
pub struct Member {
    pub wire: String,
    pub rust: String,
    pub ty: Ty,
    /// Present in every value: required, not nullable, neither read- nor write-only.
    pub always: bool,
    pub rules: Rules,
    pub facts: Facts,
}

/// What a field's documentation says, each a fact of the document.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub read_only: bool,
    pub write_only: bool,
    pub deprecated: bool,
    pub nullable: bool,
    pub default: Option<Value>,
    pub values: Vec<String>,
    pub example: Option<Value>,
}

impl Facts {
    pub fn of(schema: &Value) -> Facts {
        let flag = |k: &str| schema.get(k).and_then(Value::as_bool).unwrap_or(false);
        Facts {
            read_only: flag("readOnly"),
            write_only: flag("writeOnly"),
            deprecated: flag("deprecated"),
            nullable: flag("nullable"),
            default: schema.get("default").cloned(),
            values: schema
                .get("enum")
                .and_then(Value::as_array)
                .map(|v| v.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                .unwrap_or_default(),
            example: schema.get("example").cloned(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Def {
    Struct(Vec<Member>),
    Enum(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    pub at: TypeRef,
    /// The component schema it comes from.
    pub schema: Option<String>,
    pub def: Def,
    /// Sent in a request (it derives `Validate`, and its members carry their rules).
    pub request: bool,
}

impl TypeDef {
    pub fn refs(&self) -> Vec<&TypeRef> {
        match &self.def {
            Def::Struct(members) => members.iter().filter_map(|m| m.ty.named()).collect(),
            Def::Enum(_) => Vec::new(),
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
    fn is_named_kind(schema: &Value) -> bool {
        let has_props = schema.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty());
        has_props || string_enum(schema).is_some()
    }

    /// The type of `schema` at `at`, with the rules its constraints give.
    pub fn ty(&mut self, schema: &Value, at: &At<'_>) -> (Ty, Rules, Facts) {
        // A reference to a component that is a type of its own: that type.
        if let Some(component) = Doc::schema_name(schema) {
            let merged = self.merged(schema);
            let facts = Facts::of(&merged);
            if Self::is_named_kind(&merged) {
                let ty = self.component(component, at.service);
                return (ty, Rules::default(), facts);
            }
            if !self.inlining.insert(component.to_owned()) {
                return (Ty::Json, Rules::default(), facts);
            }
            let (ty, rules, _) = self.inline(&merged, at);
            self.inlining.remove(component);
            return (ty, rules, facts);
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
        for key in ["oneOf", "anyOf"] {
            if let Some(alternatives) = schema.get(key).and_then(Value::as_array) {
                let real: Vec<&Value> = alternatives.iter().filter(|a| !is_annotation(a)).collect();
                if real.len() == 1 && schema.get("properties").is_none() {
                    return self.ty(real[0], at);
                }
                if schema.get("properties").is_none() {
                    self.notes.untyped_unions.insert(at.hint.clone());
                    return (Ty::Json, Rules::default(), facts);
                }
            }
        }
        if let Some(values) = string_enum(schema) {
            let name = self.claim(at.module, std::slice::from_ref(&at.hint));
            let at_ref = TypeRef { module: at.module.clone(), name };
            self.defs.push(TypeDef { at: at_ref.clone(), schema: None, def: Def::Enum(values), request: false });
            return (Ty::Named(at_ref), Rules::default(), facts);
        }
        if schema.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty()) {
            let name = self.claim(at.module, std::slice::from_ref(&at.hint));
            let at_ref = TypeRef { module: at.module.clone(), name: name.clone() };
            let members = self.members(schema, &At { hint: name, ..at.clone() });
            self.defs.push(TypeDef { at: at_ref.clone(), schema: None, def: Def::Struct(members), request: false });
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
            out.push(Member { wire: wire.clone(), rust, rules: rules.for_type(&ty), ty, always, facts });
        }
        out
    }

    /// The type of component `name` in `service`, defined on first use.
    fn component(&mut self, name: &str, service: &str) -> Ty {
        let key = (service.to_owned(), name.to_owned());
        if let Some(&i) = self.index.get(&key) {
            let at = self.defs[i].at.clone();
            if self.in_progress.contains(&at) {
                return Ty::Boxed(Box::new(Ty::Named(at)));
            }
            return Ty::Named(at);
        }
        let module = self.placement.get(&key).cloned().unwrap_or_else(|| vec![service.to_owned()]);
        let type_name = self.claim(&module, &[names::pascal(names::component_stem(name)), names::pascal(name)]);
        let at_ref = TypeRef { module: module.clone(), name: type_name.clone() };
        let i = self.defs.len();
        self.defs.push(TypeDef {
            at: at_ref.clone(),
            schema: Some(name.to_owned()),
            def: Def::Enum(Vec::new()),
            request: false,
        });
        self.index.insert(key, i);
        self.in_progress.insert(at_ref.clone());
        let schema = self.doc.schema(name).cloned().unwrap_or(Value::Null);
        let merged = self.merged(&schema);
        let def = match string_enum(&merged) {
            Some(values) => Def::Enum(values),
            None => {
                Def::Struct(self.members(&merged, &At { service, module: &module, hint: type_name, multipart: false }))
            }
        };
        self.defs[i].def = def;
        self.in_progress.remove(&at_ref);
        Ty::Named(at_ref)
    }

    /// Marks the types reachable from `roots` as sent in requests.
    pub fn mark_requests(&mut self, roots: &[TypeRef]) {
        let by_ref: HashMap<TypeRef, usize> = self.defs.iter().enumerate().map(|(i, d)| (d.at.clone(), i)).collect();
        let mut stack: Vec<TypeRef> = roots.to_vec();
        while let Some(r) = stack.pop() {
            let Some(&i) = by_ref.get(&r) else { continue };
            if self.defs[i].request {
                continue;
            }
            self.defs[i].request = true;
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

/// A schema that only annotates (`{description}`, `{nullable: true}`, `{example}`).
fn is_annotation(schema: &Value) -> bool {
    schema.as_object().is_some_and(|o| {
        o.keys()
            .all(|k| matches!(k.as_str(), "description" | "nullable" | "example" | "default" | "title" | "deprecated"))
    })
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
