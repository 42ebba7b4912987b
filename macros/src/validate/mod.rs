//! `#[derive(Validate)]`: the rules of the objects and enumerations nested in request bodies.
//!
//! The same layout as `#[endpoint]`: `ast` (with serde's wire names from `case` and `attr`),
//! `valid`, `expand`, and `fallback` when the type has errors.

mod ast;
mod attr;
mod case;
mod expand;
mod fallback;
mod valid;

use proc_macro2::TokenStream;
use syn::DeriveInput;

use crate::ctxt::Ctxt;

/// Entry point of `#[derive(Validate)]`.
pub fn derive(input: TokenStream) -> TokenStream {
    let input: DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(err) => return err.to_compile_error(),
    };
    let cx = Ctxt::new();
    let ast = ast::parse(&cx, &input);
    valid::check(&cx, &ast);
    match cx.check() {
        Ok(()) => expand::impl_validate(&ast),
        Err(err) => fallback::expand(&input, err),
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;

    fn expand(item: TokenStream) -> String {
        super::derive(item).to_string()
    }

    fn errors(item: TokenStream) -> Vec<String> {
        let out = super::derive(item);
        let file: syn::File = syn::parse2(out).unwrap();
        file.items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Macro(m) if m.mac.path.segments.last().is_some_and(|s| s.ident == "compile_error") => {
                    Some(m.mac.parse_body::<syn::LitStr>().unwrap().value())
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn struct_rules_and_nested_fields() {
        let out = expand(quote! {
            #[serde(rename_all = "camelCase")]
            pub struct NewPolicy {
                #[validate(max_length = 1024, pattern = "^\\S+$")]
                pub pattern: String,
                #[serde(rename = "type")]
                pub kind: PatternType,
                pub is_regex: Option<bool>,
                pub tags: Vec<String>,
                #[validate(max_items = 3)]
                pub sub_rules: Vec<SubRule>,
                #[serde(default, skip_serializing_if = "Nullable::is_omitted")]
                #[validate(minimum = -1)]
                pub weight_delta: Nullable<i32>,
                #[serde(skip)]
                pub local: Cache,
                #[serde(flatten)]
                pub extra: Extra,
            }
        });
        println!("{out}");
        assert_eq!(
            out,
            "# [allow (deprecated)] const _ : () = { use :: flarekit :: __private as __p ; # [automatically_derived] \
             impl __p :: Validate for NewPolicy { \
             # [inline] fn validate (& self , __v : & mut __p :: Validator) { \
             __v . max_length (\"pattern\" , & self . pattern , 1024usize) ; \
             { static __P : __p :: Pattern = __p :: Pattern :: new (\"^\\\\S+$\") ; \
             __v . pattern (\"pattern\" , & self . pattern , & __P) ; } \
             __v . nested (\"type\" , & self . kind) ; \
             __v . max_items (\"subRules\" , & self . sub_rules , 3usize) ; \
             __v . nested (\"subRules\" , & self . sub_rules) ; \
             __v . minimum (\"weightDelta\" , & self . weight_delta , (- 1f64)) ; \
             __v . nested (\"\" , & self . extra) ; } } } ;"
        );
    }

    #[test]
    fn nothing_to_check_is_an_empty_impl() {
        for item in [
            quote!(
                struct Plain {
                    a: String,
                    b: Vec<u32>,
                    c: Option<&'static [bool]>,
                }
            ),
            quote!(
                struct Unit;
            ),
            quote!(
                struct Pair(String, Thing);
            ),
            quote!(
                enum Tagged {
                    A { x: Thing },
                    B(u8),
                }
            ),
            quote!(
                #[serde(tag = "kind")]
                enum Internally {
                    A,
                    B,
                }
            ),
        ] {
            let out = expand(item);
            assert!(out.ends_with("{ } } ;"), "{out}");
            assert!(!out.contains("compile_error"), "{out}");
        }
    }

    #[test]
    fn newtypes_are_their_field() {
        let out = expand(quote!(
            pub struct Ids(#[validate(max_items = 10)] pub Vec<Id>);
        ));
        assert!(
            out.contains("const VALUES : & 'static [& 'static str] = < Vec < Id > as __p :: Validate > :: VALUES ;"),
            "{out}"
        );
        assert!(
            out.contains("__v . max_items (\"\" , & self . 0 , 10usize) ; __v . nested (\"\" , & self . 0) ;"),
            "{out}"
        );
        let out = expand(quote!(
            #[serde(transparent)]
            struct Wrapper<'a> {
                inner: &'a Kind,
            }
        ));
        assert!(out.contains("impl < 'a > __p :: Validate for Wrapper < 'a >"), "{out}");
        assert!(out.contains("< & 'a Kind as __p :: Validate > :: VALUES"), "{out}");
        assert!(out.contains("__v . nested (\"\" , & self . inner)"), "{out}");
    }

    #[test]
    fn enum_values_and_read_only() {
        let out = expand(quote! {
            #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
            pub enum PatternType {
                Email,
                #[serde(rename = "IP")]
                Ip,
                DomainName,
                #[validate(read_only)]
                Unknown,
                #[serde(skip)]
                Local,
                #[serde(other)]
                Unlisted,
                #[serde(untagged)]
                Other(String),
            }
        });
        println!("{out}");
        assert_eq!(
            out,
            "# [allow (deprecated)] const _ : () = { use :: flarekit :: __private as __p ; # [automatically_derived] \
             impl __p :: Validate for PatternType { \
             const VALUES : & 'static [& 'static str] = & [\"EMAIL\" , \"IP\" , \"DOMAIN_NAME\"] ; \
             # [inline] fn validate (& self , __v : & mut __p :: Validator) { \
             if let Self :: Unknown = self { __v . not_one_of (Self :: VALUES) ; } } } } ;"
        );
        let out = expand(quote!(
            enum Mode {
                #[validate(read_only)]
                A,
                #[validate(read_only)]
                B,
                C,
            }
        ));
        assert!(out.contains("= & [\"C\"] ;"), "{out}");
        assert!(out.contains("if let Self :: A | Self :: B = self"), "{out}");
    }

    #[test]
    fn every_error_at_once_with_an_empty_impl() {
        let item = quote! {
            #[validate(max_length = 1)]
            pub struct Update {
                #[validate(max_length = 32, minimum = 1)]
                pub count: u32,
                #[validate(pattern = "(")]
                pub name: String,
                pub comments: Nullable<String>,
                #[serde(skip_serializing_if = "Option::is_none")]
                pub note: Nullable<String>,
                #[validate(min_length = 5, max_length = 2)]
                pub code: String,
                #[serde(skip)]
                #[validate(min_items = 1)]
                pub local: Vec<u8>,
            }
        };
        assert_eq!(
            errors(item.clone()),
            [
                "`max_length` does not apply to a struct: on a struct, #[validate] takes only `requires_any(field, \
                 (field, field), ...)`: at least one of these optional fields, or groups of them, must be given",
                "invalid regular expression in `pattern`: found open group without closing ')'",
                "`max_length` applies to strings, but this field is an integer (`u32`)",
                "a `Nullable` field must be skipped when omitted: add `#[serde(default, skip_serializing_if = \"Nullable::is_omitted\")]`",
                "a `Nullable` field must be skipped when omitted: add `#[serde(default, skip_serializing_if = \"Nullable::is_omitted\")]`",
                "`min_length` is greater than `max_length`: no value can pass",
                "`min_items` would check a field serde never sends (`#[serde(skip)]`)",
            ]
        );
        let out = expand(item);
        assert!(out.ends_with("impl __p :: Validate for Update { } } ;"), "{out}");
    }

    #[test]
    fn requires_any_checks_each_set_whole() {
        let out = expand(quote! {
            #[validate(requires_any((dimensions, metric), r#preset))]
            pub struct Config {
                pub dimensions: Option<u32>,
                #[serde(default, skip_serializing_if = "Nullable::is_omitted")]
                pub metric: Nullable<String>,
                #[serde(rename = "preset_name")]
                pub r#preset: Option<String>,
            }
        });
        let check = "__v . requires_any (\"\" , (__p :: Option :: is_some (& self . dimensions) && ! __p :: \
                     Nullable :: is_omitted (& self . metric)) || (__p :: Option \
                     :: is_some (& self . r#preset)) , & [& [\"dimensions\" , \"metric\"] , & [\"preset_name\"]]) ;";
        assert!(out.contains(check), "{out}");
    }

    #[test]
    fn requires_any_misuse_is_reported() {
        let errs = errors(quote! {
            #[validate(requires_any(name, missing, (note)))]
            pub struct Update {
                pub name: String,
                pub note: Option<String>,
            }
        });
        assert_eq!(
            errs,
            ["a group in `requires_any` names two fields or more; write one field bare"],
            "a syntax error stops before the names are looked up"
        );
        let errs = errors(quote! {
            #[validate(requires_any(name, missing))]
            #[validate(requires_any(note, name))]
            pub struct Update {
                pub name: String,
                pub note: Option<String>,
            }
        });
        assert_eq!(
            errs,
            [
                "duplicate `requires_any`",
                "`name` is always given: `requires_any` names optional fields (`Option` or `Nullable`)",
                "`requires_any` names `missing`, which is not a named field of this struct",
            ]
        );
    }

    #[test]
    fn enum_and_shape_errors() {
        let errs = errors(quote! {
            enum Kind {
                #[validate(max_length = 3)]
                A,
                #[validate(read_only)]
                B(String),
                #[validate]
                C,
                D { #[validate(min_length = 1)] x: String },
            }
        });
        assert_eq!(errs.len(), 4, "{errs:?}");
        assert!(errs[0].starts_with(
            "`max_length` does not apply to an enum variant: the only option there is `#[validate(read_only)]`"
        ));
        assert!(errs[1].starts_with("on an enum variant, #[validate] takes only `read_only`"));
        assert!(errs[2].starts_with("#[validate] rules on the fields of enum variants are not checked"));
        assert_eq!(errs[3], "`read_only` applies to unit variants (sent as a string), and `B` carries data");

        let errs = errors(quote!(
            #[serde(untagged)]
            enum U {
                #[validate(read_only)]
                A,
                B(u8),
            }
        ));
        assert_eq!(errs.len(), 1);
        assert!(errs[0].starts_with("`read_only` applies to enums sent as strings"), "{errs:?}");

        assert_eq!(
            errors(quote!(
                struct G<'a, T> {
                    a: &'a T,
                }
            )),
            ["#[derive(Validate)] does not support generics"]
        );
        let out = expand(quote!(
            struct G<T: Clone> {
                a: T,
            }
        ));
        assert!(out.ends_with("impl < T : Clone > __p :: Validate for G < T > { } } ;"), "{out}");
        assert_eq!(errors(quote!(union X { a: u8 })), ["#[derive(Validate)] does not support unions"]);
        assert_eq!(
            errors(quote!(struct P(#[validate(max_length = 1)] String, String);)),
            ["#[validate] rules apply to named fields and to the field of a newtype struct; a tuple struct with several fields is not checked"]
        );
    }
}
