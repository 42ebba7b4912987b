//! What `#[endpoint]` writes into the catalog: the `FieldInfo` of each field, and the
//! registration of the endpoint's `EndpointInfo` in `flarekit::catalog()`.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;

use crate::ast::{variant, Field, Input};
use crate::attr::RuleKind;
use crate::expand::float;
use crate::ty::{Class, Wrapper};

/// The endpoint's registration in `flarekit::catalog()`.
pub(crate) fn catalog_entry(ast: &Input) -> TokenStream {
    let ident = ast.ident;
    let name = format_ident!("__FLAREKIT_CATALOG_{}", upper_snake(&ast.ident.unraw().to_string()));
    // wasm32 has no link-time sections: there the endpoint is not registered.
    quote! {
        #[cfg(not(target_family = "wasm"))]
        #[__p::linkme::distributed_slice(__p::CATALOG)]
        #[linkme(crate = __p::linkme)]
        #[doc(hidden)]
        static #name: &'static __p::EndpointInfo = <#ident as __p::Endpoint>::INFO;
    }
}

/// `ListThings` → `LIST_THINGS`.
fn upper_snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        out.extend(c.to_uppercase());
    }
    out
}

/// `__p::Rule::<rule>(x)`, a numeric bound.
fn bound(rule: &str, x: f64) -> TokenStream {
    let (rule, x) = (Ident::new(rule, Span::call_site()), float(x));
    quote!(__p::Rule::#rule(#x))
}

pub(crate) fn field_info(f: &Field) -> TokenStream {
    let wire = &f.wire;
    let location = variant(f.location);
    let kind = format_ident!(
        "{}",
        match f.shape.class {
            Class::String => "String",
            Class::Integer => "Integer",
            Class::Float => "Number",
            Class::Bool => "Boolean",
            Class::List => "List",
            Class::Other => "Other",
        }
    );
    // Only what differs from `__private::FIELD`, which the rest is taken from: required, not
    // nullable, no rules, values or docs, exploded, a plain part.
    let required = (f.shape.wrapper != Wrapper::None).then(|| quote!(required: false,));
    let nullable = (f.shape.wrapper == Wrapper::Nullable || f.nullable).then(|| quote!(nullable: true,));
    let mut rules = Vec::with_capacity(f.rules.len());
    for r in &f.rules {
        rules.push(match &r.kind {
            RuleKind::MaxLength(n) => quote!(__p::Rule::MaxLength(#n)),
            RuleKind::MinLength(n) => quote!(__p::Rule::MinLength(#n)),
            RuleKind::Pattern(lit) => quote!(__p::Rule::Pattern(#lit)),
            RuleKind::Format(format) => {
                let variant = variant(format);
                quote!(__p::Rule::Format(__p::Format::#variant))
            }
            RuleKind::Minimum(x) => bound("Minimum", *x),
            RuleKind::Maximum(x) => bound("Maximum", *x),
            RuleKind::ExclusiveMinimum(x) => bound("ExclusiveMinimum", *x),
            RuleKind::ExclusiveMaximum(x) => bound("ExclusiveMaximum", *x),
            RuleKind::MinItems(n) => quote!(__p::Rule::MinItems(#n)),
            RuleKind::MaxItems(n) => quote!(__p::Rule::MaxItems(#n)),
            RuleKind::UniqueItems => quote!(__p::Rule::UniqueItems),
        });
    }
    let constraints = (!rules.is_empty()).then(|| quote!(constraints: &[#(#rules),*],));
    let doc = (!f.doc.is_empty()).then(|| {
        let doc = &f.doc;
        quote!(doc: #doc,)
    });
    let deprecated = f.deprecated.then(|| quote!(deprecated: true,));
    // What the field's type says of itself: its enum values, its own rules, and (for a type
    // the macro cannot classify, such as an identifier) its shape on the wire.
    let ty = f.ty;
    let own = f.shape.checks_itself().then(|| {
        quote_spanned! {ty.span()=>
            type_rules: <#ty as __p::Validate>::RULES,
            values: <#ty as __p::Validate>::VALUES,
        }
    });
    let kind = if f.shape.class == Class::Other {
        quote_spanned!(ty.span()=> <#ty as __p::Validate>::KIND)
    } else {
        quote!(__p::Kind::#kind)
    };
    let joined = f.param.explode.as_ref().filter(|e| !e.value).map(|_| quote!(explode: false,));
    let part = match (&f.param.json, &f.param.parts) {
        (Some(_), _) => Some(quote!(part: __p::PartKind::Json,)),
        (None, Some(_)) => Some(quote!(part: __p::PartKind::Named,)),
        (None, None) => None,
    };
    quote! {
        __p::FieldInfo {
            name: #wire,
            location: __p::Location::#location,
            kind: #kind,
            #required
            #nullable
            #constraints
            #own
            #doc
            #deprecated
            #joined
            #part
            ..__p::FIELD
        }
    }
}
