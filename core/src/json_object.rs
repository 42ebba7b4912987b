//! What `#[derive(JsonObject)]` (in `flarekit-macros`) needs at run time: an object's member
//! names read as indexes into the type's list of them.

use std::fmt;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap};

/// Reads a member name as its index in the list, or the list's length for a member the type
/// does not declare (which the caller skips). One implementation for every derived type: the
/// name comparison is not repeated in each of them, and no name is copied.
#[derive(Clone, Copy)]
pub struct MemberIndex(pub &'static [&'static str]);

impl MemberIndex {
    fn of(self, name: &[u8]) -> usize {
        self.0.iter().position(|known| known.as_bytes() == name).unwrap_or(self.0.len())
    }
}

impl<'de> DeserializeSeed<'de> for MemberIndex {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for MemberIndex {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: Error>(self, name: &str) -> Result<usize, E> {
        Ok(self.of(name.as_bytes()))
    }

    fn visit_bytes<E: Error>(self, name: &[u8]) -> Result<usize, E> {
        Ok(self.of(name))
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
    use serde::de::value::{BorrowedStrDeserializer, Error as ValueError};

    #[test]
    fn names_are_indexes_and_unknown_names_the_length() {
        let names = MemberIndex(&["id", "type"]);
        let read = |name: &str| names.deserialize(BorrowedStrDeserializer::<ValueError>::new(name)).unwrap();
        assert_eq!(read("id"), 0);
        assert_eq!(read("type"), 1);
        assert_eq!(read("kind"), 2);
        assert_eq!(read(""), 2);
    }
}
