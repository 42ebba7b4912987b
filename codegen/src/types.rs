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
    pub fn named(&self) -> Option<&TypeRef> {
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
            match (regex_lite::Regex::new(pattern), schema.get("example").and_then(Value::as_str)) {
                // A pattern its own example breaks (`^[a-zA-Z0-9]$` beside `hero`) would refuse
                // every real value: the document's mistake, left out and reported.
                (Ok(re), Some(example)) if !re.is_match(example) => {
                    notes.patterns_contradicted.push(format!("{at}: `{pattern}`, example `{example}`"));
                }
                (Ok(_), _) => rules.pattern = Some(pattern.to_owned()),
                (Err(_), _) => notes.patterns_skipped.push(format!("{at}: `{pattern}`")),
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
    /// The document's `format`, also those the validator does not check (`uri`): what a value
    /// built for the schema must look like.
    pub format: Option<String>,
    /// The members a schema requires where it describes none (`{"required": ["id"]}`): what a
    /// value built for it must hold. Empty for a schema with `properties` (its type says).
    pub required: Vec<String>,
}

impl Facts {
    /// The facts of a parameter's schema. The caller always sends a parameter, so `readOnly`
    /// (of an identifier component the response types share) and `writeOnly` say nothing.
    pub fn of_parameter(self) -> Facts {
        Facts { read_only: false, write_only: false, ..self }
    }

    pub fn of(schema: &Value) -> Facts {
        let flag = |k: &str| schema.get(k).and_then(Value::as_bool).unwrap_or(false);
        Facts {
            read_only: flag("readOnly"),
            write_only: flag("writeOnly"),
            deprecated: flag("deprecated"),
            nullable: flag("nullable"),
            default: schema.get("default").cloned(),
            // Strings as they are, numbers as they are written (`14`, `30`).
            values: schema
                .get("enum")
                .and_then(Value::as_array)
                .map(|v| {
                    v.iter()
                        .filter_map(|v| match v {
                            Value::String(s) => Some(s.clone()),
                            Value::Number(n) => Some(n.to_string()),
                            _ => None,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            example: schema.get("example").cloned(),
            format: schema.get("format").and_then(Value::as_str).map(str::to_owned),
            required: schema
                .get("required")
                .filter(|_| schema.get("properties").is_none())
                .and_then(Value::as_array)
                .map(|names| names.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                .unwrap_or_default(),
        }
    }
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
enum Union {
    /// By a string member whose values differ between alternatives: each alternative (as
    /// written) with its values.
    Tagged { tag: String, alternatives: Vec<(Value, Vec<String>)> },
    /// By JSON kind: per kind, one schema (the alternative as written when it is the only one
    /// of its kind, else their merge).
    Kinds(Vec<(Kind, Value)>),
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
    fn is_named_kind(&self, schema: &Value) -> bool {
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
    fn alternatives(&self, schema: &Value, depth: usize) -> Option<Vec<Value>> {
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
    fn union_of(&self, schema: &Value) -> Option<Union> {
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

fn has_properties(schema: &Value) -> bool {
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
