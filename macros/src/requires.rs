//! `#[validate(requires_any(a, (b, c)))]` on a struct: at least one of these optional fields, or
//! groups of them, given whole. What a union of objects told apart only by the members each
//! requires asks of the one type that holds all their members. Shared by `#[endpoint]` (checked
//! as `body`) and `#[derive(Validate)]` (checked at the value's own path).

use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{parenthesized, Attribute, Ident, Meta, Token};

use crate::ctxt::Ctxt;
use crate::ty::Wrapper;

const USAGE: &str = "on a struct, #[validate] takes only `requires_any(field, (field, field), ...)`: at least one of \
                     these optional fields, or groups of them, must be given";

/// The sets of fields, as written.
pub struct RequiresAny {
    pub sets: Vec<Vec<Ident>>,
}

/// The check, and the sets by wire name for the catalog (`&[&["a"], &["b", "c"]]`).
pub struct Expanded {
    pub check: TokenStream,
    pub sets: TokenStream,
}

/// A field as the sets name it: its wire name and how it holds an absent value.
pub struct Named<'a> {
    /// The field as `self.` reaches it.
    pub member: syn::Member,
    pub wire: &'a str,
    pub wrapper: Wrapper,
}

/// The struct's `#[validate(requires_any(...))]`, if written; misuse goes to `cx`.
pub fn parse(cx: &Ctxt, attrs: &[Attribute]) -> Option<RequiresAny> {
    let mut out: Option<RequiresAny> = None;
    for attr in crate::ast::attrs_named(attrs, "validate") {
        if !matches!(&attr.meta, Meta::List(list) if !list.tokens.is_empty()) {
            cx.error_spanned_by(attr, USAGE);
            continue;
        }
        match attr.parse_args_with(parse_args) {
            Ok(_) if out.is_some() => cx.error_spanned_by(attr, "duplicate `requires_any`"),
            Ok(sets) => out = Some(RequiresAny { sets }),
            Err(err) => cx.syn_error(err),
        }
    }
    out
}

fn parse_args(input: ParseStream) -> syn::Result<Vec<Vec<Ident>>> {
    let name = any_ident(input)?;
    if name != "requires_any" {
        return Err(syn::Error::new(name.span(), format_args!("`{name}` does not apply to a struct: {USAGE}")));
    }
    let content;
    parenthesized!(content in input);
    let mut sets = Vec::new();
    while !content.is_empty() {
        if content.peek(syn::token::Paren) {
            let group;
            let paren = parenthesized!(group in content);
            let names = group.parse_terminated(any_ident, Token![,])?;
            if names.len() < 2 {
                let why = "a group in `requires_any` names two fields or more; write one field bare";
                return Err(syn::Error::new(paren.span.join(), why));
            }
            sets.push(names.into_iter().collect());
        } else {
            sets.push(vec![content.call(any_ident)?]);
        }
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    if sets.len() < 2 {
        return Err(syn::Error::new(name.span(), "`requires_any` offers a choice: name two fields or groups or more"));
    }
    if !input.is_empty() {
        return Err(input.error(USAGE));
    }
    Ok(sets)
}

/// A field name, `r#type` included.
fn any_ident(input: ParseStream) -> syn::Result<Ident> {
    Ident::parse_any(input)
}

/// `__v.requires_any(FIELD, given, &[&[...], ...]);`, each name resolved by `field` (compared
/// without `r#`; `what` says what a name must be, for the error). A name that is no field, or a field that is always given, goes to `cx`.
pub fn check<'a>(
    cx: &Ctxt,
    requires: &RequiresAny,
    at: &str,
    what: &str,
    field: &dyn Fn(&Ident) -> Option<Named<'a>>,
) -> Expanded {
    let mut terms = Vec::new();
    let mut wires = Vec::new();
    for set in &requires.sets {
        let mut all = Vec::new();
        let mut names = Vec::new();
        for ident in set {
            let Some(named) = field(ident) else {
                cx.error_spanned_by(
                    ident,
                    format_args!("`requires_any` names `{ident}`, which is not a {what} of this struct"),
                );
                continue;
            };
            let member = &named.member;
            let given = match named.wrapper {
                Wrapper::Option => quote!(__p::Option::is_some(&self.#member)),
                Wrapper::Nullable => quote!(!__p::Nullable::is_omitted(&self.#member)),
                Wrapper::None => {
                    cx.error_spanned_by(
                        ident,
                        format_args!(
                            "`{ident}` is always given: `requires_any` names optional fields (`Option` or `Nullable`)"
                        ),
                    );
                    continue;
                }
            };
            all.push(given);
            names.push(named.wire.to_owned());
        }
        terms.push(quote!((#(#all)&&*)));
        wires.push(quote!(&[#(#names),*]));
    }
    let sets = quote!(&[#(#wires),*]);
    Expanded { check: quote!(__v.requires_any(#at, #(#terms)||*, #sets);), sets }
}
