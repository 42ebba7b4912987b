//! Code generation: the `Endpoint` impl and the inherent `send` method.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Type};

use crate::ast::{self, Input, Location};
use crate::attr::{Paginate, RuleKind};
use crate::ctxt::Ctxt;
use crate::info::{catalog_entry, field_table};
use crate::methods::{constructor, send_method};
use crate::request::{self, RequestCode};
use crate::ty::{Class, Wrapper};
use crate::{fallback, valid};

/// Generated items in an anonymous block that names the runtime items generated code uses,
/// `::flarekit::__private` (`flarekit` re-exports `flarekit_core::__private`), briefly as `__p`,
/// the way serde's derive names its crate. Impls inside it apply as anywhere.
///
/// Every template writes `__p::` as plain tokens: a path interpolated as a `TokenStream` costs
/// the macro three calls across the compiler's bridge each time (measured, BENCHMARKS.md).
pub fn in_brief(items: TokenStream) -> TokenStream {
    quote! {
        #[allow(deprecated)]
        const _: () = {
            use ::flarekit::__private as __p;
            #items
        };
    }
}

/// Entry point of `#[endpoint]`.
pub fn endpoint(args: TokenStream, item: TokenStream) -> TokenStream {
    let input: DeriveInput = match syn::parse2(item.clone()) {
        Ok(input) => input,
        Err(err) => {
            let err = syn::Error::new(
                err.span(),
                format_args!("#[endpoint] supports only structs with named fields and no generics ({err})"),
            )
            .to_compile_error();
            return quote!(#err #item);
        }
    };
    let cx = Ctxt::new();
    let ast = ast::parse(&cx, &input, args);
    if let Some(ast) = &ast {
        valid::check(&cx, ast);
    }
    match (cx.check(), ast) {
        (Ok(()), Some(ast)) => impl_endpoint(&input, &ast),
        (Err(err), ast) => fallback::expand(&input, ast.as_ref(), err),
        (Ok(()), None) => {
            fallback::expand(&input, None, syn::Error::new(Span::call_site(), "invalid #[endpoint] declaration"))
        }
    }
}

fn impl_endpoint(input: &DeriveInput, ast: &Input) -> TokenStream {
    let (Some(response), Some(template_lit), Some(template)) = (&ast.args.response, &ast.args.template, &ast.template)
    else {
        return fallback::expand(
            input,
            Some(ast),
            syn::Error::new(Span::call_site(), "incomplete #[endpoint] declaration"),
        );
    };
    let mut item = ast::strip_helpers(input);
    // Callers in other crates build the request with `new` and the setters: a field the
    // declaration gains later (Cloudflare adds optional ones all the time) breaks none of them.
    if !item.attrs.iter().any(|a| a.path().is_ident("non_exhaustive")) {
        item.attrs.push(syn::parse_quote!(#[non_exhaustive]));
    }
    let ident = ast.ident;
    let method = ast::variant(ast.method);
    let template_str = template_lit.value();
    let path_lit = ast::lit(&template_str);
    let perms = match &ast.args.perm_const {
        Some(path) => quote!(#path),
        None => {
            let perms = &ast.args.perms;
            quote!(&[#(#perms),*])
        }
    };
    let summary = ast.summary();
    let doc = &ast.doc;
    let type_name = ident.to_string();

    // validate()
    let mut checks = Vec::new();
    for f in &ast.fields {
        let member = &f.ident;
        let name = &f.name;
        let span = f.ty.span();
        if f.location == Location::Path {
            let check =
                if template.rest() == Some(name.as_str()) { quote!(path_segments) } else { quote!(path_segment) };
            // A string is checked as it is; an integer's text is never empty, `.` or `..`.
            match f.shape.class {
                Class::String => checks.push(quote_spanned!(span=> __v.#check(#name, &self.#member);)),
                Class::Integer => {}
                _ => checks.push(quote_spanned!(span=> __v.#check(#name, &__p::PathValue::path_text(&self.#member));)),
            }
        }
        for rule in &f.rules {
            // For types the macro cannot classify, the runtime trait reports a misuse: at the
            // field's type.
            let span = if f.shape.class == Class::Other { span } else { rule.name.span() };
            // A fixed-size array is checked as a slice.
            let value = if f.shape.wrapper == Wrapper::None && matches!(f.ty, Type::Array(_)) {
                quote_spanned!(span=> &self.#member[..])
            } else {
                quote_spanned!(span=> &self.#member)
            };
            checks.push(rule_check(name, &value, &rule.kind, span));
        }
        // The value's own rules (a nested object, an enum, an identifier), in field order.
        if f.shape.checks_itself() {
            checks.push(quote_spanned!(f.ty.span()=> __v.nested(#name, &self.#member);));
        }
    }
    if let Some((n, _)) = &ast.args.min_properties {
        let mut terms = Vec::new();
        for f in ast.body_fields() {
            let member = &f.ident;
            terms.push(match f.shape.wrapper {
                Wrapper::None => quote!(1usize),
                Wrapper::Option => quote!(usize::from(__p::Option::is_some(&self.#member))),
                Wrapper::Nullable => quote!(usize::from(!__p::Nullable::is_omitted(&self.#member))),
            });
        }
        checks.push(quote! {
            let __present: usize = 0usize #(+ #terms)*;
            __v.min_properties(__present, #n);
        });
    }
    checks.extend(ast.requires_any.as_ref().map(|r| r.check.clone()));
    // The declaration's own check of the whole request, after the field rules.
    if let Some(check) = &ast.args.check {
        checks.push(quote_spanned!(check.span()=> #check(self, &mut __v);));
    }
    let v_mut = if checks.is_empty() { quote!() } else { quote!(mut) };

    let RequestCode { segment_lets, segment_lens, path_pieces, literal_len, parts } = request::code(ast, template);
    let req_mut = if parts.is_empty() { quote!() } else { quote!(mut) };
    let send = send_method(input, constructor(input, ast));
    let decode = match (&ast.args.decode_with, &ast.args.stream) {
        (Some(path), _) => quote_spanned!(path.span()=> #path(__r)),
        (None, Some(_)) => quote!(__p::stream_buffered(Self::INFO, __r)),
        (None, None) => quote!(__p::decode_envelope(__r)),
    };
    let decode_stream = ast.args.stream.as_ref().map(|flag| {
        quote_spanned! {flag.span()=>
            #[inline]
            fn decode_stream(
                __head: __p::Head,
                __body: __p::BodyStream,
            ) -> __p::Result<__p::ApiResponse<Self::Response>, __p::Error> {
                __p::stream_response(__head, __body)
            }
        }
    });
    let retry_safe = ast.args.retry_safe.is_some() || ast.method.is_idempotent();
    let pagination = match &ast.args.paginate {
        Some((style, span_at)) => {
            let param = match ast.paginate_field() {
                Some(field) => field.wire.clone(),
                None => style.field().0.to_owned(),
            };
            let variant = format_ident!(
                "{}",
                match style {
                    Paginate::Page => "PageNumber",
                    Paginate::Cursor => "Cursor",
                    Paginate::Offset => "Offset",
                }
            );
            // Where a page keeps its items, as the response type says; spanned at the style,
            // where a response that is not a page is reported.
            let shape = quote_spanned!(span_at.span()=> <#response as __p::PageResult>::SHAPE);
            quote! {
                pagination: __p::Some(__p::Pagination::#variant { param: #param }),
                page_shape: #shape,
            }
        }
        None => quote!(),
    };
    let whole = ast.fields.iter().find(|f| f.location == Location::WholeBody);
    let body_kind = match whole {
        Some(f) if f.param.raw_body.is_some() => {
            let content_type = match &f.param.content_type {
                Some(ct) => quote!(#ct),
                None => {
                    let ty = f.ty;
                    quote_spanned!(ty.span()=> <#ty as __p::RawBody>::CONTENT_TYPE)
                }
            };
            quote!(Raw { content_type: #content_type })
        }
        Some(_) => quote!(JsonValue),
        None if ast.args.multipart.is_some() => quote!(Multipart),
        None if ast.body_fields().next().is_some() => quote!(Json),
        None => quote!(None),
    };
    // What differs from `__private::ENDPOINT`, which the rest is taken from: a struct literal is
    // the cheapest constant to compile (no const-fn call), and the shorter the better.
    let body_kind = (whole.is_some() || ast.args.multipart.is_some() || ast.body_fields().next().is_some())
        .then(|| quote!(body: __p::BodyKind::#body_kind,));
    let response_kind = match ast.args.decode_with.as_ref().and_then(|path| path.segments.last()) {
        None if ast.args.stream.is_some() => Some("Stream"),
        None => None,
        Some(last) => Some(match last.ident.to_string().as_str() {
            "envelope_or_no_content" => "EnvelopeOrNoContent",
            "ready_or_pending" => "ReadyOrPending",
            "raw_body" => "Raw",
            "text" => "Text",
            "payload" => "Payload",
            "json" => "Json",
            "graphql" => "GraphQl",
            _ => "Custom",
        }),
    };
    let response_kind = response_kind.map(|kind| {
        let kind = format_ident!("{kind}");
        quote!(response: __p::ResponseKind::#kind,)
    });
    let requires_any = ast.requires_any.as_ref().map(|r| {
        let sets = &r.sets;
        quote!(requires_any: #sets,)
    });
    let deprecated = ast.deprecated.then(|| quote!(deprecated: true,));
    let min_properties = ast.args.min_properties.as_ref().map(|(n, _)| {
        // The number as parsed, whatever suffix it was written with: the field is a `usize`.
        let n = Literal::usize_unsuffixed(*n);
        quote!(min_properties: #n,)
    });
    let fields = (!ast.fields.is_empty()).then(|| {
        let table = field_table(&ast.fields);
        quote!(fields: #table,)
    });
    let paginated = paginated_impl(ast);
    let catalog = if ast.args.unregistered.is_some() { None } else { Some(catalog_entry(ast)) };

    let impls = quote! {
        #[automatically_derived]
        impl __p::Endpoint for #ident {
            type Response = #response;
            const INFO: &'static __p::EndpointInfo = &__p::EndpointInfo {
                method: __p::Method::#method,
                path: __p::PathTemplate(#path_lit),
                permissions: #perms,
                summary: #summary,
                doc: #doc,
                #deprecated
                type_name: #type_name,
                module_path: ::core::module_path!(),
                #min_properties
                #requires_any
                retry_safe: #retry_safe,
                #pagination
                #body_kind
                #response_kind
                #fields
                ..__p::ENDPOINT
            };

            #[inline]
            fn validate(&self) -> __p::Result<(), __p::ValidationError> {
                let #v_mut __v = __p::Validator::new();
                #(#checks)*
                __v.finish()
            }

            #[inline]
            fn to_request(&self) -> __p::Result<__p::RequestParts, __p::Error> {
                __p::Endpoint::validate(self)?;
                #(#segment_lets)*
                let mut __path = ::std::string::String::with_capacity(#literal_len #(#segment_lens)*);
                #(#path_pieces)*
                let #req_mut __req = __p::RequestParts::new(__p::Method::#method, __path);
                #(#parts)*
                __p::Ok(__req)
            }

            #[inline]
            fn decode(
                __r: &__p::HttpResponse,
            ) -> __p::Result<__p::ApiResponse<Self::Response>, __p::Error> {
                #decode
            }

            #decode_stream
        }

        #paginated
        #catalog
        #send
    };
    let impls = in_brief(impls);
    quote!(#item #impls)
}

/// `__v.<rule>(name, value, limit);`: one rule's check, spanned at `span`. Shared by
/// `#[endpoint]` and `#[derive(Validate)]`.
pub(crate) fn rule_check(name: &str, value: &TokenStream, kind: &RuleKind, span: Span) -> TokenStream {
    match kind {
        RuleKind::MaxLength(n) => quote_spanned!(span=> __v.max_length(#name, #value, #n);),
        RuleKind::MinLength(n) => quote_spanned!(span=> __v.min_length(#name, #value, #n);),
        RuleKind::Pattern(lit) => quote_spanned! {span=> {
            static __P: __p::Pattern = __p::Pattern::new(#lit);
            __v.pattern(#name, #value, &__P);
        }},
        RuleKind::Format(format) => {
            let variant = ast::variant(format);
            quote_spanned!(span=> __v.format(#name, #value, __p::Format::#variant);)
        }
        RuleKind::Minimum(x) => bound_check("minimum", name, value, *x, span),
        RuleKind::Maximum(x) => bound_check("maximum", name, value, *x, span),
        RuleKind::ExclusiveMinimum(x) => bound_check("exclusive_minimum", name, value, *x, span),
        RuleKind::ExclusiveMaximum(x) => bound_check("exclusive_maximum", name, value, *x, span),
        RuleKind::MinItems(n) => quote_spanned!(span=> __v.min_items(#name, #value, #n);),
        RuleKind::MaxItems(n) => quote_spanned!(span=> __v.max_items(#name, #value, #n);),
        RuleKind::UniqueItems => quote_spanned!(span=> __v.unique_items(#name, #value);),
    }
}

/// `__v.<check>(name, value, x);`: a numeric bound's check, spanned at `span`.
fn bound_check(check: &str, name: &str, value: &TokenStream, x: f64, span: Span) -> TokenStream {
    let (check, x) = (Ident::new(check, span), float(x));
    quote_spanned!(span=> __v.#check(#name, #value, #x);)
}

/// `impl Paginated` for `paginate = page | cursor` (the field was checked by `valid`). Spanned
/// at the style, so a params struct that is not `Clone` is reported there.
pub fn paginated_impl(ast: &Input) -> TokenStream {
    let Some((style, span_at)) = &ast.args.paginate else { return quote!() };
    let ident = ast.ident;
    let Some(field) = ast.paginate_field() else { return quote!() };
    let member = &field.ident;
    let span = span_at.span();
    let body = match style {
        Paginate::Page => quote! {
            #[inline]
            fn page(&self) -> u32 {
                __p::Option::unwrap_or(self.#member, 1)
            }
            #[inline]
            fn set_page(&mut self, page: u32) {
                self.#member = __p::Some(page);
            }
        },
        Paginate::Cursor => quote! {
            #[inline]
            fn set_cursor(&mut self, cursor: ::std::string::String) {
                self.#member = __p::Some(cursor);
            }
        },
        Paginate::Offset => quote! {
            #[inline]
            fn offset(&self) -> u32 {
                __p::Option::unwrap_or(self.#member, 0)
            }
            #[inline]
            fn set_offset(&mut self, offset: u32) {
                self.#member = __p::Some(offset);
            }
        },
    };
    quote_spanned! {span=>
        #[automatically_derived]
        impl __p::Paginated for #ident {
            #body
        }
    }
}

/// An `f64` literal; negative values as `-` and a literal. Callers pass finite values only.
pub(crate) fn float(x: f64) -> TokenStream {
    if !x.is_finite() {
        return quote!(::core::f64::NAN);
    }
    let lit = Literal::f64_suffixed(x.abs());
    if x.is_sign_negative() && x != 0.0 {
        quote!((-#lit))
    } else {
        quote!(#lit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(args: TokenStream, item: TokenStream) -> String {
        endpoint(args, item).to_string()
    }

    #[test]
    fn generates_the_impl_and_send() {
        let out = expand(
            quote!(POST, "/accounts/<account_id>/things", perm = "Things: Write", response = Thing),
            quote! {
                /// Create a thing.
                pub struct CreateThing {
                    #[validate(max_length = 32)]
                    pub account_id: String,
                    #[param(rename = "type")]
                    pub kind: Option<String>,
                }
            },
        );
        assert!(!out.contains("compile_error"), "{out}");
        assert!(!out.contains("# [validate") && !out.contains("# [param"), "helper attributes are stripped: {out}");
        assert!(
            out.contains(
                "use :: flarekit :: __private as __p ; # [automatically_derived] impl __p :: Endpoint for CreateThing"
            ),
            "{out}"
        );
        assert!(out.contains("__v . max_length (\"account_id\" , & self . account_id , 32usize)"), "{out}");
        assert!(
            out.contains("fields : __p :: Fields :: table (\"10:account_idpsvL32;4:typebsv?\") ,"),
            "the fields as one table (flarekit_vocab::table): {out}"
        );
        assert!(out.contains("__body . member (\"type\" , & self . kind)"), "{out}");
        assert!(
            out.contains("pub fn send (self , client : & __p :: Client) -> __p :: SendFuture < '_ , Self >"),
            "one named future type for every endpoint: {out}"
        );
        assert!(out.contains("let __seg_0 : & str = & self . account_id ;"), "{out}");
        assert!(out.contains("__p :: push_segment (& mut __path , __seg_0) ;"), "the `&str` as it is: {out}");
        assert!(
            out.contains("CreateThing { account_id : __p :: own (account_id) , kind : __p :: None }"),
            "`new` spells the unset value out: {out}"
        );
        assert!(
            out.contains("with_capacity (17 + __seg_0 . len ())"),
            "the path buffer is sized from the values: {out}"
        );
    }

    #[test]
    fn items_that_are_not_structs_are_kept_with_an_error() {
        let out = expand(
            quote!(GET, "/x", perm = "p", response = ()),
            quote!(
                fn not_a_struct() {}
            ),
        );
        assert!(out.contains("compile_error"), "{out}");
        assert!(out.contains("fn not_a_struct"), "{out}");
        let out = expand(
            quote!(GET, "/x", perm = "p", response = ()),
            quote!(
                enum E {
                    A {
                        #[validate(max_length = 1)]
                        a: String,
                    },
                }
            ),
        );
        assert!(out.contains("compile_error") && out.contains("enum E"), "{out}");
        assert!(!out.contains("validate"), "{out}");
        assert!(!out.contains("impl"), "no impl for an item that is not a plain struct: {out}");
    }

    #[test]
    fn errors_keep_the_struct_and_a_harmless_impl() {
        let out = expand(
            quote!(GET, "/x/<y>"),
            quote!(
                struct S {
                    #[validate(maximum = 1)]
                    z: String,
                }
            ),
        );
        assert_eq!(out.matches("compile_error").count(), 4, "{out}");
        assert!(out.contains("struct S { z : String , }"), "{out}");
        assert!(out.contains("type Response = ()"), "{out}");
    }
}
