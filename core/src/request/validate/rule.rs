//! Rules, the violations that break them, and the error that reports every violation.

use std::borrow::Cow;
use std::fmt;

use flarekit_vocab::Format;

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
    /// Must be one of these values (an enumeration; a value only responses carry is not one).
    OneOf(&'static [&'static str]),
    /// At least one of these sets of members given, each set whole: what a union of objects
    /// told apart by the members they require asks (`#[validate(requires_any(...))]`). Wire
    /// names.
    RequiresAny(&'static [&'static [&'static str]]),
    /// A declaration's own check of the whole request (`check = ...`): its `name`, and what
    /// it requires in words ("must name one of the uploaded modules").
    Check {
        /// A snake_case name of the rule.
        name: &'static str,
        /// What the value must do, starting with "must".
        requirement: &'static str,
    },
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
            Rule::OneOf(_) => "one_of",
            Rule::RequiresAny(_) => "requires_any",
            Rule::Check { name, .. } => name,
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
    /// The field's wire name, with the path to it inside nested values (`posts[3].pattern`);
    /// the endpoint-wide `min_properties` uses `body`.
    pub field: Cow<'static, str>,
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
            Rule::OneOf(values) => write!(f, "must be one of {}", values.join(", "))?,
            Rule::RequiresAny(sets) => {
                f.write_str("must give ")?;
                for (i, set) in sets.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", or ")?;
                    }
                    for (j, member) in set.iter().enumerate() {
                        match j {
                            0 => {}
                            _ if j + 1 == set.len() => f.write_str(" and ")?,
                            _ => f.write_str(", ")?,
                        }
                        write!(f, "`{member}`")?;
                    }
                }
            }
            Rule::Check { requirement, .. } => f.write_str(requirement)?,
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
    pub(super) violations: Vec<Violation>,
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
