//! The attributes `#[derive(Validate)]` reads besides the field rules (which
//! [`crate::attr::parse_validate`] parses): what serde will put on the wire, and
//! `#[validate(read_only)]` on enum variants.

use proc_macro2::TokenStream;
use syn::meta::ParseNestedMeta;
use syn::{parenthesized, Attribute, Ident, LitStr, Meta, Token};

use super::case::RenameRule;
use crate::ctxt::Ctxt;

/// What `#[serde(...)]` says about a type, a field or a variant; only what changes the wire
/// names or whether a value is sent. Malformed serde attributes are left to serde to report.
#[derive(Default)]
pub struct Serde {
    /// `rename = "..."` or `rename(serialize = "...")`.
    pub rename: Option<String>,
    /// `rename_all = "..."` or `rename_all(serialize = "...")`, when serde knows the rule.
    pub rename_all: Option<RenameRule>,
    /// `skip` or `skip_serializing`: never sent.
    pub skip: bool,
    /// The path of `skip_serializing_if = "..."`.
    pub skip_serializing_if: Option<LitStr>,
    pub untagged: bool,
    pub other: bool,
    pub flatten: bool,
    pub transparent: bool,
    /// `tag = "..."` (internally or adjacently tagged): unit variants are not strings.
    pub tag: bool,
}

impl Serde {
    pub fn parse(attrs: &[Attribute]) -> Serde {
        let mut out = Serde::default();
        for attr in crate::ast::attrs_named(attrs, "serde") {
            // serde reports its own syntax errors; what parsed before one still counts.
            let _ = attr.parse_nested_meta(|meta| out.item(meta));
        }
        out
    }

    fn item(&mut self, meta: ParseNestedMeta) -> syn::Result<()> {
        let Some(key) = meta.path.get_ident().map(Ident::to_string) else { return skip_value(&meta) };
        match key.as_str() {
            "rename" => self.rename = serialize_name(&meta)?.map(|lit| lit.value()),
            "rename_all" => {
                self.rename_all = serialize_name(&meta)?.and_then(|lit| RenameRule::from_name(&lit.value()));
            }
            "skip" | "skip_serializing" => self.skip = true,
            "skip_serializing_if" => self.skip_serializing_if = Some(meta.value()?.parse()?),
            "untagged" => self.untagged = true,
            "other" => self.other = true,
            "flatten" => self.flatten = true,
            "transparent" => self.transparent = true,
            "tag" => {
                self.tag = true;
                skip_value(&meta)?;
            }
            _ => skip_value(&meta)?,
        }
        Ok(())
    }
}

/// `key = "name"` or `key(serialize = "name", deserialize = "...")`: the serialized name.
fn serialize_name(meta: &ParseNestedMeta) -> syn::Result<Option<LitStr>> {
    if meta.input.peek(Token![=]) {
        return Ok(Some(meta.value()?.parse()?));
    }
    let mut name = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("serialize") {
            name = Some(inner.value()?.parse()?);
            Ok(())
        } else {
            skip_value(&inner)
        }
    })?;
    Ok(name)
}

/// Consumes the value of a key this macro does not need: `= expr`, `(...)` or nothing.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        parenthesized!(content in meta.input);
        content.parse::<TokenStream>()?;
    }
    Ok(())
}

const READ_ONLY: &str =
    "on an enum variant, #[validate] takes only `read_only`: `#[validate(read_only)]` marks a value only responses carry";
const ONLY: &str = "the only option there is `#[validate(read_only)]`, for a value only responses carry";

/// `#[validate(read_only)]` on a variant: the `read_only` ident (for spans) when written.
/// Anything else in `#[validate]` is reported.
pub fn parse_variant_validate(cx: &Ctxt, attrs: &[Attribute]) -> Option<Ident> {
    let mut read_only: Option<Ident> = None;
    for attr in crate::ast::attrs_named(attrs, "validate") {
        if !matches!(&attr.meta, Meta::List(list) if !list.tokens.is_empty()) {
            cx.error_spanned_by(attr, READ_ONLY);
            continue;
        }
        let result = attr.parse_args_with(|input: syn::parse::ParseStream| {
            while !input.is_empty() {
                let ident: Ident = syn::ext::IdentExt::parse_any(input)?;
                if ident != "read_only" {
                    return Err(syn::Error::new(
                        ident.span(),
                        format_args!("`{ident}` does not apply to an enum variant: {ONLY}"),
                    ));
                }
                if input.peek(Token![=]) || input.peek(syn::token::Paren) {
                    return Err(input.error("`read_only` is a flag: write `#[validate(read_only)]`"));
                }
                if read_only.is_some() {
                    cx.error_spanned_by(&ident, "duplicate `read_only`");
                } else {
                    read_only = Some(ident);
                }
                if input.is_empty() {
                    break;
                }
                input.parse::<Token![,]>()?;
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
    read_only
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_of(attrs: Vec<Attribute>) -> Serde {
        Serde::parse(&attrs)
    }

    #[test]
    fn reads_what_serde_sends() {
        let s = serde_of(vec![
            syn::parse_quote!(#[serde(default, rename(deserialize = "x", serialize = "kind"), bound(serialize = "T: X"))]),
            syn::parse_quote!(#[serde(skip_serializing_if = "Nullable::is_omitted", with = "m")]),
            syn::parse_quote!(#[doc = "not serde"]),
        ]);
        assert_eq!(s.rename.as_deref(), Some("kind"));
        assert_eq!(s.skip_serializing_if.map(|l| l.value()).as_deref(), Some("Nullable::is_omitted"));
        assert!(!s.skip && !s.untagged && !s.flatten);

        let s = serde_of(vec![syn::parse_quote!(#[serde(rename_all = "SCREAMING_SNAKE_CASE", tag = "type")])]);
        assert_eq!(s.rename_all, Some(RenameRule::ScreamingSnake));
        assert!(s.tag);
        let s = serde_of(vec![syn::parse_quote!(#[serde(rename_all(deserialize = "camelCase"))])]);
        assert_eq!(s.rename_all, None);
        let s = serde_of(vec![syn::parse_quote!(#[serde(untagged)]), syn::parse_quote!(#[serde(skip_serializing)])]);
        assert!(s.untagged && s.skip);
    }

    fn read_only(attr: Attribute) -> (bool, Vec<String>) {
        let cx = Ctxt::new();
        let got = parse_variant_validate(&cx, &[attr]).is_some();
        let errors = match cx.check() {
            Ok(()) => Vec::new(),
            Err(e) => e.into_iter().map(|e| e.to_string()).collect(),
        };
        (got, errors)
    }

    #[test]
    fn variant_takes_only_read_only() {
        assert_eq!(read_only(syn::parse_quote!(#[validate(read_only)])), (true, vec![]));
        let (got, errors) = read_only(syn::parse_quote!(#[validate(max_length = 3)]));
        assert!(!got);
        assert_eq!(errors, [format!("`max_length` does not apply to an enum variant: {ONLY}")]);
        assert_eq!(read_only(syn::parse_quote!(#[validate])).1, [READ_ONLY]);
        assert_eq!(read_only(syn::parse_quote!(#[validate()])).1, [READ_ONLY]);
        assert_eq!(
            read_only(syn::parse_quote!(#[validate(read_only, read_only)])),
            (true, vec!["duplicate `read_only`".into()])
        );
        assert_eq!(
            read_only(syn::parse_quote!(#[validate(read_only = true)])).1,
            ["`read_only` is a flag: write `#[validate(read_only)]`"]
        );
    }
}
