//! Code generation: the `Endpoint` impl and the inherent `send` method.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{DeriveInput, Type};

use crate::ast::{self, Field, Input, Location};
use crate::attr::{Paginate, RuleKind};
use crate::ctxt::Ctxt;
use crate::template::Segment;
use crate::ty::{self, Class, Shape, Wrapper};
use crate::{fallback, valid};

/// The runtime items generated code uses; `flarekit` re-exports `flarekit_core::__private`.
pub fn private() -> TokenStream {
    quote!(::flarekit::__private)
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
    let p = private();
    let item = ast::strip_helpers(input);
    let ident = ast.ident;
    let method = format_ident!("{}", ast.method.variant());
    let template_str = template_lit.value();
    let path_lit = ast::lit(&template_str);
    let perms = &ast.args.perms;
    let summary = ast.summary();
    let doc = &ast.doc;
    let deprecated = ast.deprecated;
    let type_name = ident.to_string();
    let min_properties = Literal::usize_unsuffixed(ast.args.min_properties.as_ref().map_or(0, |m| m.0));
    let field_infos = ast.fields.iter().map(|f| field_info(&p, f));

    // validate()
    let mut checks = Vec::new();
    for f in &ast.fields {
        let member = &f.ident;
        let name = &f.name;
        let span = f.ty.span();
        if f.location == Location::Path {
            checks.push(quote_spanned!(span=> __v.path_segment(#name, &#p::PathValue::path_text(&self.#member));));
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
            checks.push(rule_check(&p, name, &value, &rule.kind, span));
        }
    }
    for f in ast.fields.iter().filter(|f| f.location != Location::Path && checks_itself(&f.shape)) {
        let member = &f.ident;
        let name = &f.name;
        checks.push(quote_spanned!(f.ty.span()=> __v.nested(#name, &self.#member);));
    }
    if let Some((n, _)) = &ast.args.min_properties {
        let terms = ast.body_fields().map(|f| {
            let member = &f.ident;
            match f.shape.wrapper {
                Wrapper::None => quote!(1usize),
                Wrapper::Option => quote!(usize::from(::core::option::Option::is_some(&self.#member))),
                Wrapper::Nullable => quote!(usize::from(!#p::Nullable::is_omitted(&self.#member))),
            }
        });
        checks.push(quote! {
            let __present: usize = 0usize #(+ #terms)*;
            __v.min_properties(__present, #n);
        });
    }
    let v_mut = if checks.is_empty() { quote!() } else { quote!(mut) };

    // to_request()
    // Each placeholder's text is taken once (borrowed for strings); the buffer is sized from
    // the literal parts and the values, so building the path does not reallocate.
    let mut segment_lets = Vec::new();
    let mut segment_lens = Vec::new();
    let mut literal_len = 0usize;
    let path_pieces: Vec<TokenStream> = template
        .segments
        .iter()
        .map(|segment| match segment {
            Segment::Literal(text) => {
                literal_len += text.len();
                quote!(__path.push_str(#text);)
            }
            Segment::Placeholder(name) => match ast.fields.iter().find(|f| f.name == *name) {
                Some(f) => {
                    let member = &f.ident;
                    let var = format_ident!("__seg_{}", segment_lets.len());
                    segment_lets
                        .push(quote_spanned!(f.ty.span()=> let #var = #p::PathValue::path_text(&self.#member);));
                    segment_lens.push(quote!(+ #var.len()));
                    quote!(#p::push_segment(&mut __path, &#var);)
                }
                None => quote!(),
            },
        })
        .collect();
    let literal_len = Literal::usize_unsuffixed(literal_len);
    let mut parts = Vec::new();
    for f in &ast.fields {
        let member = &f.ident;
        let wire = &f.wire;
        let span = f.ty.span();
        let push = match f.location {
            Location::Query => quote_spanned!(span=> #p::push_query(&mut __req.query, #wire, &self.#member)?;),
            Location::Header => quote_spanned!(span=> #p::push_header(&mut __req.headers, #wire, &self.#member)?;),
            Location::WholeBody => quote_spanned!(span=> __req.body = #p::whole_body(#wire, &self.#member)?;),
            Location::Path | Location::Body => continue,
        };
        // `Nullable::Omit` cannot be serialized (so that it is never sent as `null`): skip it.
        parts.push(match f.shape.wrapper {
            Wrapper::Nullable => quote!(if !#p::Nullable::is_omitted(&self.#member) { #push }),
            _ => push,
        });
    }
    let body_members: Vec<TokenStream> = ast
        .body_fields()
        .map(|f| {
            let member = &f.ident;
            let wire = &f.wire;
            let add = quote_spanned!(f.ty.span()=> __body.member(#wire, &self.#member)?;);
            match f.shape.wrapper {
                Wrapper::None => add,
                Wrapper::Option => quote!(if ::core::option::Option::is_some(&self.#member) { #add }),
                Wrapper::Nullable => quote!(if !#p::Nullable::is_omitted(&self.#member) { #add }),
            }
        })
        .collect();
    if !body_members.is_empty() {
        parts.push(quote! {
            let mut __body = #p::BodyWriter::new();
            #(#body_members)*
            __req.body = ::core::option::Option::Some(__body.finish());
        });
    }
    let req_mut = if parts.is_empty() { quote!() } else { quote!(mut) };
    let send = send_method(&p, input, response, constructor(&p, input, ast));
    let decode = match &ast.args.decode_with {
        Some(path) => quote_spanned!(path.span()=> #path(__r)),
        None => quote!(#p::decode_envelope(__r)),
    };
    let retry_safe = ast.args.retry_safe.is_some() || ast.method.is_idempotent();
    let pagination = match &ast.args.paginate {
        Some((style, _)) => {
            let (param, _) = style.field();
            let variant = format_ident!(
                "{}",
                match style {
                    Paginate::Page => "PageNumber",
                    Paginate::Cursor => "Cursor",
                }
            );
            quote!(::core::option::Option::Some(#p::Pagination::#variant { param: #param }))
        }
        None => quote!(::core::option::Option::None),
    };
    let body_kind = format_ident!(
        "{}",
        if ast.fields.iter().any(|f| f.location == Location::WholeBody) {
            "JsonValue"
        } else if ast.body_fields().next().is_some() {
            "Json"
        } else {
            "None"
        }
    );
    let response_kind = format_ident!(
        "{}",
        match ast.args.decode_with.as_ref().and_then(|path| path.segments.last()) {
            None => "Envelope",
            Some(last) if last.ident == "envelope_or_no_content" => "EnvelopeOrNoContent",
            Some(last) if last.ident == "ready_or_pending" => "ReadyOrPending",
            Some(last) if last.ident == "raw_body" => "Raw",
            Some(_) => "Custom",
        }
    );
    let paginated = paginated_impl(&p, ast);
    let catalog = catalog_entry(&p, ast);

    quote! {
        #item

        #[automatically_derived]
        #[allow(deprecated)]
        impl #p::Endpoint for #ident {
            type Response = #response;
            const INFO: &'static #p::EndpointInfo = &#p::EndpointInfo::__new(
                #p::Method::#method,
                #path_lit,
                &[#(#perms),*],
                #summary,
                #doc,
                #deprecated,
                #type_name,
                ::core::module_path!(),
                #min_properties,
                #retry_safe,
                #pagination,
                #p::BodyKind::#body_kind,
                #p::ResponseKind::#response_kind,
                &[#(#field_infos),*],
            );

            fn validate(&self) -> ::core::result::Result<(), #p::ValidationError> {
                let #v_mut __v = #p::Validator::new();
                #(#checks)*
                __v.finish()
            }

            fn to_request(&self) -> ::core::result::Result<#p::RequestParts, #p::Error> {
                #p::Endpoint::validate(self)?;
                #(#segment_lets)*
                let mut __path = ::std::string::String::with_capacity(#literal_len #(#segment_lens)*);
                #(#path_pieces)*
                let #req_mut __req = #p::RequestParts::new(#p::Method::#method, __path);
                #(#parts)*
                ::core::result::Result::Ok(__req)
            }

            fn decode(
                __r: &#p::HttpResponse,
            ) -> ::core::result::Result<#p::ApiResponse<Self::Response>, #p::Error> {
                #decode
            }
        }

        #paginated
        #catalog
        #send
    }
}

/// `__v.<rule>(name, value, limit);`: one rule's check, spanned at `span`. Shared by
/// `#[endpoint]` and `#[derive(Validate)]`.
pub(crate) fn rule_check(p: &TokenStream, name: &str, value: &TokenStream, kind: &RuleKind, span: Span) -> TokenStream {
    match kind {
        RuleKind::MaxLength(n) => quote_spanned!(span=> __v.max_length(#name, #value, #n);),
        RuleKind::MinLength(n) => quote_spanned!(span=> __v.min_length(#name, #value, #n);),
        RuleKind::Pattern(lit) => quote_spanned! {span=> {
            static __P: #p::Pattern = #p::Pattern::new(#lit);
            __v.pattern(#name, #value, &__P);
        }},
        RuleKind::Format(format) => {
            let variant = format_ident!("{}", format.variant());
            quote_spanned!(span=> __v.format(#name, #value, #p::Format::#variant);)
        }
        RuleKind::Minimum(x) => {
            let x = float(*x);
            quote_spanned!(span=> __v.minimum(#name, #value, #x);)
        }
        RuleKind::Maximum(x) => {
            let x = float(*x);
            quote_spanned!(span=> __v.maximum(#name, #value, #x);)
        }
        RuleKind::ExclusiveMinimum(x) => {
            let x = float(*x);
            quote_spanned!(span=> __v.exclusive_minimum(#name, #value, #x);)
        }
        RuleKind::ExclusiveMaximum(x) => {
            let x = float(*x);
            quote_spanned!(span=> __v.exclusive_maximum(#name, #value, #x);)
        }
        RuleKind::MinItems(n) => quote_spanned!(span=> __v.min_items(#name, #value, #n);),
        RuleKind::MaxItems(n) => quote_spanned!(span=> __v.max_items(#name, #value, #n);),
        RuleKind::UniqueItems => quote_spanned!(span=> __v.unique_items(#name, #value);),
    }
}

/// `impl Paginated` for `paginate = page | cursor` (the field was checked by `valid`). Spanned
/// at the style, so a params struct that is not `Clone` is reported there.
pub fn paginated_impl(p: &TokenStream, ast: &Input) -> TokenStream {
    let Some((style, span_at)) = &ast.args.paginate else { return quote!() };
    let ident = ast.ident;
    let (wire, _) = style.field();
    let Some(field) = ast.fields.iter().find(|f| f.location == Location::Query && f.wire == wire) else {
        return quote!();
    };
    let member = &field.ident;
    let span = span_at.span();
    let body = match style {
        Paginate::Page => quote! {
            fn page(&self) -> u32 {
                ::core::option::Option::unwrap_or(self.#member, 1)
            }
            fn set_page(&mut self, page: u32) {
                self.#member = ::core::option::Option::Some(page);
            }
        },
        Paginate::Cursor => quote! {
            fn set_cursor(&mut self, cursor: ::std::string::String) {
                self.#member = ::core::option::Option::Some(cursor);
            }
        },
    };
    quote_spanned! {span=>
        #[automatically_derived]
        #[allow(deprecated)]
        impl #p::Paginated for #ident {
            #body
        }
    }
}

/// The endpoint's registration in `flarekit::catalog()`.
fn catalog_entry(p: &TokenStream, ast: &Input) -> TokenStream {
    let ident = ast.ident;
    let name = format_ident!("__FLAREKIT_CATALOG_{}", upper_snake(&ast.ident.unraw().to_string()));
    quote! {
        #[#p::linkme::distributed_slice(#p::CATALOG)]
        #[linkme(crate = #p::linkme)]
        #[allow(deprecated)]
        #[doc(hidden)]
        static #name: &'static #p::EndpointInfo = <#ident as #p::Endpoint>::INFO;
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

/// The inherent `send` method (also emitted by the fallback, so calls to it do not cascade).
pub fn send_method(
    p: &TokenStream,
    input: &DeriveInput,
    response: &dyn quote::ToTokens,
    constructor: TokenStream,
) -> TokenStream {
    let ident = &input.ident;
    let vis = &input.vis;
    quote! {
        #[allow(deprecated)]
        impl #ident {
            #constructor

            /// Validates this request, sends it with `client` and returns the decoded `result`.
            ///
            /// The same as `client.send(self)`: every `#[validate]` rule is checked first and
            /// nothing is sent when one fails; credentials, retries, timeouts and the Cloudflare
            /// envelope are handled by the client.
            ///
            /// # Errors
            ///
            /// A validation error, a transport error, or the error the API returned.
            #[allow(dead_code)]
            #vis fn send(
                self,
                client: &#p::Client,
            ) -> impl ::core::future::Future<Output = ::core::result::Result<#response, #p::Error>> + '_ {
                // A plain fn handing back the client's future: no per-endpoint state machine to
                // generate and type-check (measured: ~2 ms of compile time per endpoint).
                #p::Client::send(client, self)
            }
        }
    }
}

/// `new` with the required fields, and a chainable setter per optional field: how callers build
/// a request, so that an optional field added to a declaration breaks none of them.
pub fn constructor(p: &TokenStream, input: &DeriveInput, ast: &Input) -> TokenStream {
    let ident = ast.ident;
    let vis = &input.vis;
    // `String` fields take anything that converts into one; other types are taken as they are.
    let param = |ty: &Type| match ty::classify(ty) {
        shape if shape.class == Class::String && shape.wrapper == Wrapper::None && matches!(ty, Type::Path(_)) => {
            quote!(impl ::core::convert::Into<#ty>)
        }
        _ => quote!(#ty),
    };
    let convert = |member: &syn::Ident, ty: &Type| match ty::classify(ty) {
        shape if shape.class == Class::String && shape.wrapper == Wrapper::None && matches!(ty, Type::Path(_)) => {
            quote!(::core::convert::Into::into(#member))
        }
        _ => quote!(#member),
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
            _ => quote!(#member: ::core::default::Default::default()),
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
                    #vis fn #member(mut self, #member: #ty) -> Self {
                        self.#member = #p::Nullable::Set(#value);
                        self
                    }
                    #[doc = #clear_doc]
                    #[must_use]
                    #deprecated
                    #vis fn #clear(mut self) -> Self {
                        self.#member = #p::Nullable::Null;
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
                    #vis fn #member(mut self, #member: #ty) -> Self {
                        self.#member = ::core::option::Option::Some(#value);
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
        #vis fn new(#(#args),*) -> Self {
            #ident { #(#inits),* }
        }
        #(#setters)*
    }
}

fn field_info(p: &TokenStream, f: &Field) -> TokenStream {
    let wire = &f.wire;
    let location = format_ident!("{}", f.location.variant());
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
    let required = f.shape.wrapper == Wrapper::None;
    let nullable = f.shape.wrapper == Wrapper::Nullable;
    let rules = f.rules.iter().map(|r| match &r.kind {
        RuleKind::MaxLength(n) => quote!(#p::Rule::MaxLength(#n)),
        RuleKind::MinLength(n) => quote!(#p::Rule::MinLength(#n)),
        RuleKind::Pattern(lit) => quote!(#p::Rule::Pattern(#lit)),
        RuleKind::Format(format) => {
            let variant = format_ident!("{}", format.variant());
            quote!(#p::Rule::Format(#p::Format::#variant))
        }
        RuleKind::Minimum(x) => {
            let x = float(*x);
            quote!(#p::Rule::Minimum(#x))
        }
        RuleKind::Maximum(x) => {
            let x = float(*x);
            quote!(#p::Rule::Maximum(#x))
        }
        RuleKind::ExclusiveMinimum(x) => {
            let x = float(*x);
            quote!(#p::Rule::ExclusiveMinimum(#x))
        }
        RuleKind::ExclusiveMaximum(x) => {
            let x = float(*x);
            quote!(#p::Rule::ExclusiveMaximum(#x))
        }
        RuleKind::MinItems(n) => quote!(#p::Rule::MinItems(#n)),
        RuleKind::MaxItems(n) => quote!(#p::Rule::MaxItems(#n)),
        RuleKind::UniqueItems => quote!(#p::Rule::UniqueItems),
    });
    let doc = &f.doc;
    let deprecated = f.deprecated;
    let values = if checks_itself(&f.shape) {
        let ty = f.ty;
        quote_spanned!(ty.span()=> <#ty as #p::Validate>::VALUES)
    } else {
        quote!(&[])
    };
    quote! {
        #p::FieldInfo::__new(
            #wire,
            #p::Location::#location,
            #p::Kind::#kind,
            #required,
            #nullable,
            &[#(#rules),*],
            #values,
            #doc,
            #deprecated,
        )
    }
}

/// Whether a field's value can break rules of its own ([`Validate`]): anything but a plain
/// string, number or boolean, or a list of them.
///
/// [`Validate`]: https://docs.rs/flarekit/latest/flarekit/validate/trait.Validate.html
fn checks_itself(shape: &Shape) -> bool {
    let plain = |ty: &Type| {
        let item = ty::classify(ty);
        item.wrapper == Wrapper::None
            && matches!(item.class, Class::String | Class::Integer | Class::Float | Class::Bool)
    };
    match shape.class {
        Class::Other => true,
        Class::List => match shape.inner {
            Type::Slice(s) => !plain(&s.elem),
            Type::Array(a) => !plain(&a.elem),
            Type::Path(p) => match p.path.segments.last().map(|s| &s.arguments) {
                Some(syn::PathArguments::AngleBracketed(args)) => !args.args.iter().all(|arg| match arg {
                    syn::GenericArgument::Type(t) => plain(t),
                    _ => true,
                }),
                _ => true,
            },
            _ => true,
        },
        _ => false,
    }
}

/// An `f64` literal; negative values as `-` and a literal. Callers pass finite values only.
fn float(x: f64) -> TokenStream {
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
        assert!(out.contains("impl :: flarekit :: __private :: Endpoint for CreateThing"), "{out}");
        assert!(out.contains("__v . max_length (\"account_id\" , & self . account_id , 32usize)"), "{out}");
        assert!(out.contains("__body . member (\"type\" , & self . kind)"), "{out}");
        assert!(out.contains("pub fn send (self , client : & :: flarekit :: __private :: Client ,)"), "{out}");
        assert!(
            out.contains("let __seg_0 = :: flarekit :: __private :: PathValue :: path_text (& self . account_id) ;"),
            "{out}"
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
