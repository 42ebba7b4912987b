//! What a schema says of a value beside its type: the constraints the validator checks
//! ([`Rules`]) and the facts the documentation and the call builder use ([`Facts`]).

use serde_json::Value;

use flarekit_vocab::Format;

use super::{Notes, Ty};

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
