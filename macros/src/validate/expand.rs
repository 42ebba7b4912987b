//! Code generation: one `impl Validate` — rule calls and `nested` calls for a struct, `VALUES`
//! and the `read_only` refusal for an enum. No closures, no allocation.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Member, Type};

use super::ast::{Body, Enum, Field, Input, Struct};
use crate::attr::RuleKind;
use crate::expand::in_brief;
use crate::ty::{Class, Wrapper};

pub fn impl_validate(input: &Input) -> TokenStream {
    let ident = input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let items = match &input.body {
        Body::Struct(s) => struct_items(s),
        Body::Enum(e) => enum_items(e),
        Body::Union(_) => quote!(),
    };
    in_brief(quote! {
        #[automatically_derived]
        impl #impl_generics __p::Validate for #ident #ty_generics #where_clause {
            #items
        }
    })
}

fn struct_items(s: &Struct) -> TokenStream {
    let mut values = None;
    let mut checks = Vec::new();
    for f in s.fields.iter().filter(|f| !f.serde.skip) {
        checks.extend(f.rules.iter().map(|rule| rule_call(f, &rule.kind, rule.name.span())));
        if f.nests() {
            let ty = f.ty;
            let span = ty.span();
            let member = at(&f.member, span);
            let wire = &f.wire;
            checks.push(quote_spanned!(span=> __v.nested(#wire, &self.#member);));
            if s.transparent && values.is_none() {
                values = Some(
                    quote_spanned!(span=> const VALUES: &'static [&'static str] = <#ty as __p::Validate>::VALUES;),
                );
            }
        }
    }
    checks.extend(s.requires_any.clone());
    let validate = (!checks.is_empty()).then(|| {
        quote! {
            #[inline]
            fn validate(&self, __v: &mut __p::Validator) {
                #(#checks)*
            }
        }
    });
    quote!(#values #validate)
}

/// `__v.<rule>(WIRE, &self.field, limit);`, as `#[endpoint]` generates it for params fields.
fn rule_call(f: &Field, kind: &RuleKind, rule_span: Span) -> TokenStream {
    let name = &f.wire;
    // For types the macro cannot classify, the runtime trait reports a misuse: at the type.
    let span = if f.shape.class == Class::Other { f.ty.span() } else { rule_span };
    let member = at(&f.member, span);
    // A fixed-size array is checked as a slice.
    let value = if f.shape.wrapper == Wrapper::None && matches!(f.ty, Type::Array(_)) {
        quote_spanned!(span=> &self.#member[..])
    } else {
        quote_spanned!(span=> &self.#member)
    };
    crate::expand::rule_check(name, &value, kind, span)
}

/// An enum sent as strings: its `VALUES`, and a `validate` that refuses `read_only` variants.
/// Any other enum (tagged, or with data) has nothing to enumerate: an empty impl.
fn enum_items(e: &Enum) -> TokenStream {
    if !e.is_strings() {
        return quote!();
    }
    let values: Vec<&str> = e.values().collect();
    let values = (!values.is_empty()).then(|| quote!(const VALUES: &'static [&'static str] = &[#(#values),*];));
    let read_only: Vec<_> = e.variants.iter().filter(|v| v.unit && v.read_only.is_some()).map(|v| v.ident).collect();
    let validate = (!read_only.is_empty()).then(|| {
        quote! {
            #[inline]
            fn validate(&self, __v: &mut __p::Validator) {
                if let #(Self::#read_only)|* = self {
                    __v.not_one_of(Self::VALUES);
                }
            }
        }
    });
    quote!(#values #validate)
}

/// `member` spanned at `span`, so that a type error in `&self.member` points at one place
/// (the field's type, or the rule) instead of running from there to the field's name.
fn at(member: &Member, span: Span) -> Member {
    let mut member = member.clone();
    match &mut member {
        Member::Named(ident) => ident.set_span(span),
        Member::Unnamed(index) => index.span = span,
    }
    member
}
