//! The inherent methods `#[endpoint]` gives a params struct: `new` and a setter per optional
//! field (how callers build requests), and `send`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{DeriveInput, Type};

use crate::ast::{Field, Input};
use crate::ty::Wrapper;

/// `send`'s doc as one attribute (a `///` line each would be nine, for the compiler to parse,
/// lower and hash per endpoint).
const SEND_DOC: &str = "Validates this request, sends it with `client` and returns the decoded `result`.

The same as `client.send(self)`: every `#[validate]` rule is checked first and nothing is sent
when one fails; credentials, retries, timeouts and the Cloudflare envelope are handled by the
client.

# Errors

A validation error, a transport error, or the error the API returned.";

/// The inherent `send` method (also emitted by the fallback, so calls to it do not cascade).
pub fn send_method(input: &DeriveInput, constructor: TokenStream) -> TokenStream {
    let ident = &input.ident;
    let vis = &input.vis;
    quote! {
        impl #ident {
            #constructor

            #[doc = #SEND_DOC]
            #[allow(dead_code)]
            #[inline]
            #vis fn send(self, client: &__p::Client) -> __p::SendFuture<'_, Self> {
                // A plain fn handing back the client's future under one named type: no
                // per-endpoint state machine, and no opaque type for each `send` (BENCHMARKS.md).
                __p::SendFuture::new(client, self)
            }
        }
    }
}

/// `new` with the required fields, and a chainable setter per optional field: how callers build
/// a request, so that an optional field added to a declaration breaks none of them.
pub fn constructor(input: &DeriveInput, ast: &Input) -> TokenStream {
    let ident = ast.ident;
    let vis = &input.vis;
    // No generic parameters: each one costs about 2 ms of `cargo check` per endpoint (measured,
    // BENCHMARKS.md), paid 1,500 times. A `String` is taken as `&str` (literals fit); every other
    // type by value (an `AccountId` is one: `"023e…".into()`).
    // One loop: each iterator chain would compile its own copies of the adapters here.
    let (mut args, mut inits, mut names) = (Vec::new(), Vec::new(), Vec::new());
    let mut setters = Vec::new();
    for f in &ast.fields {
        let member = f.ident;
        if f.shape.wrapper == Wrapper::None {
            let (ty, value) = (param(f.ty), convert(member, f.ty));
            args.push(quote!(#member: #ty));
            inits.push(quote!(#member: #value));
            names.push(format!("`{}`", f.name));
        } else {
            // The unset value spelled out: `Default::default()` would be a trait call for the
            // compiler to resolve, per optional field of every endpoint.
            inits.push(match f.shape.wrapper {
                Wrapper::Nullable => quote!(#member: __p::Nullable::Omit),
                _ => quote!(#member: __p::None),
            });
            setters.push(setter(vis, f));
        }
    }
    let new_doc = if names.is_empty() {
        "The request; its optional fields are set with the methods of the same names.".to_owned()
    } else {
        format!(
            "The request with its required {} {}; optional fields are set with the methods of the same names.",
            if names.len() == 1 { "field" } else { "fields" },
            crate::ast::join(&names, ", ")
        )
    };
    quote! {
        #[doc = #new_doc]
        #[must_use]
        #[allow(clippy::too_many_arguments)]
        #[inline]
        #vis fn new(#(#args),*) -> Self {
            #ident { #(#inits),* }
        }
        #(#setters)*
    }
}

/// A chainable setter of the optional field `f` (and, for a `Nullable`, its `clear_` method).
fn setter(vis: &syn::Visibility, f: &Field) -> TokenStream {
    let member = f.ident;
    let inner = f.shape.inner;
    let ty = param(inner);
    let value = convert(member, inner);
    let summary = crate::ast::summary(&f.doc);
    let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
    match f.shape.wrapper {
        Wrapper::Nullable => {
            let clear = format_ident!("clear_{}", f.name);
            let set_doc = format!("Sets `{}`: {summary}", f.name);
            let clear_doc = format!("Sends `{}` as `null`, which clears it on the server.", f.name);
            quote! {
                #[doc = #set_doc]
                #[must_use]
                #deprecated
                #[inline]
                #vis fn #member(mut self, #member: #ty) -> Self {
                    self.#member = __p::Nullable::Set(#value);
                    self
                }
                #[doc = #clear_doc]
                #[must_use]
                #deprecated
                #[inline]
                #vis fn #clear(mut self) -> Self {
                    self.#member = __p::Nullable::Null;
                    self
                }
            }
        }
        _ => {
            let doc = format!("Sets `{}`: {summary}", f.name);
            quote! {
                #[doc = #doc]
                #[must_use]
                #deprecated
                #[inline]
                #vis fn #member(mut self, #member: #ty) -> Self {
                    self.#member = __p::Some(#value);
                    self
                }
            }
        }
    }
}

fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.qself.is_none() && p.path.segments.last().is_some_and(|s| s.ident == "String" && s.arguments.is_none()))
}

/// The parameter type that sets a field of type `ty`.
fn param(ty: &Type) -> TokenStream {
    if is_string(ty) {
        quote!(&str)
    } else {
        quote!(#ty)
    }
}

/// The field's value from the parameter `member` of type `param(ty)`.
fn convert(member: &syn::Ident, ty: &Type) -> TokenStream {
    if is_string(ty) {
        quote!(__p::own(#member))
    } else {
        quote!(#member)
    }
}
