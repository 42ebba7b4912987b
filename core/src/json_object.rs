//! What `#[derive(JsonObject)]` (in `flarekit-macros`) needs at run time: an object's member
//! names read as indexes by the type's own `match`, and one call per member read or written.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap};

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

/// Writes a member unless an earlier one failed; the derived `serialize` checks `result` once,
/// at the end, instead of after every member.
#[inline]
pub fn write_member<M: SerializeMap, T: Serialize + ?Sized>(
    map: &mut M,
    result: &mut Result<(), M::Error>,
    name: &'static str,
    value: &T,
) {
    if result.is_ok() {
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
}
