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
pub fn send_method(input: &DeriveInput, response: &dyn quote::ToTokens, constructor: TokenStream) -> TokenStream {
    let ident = &input.ident;
    let vis = &input.vis;
    quote! {
        impl #ident {
            #constructor

            #[doc = #SEND_DOC]
            #[allow(dead_code)]
            #[inline]
            #vis fn send(
                self,
                client: &__p::Client,
            ) -> impl ::core::future::Future<Output = __p::Result<#response, __p::Error>> + '_ {
                // A plain fn handing back the client's future: no per-endpoint state machine to
                // generate and type-check (measured: ~2 ms of compile time per endpoint).
                __p::Client::send(client, self)
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
    let is_string = |ty: &Type| matches!(ty, Type::Path(p) if p.qself.is_none() && p.path.segments.last().is_some_and(|s| s.ident == "String" && s.arguments.is_none()));
    let param = |ty: &Type| if is_string(ty) { quote!(&str) } else { quote!(#ty) };
    let convert = |member: &syn::Ident, ty: &Type| {
        if is_string(ty) {
            quote!(::std::borrow::ToOwned::to_owned(#member))
        } else {
            quote!(#member)
        }
    };
    let required: Vec<&Field> = ast.fields.iter().filter(|f| f.shape.wrapper == Wrapper::None).collect();
    let args = required.iter().map(|f| {
        let member = f.ident;
        let ty = param(f.ty);
        quote!(#member: #ty)
    });
    let inits = ast.fields.iter().map(|f| {
        let member = f.ident;
        match f.shape.wrapper {
            Wrapper::None => {
                let value = convert(member, f.ty);
                quote!(#member: #value)
            }
            _ => quote!(#member: __p::Default::default()),
        }
    });
    let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.name)).collect();
    let new_doc = if names.is_empty() {
        "The request; its optional fields are set with the methods of the same names.".to_owned()
    } else {
        format!(
            "The request with its required {} {}; optional fields are set with the methods of the same names.",
            if names.len() == 1 { "field" } else { "fields" },
            names.join(", ")
        )
    };
    let setters = ast.fields.iter().filter(|f| f.shape.wrapper != Wrapper::None).map(|f| {
        let member = f.ident;
        let inner = f.shape.inner;
        let ty = param(inner);
        let value = convert(member, inner);
        let summary = f.doc.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
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
    });
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
