//! Client-side validation: the rules `#[validate(...)]` checks before a byte is sent.
//!
//! Rule names follow OpenAPI / JSON Schema in snake_case. A failed check records a
//! [`Violation`] naming the field, the rule with its limit and what the value had instead (its
//! length, item count or number, never the value itself: it may be a secret). All violations of
//! one request are reported together in a [`ValidationError`].

mod nested;
mod rule;
mod value;

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Mutex, OnceLock, PoisonError};

pub use flarekit_vocab::Format;
pub use nested::Validate;
pub use rule::{Actual, Rule, ValidationError, Violation};
pub use value::{Kind, ListValue, NumberValue, StrValue};

/// A regular expression compiled on first use, for `#[validate(pattern = "...")]`.
///
/// The macro checks the expression at compile time; the generated code keeps one in a `static`.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<regex_lite::Regex>>,
}

impl Pattern {
    /// A pattern for `source`; compiled on first use.
    pub const fn new(source: &'static str) -> Self {
        Pattern { source, compiled: OnceLock::new() }
    }

    /// The expression as declared.
    pub const fn source(&self) -> &'static str {
        self.source
    }

    /// Whether `value` contains a match. An expression that does not compile matches nothing.
    pub fn is_match(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| regex_lite::Regex::new(self.source).ok())
            .as_ref()
            .is_some_and(|re| re.is_match(value))
    }
}

/// Whether `value` contains a match of `source`, compiling each expression once per process: for
/// rules read at run time from the catalog ([`Validator::json`]). An expression that does not
/// compile matches nothing, as with [`Pattern`].
fn pattern_matches(source: &'static str, value: &str) -> bool {
    static COMPILED: OnceLock<Mutex<HashMap<&'static str, Option<regex_lite::Regex>>>> = OnceLock::new();
    let mut cache = COMPILED.get_or_init(Mutex::default).lock().unwrap_or_else(PoisonError::into_inner);
    let regex = cache.entry(source).or_insert_with(|| regex_lite::Regex::new(source).ok());
    regex.as_ref().is_some_and(|re| re.is_match(value))
}

/// Collects violations for one request; what the generated `validate` uses.
#[derive(Debug, Default)]
pub struct Validator {
    violations: Vec<Violation>,
}

impl Validator {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    fn push(&mut self, field: &'static str, rule: Rule, actual: Actual) {
        self.violations.push(Violation { field: Cow::Borrowed(field), rule, actual });
    }

    /// Records that `field` breaks the declaration's own rule `name` unless `ok`: for checks
    /// that span fields (`check = ...` on `#[endpoint]`), such as a Worker's `main_module`
    /// naming one of its uploaded modules.
    ///
    /// ```
    /// use flarekit_core::validate::Validator;
    /// let mut v = Validator::new();
    /// v.check("metadata.main_module", false, "part_name", "must name one of the uploaded modules");
    /// let err = v.finish().unwrap_err();
    /// assert_eq!(
    ///     err.violations()[0].to_string(),
    ///     "`metadata.main_module` (part_name): must name one of the uploaded modules"
    /// );
    /// ```
    pub fn check(&mut self, field: &'static str, ok: bool, name: &'static str, requirement: &'static str) {
        if !ok {
            self.push(field, Rule::Check { name, requirement }, Actual::Mismatch);
        }
    }

    /// Checks the rules of a nested value (an object, a list of them, an enumeration), its
    /// violations named below `field`: `posts[3].pattern`.
    ///
    /// ```
    /// use flarekit_core::validate::{Validate, Validator};
    ///
    /// struct Post { pattern: String }
    /// impl Validate for Post {
    ///     fn validate(&self, v: &mut Validator) {
    ///         v.max_length("pattern", &self.pattern, 4);
    ///     }
    /// }
    ///
    /// let posts = vec![Post { pattern: "ok".into() }, Post { pattern: "too long".into() }];
    /// let mut v = Validator::new();
    /// v.nested("posts", &posts);
    /// assert_eq!(v.finish().unwrap_err().violations()[0].field, "posts[1].pattern");
    /// ```
    pub fn nested<T: Validate + ?Sized>(&mut self, field: &'static str, value: &T) {
        self.below(field, None, |v| value.validate(v));
    }

    /// Checks item `index` of the list being checked (what [`Validate`] for `Vec` calls).
    pub fn item<T: Validate + ?Sized>(&mut self, index: usize, value: &T) {
        self.below("", Some(index), |v| value.validate(v));
    }

    /// Runs `check`, then names what it found below `field` (then `[index]`): `posts[3].pattern`.
    /// Nothing is allocated unless a rule was broken: this runs for every nested value of every
    /// request.
    fn below(&mut self, field: &str, index: Option<usize>, check: impl FnOnce(&mut Self)) {
        let first = self.violations.len();
        check(self);
        for v in &mut self.violations[first..] {
            let mut path = String::from(field);
            if let Some(index) = index {
                let _ = write!(path, "[{index}]");
            }
            if !v.field.is_empty() {
                if !path.is_empty() && !v.field.starts_with('[') {
                    path.push('.');
                }
                path.push_str(&v.field);
            }
            v.field = Cow::Owned(path);
        }
    }

    /// The value being checked is not one of `values` (what [`Validate`] for an enumeration
    /// records for a variant that requests must not carry).
    pub fn not_one_of(&mut self, values: &'static [&'static str]) {
        self.push("", Rule::OneOf(values), Actual::Mismatch);
    }

    /// `max_length`
    pub fn max_length<V: StrValue + ?Sized>(&mut self, field: &'static str, value: &V, limit: usize) {
        if let Some(s) = value.str_value() {
            // A string has at least as many bytes as characters: within the limit in bytes is
            // within it in characters, without counting.
            if s.len() <= limit {
                return;
            }
            // Counting stops past the limit: a huge value costs no more than the limit.
            let n = s.chars().take(limit + 1).count();
            if n > limit {
                self.push(field, Rule::MaxLength(limit), Actual::Length(s.chars().count()));
            }
        }
    }

    /// `min_length`
    pub fn min_length<V: StrValue + ?Sized>(&mut self, field: &'static str, value: &V, limit: usize) {
        if let Some(s) = value.str_value() {
            let n = s.chars().take(limit).count();
            if n < limit {
                self.push(field, Rule::MinLength(limit), Actual::Length(n));
            }
        }
    }

    /// `pattern`
    pub fn pattern<V: StrValue + ?Sized>(&mut self, field: &'static str, value: &V, pattern: &'static Pattern) {
        if let Some(s) = value.str_value() {
            if !pattern.is_match(s) {
                self.push(field, Rule::Pattern(pattern.source()), Actual::Mismatch);
            }
        }
    }

    /// `format`
    pub fn format<V: StrValue + ?Sized>(&mut self, field: &'static str, value: &V, format: Format) {
        if let Some(s) = value.str_value() {
            if !format.matches(s) {
                self.push(field, Rule::Format(format), Actual::Mismatch);
            }
        }
    }

    /// Records `rule` unless `value` compares to `limit` as one of `allowed` (NaN never does).
    fn bound<V: NumberValue + ?Sized>(
        &mut self,
        field: &'static str,
        value: &V,
        rule: Rule,
        limit: f64,
        allowed: &[Ordering],
    ) {
        if let Some(n) = value.number() {
            if !n.partial_cmp(&limit).is_some_and(|o| allowed.contains(&o)) {
                self.push(field, rule, Actual::Number(n));
            }
        }
    }

    /// `minimum`
    pub fn minimum<V: NumberValue + ?Sized>(&mut self, field: &'static str, value: &V, limit: f64) {
        self.bound(field, value, Rule::Minimum(limit), limit, &[Ordering::Greater, Ordering::Equal]);
    }

    /// `maximum`
    pub fn maximum<V: NumberValue + ?Sized>(&mut self, field: &'static str, value: &V, limit: f64) {
        self.bound(field, value, Rule::Maximum(limit), limit, &[Ordering::Less, Ordering::Equal]);
    }

    /// `exclusive_minimum`
    pub fn exclusive_minimum<V: NumberValue + ?Sized>(&mut self, field: &'static str, value: &V, limit: f64) {
        self.bound(field, value, Rule::ExclusiveMinimum(limit), limit, &[Ordering::Greater]);
    }

    /// `exclusive_maximum`
    pub fn exclusive_maximum<V: NumberValue + ?Sized>(&mut self, field: &'static str, value: &V, limit: f64) {
        self.bound(field, value, Rule::ExclusiveMaximum(limit), limit, &[Ordering::Less]);
    }

    /// `min_items`
    pub fn min_items<V: ListValue + ?Sized>(&mut self, field: &'static str, value: &V, limit: usize) {
        if let Some(items) = value.items() {
            if items.len() < limit {
                self.push(field, Rule::MinItems(limit), Actual::Items(items.len()));
            }
        }
    }

    /// `max_items`
    pub fn max_items<V: ListValue + ?Sized>(&mut self, field: &'static str, value: &V, limit: usize) {
        if let Some(items) = value.items() {
            if items.len() > limit {
                self.push(field, Rule::MaxItems(limit), Actual::Items(items.len()));
            }
        }
    }

    /// `unique_items`
    pub fn unique_items<V: ListValue + ?Sized>(&mut self, field: &'static str, value: &V)
    where
        V::Item: PartialEq,
    {
        if let Some(items) = value.items() {
            for (i, a) in items.iter().enumerate() {
                if let Some(j) = items[i + 1..].iter().position(|b| a == b) {
                    self.push(field, Rule::UniqueItems, Actual::Duplicate(i, i + 1 + j));
                    return;
                }
            }
        }
    }

    /// `min_properties` on the endpoint: `present` body members were given.
    pub fn min_properties(&mut self, present: usize, limit: usize) {
        if present < limit {
            self.push("body", Rule::MinProperties(limit), Actual::Properties(present));
        }
    }

    /// `requires_any`: unless `given` (at least one of `sets` has every member given), records
    /// that the object at `field` (`""` for the one being checked, `body` for an endpoint's)
    /// must give one of them.
    ///
    /// ```
    /// use flarekit_core::validate::Validator;
    /// let mut v = Validator::new();
    /// v.requires_any("body", false, &[&["roles"], &["colo_name", "destination_conf"]]);
    /// assert_eq!(
    ///     v.finish().unwrap_err().violations()[0].to_string(),
    ///     "`body` (requires_any): must give `roles`, or `colo_name` and `destination_conf`"
    /// );
    /// ```
    #[inline]
    pub fn requires_any(&mut self, field: &'static str, given: bool, sets: &'static [&'static [&'static str]]) {
        if !given {
            self.push(field, Rule::RequiresAny(sets), Actual::Mismatch);
        }
    }

    /// A path value: not empty, `.` or `..`, which would change the route.
    pub fn path_segment(&mut self, field: &'static str, value: &str) {
        match value {
            "" => self.push(field, Rule::PathSegment, Actual::EmptySegment),
            "." | ".." => self.push(field, Rule::PathSegment, Actual::DotSegment),
            _ => {}
        }
    }

    /// Checks the value of a `<rest..>` placeholder: each `/`-separated piece a path segment
    /// (not empty, `.` or `..`), so that it cannot climb out of its path either.
    pub fn path_segments(&mut self, field: &'static str, value: &str) {
        if let Some(bad) = value.split('/').find(|piece| matches!(*piece, "" | "." | "..")) {
            let actual = if bad.is_empty() { Actual::EmptySegment } else { Actual::DotSegment };
            self.push(field, Rule::PathSegment, actual);
        }
    }

    /// Checks one declared rule against a JSON value, for requests built at run time from the
    /// catalog (e.g. by a command-line tool) rather than from a params struct.
    ///
    /// String rules apply to strings, number rules to numbers, list rules to arrays; `null`
    /// (an absent value) passes every rule, as it does for `Option` and [`Nullable`](crate::Nullable) fields.
    /// [`Rule::MinProperties`] is endpoint-wide: use [`Validator::min_properties`].
    ///
    /// ```
    /// use flarekit_core::validate::{Rule, Validator};
    /// use serde_json::json;
    ///
    /// let mut v = Validator::new();
    /// v.json("account_id", &Rule::MaxLength(32), &json!("x".repeat(33)));
    /// v.json("per_page", &Rule::Maximum(1000.0), &json!(20));
    /// v.json("comments", &Rule::MaxLength(1), &json!(null));
    /// let err = v.finish().unwrap_err();
    /// assert_eq!(err.violations().len(), 1);
    /// assert_eq!(err.violations()[0].field, "account_id");
    /// ```
    pub fn json(&mut self, field: &'static str, rule: &Rule, value: &serde_json::Value) {
        use serde_json::Value;
        match (rule, value) {
            (Rule::MaxLength(n), Value::String(s)) => self.max_length(field, s, *n),
            (Rule::MinLength(n), Value::String(s)) => self.min_length(field, s, *n),
            (Rule::Pattern(p), Value::String(s)) if !pattern_matches(p, s) => {
                self.push(field, rule.clone(), Actual::Mismatch);
            }
            (Rule::OneOf(values), Value::String(s)) if !values.contains(&s.as_str()) => {
                self.push(field, rule.clone(), Actual::Mismatch);
            }
            (Rule::OneOf(_), Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    self.below(field, Some(i), |v| v.json("", rule, item));
                }
            }
            (Rule::OneOf(_), Value::Bool(_) | Value::Number(_) | Value::Object(_)) => {
                self.push(field, rule.clone(), Actual::Mismatch);
            }
            (Rule::Format(f), Value::String(s)) => self.format(field, s, *f),
            (Rule::PathSegment, Value::String(s)) => self.path_segment(field, s),
            (Rule::Minimum(x), Value::Number(n)) => self.minimum(field, &n.as_f64(), *x),
            (Rule::Maximum(x), Value::Number(n)) => self.maximum(field, &n.as_f64(), *x),
            (Rule::ExclusiveMinimum(x), Value::Number(n)) => self.exclusive_minimum(field, &n.as_f64(), *x),
            (Rule::ExclusiveMaximum(x), Value::Number(n)) => self.exclusive_maximum(field, &n.as_f64(), *x),
            (Rule::MinItems(n), Value::Array(items)) => self.min_items(field, items, *n),
            (Rule::MaxItems(n), Value::Array(items)) => self.max_items(field, items, *n),
            (Rule::UniqueItems, Value::Array(items)) => self.unique_items(field, items),
            _ => {}
        }
    }

    /// `Ok` when nothing was violated, else every violation.
    pub fn finish(self) -> Result<(), ValidationError> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { violations: self.violations })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Nullable;

    #[test]
    fn collects_every_violation_without_the_values() {
        let mut v = Validator::new();
        let secret = "x".repeat(40);
        v.max_length("account_id", secret.as_str(), 32);
        v.maximum("per_page", &5000u32, 1000.0);
        v.minimum("page", &Some(0u32), 1.0);
        v.max_items("deletes", &vec![1; 3], 2);
        v.format("id", &Nullable::Set("nope".to_string()), Format::Uuid);
        v.path_segment("zone_id", "..");
        let err = v.finish().unwrap_err();
        let rules: Vec<_> = err.violations().iter().map(|v| (v.field.as_ref(), v.rule.name())).collect();
        assert_eq!(
            rules,
            [
                ("account_id", "max_length"),
                ("per_page", "maximum"),
                ("page", "minimum"),
                ("deletes", "max_items"),
                ("id", "format"),
                ("zone_id", "path_segment"),
            ]
        );
        let text = err.to_string();
        assert!(
            text.starts_with(
                "invalid request (6 violations): `account_id` (max_length): must have at most 32 characters, got 40"
            ),
            "{text}"
        );
        assert!(text.contains("`per_page` (maximum): must be at most 1000, got 5000"), "{text}");
        assert!(!text.contains(&secret));
    }

    #[test]
    fn absent_values_pass_and_lengths_count_characters() {
        let mut v = Validator::new();
        v.max_length("comments", &None::<String>, 1);
        v.max_length("comments", &Nullable::<String>::Null, 1);
        v.max_length("comments", "éé", 2);
        v.min_length("name", "é", 1);
        v.minimum("page", &None::<u32>, 1.0);
        v.max_items("ids", &Nullable::<Vec<u8>>::Omit, 0);
        assert_eq!(v.finish(), Ok(()));
    }

    #[test]
    fn nan_fails_number_rules() {
        let mut v = Validator::new();
        v.minimum("x", &f64::NAN, 0.0);
        v.maximum("x", &f64::NAN, 0.0);
        assert_eq!(v.finish().unwrap_err().violations().len(), 2);
    }

    #[test]
    fn patterns_search_and_unique_items_finds_duplicates() {
        static P: Pattern = Pattern::new("^[a-z]+\\.com$");
        let mut v = Validator::new();
        v.pattern("domain", "example.com", &P);
        v.unique_items("exclude", &vec!["a", "b"]);
        assert_eq!(v.finish(), Ok(()));
        let mut v = Validator::new();
        v.pattern("domain", "Example.org", &P);
        v.unique_items("exclude", &vec!["a", "b", "a"]);
        let err = v.finish().unwrap_err();
        assert_eq!(err.violations()[0].rule, Rule::Pattern("^[a-z]+\\.com$"));
        assert_eq!(err.violations()[1].actual, Actual::Duplicate(0, 2));
    }

    #[test]
    fn formats() {
        for ok in ["2014-01-01T05:20:00Z", "2024-02-29T23:59:60.5+05:30", "2014-01-01t05:20:00z"] {
            assert!(Format::DateTime.matches(ok), "{ok}");
        }
        for bad in [
            "2014-01-01 05:20:00Z",
            "2014-13-01T05:20:00Z",
            "2014-01-01T05:20:00",
            "2014-01-01T05:20:00.Z",
            "2014-01-01T24:00:00Z",
        ] {
            assert!(!Format::DateTime.matches(bad), "{bad}");
        }
        assert!(Format::Date.matches("2024-02-29"));
        assert!(!Format::Date.matches("2024-2-29"));
        assert!(Format::Uuid.matches("F174E90A-FAFE-4643-BBBC-4A0ED4FC8415"));
        assert!(!Format::Uuid.matches("{f174e90a-fafe-4643-bbbc-4a0ed4fc8415}"));
        for bad in
            ["user", "@example.com", "user@", "user@localhost", "a b@example.com", "user@-x.com", "a..b@example.com"]
        {
            assert!(!Format::Email.matches(bad), "{bad}");
        }
        assert!(Format::Email.matches("first.last+tag@mail.example.co.uk"));
    }
}
