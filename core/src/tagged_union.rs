//! [`tagged_union!`](crate::tagged_union): unions told apart by a member, with a fallback that
//! keeps what this version does not model.

/// Declares an enum of objects told apart by a tag member (a DNS record's `type`, a Worker
/// binding's `type`), with `Other` for any tag it does not model, or a modelled tag in a shape
/// it does not expect: the object's members as received, resent unchanged.
///
/// `#[tag = "…"]` comes first and names the tag member. Each variant names its tag and either
/// its fields (plain identifiers: each is its member's name; `Option` fields may be absent) or,
/// written `Variant = "tag"(Type)`, one type holding the members other than the tag (what
/// generated code declares): a `Deserialize` type that writes its members with
/// [`JsonMembers`](crate::JsonMembers), as `#[derive(flarekit::JsonObject)]` types and
/// `serde_json::Map` do. Deserializing reads the tag, then the variant's members (ignoring those
/// it does not name); serializing writes the tag first, then the members, into one map.
///
/// The field form implements [`Validate`](crate::validate::Validate) with nothing to check; the
/// type form leaves it to the caller, since only types sent in requests have rules.
///
/// ```
/// use serde::ser::SerializeMap;
///
/// #[derive(Debug, Clone, PartialEq, serde::Deserialize)]
/// pub struct MxRecord {
///     pub content: String,
///     pub priority: u16,
/// }
///
/// // By hand here; `#[derive(flarekit::JsonObject)]` writes this (and `Serialize`) for a struct.
/// impl flarekit_core::JsonMembers for MxRecord {
///     fn write_members<M: SerializeMap>(&self, map: &mut M, except: &str) -> Result<(), M::Error> {
///         if except != "content" {
///             map.serialize_entry("content", &self.content)?;
///         }
///         if except != "priority" {
///             map.serialize_entry("priority", &self.priority)?;
///         }
///         Ok(())
///     }
/// }
///
/// flarekit_core::tagged_union! {
///     #[tag = "type"]
///     /// A DNS record.
///     pub enum Record {
///         /// A mail exchanger.
///         Mx = "MX"(MxRecord),
///     }
/// }
///
/// let mx = Record::Mx(MxRecord { content: "mail.example.com".into(), priority: 10 });
/// let wire = r#"{"type":"MX","content":"mail.example.com","priority":10}"#;
/// assert_eq!(serde_json::to_string(&mx).unwrap(), wire);
/// assert_eq!(serde_json::from_str::<Record>(wire).unwrap(), mx);
/// // A modelled tag in a shape this version does not expect is kept as it came.
/// let odd: Record = serde_json::from_str(r#"{"type":"MX","content":"mail.example.com"}"#).unwrap();
/// assert!(matches!(&odd, Record::Other(m) if !m.contains_key("priority")));
/// assert_eq!(odd.tag(), Some("MX"));
/// assert!(serde_json::from_str::<Record>("[]").is_err());
/// ```
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
    (
        #[tag = $tag:literal]
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $wire:literal ( $inner:ty )
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                $variant($inner),
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
                    $( $name::$variant(_) => ::core::option::Option::Some($wire), )+
                    $name::Other(members) => members.get($tag).and_then(|t| t.as_str()),
                }
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                use $crate::__private::serde_json::Value;
                let value = <Value as $crate::__private::serde::Deserialize>::deserialize(d)?;
                let known = match value.get($tag).and_then(Value::as_str) {
                    $(
                        ::core::option::Option::Some($wire) => {
                            <$inner as $crate::__private::serde::Deserialize>::deserialize(&value).ok().map($name::$variant)
                        }
                    )+
                    _ => ::core::option::Option::None,
                };
                match (known, value) {
                    (::core::option::Option::Some(known), _) => ::core::result::Result::Ok(known),
                    (::core::option::Option::None, Value::Object(members)) => ::core::result::Result::Ok($name::Other(members)),
                    (::core::option::Option::None, _) => ::core::result::Result::Err(
                        <D::Error as $crate::__private::serde::de::Error>::custom(::core::concat!("expected an object with a `", $tag, "` member")),
                    ),
                }
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                use $crate::__private::serde::ser::SerializeMap;
                use $crate::__private::JsonMembers;
                let mut map = s.serialize_map(::core::option::Option::None)?;
                match self {
                    // The tag first, then the variant's own members (a member named like the
                    // tag is the tag's to write).
                    $(
                        $name::$variant(inner) => {
                            map.serialize_entry($tag, $wire)?;
                            inner.write_members(&mut map, $tag)
                        }
                    )+
                    $name::Other(members) => members.write_members(&mut map, ""),
                }?;
                map.end()
            }
        }
    };
}
