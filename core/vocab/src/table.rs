//! The field table: how `#[endpoint]` writes the fields of an endpoint into the catalog, as one
//! string that the runtime decodes the first time the catalog reads them.
//!
//! A string costs the compiler next to nothing; a constant `FieldInfo` per field cost more than
//! the rest of the endpoint's metadata together (BENCHMARKS.md, issue 14). The macro writes the
//! table with these codes and `flarekit-core` reads it with them, so the two cannot drift apart.
//!
//! ```text
//! table    = field*
//! field    = text location kind part flag* rule* doc?
//! text     = length ":" bytes             ; length: the number of bytes, in decimal
//! location = "p" | "q" | "b" | "w" | "h"  ; see Location::code
//! kind     = one of the kind codes below
//! part     = "v" | "j" | "n"              ; a value, a JSON part, named parts
//! flag     = "?" | "~" | "!" | "," | "*"  ; optional, nullable, deprecated, joined, type facts
//! rule     = code number ";" | "P" text | "F" text | "U"
//! doc      = "d" text
//! ```
//!
//! A field starts with a digit and nothing after its name does, so fields need no separator.
//! The `*` flag says the field's type describes itself: its kind (when the kind code is
//! [`kind::TYPE`]), rules and values are the next entry of the facts listed beside the table.

/// The codes of a field's kind.
pub mod kind {
    /// A string.
    pub const STRING: u8 = b's';
    /// An integer.
    pub const INTEGER: u8 = b'i';
    /// A floating-point number.
    pub const NUMBER: u8 = b'n';
    /// `bool`.
    pub const BOOLEAN: u8 = b'b';
    /// A list.
    pub const LIST: u8 = b'l';
    /// Bytes sent as they are.
    pub const BINARY: u8 = b'y';
    /// Any other type.
    pub const OTHER: u8 = b'o';
    /// The kind the field's type gives (its facts).
    pub const TYPE: u8 = b't';
}

/// The codes of how a multipart field becomes parts.
pub mod part {
    /// One part under the field's name.
    pub const VALUE: u8 = b'v';
    /// One part with the value as JSON.
    pub const JSON: u8 = b'j';
    /// A part per blob, each named by its file name.
    pub const NAMED: u8 = b'n';
}

/// The codes of a field's flags, each written when it holds.
pub mod flag {
    /// Not required (`Option`, `Nullable`).
    pub const OPTIONAL: u8 = b'?';
    /// Can send JSON `null`.
    pub const NULLABLE: u8 = b'~';
    /// Carries `#[deprecated]`.
    pub const DEPRECATED: u8 = b'!';
    /// A query list sent as one comma-joined pair.
    pub const JOINED: u8 = b',';
    /// The field's type describes itself: take the next entry of the facts.
    pub const FACTS: u8 = b'*';
}

/// The codes of a field's rules: a number ended by [`rule::END`], a text, or nothing.
pub mod rule {
    /// `max_length`, a whole number.
    pub const MAX_LENGTH: u8 = b'L';
    /// `min_length`, a whole number.
    pub const MIN_LENGTH: u8 = b'l';
    /// `max_items`, a whole number.
    pub const MAX_ITEMS: u8 = b'I';
    /// `min_items`, a whole number.
    pub const MIN_ITEMS: u8 = b'i';
    /// `maximum`, a number as Rust's `{:?}` writes an `f64` (which reads back exactly).
    pub const MAXIMUM: u8 = b'M';
    /// `minimum`, as [`MAXIMUM`].
    pub const MINIMUM: u8 = b'm';
    /// `exclusive_maximum`, as [`MAXIMUM`].
    pub const EXCLUSIVE_MAXIMUM: u8 = b'X';
    /// `exclusive_minimum`, as [`MAXIMUM`].
    pub const EXCLUSIVE_MINIMUM: u8 = b'x';
    /// `pattern`, a text.
    pub const PATTERN: u8 = b'P';
    /// `format`, a text: the format's OpenAPI name.
    pub const FORMAT: u8 = b'F';
    /// `unique_items`, nothing more.
    pub const UNIQUE_ITEMS: u8 = b'U';
    /// Ends a number.
    pub const END: u8 = b';';
}

/// Introduces the field's doc comment, a text.
pub const DOC: u8 = b'd';

/// Ends the length of a text.
pub const TEXT: u8 = b':';
