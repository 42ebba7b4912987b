//! [`tagged_union!`](crate::tagged_union): unions told apart by a member, with a fallback that
//! keeps what this version does not model.

/// Declares an enum of objects told apart by a tag member (a DNS record's `type`, a Worker
/// binding's `type`), with `Other` for any tag it does not model, or a modelled tag in a shape
/// it does not expect: the object's members as received, resent unchanged.
///
/// `#[tag = "…"]` comes first and names the tag member. Each variant names its tag and its fields (plain identifiers: each is its member's name);
/// `Option` fields may be absent. Deserializing reads the tag, then the variant's fields
/// (ignoring members it does not name); serializing writes the tag first, then the fields.
///
/// ```
/// flarekit_core::tagged_union! {
///     #[tag = "type"]
///     /// A binding of a Worker.
///     pub enum Binding {
///         /// A text variable.
///         PlainText = "plain_text" {
///             /// The name the Worker sees.
///             name: String,
///             /// The text.
///             text: String,
///         },
///         /// A KV namespace.
///         KvNamespace = "kv_namespace" {
///             /// The name the Worker sees.
///             name: String,
///             /// The namespace.
///             namespace_id: String,
///         },
///     }
/// }
///
/// let known: Binding = serde_json::from_str(r#"{"type":"plain_text","name":"GREETING","text":"hi"}"#).unwrap();
/// assert_eq!(known, Binding::PlainText { name: "GREETING".into(), text: "hi".into() });
/// assert_eq!(serde_json::to_string(&known).unwrap(), r#"{"type":"plain_text","name":"GREETING","text":"hi"}"#);
///
/// let later = r#"{"type":"vectorize","name":"INDEX","index_name":"docs"}"#;
/// let unknown: Binding = serde_json::from_str(later).unwrap();
/// assert!(matches!(&unknown, Binding::Other(members) if members["index_name"] == "docs"));
/// assert_eq!(unknown.tag(), Some("vectorize"));
/// // The same members go back (a JSON object's order is not kept).
/// assert_eq!(serde_json::to_value(&unknown).unwrap(), serde_json::from_str::<serde_json::Value>(later).unwrap());
/// ```
#[macro_export]
macro_rules! tagged_union {
    (
        #[tag = $tag:literal]
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $wire:literal {
                    $( $(#[$fmeta:meta])* $field:ident : $fty:ty ),* $(,)?
                }
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                $variant {
                    $( $(#[$fmeta])* $field: $fty, )*
                },
            )+
            /// A tag this version does not model, or a modelled one in a shape it does not
            /// expect: the object's members as received.
            Other($crate::__private::serde_json::Map<::std::string::String, $crate::__private::serde_json::Value>),
        }

        impl $name {
            /// The tag member's name.
            pub const TAG: &'static str = $tag;

            /// The tags of the modelled variants.
            pub const TAGS: &'static [&'static str] = &[$($wire),+];

            /// The value's tag (`None` for an `Other` without one).
            pub fn tag(&self) -> ::core::option::Option<&str> {
                match self {
                    $( $name::$variant { .. } => ::core::option::Option::Some($wire), )+
                    $name::Other(members) => members.get($tag).and_then(|t| t.as_str()),
                }
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                use $crate::__private::serde_json::{Map, Value};
                let members = <Map<::std::string::String, Value> as $crate::__private::serde::Deserialize>::deserialize(d)?;
                let known = match members.get($tag).and_then(Value::as_str) {
                    $(
                        ::core::option::Option::Some($wire) => (|| {
                            ::core::option::Option::Some($name::$variant {
                                $( $field: {
                                    let value = members.get(::core::stringify!($field)).cloned().unwrap_or(Value::Null);
                                    $crate::__private::serde_json::from_value::<$fty>(value).ok()?
                                }, )*
                            })
                        })(),
                    )+
                    _ => ::core::option::Option::None,
                };
                ::core::result::Result::Ok(known.unwrap_or($name::Other(members)))
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                use $crate::__private::serde::ser::SerializeMap;
                match self {
                    $(
                        $name::$variant { $( $field, )* } => {
                            let mut map = s.serialize_map(::core::option::Option::None)?;
                            map.serialize_entry($tag, $wire)?;
                            $( map.serialize_entry(::core::stringify!($field), $field)?; )*
                            map.end()
                        }
                    )+
                    $name::Other(members) => $crate::__private::serde::Serialize::serialize(members, s),
                }
            }
        }

        impl $crate::validate::Validate for $name {}
    };
}
