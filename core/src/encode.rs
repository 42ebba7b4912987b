//! Wire encoding of values: one path segment, query pairs, header values, the JSON body.

use std::borrow::Cow;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;
use serde_json::Value;

use crate::error::EncodeError;

/// Everything but RFC 3986 unreserved characters is encoded: a value stays one path segment and
/// one query value whatever it contains (`/`, `?`, `#`, `%`, `&`, `=`, `+`, space, non-ASCII).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

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

/// Appends `name=value` pairs to `out` as a query string (without the leading `?`).
///
/// ```
/// let q = flarekit_core::encode::query_string(&[("search", "a&b=c d".to_string()), ("page", "2".into())]);
/// assert_eq!(q, "search=a%26b%3Dc%20d&page=2");
/// ```
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let mut out = String::new();
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.extend(utf8_percent_encode(name, COMPONENT));
        out.push('=');
        out.extend(utf8_percent_encode(value, COMPONENT));
    }
    out
}

fn scalar(field: &'static str, value: Value) -> Result<Option<String>, EncodeError> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        Value::Bool(b) => Ok(Some(b.to_string())),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Array(_) | Value::Object(_) => {
            Err(EncodeError::new(field, "must be a scalar (string, number, boolean or enum)"))
        }
    }
}

fn to_value<T: Serialize + ?Sized>(field: &'static str, value: &T) -> Result<Value, EncodeError> {
    serde_json::to_value(value).map_err(|e| EncodeError::new(field, e.to_string()))
}

/// Adds a query field: `None` adds nothing, a list adds one pair per item, a scalar one pair.
pub fn push_query<T: Serialize + ?Sized>(
    query: &mut Vec<(&'static str, String)>,
    name: &'static str,
    value: &T,
) -> Result<(), EncodeError> {
    match to_value(name, value)? {
        Value::Array(items) => {
            for item in items {
                if let Some(s) = scalar(name, item)? {
                    query.push((name, s));
                }
            }
        }
        other => {
            if let Some(s) = scalar(name, other)? {
                query.push((name, s));
            }
        }
    }
    Ok(())
}

/// Adds a header field: `None` adds nothing; the value must be a scalar.
pub fn push_header<T: Serialize + ?Sized>(
    headers: &mut Vec<(&'static str, String)>,
    name: &'static str,
    value: &T,
) -> Result<(), EncodeError> {
    if let Some(s) = scalar(name, to_value(name, value)?)? {
        headers.push((name, s));
    }
    Ok(())
}

/// The JSON body of a `#[param(whole_body)]` field; `None` (no body) when the value is absent.
///
/// ```
/// let body = flarekit_core::encode::whole_body("ids", &vec!["a", "b"]).unwrap();
/// assert_eq!(body.as_deref(), Some(&b"[\"a\",\"b\"]"[..]));
/// assert_eq!(flarekit_core::encode::whole_body("ids", &None::<Vec<u8>>).unwrap(), None);
/// ```
pub fn whole_body<T: Serialize + ?Sized>(field: &'static str, value: &T) -> Result<Option<Vec<u8>>, EncodeError> {
    match to_value(field, value)? {
        Value::Null => Ok(None),
        v => serde_json::to_vec(&v).map(Some).map_err(|e| EncodeError::new(field, e.to_string())),
    }
}

/// Writes a JSON object member by member, straight into the body buffer.
#[derive(Debug)]
pub struct BodyWriter {
    buf: Vec<u8>,
    members: usize,
}

impl Default for BodyWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl BodyWriter {
    /// An empty object.
    pub fn new() -> Self {
        let mut buf = Vec::with_capacity(128);
        buf.push(b'{');
        BodyWriter { buf, members: 0 }
    }

    /// Adds the member `name: value`.
    pub fn member<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), EncodeError> {
        if self.members > 0 {
            self.buf.push(b',');
        }
        self.members += 1;
        serde_json::to_writer(&mut self.buf, name).map_err(|e| EncodeError::new(name, e.to_string()))?;
        self.buf.push(b':');
        serde_json::to_writer(&mut self.buf, value).map_err(|e| EncodeError::new(name, e.to_string()))
    }

    /// The finished JSON bytes.
    pub fn finish(mut self) -> Vec<u8> {
        self.buf.push(b'}');
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_flattens_lists_and_skips_none() {
        let mut q = Vec::new();
        push_query(&mut q, "page", &Some(2u32)).unwrap();
        push_query(&mut q, "search", &None::<String>).unwrap();
        push_query(&mut q, "id", &vec!["a", "b"]).unwrap();
        push_query(&mut q, "flag", &true).unwrap();
        assert_eq!(q, [("page", "2".to_string()), ("id", "a".into()), ("id", "b".into()), ("flag", "true".into())]);
        let err = push_query(&mut q, "obj", &serde_json::json!({"a": 1})).unwrap_err();
        assert_eq!(err.field(), "obj");
    }

    #[test]
    fn body_writer_escapes_names_and_values() {
        let mut b = BodyWriter::new();
        b.member("domain", "ex\"ample").unwrap();
        b.member("exclude", &["a"]).unwrap();
        b.member("comments", &None::<String>).unwrap();
        assert_eq!(String::from_utf8(b.finish()).unwrap(), r#"{"domain":"ex\"ample","exclude":["a"],"comments":null}"#);
        assert_eq!(BodyWriter::new().finish(), b"{}");
    }
}
