//! Checks of a parsed type, each error spanned at what has to change.

use syn::GenericParam;

use super::ast::{Body, Enum, Field, Input};
use crate::ctxt::Ctxt;
use crate::ty::Wrapper;

pub fn check(cx: &Ctxt, input: &Input) {
    check_generics(cx, input);
    match &input.body {
        Body::Struct(s) => {
            for field in &s.fields {
                check_field(cx, field);
            }
        }
        Body::Enum(e) => check_enum(cx, e),
        Body::Union(token) => cx.error_spanned_by(token, "#[derive(Validate)] does not support unions"),
    }
}

/// Lifetimes are fine (nothing to bound); type and const parameters would need bounds.
fn check_generics(cx: &Ctxt, input: &Input) {
    let generic = input.generics.params.iter().find(|p| !matches!(p, GenericParam::Lifetime(_)));
    if let Some(param) = generic {
        cx.error_spanned_by(param, "#[derive(Validate)] does not support generics");
    }
}

fn check_field(cx: &Ctxt, field: &Field) {
    if field.serde.skip {
        for rule in &field.rules {
            cx.error_spanned_by(
                &rule.name,
                format_args!("`{}` would check a field serde never sends (`#[serde(skip)]`)", rule.name),
            );
        }
        return;
    }
    crate::valid::check_rules(cx, &field.rules, &field.shape);
    let skips_omitted =
        field.serde.skip_serializing_if.as_ref().is_some_and(|path| path.value().contains("is_omitted"));
    if field.member_of_object && field.shape.wrapper == Wrapper::Nullable && !skips_omitted {
        cx.error_spanned_by(
            field.ty,
            "a `Nullable` field must be skipped when omitted: add `#[serde(default, skip_serializing_if = \"Nullable::is_omitted\")]`",
        );
    }
}

/// `read_only` marks a string value; an enum of data-carrying variants has none.
fn check_enum(cx: &Ctxt, e: &Enum) {
    let strings = e.is_strings();
    for v in &e.variants {
        let Some(flag) = &v.read_only else { continue };
        if !v.unit {
            cx.error_spanned_by(
                flag,
                format_args!("`read_only` applies to unit variants (sent as a string), and `{}` carries data", v.ident),
            );
        } else if !strings {
            cx.error_spanned_by(
                flag,
                "`read_only` applies to enums sent as strings (unit variants, plus an optional \
                 `#[serde(untagged)]` fallback); this enum is tagged or carries data",
            );
        }
    }
}
