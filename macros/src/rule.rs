//! `#[validate(..)]`: the rules a field's value must meet, parsed with every problem recorded.

use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Attribute, Ident, Lit, LitInt, LitStr, Token};

use crate::attr::{parse_items, skip_item};
use crate::ctxt::Ctxt;

pub use flarekit_vocab::Format;

/// A `#[validate]` rule with its limit.
#[derive(Clone)]
pub enum RuleKind {
    MaxLength(usize),
    MinLength(usize),
    Pattern(LitStr),
    Format(Format),
    Minimum(f64),
    Maximum(f64),
    ExclusiveMinimum(f64),
    ExclusiveMaximum(f64),
    MinItems(usize),
    MaxItems(usize),
    UniqueItems,
}

/// What kind of value a rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Str,
    Number,
    List,
}

impl Category {
    pub fn plural(self) -> &'static str {
        match self {
            Category::Str => "strings",
            Category::Number => "numbers",
            Category::List => "lists",
        }
    }
}

/// One rule as written, with the ident for error spans.
#[derive(Clone)]
pub struct Rule {
    pub name: Ident,
    pub kind: RuleKind,
}

impl RuleKind {
    pub fn category(&self) -> Category {
        match self {
            RuleKind::MaxLength(_) | RuleKind::MinLength(_) | RuleKind::Pattern(_) | RuleKind::Format(_) => {
                Category::Str
            }
            RuleKind::Minimum(_)
            | RuleKind::Maximum(_)
            | RuleKind::ExclusiveMinimum(_)
            | RuleKind::ExclusiveMaximum(_) => Category::Number,
            RuleKind::MinItems(_) | RuleKind::MaxItems(_) | RuleKind::UniqueItems => Category::List,
        }
    }
}

const RULES: &str = "`max_length`, `min_length`, `pattern`, `format`, `minimum`, `maximum`, `exclusive_minimum`, \
                     `exclusive_maximum`, `min_items`, `max_items`, `unique_items`";

/// Parses every `#[validate(..)]` of a field.
pub fn parse_validate(cx: &Ctxt, attr: &Attribute, rules: &mut Vec<Rule>) {
    if let Err(err) = parse_items(cx, attr, |input| parse_rule(cx, input, rules)) {
        cx.syn_error(syn::Error::new(
            err.span(),
            format_args!("{err}; expected #[validate(rule = value, ...)] with rules {RULES}"),
        ));
    }
}

fn parse_rule(cx: &Ctxt, input: ParseStream, rules: &mut Vec<Rule>) -> syn::Result<()> {
    let name = input.call(Ident::parse_any)?;
    let text = name.to_string();
    if rules.iter().any(|r| r.name == text) {
        cx.error_spanned_by(&name, format_args!("duplicate rule `{text}`"));
        skip_item(input);
        return Ok(());
    }
    let kind = match text.as_str() {
        "unique_items" => {
            if input.peek(Token![=]) {
                return Err(syn::Error::new(
                    input.span(),
                    "`unique_items` is a flag: write `unique_items` without a value",
                ));
            }
            RuleKind::UniqueItems
        }
        "max_length" | "min_length" | "min_items" | "max_items" => {
            input.parse::<Token![=]>()?;
            let n = parse_count(input)?;
            match text.as_str() {
                "max_length" => RuleKind::MaxLength(n),
                "min_length" => RuleKind::MinLength(n),
                "min_items" => RuleKind::MinItems(n),
                _ => RuleKind::MaxItems(n),
            }
        }
        "minimum" | "maximum" | "exclusive_minimum" | "exclusive_maximum" => {
            input.parse::<Token![=]>()?;
            let n = parse_number(input)?;
            match text.as_str() {
                "minimum" => RuleKind::Minimum(n),
                "maximum" => RuleKind::Maximum(n),
                "exclusive_minimum" => RuleKind::ExclusiveMinimum(n),
                _ => RuleKind::ExclusiveMaximum(n),
            }
        }
        "pattern" => {
            input.parse::<Token![=]>()?;
            let lit = input.parse::<LitStr>()?;
            if let Err(err) = regex_lite::Regex::new(&lit.value()) {
                cx.error_spanned_by(&lit, format_args!("invalid regular expression in `pattern`: {err}"));
            }
            RuleKind::Pattern(lit)
        }
        "format" => {
            input.parse::<Token![=]>()?;
            let lit = input.parse::<LitStr>()?;
            let Some(format) = Format::from_name(&lit.value()) else {
                let expected: Vec<String> = Format::ALL.iter().map(|f| format!("\"{}\"", f.as_str())).collect();
                cx.error_spanned_by(
                    &lit,
                    format_args!(
                        "unknown format \"{}\": expected one of {}",
                        lit.value(),
                        crate::ast::join(&expected, ", ")
                    ),
                );
                return Ok(());
            };
            RuleKind::Format(format)
        }
        _ => {
            cx.error_spanned_by(&name, format_args!("unknown rule `{text}` in #[validate]: expected one of {RULES}"));
            skip_item(input);
            return Ok(());
        }
    };
    rules.push(Rule { name, kind });
    Ok(())
}

fn parse_count(input: ParseStream) -> syn::Result<usize> {
    const EXPECTED: &str = "expected a non-negative integer";
    let lit = input.parse::<LitInt>().map_err(|e| syn::Error::new(e.span(), EXPECTED))?;
    lit.base10_parse::<usize>().map_err(|e| syn::Error::new(lit.span(), format_args!("{EXPECTED} ({e})")))
}

fn parse_number(input: ParseStream) -> syn::Result<f64> {
    let negative = input.parse::<Option<Token![-]>>()?.is_some();
    let lit = input.parse::<Lit>().map_err(|e| syn::Error::new(e.span(), "expected a number"))?;
    let value = match &lit {
        Lit::Int(i) => i.base10_digits().parse::<f64>().ok(),
        Lit::Float(f) => f.base10_digits().parse::<f64>().ok(),
        _ => return Err(syn::Error::new(lit.span(), "expected a number")),
    };
    match value {
        Some(v) if v.is_finite() => Ok(if negative { -v } else { v }),
        _ => Err(syn::Error::new(lit.span(), "this number does not fit in an f64")),
    }
}
