//! The macro's own small AST: what a declaration says, resolved from syn.

use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::{Attribute, Data, DeriveInput, Expr, ExprLit, Fields, Ident, Lit, LitStr, Meta, Type};

use crate::attr::{self, EndpointArgs, Method, ParamAttr, Rule};
use crate::ctxt::Ctxt;
use crate::template::Template;
use crate::ty::{self, Shape, Wrapper};

pub use flarekit_vocab::Location;

/// The identifier of a vocabulary variant (`Method::Post` → `Post`), to name it in generated
/// code: `Debug` of these field-less enums is exactly the variant's name.
pub fn variant(value: impl std::fmt::Debug) -> Ident {
    Ident::new(&format!("{value:?}"), proc_macro2::Span::call_site())
}

/// A declaration with named fields and no generics.
pub struct Input<'a> {
    pub ident: &'a Ident,
    pub args: EndpointArgs,
    /// The method, `GET` when it was missing or invalid (already reported).
    pub method: Method,
    /// The parsed template, `None` when it was missing or invalid (already reported).
    pub template: Option<Template>,
    pub fields: Vec<Field<'a>>,
    pub doc: String,
    pub deprecated: bool,
    /// The struct's `#[validate(requires_any(...))]`, when written.
    pub requires_any: Option<crate::requires::Expanded>,
}

pub struct Field<'a> {
    pub ident: &'a Ident,
    /// The field name without `r#`.
    pub name: String,
    pub ty: &'a Type,
    pub shape: Shape<'a>,
    pub rules: Vec<Rule>,
    pub param: ParamAttr,
    pub location: Location,
    /// The name on the wire: placeholder, query or body member name, or header name.
    pub wire: String,
    pub doc: String,
    pub deprecated: bool,
    /// `#[cfg]` / `#[cfg_attr]` attributes, which the macro cannot follow.
    pub cfg: Vec<&'a Attribute>,
    /// An `Option` body member marked `#[param(required)]`: a required field whose value may be
    /// `null` (its `shape` treats the `Option` as part of the value's type).
    pub nullable: bool,
}

/// Builds the AST; problems go to `cx`. `None` when the item is not a struct with named fields
/// and no generics (nothing else can be checked then).
pub fn parse<'a>(cx: &Ctxt, input: &'a DeriveInput, args: TokenStream) -> Option<Input<'a>> {
    let args = attr::parse_endpoint_args(cx, args);
    let named = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => Some(named),
            _ => None,
        },
        _ => None,
    };
    let has_generics = !input.generics.params.is_empty() || input.generics.where_clause.is_some();
    let Some(named) = named.filter(|_| !has_generics) else {
        let span_of: TokenStream = if has_generics {
            quote::ToTokens::to_token_stream(&input.generics)
        } else {
            match &input.data {
                Data::Struct(s) => match &s.fields {
                    Fields::Unit => quote::ToTokens::to_token_stream(&input.ident),
                    fields => quote::ToTokens::to_token_stream(fields),
                },
                Data::Enum(e) => quote::ToTokens::to_token_stream(&e.enum_token),
                Data::Union(u) => quote::ToTokens::to_token_stream(&u.union_token),
            }
        };
        cx.error_spanned_by(span_of, "#[endpoint] supports only structs with named fields and no generics");
        return None;
    };

    let method = args.method.unwrap_or(Method::Get);
    let template = args.template.as_ref().and_then(|lit| match Template::parse(&lit.value()) {
        Ok(t) => Some(t),
        Err(errors) => {
            for e in errors {
                cx.error_spanned_by(lit, e);
            }
            None
        }
    });

    let mut fields = Vec::new();
    for field in &named.named {
        let Some(ident) = &field.ident else { continue };
        let name = ident.unraw().to_string();
        let mut rules = Vec::new();
        let mut param = ParamAttr::default();
        let mut cfg = Vec::new();
        for a in &field.attrs {
            if a.path().is_ident("validate") {
                attr::parse_validate(cx, a, &mut rules);
            } else if a.path().is_ident("param") {
                attr::parse_param(cx, a, &mut param);
            } else if a.path().is_ident("cfg") || a.path().is_ident("cfg_attr") {
                cfg.push(a);
            }
        }
        let in_template = template.as_ref().is_some_and(|t| t.placeholders().any(|p| p == name));
        let location = if in_template {
            Location::Path
        } else if param.whole_body.is_some() || param.raw_body.is_some() {
            Location::WholeBody
        } else if param.header.is_some() {
            Location::Header
        } else if param.query.is_some() {
            Location::Query
        } else if param.body.is_some() || attr::has_body(method) {
            Location::Body
        } else {
            Location::Query
        };
        let wire = match (&location, &param.header, &param.rename) {
            (Location::Path, _, _) => name.clone(),
            (_, Some(header), _) => header.value(),
            (_, None, Some(rename)) => rename.value(),
            _ => name.clone(),
        };
        let mut shape = ty::classify(&field.ty);
        // `#[param(required)]` on an `Option` (checked in `valid.rs`): required, `None` is `null`.
        let nullable = param.required.is_some() && shape.wrapper == Wrapper::Option;
        if nullable {
            shape.wrapper = Wrapper::None;
        }
        fields.push(Field {
            ident,
            name,
            ty: &field.ty,
            shape,
            rules,
            param,
            location,
            wire,
            doc: doc_of(&field.attrs),
            deprecated: is_deprecated(&field.attrs),
            cfg,
            nullable,
        });
    }

    let requires_any = crate::requires::parse(cx, &input.attrs).map(|requires| {
        crate::requires::check(cx, &requires, "body", "body member", &|ident| {
            let field = fields.iter().find(|f| f.location == Location::Body && ident.unraw() == f.name)?;
            Some(crate::requires::Named {
                member: syn::Member::Named(field.ident.clone()),
                wire: &field.wire,
                wrapper: field.shape.wrapper,
            })
        })
    });

    Some(Input {
        ident: &input.ident,
        args,
        method,
        template,
        fields,
        doc: doc_of(&input.attrs),
        deprecated: is_deprecated(&input.attrs),
        requires_any,
    })
}

impl Input<'_> {
    /// The field named `name` (as written, without `r#`).
    pub fn field(&self, name: &str) -> Option<&Field<'_>> {
        self.fields.iter().find(|f| f.name == name)
    }

    pub fn body_fields(&self) -> impl Iterator<Item = &Field<'_>> {
        self.fields.iter().filter(|f| f.location == Location::Body)
    }

    /// The query field a `paginate` list moves from page to page: the one named in
    /// `paginate = style(field)`, else the one whose wire name is the style's (`page`, `cursor`,
    /// `offset`).
    pub fn paginate_field(&self) -> Option<&Field<'_>> {
        let (style, _) = self.args.paginate.as_ref()?;
        let query = self.fields.iter().filter(|f| f.location == Location::Query);
        match &self.args.paginate_field {
            Some(named) => query.into_iter().find(|f| f.ident == named),
            None => query.into_iter().find(|f| f.wire == style.field().0),
        }
    }

    /// The first line of the doc comment's first paragraph, trimmed.
    pub fn summary(&self) -> &str {
        summary(&self.doc)
    }
}

/// The attributes of `attrs` named `name` (`serde`, `validate`, ..): one filter for every
/// caller, compiled once.
pub fn attrs_named<'a>(attrs: &'a [Attribute], name: &'a str) -> impl Iterator<Item = &'a Attribute> {
    attrs.iter().filter(move |a| a.path().is_ident(name))
}

/// The first non-blank line of `doc`, trimmed.
pub fn summary(doc: &str) -> &str {
    doc.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("")
}

/// The `///` lines, each without one leading space, joined with `\n`. Doc attributes that are
/// not string literals (`#[doc = include_str!(..)]`) are skipped.
pub fn doc_of(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for a in attrs {
        if !a.path().is_ident("doc") {
            continue;
        }
        if let Meta::NameValue(nv) = &a.meta {
            if let Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) = &nv.value {
                let value = s.value();
                for line in value.split('\n') {
                    let line = line.strip_suffix('\r').unwrap_or(line);
                    lines.push(line.strip_prefix(' ').unwrap_or(line).to_owned());
                }
            }
        }
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    join(&lines, "\n")
}

/// `parts` joined with `sep`: `[String]::join` compiles a large generic copy into this crate.
pub fn join(parts: &[String], sep: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(part);
    }
    out
}

/// Whether a `#[derive(..)]` among `attrs` names `trait_name` (by its last path segment).
pub fn derives(attrs: &[Attribute], trait_name: &str) -> bool {
    attrs_named(attrs, "derive").any(|a| {
        a.parse_args_with(syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
            .is_ok_and(|paths| paths.iter().any(|p| p.segments.last().is_some_and(|s| s.ident == trait_name)))
    })
}

fn is_deprecated(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("deprecated"))
}

/// Whether a field attribute belongs to the macro (and is stripped from the output).
pub fn is_helper(a: &Attribute) -> bool {
    a.path().is_ident("validate") || a.path().is_ident("param")
}

/// The input with `#[validate]` / `#[param]` removed from every field, and `#[validate]` from
/// the struct.
pub fn strip_helpers(input: &DeriveInput) -> DeriveInput {
    let mut out = input.clone();
    out.attrs.retain(|a| !a.path().is_ident("validate"));
    let strip = |fields: &mut Fields| {
        for f in fields.iter_mut() {
            f.attrs.retain(|a| !is_helper(a));
        }
    };
    match &mut out.data {
        Data::Struct(s) => strip(&mut s.fields),
        Data::Enum(e) => e.variants.iter_mut().for_each(|v| strip(&mut v.fields)),
        Data::Union(u) => u.fields.named.iter_mut().for_each(|f| f.attrs.retain(|a| !is_helper(a))),
    }
    out
}

/// A string literal with `value`, for generated code.
pub fn lit(value: &str) -> LitStr {
    LitStr::new(value, proc_macro2::Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_are_trimmed_and_joined() {
        let input: DeriveInput = syn::parse_quote! {
            ///
            /// Create a sending domain restriction.
            ///
            ///   Indented detail.
            #[doc = include_str!("x")]
            /// Last.
            ///
            struct X;
        };
        assert_eq!(doc_of(&input.attrs), "Create a sending domain restriction.\n\n  Indented detail.\nLast.");
    }

    #[test]
    fn placement_defaults_and_overrides() {
        let cx = Ctxt::new();
        let input: DeriveInput = syn::parse_quote! {
            struct X {
                zone_id: String,
                #[param(query, rename = "type")] r#type: Option<String>,
                name: String,
                #[param(header = "X-Trace")] trace: Option<String>,
            }
        };
        let ast = parse(&cx, &input, quote::quote!(POST, "/zones/<zone_id>", perm = "p", response = ())).unwrap();
        let got: Vec<_> = ast.fields.iter().map(|f| (f.location, f.wire.as_str())).collect();
        assert_eq!(
            got,
            [
                (Location::Path, "zone_id"),
                (Location::Query, "type"),
                (Location::Body, "name"),
                (Location::Header, "X-Trace")
            ]
        );
        assert!(cx.check().is_ok());
    }
}
