//! The derive's own small AST: what a type sends on the wire and which rules apply, resolved
//! from syn and serde's attributes.

use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Fields, Generics, Ident, Index, Member, Type};

use super::attr::{self, Serde};
use crate::attr::Rule;
use crate::ctxt::Ctxt;
use crate::ty::{self, Shape};

pub struct Input<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    pub body: Body<'a>,
}

pub enum Body<'a> {
    Struct(Struct<'a>),
    Enum(Enum<'a>),
    /// Reported by `valid`.
    Union(&'a syn::token::Union),
}

pub struct Struct<'a> {
    /// The fields that can carry rules: the named fields, or the field of a newtype. Empty for
    /// unit structs and tuple structs with several fields (nothing to check).
    pub fields: Vec<Field<'a>>,
    /// A newtype or `#[serde(transparent)]`: the value is its field's, `VALUES` included.
    pub transparent: bool,
    /// The check of `#[validate(requires_any(...))]`, when written.
    pub requires_any: Option<proc_macro2::TokenStream>,
}

pub struct Field<'a> {
    pub member: Member,
    pub ty: &'a Type,
    pub shape: Shape<'a>,
    pub rules: Vec<Rule>,
    /// The JSON member name; empty when the field's value stands for the struct (newtype,
    /// `transparent`, `flatten`), so violations are named by the struct's own path.
    pub wire: String,
    pub serde: Serde,
    /// A named field of a struct that is not transparent: serde's `skip_serializing_if`
    /// decides whether it is sent.
    pub member_of_object: bool,
}

impl Field<'_> {
    /// Whether the value may break rules of its own: anything but a plain string, number or
    /// boolean, or a list of them (whose `Validate` impls check nothing).
    pub fn nests(&self) -> bool {
        if self.serde.skip {
            return false;
        }
        self.shape.checks_itself()
    }
}

pub struct Enum<'a> {
    pub variants: Vec<Variant<'a>>,
    /// `#[serde(tag = "...")]` or `#[serde(untagged)]` on the enum: no variant is a string.
    pub tagged: bool,
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    pub unit: bool,
    pub wire: String,
    pub serde: Serde,
    /// `#[validate(read_only)]`, for spans.
    pub read_only: Option<Ident>,
}

impl Enum<'_> {
    /// Whether the enum is sent as one string per variant: every variant serde sends by name
    /// is a unit variant (an untagged fallback such as `Unknown(String)` does not count).
    pub fn is_strings(&self) -> bool {
        !self.tagged && self.variants.iter().all(|v| v.unit || v.serde.untagged || v.serde.skip)
    }

    /// The wire names a request may send, in declaration order.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.variants
            .iter()
            .filter(|v| v.unit && v.read_only.is_none() && !(v.serde.untagged || v.serde.other || v.serde.skip))
            .map(|v| v.wire.as_str())
    }
}

/// Builds the AST; misplaced `#[validate]` attributes and rule syntax go to `cx`.
pub fn parse<'a>(cx: &Ctxt, input: &'a DeriveInput) -> Input<'a> {
    if !matches!(input.data, Data::Struct(_)) {
        for a in validate_attrs(&input.attrs) {
            cx.error_spanned_by(
                a,
                "#[validate] goes on fields (rules), on enum variants (`#[validate(read_only)]`) or on a struct \
                 (`requires_any`), not on an enum",
            );
        }
    }
    let container = Serde::parse(&input.attrs);
    let body = match &input.data {
        Data::Struct(data) => {
            // The struct's own attribute first: errors come in the order they are written.
            let requires = crate::requires::parse(cx, &input.attrs);
            let mut s = parse_struct(cx, &data.fields, &container);
            if let Some(requires) = requires {
                let check = crate::requires::check(cx, &requires, "", "named field", &|ident| {
                    let field = s
                        .fields
                        .iter()
                        .find(|f| matches!(&f.member, Member::Named(i) if i.unraw() == ident.unraw()))?;
                    Some(crate::requires::Named {
                        member: field.member.clone(),
                        wire: &field.wire,
                        wrapper: field.shape.wrapper,
                    })
                });
                s.requires_any = Some(check.check);
            }
            Body::Struct(s)
        }
        Data::Enum(data) => Body::Enum(Enum {
            tagged: container.tag || container.untagged,
            variants: parse_variants(cx, data, &container),
        }),
        Data::Union(data) => Body::Union(&data.union_token),
    };
    Input { ident: &input.ident, generics: &input.generics, body }
}

fn parse_variants<'a>(cx: &Ctxt, data: &'a syn::DataEnum, container: &Serde) -> Vec<Variant<'a>> {
    // Loops, not iterator chains: each chain compiles its own copies of the adapters into this
    // crate, whose compile every build that uses the macros waits for.
    let mut variants = Vec::with_capacity(data.variants.len());
    for v in &data.variants {
        for f in &v.fields {
            for a in validate_attrs(&f.attrs) {
                cx.error_spanned_by(
                    a,
                    "#[validate] rules on the fields of enum variants are not checked: \
                     give the variant a struct of its own with `#[derive(Validate)]`",
                );
            }
        }
        let serde = Serde::parse(&v.attrs);
        let name = v.ident.unraw().to_string();
        let wire = match (&serde.rename, container.rename_all) {
            (Some(rename), _) => rename.clone(),
            (None, Some(rule)) => rule.apply_to_variant(&name),
            (None, None) => name,
        };
        variants.push(Variant {
            ident: &v.ident,
            unit: matches!(v.fields, Fields::Unit),
            wire,
            serde,
            read_only: attr::parse_variant_validate(cx, &v.attrs),
        });
    }
    variants
}

fn parse_struct<'a>(cx: &Ctxt, fields: &'a Fields, container: &Serde) -> Struct<'a> {
    if let Fields::Unnamed(unnamed) = fields {
        if unnamed.unnamed.len() != 1 {
            for f in &unnamed.unnamed {
                for a in validate_attrs(&f.attrs) {
                    cx.error_spanned_by(
                        a,
                        "#[validate] rules apply to named fields and to the field of a newtype struct; \
                         a tuple struct with several fields is not checked",
                    );
                }
            }
            return Struct { fields: Vec::new(), transparent: false, requires_any: None };
        }
    }
    let newtype = matches!(fields, Fields::Unnamed(_));
    let transparent = newtype || container.transparent;
    let mut parsed = Vec::with_capacity(fields.len());
    for (i, field) in fields.iter().enumerate() {
        let mut rules = Vec::new();
        for a in validate_attrs(&field.attrs) {
            crate::attr::parse_validate(cx, a, &mut rules);
        }
        let serde = Serde::parse(&field.attrs);
        let (member, name) = match &field.ident {
            Some(ident) => (Member::Named(ident.clone()), ident.unraw().to_string()),
            None => (Member::Unnamed(Index { index: i as u32, span: field.ty.span() }), String::new()),
        };
        let wire = match (&serde.rename, container.rename_all) {
            _ if transparent || serde.flatten => String::new(),
            (Some(rename), _) => rename.clone(),
            (None, Some(rule)) => rule.apply_to_field(&name),
            (None, None) => name,
        };
        parsed.push(Field {
            member,
            ty: &field.ty,
            shape: ty::classify(&field.ty),
            rules,
            wire,
            serde,
            member_of_object: !transparent,
        });
    }
    Struct { fields: parsed, transparent, requires_any: None }
}

fn validate_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    crate::ast::attrs_named(attrs, "validate")
}
