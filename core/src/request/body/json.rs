//! The JSON body: written member by member, or one value as the whole body.

use serde::Serialize;
use serde_json::Value;

use super::Body;
use crate::response::EncodeError;

pub(crate) fn to_value<T: Serialize + ?Sized>(field: &'static str, value: &T) -> Result<Value, EncodeError> {
    serde_json::to_value(value).map_err(|e| EncodeError::new(field, e.to_string()))
}

/// The JSON body of a `#[param(whole_body)]` field; `None` (no body) when the value is absent.
///
/// ```
/// let body = flarekit_core::encode::whole_body("ids", &vec!["a", "b"]).unwrap().unwrap();
/// assert_eq!((body.content_type(), body.to_bytes()), ("application/json", "[\"a\",\"b\"]".into()));
/// assert_eq!(flarekit_core::encode::whole_body("ids", &None::<Vec<u8>>).unwrap(), None);
/// ```
pub fn whole_body<T: Serialize + ?Sized>(field: &'static str, value: &T) -> Result<Option<Body>, EncodeError> {
    match to_value(field, value)? {
        Value::Null => Ok(None),
        v => serde_json::to_vec(&v)
            .map(|json| Some(Body::json(json)))
            .map_err(|e| EncodeError::new(field, e.to_string())),
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

    /// The finished JSON body.
    pub fn finish(mut self) -> Body {
        self.buf.push(b'}');
        Body::json(self.buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_writer_escapes_names_and_values() {
        let mut b = BodyWriter::new();
        b.member("domain", "ex\"ample").unwrap();
        b.member("exclude", &["a"]).unwrap();
        b.member("comments", &None::<String>).unwrap();
        assert_eq!(b.finish().to_bytes(), r#"{"domain":"ex\"ample","exclude":["a"],"comments":null}"#);
        assert_eq!(BodyWriter::new().finish().to_bytes(), "{}");
    }
}
