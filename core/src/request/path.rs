//! The path: each `<placeholder>` of a template filled with one percent-encoded segment.

use std::borrow::Cow;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986 unreserved characters is encoded: a value stays one path segment and
/// one query value whatever it contains (`/`, `?`, `#`, `%`, `&`, `=`, `+`, space, non-ASCII).
pub(super) const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A value that fills a `<placeholder>` of a path template: its text, borrowed when it already is
/// text, formatted otherwise. Implemented for strings and integers; implement it for an id type
/// of your own to use that type as a path field.
///
/// ```
/// use flarekit_core::encode::PathValue;
/// assert_eq!(PathValue::path_text("zone-1"), "zone-1");
/// assert_eq!(PathValue::path_text(&42u64), "42");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a path placeholder",
    label = "path fields are strings or integers; implement `flarekit::encode::PathValue` for other types"
)]
pub trait PathValue {
    /// The value as path text, before percent-encoding.
    fn path_text(&self) -> Cow<'_, str>;
}

impl PathValue for str {
    fn path_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl PathValue for String {
    fn path_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl PathValue for Box<str> {
    fn path_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl PathValue for Cow<'_, str> {
    fn path_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl<T: PathValue + ?Sized> PathValue for &T {
    fn path_text(&self) -> Cow<'_, str> {
        (**self).path_text()
    }
}

macro_rules! integer_path_values {
    ($($t:ty),*) => {$(
        impl PathValue for $t {
            fn path_text(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}
integer_path_values!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

/// Appends `value` percent-encoded as exactly one path segment.
///
/// ```
/// let mut path = String::from("/zones/");
/// flarekit_core::encode::push_segment(&mut path, "a/b?c#d%e f\u{e9}");
/// assert_eq!(path, "/zones/a%2Fb%3Fc%23d%25e%20f%C3%A9");
/// ```
pub fn push_segment(path: &mut String, value: &str) {
    path.extend(utf8_percent_encode(value, COMPONENT));
}

/// What a `<rest..>` piece leaves as it is besides [`push_segment`]'s: `@` and `:`, which a path
/// segment may hold (RFC 3986 `pchar`), so that `@cf/meta/llama` goes as Cloudflare's SDKs send it.
const REST_PIECE: &AsciiSet = &COMPONENT.remove(b'@').remove(b':');

/// Appends `value` as one or more path segments: its `/`s kept, each piece percent-encoded
/// (a `<rest..>` placeholder).
///
/// ```
/// let mut path = String::from("/ai/run/");
/// flarekit_core::encode::push_segments(&mut path, "@cf/meta/llama 3");
/// assert_eq!(path, "/ai/run/@cf/meta/llama%203");
/// ```
pub fn push_segments(path: &mut String, value: &str) {
    for (i, piece) in value.split('/').enumerate() {
        if i > 0 {
            path.push('/');
        }
        path.extend(utf8_percent_encode(piece, REST_PIECE));
    }
}
