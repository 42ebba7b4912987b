//! Parsing of `#[endpoint(..)]`, `#[validate(..)]` and `#[param(..)]`.
//!
//! Parsers record every problem in the [`Ctxt`] and skip to the next `,`, so one compile shows
//! every mistake of a declaration.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{bracketed, Attribute, Ident, LitInt, LitStr, Token, Type};

use crate::ctxt::Ctxt;
pub use crate::rule::{parse_validate, Category, Rule, RuleKind};

pub use flarekit_vocab::Method;

/// Where fields that are not placeholders go by default: the body for POST, PUT and PATCH.
pub fn has_body(method: Method) -> bool {
    matches!(method, Method::Post | Method::Put | Method::Patch)
}

/// The arguments of `#[endpoint(..)]`; `None` where missing or invalid (already reported).
#[derive(Default)]
pub struct EndpointArgs {
    pub method: Option<Method>,
    pub template: Option<LitStr>,
    /// `perm = ...` was written (possibly with errors in it).
    pub has_perm: bool,
    pub perms: Vec<LitStr>,
    /// `perm = SOME_CONST`: a `&'static [&'static str]` of the declaring crate's, named once
    /// and shared by the endpoints that need the same permissions.
    pub perm_const: Option<syn::Path>,
    pub response: Option<Type>,
    pub min_properties: Option<(usize, LitInt)>,
    /// `paginate = page` / `paginate = cursor` / `paginate = offset`, with the value's ident for
    /// spans.
    pub paginate: Option<(Paginate, Ident)>,
    /// `paginate = cursor(continuation_token)`: the query field the walk moves, when it is not
    /// the style's own name (`page`, `cursor`, `offset`).
    pub paginate_field: Option<Ident>,
    /// `decode_with = path::to::function`.
    pub decode_with: Option<syn::Path>,
    /// The `retry_safe` flag, for spans.
    pub retry_safe: Option<Ident>,
    /// `body = multipart`: the body fields are the parts of a form (JSON members otherwise).
    pub multipart: Option<Ident>,
    /// `check = path::to::function`: a check of the whole request, after the field rules.
    pub check: Option<syn::Path>,
    /// The `stream` flag: the response is read as it arrives (`response` implements
    /// `FromStream`).
    pub stream: Option<Ident>,
    /// The `unregistered` flag: no link-time registration in `flarekit::catalog()` (the
    /// declaring crate lists the endpoint itself, as flarekit's generated modules do).
    pub unregistered: Option<Ident>,
}

/// How a list endpoint pages: `paginate = page` or `paginate = cursor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paginate {
    Page,
    Cursor,
    Offset,
}

impl Paginate {
    /// The query field the style needs, and its type as written in messages.
    pub fn field(self) -> (&'static str, &'static str) {
        match self {
            Paginate::Page => ("page", "Option<u32>"),
            Paginate::Cursor => ("cursor", "Option<String>"),
            Paginate::Offset => ("offset", "Option<u32>"),
        }
    }
}

const ENDPOINT_KEYS: &str =
    "`perm`, `response`, `min_properties`, `paginate`, `decode_with`, `retry_safe`, `body`, `check`, `stream`, `unregistered`";

pub fn parse_endpoint_args(cx: &Ctxt, args: TokenStream) -> EndpointArgs {
    let mut out = EndpointArgs::default();
    let parser = |input: ParseStream| {
        parse_endpoint_items(cx, input, &mut out);
        Ok(())
    };
    if let Err(err) = parser.parse2(args) {
        cx.syn_error(err);
    }
    out
}

fn parse_endpoint_items(cx: &Ctxt, input: ParseStream, out: &mut EndpointArgs) {
    const USAGE: &str = "expected `#[endpoint(METHOD, \"/path/<placeholder>\", perm = \"...\", response = Type)]`";
    if input.is_empty() {
        cx.error_at(Span::call_site(), USAGE);
        return;
    }
    // METHOD
    if input.peek(Ident::peek_any) && !input.peek2(Token![=]) {
        if let Ok(ident) = input.call(Ident::parse_any) {
            match Method::from_name(&ident.to_string()) {
                Some(m) => out.method = Some(m),
                None => cx.error_spanned_by(
                    &ident,
                    format_args!("unsupported method `{ident}`: expected one of GET, POST, PUT, PATCH, DELETE"),
                ),
            }
        }
        if !next_item(cx, input) {
            return;
        }
    } else {
        cx.error_at(
            input.span(),
            format_args!("expected the HTTP method first (GET, POST, PUT, PATCH or DELETE); {USAGE}"),
        );
    }
    // "template"
    if input.peek(LitStr) {
        if let Ok(lit) = input.parse::<LitStr>() {
            out.template = Some(lit);
        }
        if !next_item(cx, input) {
            return;
        }
    } else {
        cx.error_at(input.span(), "expected the path template as a string literal, e.g. \"/zones/<zone_id>\"");
        // Go on with the keys if there are any.
        if !(input.peek(Ident::peek_any) && input.peek2(Token![=])) {
            skip_item(input);
            if !next_item(cx, input) {
                return;
            }
        }
    }
    // key = value, ...
    let mut seen: Vec<String> = Vec::new();
    while !input.is_empty() {
        if let Err(err) = parse_endpoint_key(cx, input, out, &mut seen) {
            cx.syn_error(err);
            skip_item(input);
        }
        if !next_item(cx, input) {
            return;
        }
    }
}

fn parse_endpoint_key(
    cx: &Ctxt,
    input: ParseStream,
    out: &mut EndpointArgs,
    seen: &mut Vec<String>,
) -> syn::Result<()> {
    let key = input.call(Ident::parse_any)?;
    let name = key.to_string();
    if !matches!(
        name.as_str(),
        "perm"
            | "response"
            | "min_properties"
            | "paginate"
            | "decode_with"
            | "retry_safe"
            | "body"
            | "check"
            | "stream"
            | "unregistered"
    ) {
        cx.error_spanned_by(&key, format_args!("unknown key `{name}` in #[endpoint]: expected one of {ENDPOINT_KEYS}"));
        skip_item(input);
        return Ok(());
    }
    if seen.contains(&name) {
        cx.error_spanned_by(&key, format_args!("duplicate key `{name}`"));
        skip_item(input);
        return Ok(());
    }
    seen.push(name.clone());
    if matches!(name.as_str(), "retry_safe" | "stream" | "unregistered") {
        if input.peek(Token![=]) {
            return Err(syn::Error::new(
                input.span(),
                format_args!("`{name}` is a flag: write `{name}` without a value"),
            ));
        }
        let flag = match name.as_str() {
            "stream" => &mut out.stream,
            "retry_safe" => &mut out.retry_safe,
            _ => &mut out.unregistered,
        };
        *flag = Some(key);
        return Ok(());
    }
    input.parse::<Token![=]>()?;
    match name.as_str() {
        "perm" => {
            out.has_perm = true;
            if input.peek(syn::token::Bracket) {
                let content;
                let bracket = bracketed!(content in input);
                let list = content.parse_terminated(|s: ParseStream| s.parse::<LitStr>(), Token![,])?;
                if list.is_empty() {
                    cx.error_at(
                        bracket.span.join(),
                        "`perm` needs at least one permission, e.g. perm = [\"Zone Read\"]",
                    );
                }
                out.perms.extend(list);
            } else if input.peek(LitStr) {
                out.perms.push(input.parse::<LitStr>()?);
            } else {
                let path = input.parse::<syn::Path>().map_err(|e| {
                    syn::Error::new(e.span(), "expected a permission string, a list of them, or the name of a constant holding them: perm = \"Zone Read\", perm = [\"Zone Read\", \"Zone Write\"] or perm = ZONE_READ")
                })?;
                out.perm_const = Some(path);
            }
            for lit in &out.perms {
                if lit.value().trim().is_empty() {
                    cx.error_spanned_by(lit, "a permission must not be empty");
                }
            }
            for (i, lit) in out.perms.iter().enumerate() {
                if out.perms[..i].iter().any(|other| other.value() == lit.value()) {
                    cx.error_spanned_by(lit, format_args!("permission \"{}\" is listed twice", lit.value()));
                }
            }
        }
        "response" => out.response = Some(input.parse::<Type>()?),
        "paginate" => {
            const EXPECTED: &str = "expected `paginate = page` (page-number lists), `paginate = cursor` (cursor \
                                    lists) or `paginate = offset` (offset lists), each optionally naming \
                                    its query field: `paginate = cursor(continuation_token)`";
            let style = input.call(Ident::parse_any).map_err(|e| syn::Error::new(e.span(), EXPECTED))?;
            match style.to_string().as_str() {
                "page" => out.paginate = Some((Paginate::Page, style)),
                "cursor" => out.paginate = Some((Paginate::Cursor, style)),
                "offset" => out.paginate = Some((Paginate::Offset, style)),
                _ => cx.error_spanned_by(&style, format_args!("unknown pagination `{style}`: {EXPECTED}")),
            }
            if input.peek(syn::token::Paren) {
                let content;
                syn::parenthesized!(content in input);
                let field = content.call(Ident::parse_any).map_err(|e| syn::Error::new(e.span(), EXPECTED))?;
                if !content.is_empty() {
                    return Err(content.error(EXPECTED));
                }
                out.paginate_field = Some(field);
            }
        }
        "body" => {
            const EXPECTED: &str = "expected `body = json` (the default) or `body = multipart`";
            let style = input.call(Ident::parse_any).map_err(|e| syn::Error::new(e.span(), EXPECTED))?;
            match style.to_string().as_str() {
                "json" => {}
                "multipart" => out.multipart = Some(style),
                _ => cx.error_spanned_by(&style, format_args!("unknown body `{style}`: {EXPECTED}")),
            }
        }
        "check" => {
            out.check = Some(input.parse::<syn::Path>().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected the path of a check function, e.g. check = check_upload (fn(&Self, &mut Validator))",
                )
            })?)
        }
        "decode_with" => {
            out.decode_with = Some(input.parse::<syn::Path>().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected the path of a decode function, e.g. decode_with = flarekit::decode::raw_body",
                )
            })?)
        }
        _ => {
            let lit = input.parse::<LitInt>()?;
            out.min_properties = Some((lit.base10_parse::<usize>()?, lit));
        }
    }
    Ok(())
}

/// Parses the comma-separated items of `attr` with `item`, recording a failed item in `cx` and
/// going on with the next one; `Err` only when the attribute has no argument list.
pub(crate) fn parse_items(
    cx: &Ctxt,
    attr: &Attribute,
    mut item: impl FnMut(ParseStream) -> syn::Result<()>,
) -> syn::Result<()> {
    attr.parse_args_with(|input: ParseStream| {
        while !input.is_empty() {
            if let Err(err) = item(input) {
                cx.syn_error(err);
                skip_item(input);
            }
            if !next_item(cx, input) {
                break;
            }
        }
        Ok(())
    })
}

/// After an item: `true` when another item follows a `,`; reports anything else.
pub(crate) fn next_item(cx: &Ctxt, input: ParseStream) -> bool {
    if input.is_empty() {
        return false;
    }
    if input.parse::<Token![,]>().is_ok() {
        return !input.is_empty();
    }
    cx.error_at(input.span(), "expected `,`");
    skip_item(input);
    input.parse::<Token![,]>().is_ok() && !input.is_empty()
}

/// Skips token trees up to the next top-level `,`.
pub(crate) fn skip_item(input: ParseStream) {
    while !input.is_empty() && !input.peek(Token![,]) {
        if input.parse::<TokenTree>().is_err() {
            return;
        }
    }
}

/// `#[param(..)]`: where a field goes and under which name.
#[derive(Default, Clone)]
pub struct ParamAttr {
    pub query: Option<Ident>,
    pub body: Option<Ident>,
    /// `whole_body`: the field's value is the entire JSON body (e.g. a bare array).
    pub whole_body: Option<Ident>,
    /// `raw_body`: the field's bytes or text are the entire body, as they are.
    pub raw_body: Option<Ident>,
    /// `content_type = "..."` of a `raw_body` field.
    pub content_type: Option<LitStr>,
    /// `json`: in a multipart body, one part with the value as JSON.
    pub json: Option<Ident>,
    /// `parts`: in a multipart body, one part per blob, named by its file name.
    pub parts: Option<Ident>,
    /// `required` on an `Option` body member: always sent (`None` as `null`) and taken by
    /// `new`, for members a document requires but lets be `null`.
    pub required: Option<Ident>,
    /// `explode = false`: a query list as one comma-joined pair (OpenAPI's default is `true`,
    /// one pair per item).
    pub explode: Option<syn::LitBool>,
    pub header: Option<LitStr>,
    pub rename: Option<LitStr>,
}

impl ParamAttr {
    /// The first placement override written, for errors.
    pub fn placement_span(&self) -> Option<Span> {
        let flag = self.query.as_ref().or(self.body.as_ref()).or(self.whole_body.as_ref()).or(self.raw_body.as_ref());
        match flag {
            Some(flag) => Some(flag.span()),
            None => self.header.as_ref().map(LitStr::span),
        }
    }
}

const PARAM_KEYS: &str = "`query`, `body`, `whole_body`, `raw_body`, `content_type = \"type/subtype\"`, `json`, \
                          `parts`, `explode = false`, `header = \"Name\"`, `rename = \"name\"`, `required`";

/// Parses every `#[param(..)]` of a field.
pub fn parse_param(cx: &Ctxt, attr: &Attribute, param: &mut ParamAttr) {
    if let Err(err) = parse_items(cx, attr, |input| parse_param_item(cx, input, param)) {
        cx.syn_error(syn::Error::new(err.span(), format_args!("{err}; expected #[param(...)] with {PARAM_KEYS}")));
    }
}

fn parse_param_item(cx: &Ctxt, input: ParseStream, param: &mut ParamAttr) -> syn::Result<()> {
    let key = input.call(Ident::parse_any)?;
    let name = key.to_string();
    let flag = match name.as_str() {
        "query" => Some(&mut param.query),
        "body" => Some(&mut param.body),
        "whole_body" => Some(&mut param.whole_body),
        "raw_body" => Some(&mut param.raw_body),
        "json" => Some(&mut param.json),
        "parts" => Some(&mut param.parts),
        "required" => Some(&mut param.required),
        _ => None,
    };
    if let Some(slot) = flag {
        if slot.is_some() {
            cx.error_spanned_by(&key, format_args!("duplicate key `{name}`"));
            skip_item(input);
        } else if input.peek(Token![=]) {
            return Err(syn::Error::new(input.span(), format_args!("`{name}` is a flag: write `#[param({name})]`")));
        } else {
            *slot = Some(key);
        }
        return Ok(());
    }
    if name == "explode" {
        if param.explode.is_some() {
            cx.error_spanned_by(&key, "duplicate key `explode`");
            skip_item(input);
            return Ok(());
        }
        input.parse::<Token![=]>()?;
        param.explode = Some(input.parse::<syn::LitBool>()?);
        return Ok(());
    }
    let slot = match name.as_str() {
        "header" => &mut param.header,
        "rename" => &mut param.rename,
        "content_type" => &mut param.content_type,
        _ => {
            cx.error_spanned_by(&key, format_args!("unknown key `{name}` in #[param]: expected one of {PARAM_KEYS}"));
            skip_item(input);
            return Ok(());
        }
    };
    if slot.is_some() {
        cx.error_spanned_by(&key, format_args!("duplicate key `{name}`"));
        skip_item(input);
        return Ok(());
    }
    input.parse::<Token![=]>()?;
    *slot = Some(input.parse::<LitStr>()?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn errors(cx: Ctxt) -> Vec<String> {
        match cx.check() {
            Ok(()) => Vec::new(),
            Err(e) => e.into_iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn endpoint_args() {
        let cx = Ctxt::new();
        let args = parse_endpoint_args(
            &cx,
            quote!(PATCH, "/zones/<zone_id>", perm = ["Zone Read", "Zone Write"], response = Vec<(u8, String)>, min_properties = 1),
        );
        assert!(errors(cx).is_empty());
        assert_eq!(args.method, Some(Method::Patch));
        assert_eq!(args.template.unwrap().value(), "/zones/<zone_id>");
        assert_eq!(args.perms.iter().map(LitStr::value).collect::<Vec<_>>(), ["Zone Read", "Zone Write"]);
        assert!(args.response.is_some());
        assert_eq!(args.min_properties.map(|m| m.0), Some(1));
    }

    #[test]
    fn paginate_decode_with_and_retry_safe() {
        let cx = Ctxt::new();
        let args = parse_endpoint_args(
            &cx,
            quote!(
                GET,
                "/x",
                perm = "p",
                response = (),
                paginate = cursor,
                decode_with = flarekit::decode::raw_body,
                retry_safe
            ),
        );
        assert!(errors(cx).is_empty());
        assert_eq!(args.paginate.map(|p| p.0), Some(Paginate::Cursor));
        assert!(args.paginate_field.is_none());
        let path = args.decode_with.unwrap();
        assert_eq!(quote!(#path).to_string(), "flarekit :: decode :: raw_body");
        assert!(args.retry_safe.is_some());

        let cx = Ctxt::new();
        let args = parse_endpoint_args(&cx, quote!(GET, "/x", perm = "p", response = (), paginate = cursor(token)));
        assert!(errors(cx).is_empty());
        assert_eq!(args.paginate_field.map(|f| f.to_string()).as_deref(), Some("token"));

        let cx = Ctxt::new();
        let args = parse_endpoint_args(
            &cx,
            quote!(GET, "/x", perm = "p", response = (), paginate = token, retry_safe = true, decode_with = "f"),
        );
        assert!(args.paginate.is_none() && args.retry_safe.is_none() && args.decode_with.is_none());
        assert_eq!(
            errors(cx),
            [
                "unknown pagination `token`: expected `paginate = page` (page-number lists), `paginate = cursor` (cursor lists) or `paginate = offset` (offset lists), each optionally naming its query field: `paginate = cursor(continuation_token)`",
                "`retry_safe` is a flag: write `retry_safe` without a value",
                "expected the path of a decode function, e.g. decode_with = flarekit::decode::raw_body",
            ]
        );
    }

    #[test]
    fn endpoint_args_report_every_problem() {
        let cx = Ctxt::new();
        let args = parse_endpoint_args(
            &cx,
            quote!(FETCH, "/x", perm = [], colour = blue, response = (), response = u8, perm = 3),
        );
        assert!(args.method.is_none());
        assert_eq!(
            errors(cx),
            [
                "unsupported method `FETCH`: expected one of GET, POST, PUT, PATCH, DELETE",
                "`perm` needs at least one permission, e.g. perm = [\"Zone Read\"]",
                "unknown key `colour` in #[endpoint]: expected one of `perm`, `response`, `min_properties`, `paginate`, `decode_with`, `retry_safe`, `body`, `check`, `stream`, `unregistered`",
                "duplicate key `response`",
                "duplicate key `perm`",
            ]
        );
    }

    #[test]
    fn validate_rules() {
        let cx = Ctxt::new();
        let attr: Attribute = syn::parse_quote!(#[validate(max_length = 3, pattern = "^a", format = "uuid", minimum = -1.5, maximum = 10, unique_items, max_items = 2)]);
        let mut rules = Vec::new();
        parse_validate(&cx, &attr, &mut rules);
        assert!(errors(cx).is_empty());
        let names: Vec<String> = rules.iter().map(|r| r.name.to_string()).collect();
        assert_eq!(names, ["max_length", "pattern", "format", "minimum", "maximum", "unique_items", "max_items"]);
        assert!(matches!(rules[3].kind, RuleKind::Minimum(n) if n == -1.5));
        assert!(matches!(rules[4].kind, RuleKind::Maximum(n) if n == 10.0));
    }

    #[test]
    fn validate_errors() {
        let cx = Ctxt::new();
        let attr: Attribute = syn::parse_quote!(#[validate(max_len = 3, pattern = "(", format = "ipv4", max_length = -1, unique_items = true, min_items = 1, min_items = 2)]);
        let mut rules = Vec::new();
        parse_validate(&cx, &attr, &mut rules);
        let errs = errors(cx);
        assert_eq!(errs.len(), 6, "{errs:?}");
        assert!(errs[0].starts_with("unknown rule `max_len` in #[validate]: expected one of `max_length`"));
        assert!(errs[1].starts_with("invalid regular expression in `pattern`"));
        assert!(errs[2].starts_with("unknown format \"ipv4\""));
        assert!(errs[3].starts_with("expected a non-negative integer"), "{}", errs[3]);
        assert!(errs[4].contains("`unique_items` is a flag"));
        assert_eq!(errs[5], "duplicate rule `min_items`");
    }

    #[test]
    fn params() {
        let cx = Ctxt::new();
        let attr: Attribute = syn::parse_quote!(#[param(query, rename = "type")]);
        let mut p = ParamAttr::default();
        parse_param(&cx, &attr, &mut p);
        let attr: Attribute = syn::parse_quote!(#[param(header = "X-Auth", where)]);
        parse_param(&cx, &attr, &mut p);
        assert_eq!(errors(cx), ["unknown key `where` in #[param]: expected one of `query`, `body`, `whole_body`, `raw_body`, `content_type = \"type/subtype\"`, `json`, `parts`, `explode = false`, `header = \"Name\"`, `rename = \"name\"`, `required`"]);
        assert!(p.query.is_some() && p.body.is_none());
        assert_eq!(p.rename.unwrap().value(), "type");
        assert_eq!(p.header.unwrap().value(), "X-Auth");
    }
}
