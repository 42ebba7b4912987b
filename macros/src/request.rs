//! The body of the generated `to_request()`: the path, built into one buffer sized up front,
//! and the query pairs, headers and body of the request.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::{Input, Location};
use crate::template::{Segment, Template};
use crate::ty::{Class, Wrapper};

/// The pieces `to_request()` is written from.
pub struct RequestCode {
    /// `let __seg_N = …path_text(&self.field);`, each placeholder's text taken once.
    pub segment_lets: Vec<TokenStream>,
    /// `+ __seg_N.len()`, for the path buffer's capacity.
    pub segment_lens: Vec<TokenStream>,
    /// The pushes that write the path.
    pub path_pieces: Vec<TokenStream>,
    /// The length of the template's literal text.
    pub literal_len: Literal,
    /// The statements that add the query pairs, headers and body to `__req`.
    pub parts: Vec<TokenStream>,
}

/// The `to_request()` pieces of `ast` with path `template`, naming the runtime `__p` (see `in_brief`).
pub fn code(ast: &Input, template: &Template) -> RequestCode {
    // Each placeholder's text is taken once (borrowed for strings); the buffer is sized from
    // the literal parts and the values, so building the path does not reallocate.
    let mut segment_lets = Vec::new();
    let mut segment_lens = Vec::new();
    let mut literal_len = 0usize;
    let mut path_pieces = Vec::with_capacity(template.segments.len());
    for segment in &template.segments {
        match segment {
            Segment::Literal(text) => {
                literal_len += text.len();
                path_pieces.push(quote!(__path.push_str(#text);));
            }
            Segment::Placeholder(name) | Segment::Rest(name) => {
                // A placeholder without its field was reported by `valid`.
                let Some(f) = ast.field(name) else { continue };
                let member = &f.ident;
                let var = format_ident!("__seg_{}", segment_lets.len());
                // A string is borrowed as it is: no `Cow` to build and drop, and the `&str` is
                // passed on as it is, with no coercion for the compiler to work out.
                let arg = if f.shape.class == Class::String {
                    segment_lets.push(quote_spanned!(f.ty.span()=> let #var: &str = &self.#member;));
                    quote!(#var)
                } else {
                    segment_lets
                        .push(quote_spanned!(f.ty.span()=> let #var = __p::PathValue::path_text(&self.#member);));
                    quote!(&#var)
                };
                segment_lens.push(quote!(+ #var.len()));
                let push = match segment {
                    Segment::Rest(_) => quote!(push_segments),
                    _ => quote!(push_segment),
                };
                path_pieces.push(quote!(__p::#push(&mut __path, #arg);));
            }
        }
    }
    let literal_len = Literal::usize_unsuffixed(literal_len);
    let mut parts = Vec::new();
    for f in &ast.fields {
        let member = &f.ident;
        let wire = &f.wire;
        let span = f.ty.span();
        let push = match f.location {
            Location::Query if f.param.explode.as_ref().is_some_and(|e| !e.value) => {
                quote_spanned!(span=> __p::push_query_joined(&mut __req.query, #wire, &self.#member)?;)
            }
            Location::Query => quote_spanned!(span=> __p::push_query(&mut __req.query, #wire, &self.#member)?;),
            Location::Header => quote_spanned!(span=> __p::push_header(&mut __req.headers, #wire, &self.#member)?;),
            Location::WholeBody => match (&f.param.raw_body, &f.param.content_type) {
                (None, _) => quote_spanned!(span=> __req.body = __p::whole_body(#wire, &self.#member)?;),
                (Some(_), declared) => {
                    let declared = match declared {
                        Some(ct) => quote!(__p::Some(#ct)),
                        None => quote!(__p::None),
                    };
                    quote_spanned!(span=> __req.body = __p::raw_body(#wire, &self.#member, #declared)?;)
                }
            },
            Location::Path | Location::Body => continue,
        };
        // `Nullable::Omit` cannot be serialized (so that it is never sent as `null`): skip it.
        parts.push(match f.shape.wrapper {
            Wrapper::Nullable => quote!(if !__p::Nullable::is_omitted(&self.#member) { #push }),
            _ => push,
        });
    }
    if ast.args.multipart.is_some() {
        let mut form_parts = Vec::new();
        for f in ast.body_fields() {
            let member = &f.ident;
            let wire = &f.wire;
            let span = f.ty.span();
            form_parts.push(if f.param.json.is_some() {
                quote_spanned!(span=> __form.json(#wire, &self.#member)?;)
            } else if f.param.parts.is_some() {
                quote_spanned!(span=> __p::named_parts(&mut __form, #wire, &self.#member)?;)
            } else {
                quote_spanned!(span=> __p::PartValue::write_parts(&self.#member, #wire, &mut __form)?;)
            });
        }
        parts.push(quote! {
            let mut __form = __p::Form::new();
            #(#form_parts)*
            __req.body = __p::Some(__form.finish());
        });
    }
    let mut body_members = Vec::new();
    for f in ast.body_fields().filter(|_| ast.args.multipart.is_none()) {
        let member = &f.ident;
        let wire = &f.wire;
        let add = quote_spanned!(f.ty.span()=> __body.member(#wire, &self.#member)?;);
        body_members.push(match f.shape.wrapper {
            Wrapper::None => add,
            Wrapper::Option => quote!(if __p::Option::is_some(&self.#member) { #add }),
            Wrapper::Nullable => quote!(if !__p::Nullable::is_omitted(&self.#member) { #add }),
        });
    }
    if !body_members.is_empty() {
        parts.push(quote! {
            let mut __body = __p::BodyWriter::new();
            #(#body_members)*
            __req.body = __p::Some(__body.finish());
        });
    }
    RequestCode { segment_lets, segment_lens, path_pieces, literal_len, parts }
}
