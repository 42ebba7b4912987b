//! The JSON body: written member by member, or one value as the whole body.

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};
use serde_json::Value;

use super::Body;
use crate::response::EncodeError;

/// serde_json's compact output, except that a float holding a whole number is written as an
/// integer: `60`, not `60.0`.
///
/// The document types every JSON `number` as `f64`, and serde_json writes `60.0_f64` as `60.0`.
/// The two are the same JSON number, but a server that decodes the member into an integer (a
/// record's `ttl`, a port, a priority) may refuse `60.0`; `60` is what Cloudflare's own SDKs send.
/// Only whole numbers of magnitude at most 2^53 are written this way: those an `f64` holds
/// exactly, so the integer is the same value.
struct WholeNumbers;

/// 2^53: every whole number up to this magnitude is exact in an `f64`.
const EXACT: f64 = 9_007_199_254_740_992.0;

impl Formatter for WholeNumbers {
    fn write_f64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        if value.fract() == 0.0 && value.abs() <= EXACT {
            // In range and whole, so the cast is exact (and -0.0 is written as 0).
            self.write_i64(writer, value as i64)
        } else {
            CompactFormatter.write_f64(writer, value)
        }
    }

    fn write_f32<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f32) -> io::Result<()> {
        if value.fract() == 0.0 && f64::from(value).abs() <= EXACT {
            self.write_i64(writer, value as i64)
        } else {
            CompactFormatter.write_f32(writer, value)
        }
    }
}

/// Writes `value` as JSON the way every request body is written (see [`WholeNumbers`]).
pub(crate) fn write<W: io::Write, T: Serialize + ?Sized>(writer: W, value: &T) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(writer, WholeNumbers))
}

/// `value` as the JSON of a request body (see [`WholeNumbers`]).
pub(crate) fn to_vec<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(128);
    write(&mut buf, value)?;
    Ok(buf)
}

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
        v => to_vec(&v).map(|json| Some(Body::json(json))).map_err(|e| EncodeError::new(field, e.to_string())),
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
        write(&mut self.buf, name).map_err(|e| EncodeError::new(name, e.to_string()))?;
        self.buf.push(b':');
        write(&mut self.buf, value).map_err(|e| EncodeError::new(name, e.to_string()))
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

    #[test]
    fn whole_numbers_are_written_as_integers() {
        let mut b = BodyWriter::new();
        b.member("ttl", &60.0_f64).unwrap();
        b.member("weight", &0.5_f64).unwrap();
        b.member("zero", &-0.0_f64).unwrap();
        b.member("ports", &[443.0_f32, 8443.0]).unwrap();
        b.member("big", &1e300_f64).unwrap();
        b.member("exact", &-9_007_199_254_740_992.0_f64).unwrap();
        b.member("nan", &f64::NAN).unwrap();
        assert_eq!(
            b.finish().to_bytes(),
            r#"{"ttl":60,"weight":0.5,"zero":0,"ports":[443,8443],"big":1e+300,"exact":-9007199254740992,"nan":null}"#
        );
        // The whole-body path goes through `serde_json::Value` first; the number stays whole.
        let body = whole_body("ttls", &[1.0_f64, 30.5]).unwrap().unwrap();
        assert_eq!(body.to_bytes(), "[1,30.5]");
    }
}
