//! What `#[derive(JsonObject)]` (in `flarekit-macros`) needs at run time: an object's member
//! names read as indexes into the type's list of them.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error, Visitor};

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
