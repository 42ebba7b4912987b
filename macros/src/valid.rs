//! Checks of a parsed declaration, each error spanned at what has to change.

use proc_macro2::Span;

use crate::ast::{Field, Input, Location};
use crate::attr::{Category, Method, Paginate, Rule, RuleKind};
use crate::ctxt::Ctxt;
use crate::ty::{self, Class, Shape, Wrapper};

pub fn check(cx: &Ctxt, input: &Input) {
    check_required_args(cx, input);
    check_placeholders(cx, input);
    for field in &input.fields {
        check_field(cx, input, field);
    }
    check_wire_names(cx, input);
    check_min_properties(cx, input);
    check_whole_body(cx, input);
    check_paginate(cx, input);
    check_retry_safe(cx, input);
    check_stream(cx, input);
    check_method_names(cx, input);
}

/// A streamed response is decoded as it arrives: not by a `decode_with` function, and not
/// paged.
fn check_stream(cx: &Ctxt, input: &Input) {
    let Some(flag) = &input.args.stream else { return };
    if input.args.decode_with.is_some() {
        cx.error_spanned_by(flag, "`stream` reads the body as it arrives: choose it or `decode_with`, not both");
    }
    if input.args.paginate.is_some() {
        cx.error_spanned_by(flag, "a streamed response is not paged: choose `stream` or `paginate`, not both");
    }
}

/// Optional fields get setters of their own name (and `clear_<name>` for `Nullable` ones),
/// beside the generated `new` and `send`.
fn check_method_names(cx: &Ctxt, input: &Input) {
    for f in input.fields.iter().filter(|f| f.shape.wrapper != Wrapper::None) {
        if matches!(f.name.as_str(), "new" | "send") {
            cx.error_spanned_by(
                f.ident,
                format_args!(
                    "an optional field cannot be named `{}`: its setter would clash with the generated `{}` method; \
                     name the field otherwise and keep the wire name with #[param(rename = \"{}\")]",
                    f.name, f.name, f.name
                ),
            );
        }
    }
}

fn check_required_args(cx: &Ctxt, input: &Input) {
    let args = &input.args;
    if !args.has_perm {
        cx.error_at(
            Span::call_site(),
            "missing `perm = \"...\"`: name the API token permission(s) that allow this call, e.g. perm = \"Zone Read\" or perm = [\"Zone Read\", \"Zone Write\"]",
        );
    }
    if args.response.is_none() {
        cx.error_at(
            Span::call_site(),
            "missing `response = Type`: the type of the envelope's `result`, e.g. response = Zone (use `()` when there is none)",
        );
    }
}

fn check_placeholders(cx: &Ctxt, input: &Input) {
    let (Some(template), Some(lit)) = (&input.template, &input.args.template) else { return };
    for name in template.placeholders() {
        if !input.fields.iter().any(|f| f.name == name) {
            cx.error_spanned_by(lit, format_args!("no field named `{name}` for placeholder `<{name}>`"));
        }
    }
}

fn check_field(cx: &Ctxt, input: &Input, field: &Field) {
    if let Some(flag) = &field.param.required {
        if !field.nullable {
            cx.error_spanned_by(
                flag,
                format_args!(
                    "`required` is for an `Option` body member that is always sent (`None` as `null`); `{}` is \
                     not an `Option` (a plain field is required already)",
                    field.name
                ),
            );
        } else if field.location != Location::Body || input.args.multipart.is_some() {
            cx.error_spanned_by(
                flag,
                format_args!(
                    "`required` is for a member of a JSON body, sent as `null` when `None`; `{}` is not one",
                    field.name
                ),
            );
        }
    }
    for a in &field.cfg {
        cx.error_spanned_by(
            a,
            "#[endpoint] does not support conditional fields: declare one endpoint struct per configuration",
        );
    }
    let param = &field.param;
    if field.location == Location::Path {
        match field.shape.wrapper {
            Wrapper::None => {}
            Wrapper::Option => cx.error_spanned_by(
                field.ty,
                format_args!("path field `{}` must always have a value; `Option` is not allowed", field.name),
            ),
            Wrapper::Nullable => cx.error_spanned_by(
                field.ty,
                format_args!("path field `{}` must always have a value; `Nullable` is not allowed", field.name),
            ),
        }
        if let Some(span) = param.placement_span() {
            cx.error_at(
                span,
                format_args!(
                    "`{}` is a path field (placeholder `<{}>`): it cannot also go in the query, body or a header",
                    field.name, field.name
                ),
            );
        }
        if let Some(rename) = &param.rename {
            cx.error_spanned_by(rename, "a path field takes the name of its placeholder: `rename` does not apply");
        }
    } else {
        let placements = [
            param.query.is_some(),
            param.body.is_some(),
            param.whole_body.is_some(),
            param.raw_body.is_some(),
            param.header.is_some(),
        ];
        if placements.iter().filter(|p| **p).count() > 1 {
            if let Some(span) = param.placement_span() {
                cx.error_at(
                    span,
                    "choose one of `query`, `body`, `whole_body`, `raw_body` and `header = \"...\"` for a field",
                );
            }
        }
        for flag in [&param.whole_body, &param.raw_body].into_iter().flatten() {
            if param.rename.is_some() {
                cx.error_spanned_by(flag, format_args!("a `{flag}` field has no member name: drop `rename`"));
            }
        }
        if let (None, Some(ct)) = (&param.raw_body, &param.content_type) {
            cx.error_spanned_by(ct, "`content_type` is the content type of a `raw_body` field: add `raw_body`");
        }
        for flag in [&param.json, &param.parts].into_iter().flatten() {
            if input.args.multipart.is_none() {
                cx.error_spanned_by(
                    flag,
                    format_args!("`{flag}` says how a part is sent: it needs `body = multipart` on the endpoint"),
                );
            } else if field.location != Location::Body {
                cx.error_spanned_by(
                    flag,
                    format_args!("`{flag}` says how a part is sent, and `{}` is not in the body", field.name),
                );
            }
        }
        if let (Some(explode), false) = (&param.explode, field.location == Location::Query) {
            cx.error_spanned_by(
                explode,
                format_args!("`explode` is how a query list is sent, and `{}` is not in the query", field.name),
            );
        }
        if let (Some(_), Some(parts)) = (&param.json, &param.parts) {
            cx.error_spanned_by(parts, "choose one of `json` and `parts` for a field");
        }
        if let (Some(_), Some(rename)) = (&param.header, &param.rename) {
            cx.error_spanned_by(rename, "a header field goes by its header name: drop `rename`");
        }
        if let Some(header) = &param.header {
            let value = header.value();
            let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
            if value.is_empty() || !value.chars().all(token) {
                cx.error_spanned_by(
                    header,
                    format_args!("invalid header name \"{value}\": use letters, digits and `-`"),
                );
            }
        }
        if let Some(rename) = &param.rename {
            if rename.value().is_empty() {
                cx.error_spanned_by(rename, "`rename` needs a non-empty name");
            }
        }
    }
    check_rules(cx, &field.rules, &field.shape);
}

/// Each rule fits the field's type, and no lower bound exceeds its upper bound. Shared by
/// `#[endpoint]` and `#[derive(Validate)]`, so both say the same of the same mistake.
pub(crate) fn check_rules(cx: &Ctxt, rules: &[Rule], shape: &Shape) {
    let class = shape.class;
    for rule in rules {
        let category = rule.kind.category();
        let fits = match category {
            Category::Str => !matches!(class, Class::Integer | Class::Float | Class::Bool | Class::List),
            Category::Number => !matches!(class, Class::String | Class::Bool | Class::List),
            Category::List => !matches!(class, Class::String | Class::Integer | Class::Float | Class::Bool),
        };
        if !fits {
            cx.error_spanned_by(
                &rule.name,
                format_args!(
                    "`{}` applies to {}, but this field is {} (`{}`)",
                    rule.name,
                    category.plural(),
                    class.description(),
                    ty::display(shape.inner)
                ),
            );
        }
    }
    for lo in rules {
        let Some((pair, true, lo_value)) = limit(&lo.kind) else { continue };
        for hi in rules {
            if let Some((other, false, hi_value)) = limit(&hi.kind) {
                if other == pair && lo_value > hi_value {
                    cx.error_spanned_by(
                        &lo.name,
                        format_args!("`{}` is greater than `{}`: no value can pass", lo.name, hi.name),
                    );
                }
            }
        }
    }
}

/// For rules that bound from below or above: which pair they belong to, whether it is the
/// lower bound, and the limit.
fn limit(kind: &RuleKind) -> Option<(u8, bool, f64)> {
    Some(match *kind {
        RuleKind::MinLength(n) => (0, true, n as f64),
        RuleKind::MaxLength(n) => (0, false, n as f64),
        RuleKind::Minimum(x) => (1, true, x),
        RuleKind::Maximum(x) => (1, false, x),
        RuleKind::MinItems(n) => (2, true, n as f64),
        RuleKind::MaxItems(n) => (2, false, n as f64),
        _ => return None,
    })
}

fn check_wire_names(cx: &Ctxt, input: &Input) {
    for (i, field) in input.fields.iter().enumerate() {
        if field.location == Location::Path {
            continue;
        }
        let same = |other: &&Field| {
            other.location == field.location
                && if field.location == Location::Header {
                    other.wire.eq_ignore_ascii_case(&field.wire)
                } else {
                    other.wire == field.wire
                }
        };
        if let Some(other) = input.fields[..i].iter().find(same) {
            cx.error_spanned_by(
                field.ident,
                format_args!(
                    "`{}` and `{}` both go in the {} as `{}`",
                    other.name,
                    field.name,
                    match field.location {
                        Location::Query => "query",
                        Location::Header => "headers",
                        _ => "body",
                    },
                    field.wire
                ),
            );
        }
    }
}

fn check_min_properties(cx: &Ctxt, input: &Input) {
    let Some((n, lit)) = &input.args.min_properties else { return };
    let body = input.body_fields().count();
    if body == 0 {
        cx.error_spanned_by(lit, "`min_properties` needs body fields, and this endpoint has none");
    } else if *n > body {
        cx.error_spanned_by(
            lit,
            format_args!("`min_properties = {n}` can never be met: the body has only {body} field(s)"),
        );
    }
}

/// A `whole_body` or `raw_body` field is the body: it stands alone.
fn check_whole_body(cx: &Ctxt, input: &Input) {
    let mut whole = input.fields.iter().filter(|f| f.location == Location::WholeBody);
    let Some(first) = whole.next() else { return };
    for extra in whole {
        cx.error_spanned_by(
            extra.ident,
            format_args!("`{}` and `{}` are both the whole body: a request has one body", first.name, extra.name),
        );
    }
    if let Some(multipart) = &input.args.multipart {
        cx.error_spanned_by(
            multipart,
            format_args!("`body = multipart` sends the body fields as parts, but `{}` is the whole body", first.name),
        );
    }
    if let Some(member) = input.body_fields().next() {
        cx.error_spanned_by(
            member.ident,
            format_args!(
                "`{}` is a body member, but `{}` is already the whole body; move it to the query or a header",
                member.name, first.name
            ),
        );
    }
}

/// `paginate` is for GET lists with the query field the style moves from page to page.
fn check_paginate(cx: &Ctxt, input: &Input) {
    let Some((style, ident)) = &input.args.paginate else { return };
    if input.method != Method::Get {
        cx.error_spanned_by(
            ident,
            format_args!("`paginate` applies to GET lists, and this endpoint is {}", input.method.as_str()),
        );
        return;
    }
    let (name, ty) = style.field();
    let Some(field) = input.paginate_field() else {
        match &input.args.paginate_field {
            Some(named) => cx.error_spanned_by(
                named,
                format_args!("`paginate = {ident}({named})` names no query field `{named}`: the stream sets it to ask for each next page"),
            ),
            None => cx.error_spanned_by(
                ident,
                format_args!(
                    "`paginate = {ident}` needs a query field `{name}: {ty}` (or `paginate = {ident}(field)` naming \
                     another): the stream sets it to ask for each next page"
                ),
            ),
        }
        return;
    };
    let inner = match style {
        Paginate::Page | Paginate::Offset => "u32",
        Paginate::Cursor => "String",
    };
    if !ty::is_option_of(field.ty, inner) {
        cx.error_spanned_by(
            field.ty,
            format_args!("`paginate = {ident}` needs `{}` to be `{ty}`, not `{}`", field.name, ty::display(field.ty)),
        );
    }
}

/// `retry_safe` opts a POST or PATCH into retries; other methods are retried already.
fn check_retry_safe(cx: &Ctxt, input: &Input) {
    let Some(ident) = &input.args.retry_safe else { return };
    if !matches!(input.method, Method::Post | Method::Patch) {
        cx.error_spanned_by(
            ident,
            format_args!(
                "`retry_safe` applies to POST and PATCH; {} is idempotent and retried already",
                input.method.as_str()
            ),
        );
    }
}
