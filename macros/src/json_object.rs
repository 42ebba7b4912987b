//! `#[derive(JsonObject)]`: serde's `Serialize` and `Deserialize` for a struct that is a JSON
//! object on the wire, in a fraction of the code serde's own derive writes, and `JsonMembers`,
//! the members written into a map that may hold others (a tagged union's tag).
//!
//! serde's derive serves every data format: a field enum with a visitor of its own, a sequence
//! form beside the map form, and per-field bookkeeping for duplicates and missing members. A
//! JSON object needs one loop over its members, and that loop is all this derive writes. serde's
//! `Deserialize` was 16k of the 37k lines the `dns` service expanded to (BENCHMARKS.md).
//!
//! It reads serde's own field attributes, so the source reads as serde code:
//! `rename = "…"`, `default` and `skip_serializing_if = "…"`. Anything else is an error that
//! says to use serde's derive.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::{Data, DeriveInput, ExprPath, Fields, Ident, LitStr, Type};

use crate::ctxt::Ctxt;
use crate::expand::in_brief;
use crate::ty::{self, Wrapper};

/// One member of the object, as the struct declares it.
struct Member<'a> {
    ident: &'a Ident,
    ty: &'a Type,
    /// The member's name on the wire: `rename`, else the field's name.
    wire: String,
    /// `default`: a missing member is `Default::default()`.
    default: bool,
    /// `skip_serializing_if = "path"`: the member is not written when `path(&value)` holds.
    skip_if: Option<ExprPath>,
    /// The type is written `Option<…>`: a missing member is `None`, as serde does.
    option: bool,
}

/// Entry point of `#[derive(JsonObject)]`.
pub fn derive(input: TokenStream) -> TokenStream {
    let input: DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(err) => return err.to_compile_error(),
    };
    let cx = Ctxt::new();
    let members = parse(&cx, &input);
    match cx.check() {
        Ok(()) => expand(&input, &members),
        Err(err) => fallback(&input, err),
    }
}

fn parse<'a>(cx: &Ctxt, input: &'a DeriveInput) -> Vec<Member<'a>> {
    let Data::Struct(syn::DataStruct { fields: Fields::Named(fields), .. }) = &input.data else {
        cx.error_spanned_by(&input.ident, "#[derive(JsonObject)] needs a struct with named fields");
        return Vec::new();
    };
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(&input.generics, "#[derive(JsonObject)] does not take generic parameters");
    }
    for attr in crate::ast::attrs_named(&input.attrs, "serde") {
        cx.error_spanned_by(
            attr,
            "#[derive(JsonObject)] reads no container attributes (it takes `rename`, `default` and \
             `skip_serializing_if` on fields): derive serde's `Serialize` and `Deserialize` instead",
        );
    }
    let mut members: Vec<Member> = Vec::new();
    for field in &fields.named {
        let Some(ident) = &field.ident else { continue };
        let mut member = Member {
            ident,
            ty: &field.ty,
            wire: ident.unraw().to_string(),
            default: false,
            skip_if: None,
            option: ty::classify(&field.ty).wrapper == Wrapper::Option,
        };
        for attr in crate::ast::attrs_named(&field.attrs, "serde") {
            if let Err(err) = attr.parse_nested_meta(|meta| member_attr(&mut member, &meta)) {
                cx.syn_error(err);
            }
        }
        if members.iter().any(|m| m.wire == member.wire) {
            cx.error_spanned_by(ident, format_args!("two fields are named `{}` on the wire", member.wire));
        }
        members.push(member);
    }
    members
}

fn member_attr(member: &mut Member, meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.path.is_ident("rename") {
        let lit: LitStr = meta.value()?.parse()?;
        member.wire = lit.value();
    } else if meta.path.is_ident("default") {
        if meta.input.peek(syn::Token![=]) {
            return Err(meta.error("#[derive(JsonObject)] takes `default` without a function"));
        }
        member.default = true;
    } else if meta.path.is_ident("skip_serializing_if") {
        let lit: LitStr = meta.value()?.parse()?;
        member.skip_if = Some(lit.parse()?);
    } else {
        let name = meta.path.get_ident().map_or_else(|| "this attribute".to_owned(), |i| format!("`{i}`"));
        return Err(meta.error(format_args!(
            "#[derive(JsonObject)] does not support {name}: it takes `rename`, `default` and \
             `skip_serializing_if`; derive serde's `Serialize` and `Deserialize` instead"
        )));
    }
    Ok(())
}

fn expand(input: &DeriveInput, members: &[Member]) -> TokenStream {
    let ident = &input.ident;
    let expecting = format!("a JSON object ({ident})");
    let read = read(ident, members);
    // Lists are built by loops into `Vec<TokenStream>`: every iterator chain (and every
    // repetition over one) compiles copies of the adapters' code into this crate, whose own
    // compile is on the critical path of every build that uses the macros.
    let (mut entries, mut indexes) = (Vec::with_capacity(members.len()), Vec::with_capacity(members.len()));
    for (i, m) in members.iter().enumerate() {
        let field = m.ident;
        let wire = &m.wire;
        entries.push(match &m.skip_if {
            // The common case, a call of its own: no `if` and no `is_none` call to check.
            Some(skip) if m.option && is_option_is_none(skip) => {
                quote!(__p::write_some(__map, &mut __result, __except, #wire, &self.#field);)
            }
            Some(skip) => {
                quote!(if !#skip(&self.#field) { __p::write_member(__map, &mut __result, __except, #wire, &self.#field); })
            }
            None => quote!(__p::write_member(__map, &mut __result, __except, #wire, &self.#field);),
        });
        let i = Literal::usize_unsuffixed(i);
        indexes.push(quote!(#wire => #i,));
    }
    // `__p::` is the brief name of `__private` (see `in_brief`).
    in_brief(quote! {
            #[automatically_derived]
            impl __p::JsonMembers for #ident {
                fn write_members<__M: __p::SerializeMap>(
                    &self,
                    __map: &mut __M,
                    __except: &str,
                ) -> __p::Result<(), __M::Error> {
                    let mut __result = __p::Ok(());
                    #(#entries)*
                    __result
                }
            }

            #[automatically_derived]
            impl __p::Serialize for #ident {
                #[inline]
                fn serialize<__S: __p::Serializer>(&self, __s: __S) -> __p::Result<__S::Ok, __S::Error> {
                    __p::serialize_object(self, __s)
                }
            }

            #[automatically_derived]
            impl<'de> __p::Deserialize<'de> for #ident {
                #[inline]
                fn deserialize<__D: __p::Deserializer<'de>>(__d: __D) -> __p::Result<Self, __D::Error> {
                    __p::deserialize_object(__d)
                }
            }

            #[automatically_derived]
            impl __p::ReadObject for #ident {
                const EXPECTING: &'static str = #expecting;

                #[inline]
                fn index(__name: &str) -> usize {
                    match __name {
                        #(#indexes)*
                        _ => __p::UNKNOWN,
                    }
                }

                #read
            }
    })
}

/// Whether `skip_serializing_if` names `Option::is_none`, as generated code writes it.
fn is_option_is_none(path: &ExprPath) -> bool {
    let segments: Vec<String> = path.path.segments.iter().map(|s| s.ident.to_string()).collect();
    segments == ["Option", "is_none"]
}

/// `ReadObject::read`: the loop over the object's members. A type whose members may all be
/// missing is built first and its fields read in place; otherwise each member has a slot, a
/// required one an `Option` that must be filled.
fn read(ident: &Ident, members: &[Member]) -> TokenStream {
    let optional = |m: &Member| m.default || m.option;
    let mut all_optional = true;
    for m in members {
        all_optional &= optional(m);
    }
    let mut arms = Vec::with_capacity(members.len());
    let (before, after);
    if all_optional {
        let mut fields = Vec::with_capacity(members.len());
        for (i, m) in members.iter().enumerate() {
            let (i, field) = (Literal::usize_unsuffixed(i), m.ident);
            fields.push(if m.option { quote!(#field: __p::None,) } else { quote!(#field: __p::Default::default(),) });
            arms.push(quote!(#i => __p::read_field(&mut __map, &mut __value.#field),));
        }
        before = quote!(let mut __value = #ident { #(#fields)* };);
        after = quote!(__value);
    } else {
        let (mut lets, mut inits) = (Vec::with_capacity(members.len()), Vec::with_capacity(members.len()));
        for (i, m) in members.iter().enumerate() {
            let (slot, ty, field) = (format_ident!("__m{}", i), m.ty, m.ident);
            let i = Literal::usize_unsuffixed(i);
            lets.push(if m.option {
                quote!(let mut #slot: #ty = __p::None;)
            } else if m.default {
                quote!(let mut #slot: #ty = __p::Default::default();)
            } else {
                quote!(let mut #slot: __p::Option<#ty> = __p::None;)
            });
            if optional(m) {
                arms.push(quote!(#i => __p::read_field(&mut __map, &mut #slot),));
                inits.push(quote!(#field: #slot,));
            } else {
                let wire = &m.wire;
                arms.push(quote!(#i => __p::read_member(&mut __map, &mut #slot),));
                inits.push(quote!(#field: match #slot {
                    __p::Some(__value) => __value,
                    __p::None => return __p::Err(<__A::Error as __p::de::Error>::missing_field(#wire)),
                },));
            }
        }
        before = quote!(#(#lets)*);
        after = quote!(#ident { #(#inits)* });
    }
    quote! {
        fn read<'de, __A: __p::MapAccess<'de>>(mut __map: __A) -> __p::Result<Self, __A::Error> {
            #before
            while let __p::Some(__key) = __p::next_member::<Self, __A>(&mut __map)? {
                match __key {
                    #(#arms)*
                    _ => __p::skip_member(&mut __map),
                }?;
            }
            __p::Ok(#after)
        }
    }
}

/// The errors, and impls that compile, so that uses of the type add no errors of their own.
fn fallback(input: &DeriveInput, err: syn::Error) -> TokenStream {
    let err = err.to_compile_error();
    if !matches!(input.data, Data::Struct(_)) || !input.generics.params.is_empty() {
        return err;
    }
    let ident = &input.ident;
    let message = LitStr::new("invalid #[derive(JsonObject)]", Span::call_site());
    let impls = in_brief(quote! {
        impl __p::serde::Serialize for #ident {
            fn serialize<__S: __p::serde::Serializer>(&self, _: __S) -> __p::Result<__S::Ok, __S::Error> {
                __p::Err(<__S::Error as __p::serde::ser::Error>::custom(#message))
            }
        }
        impl __p::JsonMembers for #ident {
            fn write_members<__M: __p::serde::ser::SerializeMap>(&self, _: &mut __M, _: &str) -> __p::Result<(), __M::Error> {
                __p::Err(<__M::Error as __p::serde::ser::Error>::custom(#message))
            }
        }
        impl<'de> __p::serde::Deserialize<'de> for #ident {
            fn deserialize<__D: __p::serde::Deserializer<'de>>(_: __D) -> __p::Result<Self, __D::Error> {
                __p::Err(<__D::Error as __p::serde::de::Error>::custom(#message))
            }
        }
    });
    quote!(#err #impls)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    fn expand(item: proc_macro2::TokenStream) -> String {
        super::derive(item).to_string()
    }

    #[test]
    fn one_loop_over_the_members() {
        let out = expand(quote! {
            pub struct Record {
                pub id: String,
                #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
                pub kind: Option<String>,
                pub note: Option<String>,
                #[serde(default)]
                pub tags: Vec<String>,
                #[serde(default, skip_serializing_if = "Nullable::is_omitted")]
                pub parent: Nullable<String>,
            }
        });
        assert!(!out.contains("compile_error"), "{out}");
        assert!(out.contains("use :: flarekit :: __private as __p ;"), "{out}");
        assert!(out.contains("const EXPECTING : & 'static str = \"a JSON object (Record)\""), "{out}");
        assert!(
            out.contains(
                "match __name { \"id\" => 0 , \"type\" => 1 , \"note\" => 2 , \"tags\" => 3 , \"parent\" => 4 ,"
            ),
            "{out}"
        );
        assert!(out.contains("__p :: next_member :: < Self , __A > (& mut __map) ?"), "{out}");
        assert!(!out.contains("visit_seq"), "no sequence form: {out}");
        // A required member has an `Option` slot; the others a slot of their own type.
        assert!(out.contains("let mut __m0 : __p :: Option < String > = __p :: None ;"), "{out}");
        assert!(out.contains("let mut __m1 : Option < String > = __p :: None ;"), "{out}");
        assert!(out.contains("let mut __m2 : Option < String > = __p :: None ;"), "{out}");
        assert!(out.contains("let mut __m3 : Vec < String > = __p :: Default :: default () ;"), "{out}");
        assert!(out.contains("missing_field (\"id\")"), "{out}");
        assert!(out.contains("kind : __m1 , note : __m2 , tags : __m3"), "{out}");
        // One `?` per object, not one per member: a call per member, the error checked once.
        assert!(out.contains("0 => __p :: read_member (& mut __map , & mut __m0) ,"), "{out}");
        assert!(out.contains("1 => __p :: read_field (& mut __map , & mut __m1) ,"), "{out}");
        assert!(out.contains("_ => __p :: skip_member (& mut __map) , } ? ;"), "{out}");
        assert_eq!(out.matches("write_member (").count(), 4, "{out}");
        assert!(out.contains("if ! Nullable :: is_omitted (& self . parent) { __p :: write_member ("), "{out}");
        assert!(out.contains("write_member (__map , & mut __result , __except , \"id\" , & self . id) ;"), "{out}");
        // `skip_serializing_if = "Option::is_none"` on an `Option` is one call; another path an `if`.
        assert!(
            out.contains("__p :: write_some (__map , & mut __result , __except , \"type\" , & self . kind) ;"),
            "{out}"
        );
        assert!(!out.contains("is_none"), "{out}");
        assert!(out.contains("__result } }"), "the error is returned once: {out}");
        // `Serialize` and `Deserialize` are shared code around the members.
        assert!(out.contains("__p :: serialize_object (self , __s)"), "{out}");
        assert!(out.contains("__p :: deserialize_object (__d)"), "{out}");
    }

    #[test]
    fn a_type_whose_members_may_all_be_missing_is_read_in_place() {
        let out = expand(quote! {
            pub struct Page {
                pub count: Option<u32>,
                #[serde(default)]
                pub items: Vec<String>,
            }
        });
        assert!(
            out.contains("let mut __value = Page { count : __p :: None , items : __p :: Default :: default () , } ;"),
            "{out}"
        );
        assert!(out.contains("0 => __p :: read_field (& mut __map , & mut __value . count) ,"), "{out}");
        assert!(out.contains("__p :: Ok (__value)"), "{out}");
        assert!(!out.contains("__m0"), "no slots: {out}");
    }

    #[test]
    fn every_unsupported_attribute_is_reported_at_once() {
        let out = expand(quote! {
            #[serde(deny_unknown_fields)]
            pub struct Bad {
                #[serde(flatten)]
                pub a: String,
                #[serde(default = "f")]
                pub b: String,
                #[serde(rename = "a")]
                pub c: String,
            }
        });
        assert_eq!(out.matches("compile_error").count(), 4, "{out}");
        assert!(out.contains("does not support `flatten`"), "{out}");
        assert!(out.contains("two fields are named `a` on the wire"), "{out}");
        assert!(out.contains("serde :: Deserialize < 'de > for Bad"), "a harmless impl: {out}");
    }

    #[test]
    fn enums_and_tuple_structs_are_refused() {
        let out = expand(quote!(
            enum E {
                A,
            }
        ));
        assert!(out.contains("needs a struct with named fields") && !out.contains("impl"), "{out}");
        let out = expand(quote!(
            struct T(String);
        ));
        assert!(out.contains("needs a struct with named fields"), "{out}");
    }
}
