//! What `#[derive(JsonObject)]` (in `flarekit-macros`) needs at run time: an object's member
//! names read as indexes by the type's own `match`, and one call per member read or written.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// The member names of a derived type: its own `match` on the name, with the names as
/// constants the optimizer compares against.
pub trait Members {
    /// The member's index, or [`UNKNOWN`] for a member the type does not declare.
    fn index(name: &str) -> usize;
}

/// The index of a member the type does not declare.
pub const UNKNOWN: usize = usize::MAX;

/// Reads a member name as its index in `T`'s members, without copying it; [`UNKNOWN`] members
/// are skipped by the caller. Statically dispatched, so `T::index` is inlined into the reader.
pub struct MemberIndex<T>(PhantomData<T>);

impl<T> MemberIndex<T> {
    /// The reader of `T`'s member names.
    #[inline]
    pub fn new() -> Self {
        MemberIndex(PhantomData)
    }
}

impl<T: Members> Default for MemberIndex<T> {
    fn default() -> Self {
        MemberIndex::new()
    }
}

impl<'de, T: Members> DeserializeSeed<'de> for MemberIndex<T> {
    type Value = usize;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, T: Members> Visitor<'de> for MemberIndex<T> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    #[inline]
    fn visit_str<E: Error>(self, name: &str) -> Result<usize, E> {
        Ok(T::index(name))
    }

    fn visit_bytes<E: Error>(self, name: &[u8]) -> Result<usize, E> {
        Ok(std::str::from_utf8(name).map_or(UNKNOWN, T::index))
    }
}

/// Reads the value of a member into its slot. A call per member, with one `?` after the
/// member's `match`, keeps each derived `visit_map` small.
#[inline]
pub fn read_member<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads past the value of a member the type does not declare.
#[inline]
pub fn skip_member<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// An object's members, written into a map that may hold others: a tagged union writes its tag,
/// then its variant's members, as one object. `#[derive(JsonObject)]` implements it, and the
/// type form of [`tagged_union!`](crate::tagged_union) asks it of each variant's type.
pub trait JsonMembers {
    /// Writes every member but the one named `except` (a member the caller writes itself, such
    /// as a union's tag; `""` for none).
    ///
    /// # Errors
    ///
    /// The first error the map returned.
    fn write_members<M: SerializeMap>(&self, map: &mut M, except: &str) -> Result<(), M::Error>;
}

/// A free-form object's members, as they are.
impl JsonMembers for serde_json::Map<String, serde_json::Value> {
    fn write_members<M: SerializeMap>(&self, map: &mut M, except: &str) -> Result<(), M::Error> {
        self.iter()
            .filter(|(name, _)| name.as_str() != except)
            .try_for_each(|(name, value)| map.serialize_entry(name, value))
    }
}

/// `Serialize` for a type whose members are all there is: a map of them alone. The derived
/// `serialize` is this call.
#[inline]
pub fn serialize_object<T: JsonMembers + ?Sized, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    value.write_members(&mut map, "")?;
    map.end()
}

/// Writes a member unless an earlier one failed or it is the one left out; the derived
/// `write_members` checks `result` once, at the end, instead of after every member.
#[inline]
pub fn write_member<M: SerializeMap, T: Serialize + ?Sized>(
    map: &mut M,
    result: &mut Result<(), M::Error>,
    except: &str,
    name: &'static str,
    value: &T,
) {
    if result.is_ok() && name != except {
        *result = map.serialize_entry(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::{BorrowedStrDeserializer, BytesDeserializer, Error as ValueError};

    #[test]
    fn names_are_indexes_and_unknown_names_unknown() {
        struct Record;
        impl Members for Record {
            fn index(name: &str) -> usize {
                match name {
                    "id" => 0,
                    "type" => 1,
                    _ => UNKNOWN,
                }
            }
        }
        let read = |name: &str| {
            MemberIndex::<Record>::new().deserialize(BorrowedStrDeserializer::<ValueError>::new(name)).unwrap()
        };
        assert_eq!(read("id"), 0);
        assert_eq!(read("type"), 1);
        assert_eq!(read("kind"), UNKNOWN);
        assert_eq!(read(""), UNKNOWN);
        let bytes =
            |name: &[u8]| MemberIndex::<Record>::new().deserialize(BytesDeserializer::<ValueError>::new(name)).unwrap();
        assert_eq!(bytes(b"type"), 1);
        assert_eq!(bytes(b"\xff"), UNKNOWN);
    }

    crate::tagged_union! {
        #[tag = "type"]
        /// A union whose variant is a free-form object.
        pub enum Loose {
            /// Any members.
            Free = "free"(serde_json::Map<String, serde_json::Value>),
        }
    }

    #[test]
    fn a_union_writes_its_tag_once_and_then_the_variants_members() {
        // Read back, the free-form variant holds the tag member too: it is the tag's to write.
        let free: Loose = serde_json::from_str(r#"{"b":[2],"type":"free","a":1}"#).unwrap();
        assert!(matches!(&free, Loose::Free(members) if members.contains_key("type")));
        assert_eq!((Loose::TAG, Loose::TAGS, free.tag()), ("type", &["free"][..], Some("free")));
        assert_eq!(serde_json::to_string(&free).unwrap(), r#"{"type":"free","a":1,"b":[2]}"#);
        // Alone, a free-form object keeps every member; `except` leaves out one.
        let members = serde_json::json!({"type": "free", "a": 1});
        let members = members.as_object().unwrap();
        assert_eq!(serde_json::to_string(&Written(members, "")).unwrap(), r#"{"a":1,"type":"free"}"#);
        assert_eq!(serde_json::to_string(&Written(members, "a")).unwrap(), r#"{"type":"free"}"#);
        // A tag this version does not know: the members as received.
        let other: Loose = serde_json::from_str(r#"{"type":"later","a":1}"#).unwrap();
        assert_eq!(serde_json::to_string(&other).unwrap(), r#"{"a":1,"type":"later"}"#);
    }

    /// Members written into a map of their own, but the one left out.
    struct Written<'a, T>(&'a T, &'a str);

    impl<T: JsonMembers> Serialize for Written<'_, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            self.0.write_members(&mut map, self.1)?;
            map.end()
        }
    }
}
