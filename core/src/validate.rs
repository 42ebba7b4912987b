//! Client-side validation: the rules `#[validate(...)]` checks before a byte is sent.
//!
//! Rule names follow OpenAPI / JSON Schema in snake_case. A failed check records a
//! [`Violation`] naming the field, the rule with its limit and what the value had instead (its
//! length, item count or number, never the value itself: it may be a secret). All violations of
//! one request are reported together in a [`ValidationError`].

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::sync::OnceLock;

use crate::nullable::Nullable;

/// A string format a field must have (`#[validate(format = "...")]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// `uuid`: the hyphenated form `8-4-4-4-12` of hexadecimal digits.
    Uuid,
    /// `date-time`: an RFC 3339 timestamp such as `2014-01-01T05:20:00.12345Z`.
    DateTime,
    /// `date`: an RFC 3339 full date such as `2024-02-29`.
    Date,
    /// `email`: an address such as `user@example.com`.
    Email,
}

impl Format {
    /// The OpenAPI name of the format.
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Uuid => "uuid",
            Format::DateTime => "date-time",
            Format::Date => "date",
            Format::Email => "email",
        }
    }

    /// Whether `value` has this format.
    ///
    /// ```
    /// use flarekit_core::validate::Format;
    /// assert!(Format::Uuid.matches("f174e90a-fafe-4643-bbbc-4a0ed4fc8415"));
    /// assert!(!Format::Uuid.matches("f174e90afafe46434bbbc4a0ed4fc8415"));
    /// assert!(Format::DateTime.matches("2014-01-01T05:20:00.12345Z"));
    /// assert!(!Format::Date.matches("2023-02-29"));
    /// assert!(Format::Email.matches("user@example.com"));
    /// ```
    pub fn matches(self, value: &str) -> bool {
        match self {
            Format::Uuid => is_uuid(value),
            Format::DateTime => is_date_time(value),
            Format::Date => is_date(value.as_bytes()),
            Format::Email => is_email(value),
        }
    }
}

/// A rule and its limit.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Rule {
    /// At most this many characters (Unicode scalar values, as JSON Schema counts).
    MaxLength(usize),
    /// At least this many characters.
    MinLength(usize),
    /// Must match this regular expression (searched, not anchored, as JSON Schema does).
    Pattern(&'static str),
    /// Must have this format.
    Format(Format),
    /// At least this number.
    Minimum(f64),
    /// At most this number.
    Maximum(f64),
    /// Greater than this number.
    ExclusiveMinimum(f64),
    /// Less than this number.
    ExclusiveMaximum(f64),
    /// At least this many items.
    MinItems(usize),
    /// At most this many items.
    MaxItems(usize),
    /// No two items equal.
    UniqueItems,
    /// At least this many body members present (`min_properties` on the endpoint).
    MinProperties(usize),
    /// A path value must stay one segment: not empty, `.` or `..`.
    PathSegment,
}

impl Rule {
    /// The rule's name as written in `#[validate(...)]`.
    pub const fn name(&self) -> &'static str {
        match self {
            Rule::MaxLength(_) => "max_length",
            Rule::MinLength(_) => "min_length",
            Rule::Pattern(_) => "pattern",
            Rule::Format(_) => "format",
            Rule::Minimum(_) => "minimum",
            Rule::Maximum(_) => "maximum",
            Rule::ExclusiveMinimum(_) => "exclusive_minimum",
            Rule::ExclusiveMaximum(_) => "exclusive_maximum",
            Rule::MinItems(_) => "min_items",
            Rule::MaxItems(_) => "max_items",
            Rule::UniqueItems => "unique_items",
            Rule::MinProperties(_) => "min_properties",
            Rule::PathSegment => "path_segment",
        }
    }
}

/// What the rejected value had instead. Never the value itself.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Actual {
    /// Its length in characters.
    Length(usize),
    /// Its number of items.
    Items(usize),
    /// The number.
    Number(f64),
    /// How many body members were present.
    Properties(usize),
    /// It did not match (pattern or format).
    Mismatch,
    /// Two items at these positions are equal.
    Duplicate(usize, usize),
    /// The path value was empty.
    EmptySegment,
    /// The path value was `.` or `..`.
    DotSegment,
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Violation {
    /// The field, as named in the params struct (the endpoint-wide `min_properties` uses `body`).
    pub field: &'static str,
    /// The rule and its limit.
    pub rule: Rule,
    /// What the value had instead.
    pub actual: Actual,
}

struct Num(f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.fract() == 0.0 && self.0.abs() < 1e15 {
            write!(f, "{}", self.0 as i64)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

impl Violation {
    /// What was wrong, without the field: "must have at most 32 characters, got 33". For
    /// messages that name the field their own way (a server's error, a command-line flag).
    ///
    /// ```
    /// use flarekit_core::validate::Validator;
    /// let mut v = Validator::new();
    /// v.maximum("per_page", &5000u32, 1000.0);
    /// let err = v.finish().unwrap_err();
    /// assert_eq!(err.violations()[0].requirement().to_string(), "must be at most 1000, got 5000");
    /// ```
    pub fn requirement(&self) -> impl fmt::Display + '_ {
        Requirement(self)
    }
}

struct Requirement<'a>(&'a Violation);

impl fmt::Display for Requirement<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        match &v.rule {
            Rule::MaxLength(n) => write!(f, "must have at most {n} characters")?,
            Rule::MinLength(n) => write!(f, "must have at least {n} characters")?,
            Rule::Pattern(p) => write!(f, "must match the pattern `{p}`")?,
            Rule::Format(fmt) => write!(f, "must be a valid {}", fmt.as_str())?,
            Rule::Minimum(n) => write!(f, "must be at least {}", Num(*n))?,
            Rule::Maximum(n) => write!(f, "must be at most {}", Num(*n))?,
            Rule::ExclusiveMinimum(n) => write!(f, "must be greater than {}", Num(*n))?,
            Rule::ExclusiveMaximum(n) => write!(f, "must be less than {}", Num(*n))?,
            Rule::MinItems(n) => write!(f, "must have at least {n} items")?,
            Rule::MaxItems(n) => write!(f, "must have at most {n} items")?,
            Rule::UniqueItems => write!(f, "items must be unique")?,
            Rule::MinProperties(n) => write!(f, "at least {n} field(s) must be given")?,
            Rule::PathSegment => write!(f, "a path value must not be empty, `.` or `..`")?,
        }
        match &v.actual {
            Actual::Length(n) => write!(f, ", got {n}"),
            Actual::Items(n) => write!(f, ", got {n}"),
            Actual::Number(n) => write!(f, ", got {}", Num(*n)),
            Actual::Properties(n) => write!(f, ", got {n}"),
            Actual::Mismatch => Ok(()),
            Actual::Duplicate(a, b) => write!(f, ", items {a} and {b} are equal"),
            Actual::EmptySegment => write!(f, ", got an empty value"),
            Actual::DotSegment => write!(f, ", got a dot segment"),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` ({}): {}", self.field, self.rule.name(), self.requirement())
    }
}

/// Every violation found in one request. The request was not sent.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// The violations, in declaration order of the fields.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The violations of one field.
    pub fn field(&self, field: &str) -> impl Iterator<Item = &Violation> + '_ {
        let field = field.to_owned();
        self.violations.iter().filter(move |v| v.field == field)
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid request ({} violation", self.violations.len())?;
        if self.violations.len() != 1 {
            f.write_str("s")?;
        }
        f.write_str("): ")?;
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// A value whose length `max_length`, `min_length`, `pattern` and `format` check.
///
/// Implemented for strings and for `Option` / [`Nullable`] of them (an absent value passes).
#[diagnostic::on_unimplemented(
    message = "this rule applies to strings, and `{Self}` is not one",
    label = "string rules (max_length, min_length, pattern, format) need a String, &str, Option<String> or Nullable<String>"
)]
pub trait StrValue {
    /// The string to check, or `None` when the value is absent.
    fn str_value(&self) -> Option<&str>;
}

/// A value whose item count `min_items`, `max_items` and `unique_items` check.
#[diagnostic::on_unimplemented(
    message = "this rule applies to lists, and `{Self}` is not one",
    label = "list rules (min_items, max_items, unique_items) need a Vec, a slice, or Option/Nullable of one"
)]
pub trait ListValue {
    /// The item type.
    type Item: PartialEq;
    /// The items, or `None` when the value is absent.
    fn items(&self) -> Option<&[Self::Item]>;
}

/// A value that `minimum`, `maximum` and their exclusive forms check.
#[diagnostic::on_unimplemented(
    message = "this rule applies to numbers, and `{Self}` is not one",
    label = "number rules (minimum, maximum, exclusive_minimum, exclusive_maximum) need an integer, a float, or Option/Nullable of one"
)]
pub trait NumberValue {
    /// The number, or `None` when the value is absent.
    fn number(&self) -> Option<f64>;
}

impl StrValue for str {
    fn str_value(&self) -> Option<&str> {
        Some(self)
    }
}
impl StrValue for String {
    fn str_value(&self) -> Option<&str> {
        Some(self)
    }
}
impl StrValue for Box<str> {
    fn str_value(&self) -> Option<&str> {
        Some(self)
    }
}
impl StrValue for Cow<'_, str> {
    fn str_value(&self) -> Option<&str> {
        Some(self)
    }
}
impl<T: ListValue + ?Sized> ListValue for &T {
    type Item = T::Item;
    fn items(&self) -> Option<&[Self::Item]> {
        (**self).items()
    }
}
impl<T: PartialEq> ListValue for Vec<T> {
    type Item = T;
    fn items(&self) -> Option<&[T]> {
        Some(self)
    }
}
impl<T: PartialEq> ListValue for [T] {
    type Item = T;
    fn items(&self) -> Option<&[T]> {
        Some(self)
    }
}
impl<T: PartialEq, const N: usize> ListValue for [T; N] {
    type Item = T;
    fn items(&self) -> Option<&[T]> {
        Some(self)
    }
}
impl<T: ListValue> ListValue for Option<T> {
    type Item = T::Item;
    fn items(&self) -> Option<&[Self::Item]> {
        self.as_ref().and_then(ListValue::items)
    }
}
impl<T: ListValue> ListValue for Nullable<T> {
    type Item = T::Item;
    fn items(&self) -> Option<&[Self::Item]> {
        self.as_set().and_then(ListValue::items)
    }
}

macro_rules! wrappers {
    ($($tr:ident :: $m:ident -> $out:ty),*) => {$(
        impl<T: $tr + ?Sized> $tr for &T {
            fn $m(&self) -> Option<$out> {
                (**self).$m()
            }
        }
        impl<T: $tr> $tr for Option<T> {
            fn $m(&self) -> Option<$out> {
                self.as_ref().and_then($tr::$m)
            }
        }
        impl<T: $tr> $tr for Nullable<T> {
            fn $m(&self) -> Option<$out> {
                self.as_set().and_then($tr::$m)
            }
        }
    )*};
}
wrappers!(StrValue::str_value -> &str, NumberValue::number -> f64);

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl NumberValue for $t {
            #[allow(clippy::cast_lossless, clippy::cast_precision_loss)]
            fn number(&self) -> Option<f64> {
                Some(*self as f64)
            }
        }
    )*};
}
numbers!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, f32, f64);

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
        self.violations.push(Violation { field, rule, actual });
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
    pub fn unique_items<V: ListValue + ?Sized>(&mut self, field: &'static str, value: &V) {
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

    /// A path value: not empty, `.` or `..`, which would change the route.
    pub fn path_segment(&mut self, field: &'static str, value: &str) {
        match value {
            "" => self.push(field, Rule::PathSegment, Actual::EmptySegment),
            "." | ".." => self.push(field, Rule::PathSegment, Actual::DotSegment),
            _ => {}
        }
    }

    /// Checks one declared rule against a JSON value, for requests built at run time from the
    /// catalog (e.g. by a command-line tool) rather than from a params struct.
    ///
    /// String rules apply to strings, number rules to numbers, list rules to arrays; `null`
    /// (an absent value) passes every rule, as it does for `Option` and [`Nullable`] fields.
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
            // An expression that does not compile matches nothing, as with `Pattern`.
            (Rule::Pattern(p), Value::String(s)) if !regex_lite::Regex::new(p).is_ok_and(|re| re.is_match(s)) => {
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

fn is_hex(b: &[u8]) -> bool {
    b.iter().all(u8::is_ascii_hexdigit)
}

fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b[8] == b'-'
        && b[13] == b'-'
        && b[18] == b'-'
        && b[23] == b'-'
        && is_hex(&b[..8])
        && is_hex(&b[9..13])
        && is_hex(&b[14..18])
        && is_hex(&b[19..23])
        && is_hex(&b[24..])
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

fn is_date(b: &[u8]) -> bool {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (digits(&b[..4]), digits(&b[5..7]), digits(&b[8..])) else {
        return false;
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

fn is_time_hms(b: &[u8]) -> bool {
    b.len() == 8
        && b[2] == b':'
        && b[5] == b':'
        && digits(&b[..2]).is_some_and(|h| h < 24)
        && digits(&b[3..5]).is_some_and(|m| m < 60)
        && digits(&b[6..]).is_some_and(|s| s <= 60)
}

fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 20 || !is_date(&b[..10]) || !matches!(b[10], b'T' | b't') || !is_time_hms(&b[11..19]) {
        return false;
    }
    let mut rest = &b[19..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            digits(&[*h1, *h2]).is_some_and(|h| h < 24) && digits(&[*m1, *m2]).is_some_and(|m| m < 60)
        }
        _ => false,
    }
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let domain_ok = domain.len() <= 253
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let rules: Vec<_> = err.violations().iter().map(|v| (v.field, v.rule.name())).collect();
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
