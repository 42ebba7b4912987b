//! What `#[endpoint]` writes into the catalog: the table of its fields, and the
//! registration of the endpoint's `EndpointInfo` in `flarekit::catalog()`.

use std::fmt::{self, Write as _};

use flarekit_vocab::table::{self, flag, kind, part, rule};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::{Field, Input};
use crate::attr::RuleKind;
use crate::ty::{Class, Wrapper};

/// The endpoint's registration in `flarekit::catalog()`: a static in the catalog's link
/// section, written through the `macro_rules` that linkme declares beside the slice (what its
/// `#[distributed_slice(..)]` attribute expands to) rather than through that attribute, whose
/// run cost 2.3 M instructions of `cargo check` per endpoint (BENCHMARKS.md, issue 14). The
/// static's type is `__p::CatalogEntry`, the alias the slice is declared with: the two are one
/// type by construction, which the attribute's type check would have proved. It holds a
/// function that returns the `INFO`, so that checking the static does not evaluate it.
pub(crate) fn catalog_entry(ast: &Input) -> TokenStream {
    let ident = ast.ident;
    // On wasm32, which has no link-time sections, `CATALOG!` expands to nothing. The static is
    // alone in the endpoint's `const _` block (see `expand::in_brief`), so one name serves all,
    // and nothing in the block is documented.
    quote! {
        __p::CATALOG! {
            #![linkme_macro = __p::CATALOG]
            static CATALOG_ENTRY: __p::CatalogEntry = __p::info::<#ident>;
        }
    }
}

/// The endpoint's fields as `#[endpoint]` writes them into its `EndpointInfo`: one string in
/// the format of [`flarekit_vocab::table`], and beside it the facts of each field whose type
/// describes itself (`<T as Validate>::FACTS`), which no string can name. A string is what costs
/// the compiler least: a constant `FieldInfo` per field cost more than the rest of the
/// endpoint's metadata together (BENCHMARKS.md, issue 14).
pub(crate) fn field_table(fields: &[Field]) -> TokenStream {
    let mut table = String::new();
    let mut facts = Vec::new();
    for f in fields {
        write_field(&mut table, f);
        if f.shape.checks_itself() {
            let ty = f.ty;
            facts.push(quote_spanned!(ty.span()=> <#ty as __p::Validate>::FACTS));
        }
    }
    if facts.is_empty() {
        quote!(__p::Fields::table(#table))
    } else {
        quote!(__p::Fields::table_with_facts(#table, &[#(#facts),*]))
    }
}

/// Appends one field to a table.
fn write_field(out: &mut String, f: &Field) {
    text(out, &f.wire);
    out.push(char::from(f.location.code()));
    out.push(char::from(match f.shape.class {
        Class::String => kind::STRING,
        Class::Integer => kind::INTEGER,
        Class::Float => kind::NUMBER,
        Class::Bool => kind::BOOLEAN,
        Class::List => kind::LIST,
        Class::Other => kind::TYPE,
    }));
    out.push(char::from(match (&f.param.json, &f.param.parts) {
        (Some(_), _) => part::JSON,
        (None, Some(_)) => part::NAMED,
        (None, None) => part::VALUE,
    }));
    let flags = [
        (f.shape.wrapper != Wrapper::None, flag::OPTIONAL),
        (f.shape.wrapper == Wrapper::Nullable || f.nullable, flag::NULLABLE),
        (f.deprecated, flag::DEPRECATED),
        (f.param.explode.as_ref().is_some_and(|e| !e.value), flag::JOINED),
        (f.shape.checks_itself(), flag::FACTS),
    ];
    for (_, code) in flags.iter().filter(|(on, _)| *on) {
        out.push(char::from(*code));
    }
    for r in &f.rules {
        match &r.kind {
            RuleKind::MaxLength(n) => number(out, rule::MAX_LENGTH, n),
            RuleKind::MinLength(n) => number(out, rule::MIN_LENGTH, n),
            RuleKind::MaxItems(n) => number(out, rule::MAX_ITEMS, n),
            RuleKind::MinItems(n) => number(out, rule::MIN_ITEMS, n),
            RuleKind::Minimum(x) => number(out, rule::MINIMUM, &Float(*x)),
            RuleKind::Maximum(x) => number(out, rule::MAXIMUM, &Float(*x)),
            RuleKind::ExclusiveMinimum(x) => number(out, rule::EXCLUSIVE_MINIMUM, &Float(*x)),
            RuleKind::ExclusiveMaximum(x) => number(out, rule::EXCLUSIVE_MAXIMUM, &Float(*x)),
            RuleKind::Pattern(lit) => {
                out.push(char::from(rule::PATTERN));
                text(out, &lit.value());
            }
            RuleKind::Format(format) => {
                out.push(char::from(rule::FORMAT));
                text(out, format.as_str());
            }
            RuleKind::UniqueItems => out.push(char::from(rule::UNIQUE_ITEMS)),
        }
    }
    if !f.doc.is_empty() {
        out.push(char::from(table::DOC));
        text(out, &f.doc);
    }
}

/// A text: its length in bytes, then itself.
fn text(out: &mut String, s: &str) {
    let _ = write!(out, "{}{}{s}", s.len(), char::from(table::TEXT));
}

/// A rule with a number.
fn number(out: &mut String, code: u8, n: &dyn fmt::Display) {
    let _ = write!(out, "{}{n}{}", char::from(code), char::from(rule::END));
}

/// An `f64` as `{:?}` writes it, which reads back to the same value (`NaN` for what is not
/// finite, as the validation code has it).
struct Float(f64);

impl fmt::Display for Float {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_finite() {
            write!(f, "{:?}", self.0)
        } else {
            f.write_str("NaN")
        }
    }
}
