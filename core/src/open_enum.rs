//! [`open_enum!`](crate::open_enum): enumerations that survive the values Cloudflare adds later.

/// Declares an enumeration with a variant for every value known today and `Unknown(String)`
/// for any other, so that a response with a value added next year still decodes, and sending
/// it back sends the same text (cloudflare-rs's most-reported bug was a DNS list failing on a
/// record type it did not know).
///
/// The enum serializes as its wire text and deserializes from any string; `VALUES` lists the
/// known ones (the catalog, the CLI's possible values and completion read them), and
/// `Unknown` passes validation: the server is the authority on values this version has not
/// heard of.
///
/// ```
/// flarekit_core::open_enum! {
///     /// A DNS record type.
///     pub enum RecordType {
///         /// IPv4 address.
///         A = "A",
///         /// IPv6 address.
///         Aaaa = "AAAA",
///     }
/// }
///
/// let known: RecordType = serde_json::from_str("\"AAAA\"").unwrap();
/// assert_eq!(known, RecordType::Aaaa);
/// let later: RecordType = serde_json::from_str("\"SVCB2\"").unwrap();
/// assert_eq!(later, RecordType::Unknown("SVCB2".into()));
/// assert_eq!(serde_json::to_string(&later).unwrap(), "\"SVCB2\"");
/// assert_eq!(<RecordType as flarekit_core::Validate>::VALUES, ["A", "AAAA"]);
/// ```
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the API description does not know, kept as received.
            Unknown(::std::string::String),
        }

        impl $name {
            /// The wire text of every known value.
            pub const VALUES: &'static [&'static str] = &[$($wire),+];

            /// The value's wire text.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Unknown(other) => other,
                }
            }

            /// The value of `text`: a known variant, or `Unknown` keeping it.
            #[inline]
            pub fn from_wire(text: &str) -> Self {
                match text {
                    $( $wire => $name::$variant, )+
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        // By hand: the derive writes a function that every build compiles.
        impl ::core::cmp::Eq for $name {}

        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::convert::From<&str> for $name {
            #[inline]
            fn from(text: &str) -> Self {
                $name::from_wire(text)
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str> as $crate::__private::serde::Deserialize>::deserialize(d)?;
                ::core::result::Result::Ok($name::from_wire(&text))
            }
        }

        impl $crate::validate::Validate for $name {
            const VALUES: &'static [&'static str] = $name::VALUES;
        }

        impl $crate::request::PartValue for $name {
            #[inline]
            fn write_parts(
                &self,
                name: &'static str,
                form: &mut $crate::request::Form,
            ) -> ::core::result::Result<(), $crate::EncodeError> {
                $crate::request::PartValue::write_parts(self.as_str(), name, form)
            }
        }
    };
}
