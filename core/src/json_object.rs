//! What `#[derive(JsonObject)]` (in `flarekit-macros`) needs at run time: an object's member
//! names read as indexes by the type's own `match`, and one call per member read or written.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// How `#[derive(JsonObject)]` reads its type: the member names, matched by the type's own
/// `match` (constants the optimizer compares against), and the loop over an object's members.
/// Everything else a `Deserialize` needs is shared: [`deserialize_object`] and its visitor.
pub trait ReadObject: Sized {
    /// What the type expects, for serde's "invalid type" errors: `a JSON object (Name)`.
    const EXPECTING: &'static str;

    /// The member's index, or [`UNKNOWN`] for a member the type does not declare.
    fn index(name: &str) -> usize;

    /// Reads the members of an object whose opening brace has been read.
    ///
    /// # Errors
    ///
    /// The first error reading a member, or a required member missing.
    fn read<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// The index of a member the type does not declare.
pub const UNKNOWN: usize = usize::MAX;

/// `Deserialize` for a derived type: a map, read by the type's [`ReadObject::read`]. The
/// derived `deserialize` is this call.
#[inline]
pub fn deserialize_object<'de, T: ReadObject, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// The visitor every derived type shares: serde's errors name the type through
/// [`ReadObject::EXPECTING`].
struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: ReadObject> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read(map)
    }
}

/// The next member's index in `T` ([`UNKNOWN`] for one it does not declare), or `None` at the
/// end of the object. The name is matched where it lies, without a copy.
#[inline]
pub fn next_member<'de, T: ReadObject, A: MapAccess<'de>>(map: &mut A) -> Result<Option<usize>, A::Error> {
    map.next_key_seed(MemberIndex::<T>(PhantomData))
}

/// Reads a member name as its index in `T`'s members. Statically dispatched, so `T::index` is
/// inlined into the reader.
struct MemberIndex<T>(PhantomData<T>);

impl<'de, T: ReadObject> DeserializeSeed<'de> for MemberIndex<T> {
    type Value = usize;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, T: ReadObject> Visitor<'de> for MemberIndex<T> {
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

/// Reads the value of a required member into its slot. A call per member, with one `?` after
/// the member's `match`, keeps each derived `read` small.
#[inline]
pub fn read_member<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads the value of a member that may be missing (an `Option`, or a `default` one) into its
/// place: the field itself, or a slot of the field's type.
#[inline]
pub fn read_field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(map: &mut A, place: &mut T) -> Result<(), A::Error> {
    *place = map.next_value()?;
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

/// [`write_member`] for an `Option` member left out when it is `None`
/// (`skip_serializing_if = "Option::is_none"`).
#[inline]
pub fn write_some<M: SerializeMap, T: Serialize>(
    map: &mut M,
    result: &mut Result<(), M::Error>,
    except: &str,
    name: &'static str,
    value: &Option<T>,
) {
    if let Some(value) = value {
        write_member(map, result, except, name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::{BorrowedStrDeserializer, BytesDeserializer, Error as ValueError};

    #[test]
    fn names_are_indexes_and_unknown_names_unknown() {
        struct Record;
        impl ReadObject for Record {
            const EXPECTING: &'static str = "a JSON object (Record)";
            fn index(name: &str) -> usize {
                match name {
                    "id" => 0,
                    "type" => 1,
                    _ => UNKNOWN,
                }
            }
            fn read<'de, A: MapAccess<'de>>(_: A) -> Result<Self, A::Error> {
                Ok(Record)
            }
        }
        let read = |name: &str| {
            MemberIndex::<Record>(PhantomData).deserialize(BorrowedStrDeserializer::<ValueError>::new(name)).unwrap()
        };
        assert_eq!(read("id"), 0);
        assert_eq!(read("type"), 1);
        assert_eq!(read("kind"), UNKNOWN);
        assert_eq!(read(""), UNKNOWN);
        let bytes = |name: &[u8]| {
            MemberIndex::<Record>(PhantomData).deserialize(BytesDeserializer::<ValueError>::new(name)).unwrap()
        };
        assert_eq!(bytes(b"type"), 1);
        assert_eq!(bytes(b"\xff"), UNKNOWN);
        // Anything but an object is refused with the type's own words.
        let err = serde_json::from_str::<Wrapped>("[1]").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("expected a JSON object (Record)"), "{err}");
        struct Wrapped;
        impl<'de> Deserialize<'de> for Wrapped {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                deserialize_object::<Record, D>(d).map(|_| Wrapped)
            }
        }
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
