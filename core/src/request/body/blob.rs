//! Raw bodies: bytes or text sent as they are, and NDJSON lines.

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

use bytes::Bytes;
use serde::Serialize;

use super::Body;
use crate::response::EncodeError;

/// Bytes to upload, with what describes them: the body of a raw upload (a KV value) or one part
/// of a multipart form (a Worker module, a zone file).
///
/// The bytes are reference-counted: cloning a `Blob`, sending it, and resending it on a retry
/// never copies them, and a file is read into memory once ([`Blob::read`]).
///
/// ```
/// use flarekit_core::request::Blob;
/// let module = Blob::from("export default { fetch() { return new Response('hi') } }")
///     .with_filename("worker.js")
///     .with_content_type("application/javascript+module");
/// assert_eq!(module.filename(), Some("worker.js"));
/// assert_eq!(module.len(), 56);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Blob {
    data: Bytes,
    content_type: Option<Cow<'static, str>>,
    filename: Option<String>,
}

impl Blob {
    /// These bytes, with no content type or file name of their own.
    pub fn new(data: impl Into<Bytes>) -> Blob {
        Blob { data: data.into(), content_type: None, filename: None }
    }

    /// The contents of the file at `path`, read once, named by the file's name.
    ///
    /// # Errors
    ///
    /// The error of reading the file.
    pub fn read(path: impl AsRef<Path>) -> std::io::Result<Blob> {
        let path = path.as_ref();
        let mut blob = Blob::new(std::fs::read(path)?);
        blob.filename = path.file_name().map(|name| name.to_string_lossy().into_owned());
        Ok(blob)
    }

    /// The same bytes, sent with this content type (instead of the declaration's).
    pub fn with_content_type(mut self, content_type: impl Into<Cow<'static, str>>) -> Blob {
        self.content_type = Some(content_type.into());
        self
    }

    /// The same bytes under this file name (a multipart part's `filename`).
    pub fn with_filename(mut self, filename: impl Into<String>) -> Blob {
        self.filename = Some(filename.into());
        self
    }

    /// The bytes.
    pub fn data(&self) -> &Bytes {
        &self.data
    }

    /// Its own content type, if it has one.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// Its file name, if it has one.
    pub fn filename(&self) -> Option<&str> {
        self.filename.as_deref()
    }

    /// The number of bytes.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether it has no bytes.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}

/// The length, content type and file name, never the bytes (they may be a secret).
impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Blob")
            .field("len", &self.data.len())
            .field("content_type", &self.content_type)
            .field("filename", &self.filename)
            .finish()
    }
}

impl From<Bytes> for Blob {
    fn from(data: Bytes) -> Blob {
        Blob::new(data)
    }
}

impl From<Vec<u8>> for Blob {
    fn from(data: Vec<u8>) -> Blob {
        Blob::new(data)
    }
}

impl From<String> for Blob {
    fn from(data: String) -> Blob {
        Blob::new(data)
    }
}

impl From<&'static str> for Blob {
    fn from(data: &'static str) -> Blob {
        Blob::new(data)
    }
}

impl From<&'static [u8]> for Blob {
    fn from(data: &'static [u8]) -> Blob {
        Blob::new(data)
    }
}

/// Lines of JSON, one value each (`application/x-ndjson`), e.g. the vectors of a Vectorize
/// insert.
///
/// ```
/// use flarekit_core::request::{Ndjson, RawBody};
/// let lines = Ndjson(vec![serde_json::json!({"id": "a"}), serde_json::json!({"id": "b"})]);
/// let body = lines.to_body("vectors", None).unwrap().unwrap();
/// assert_eq!(body.content_type(), "application/x-ndjson");
/// assert_eq!(body.to_bytes(), "{\"id\":\"a\"}\n{\"id\":\"b\"}\n");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ndjson<T>(pub Vec<T>);

/// A value that is sent as the whole request body, as it is: `#[param(raw_body)]`.
///
/// Implemented for [`Blob`] (bytes, `application/octet-stream` unless said otherwise), `String`
/// (`text/plain; charset=utf-8`), [`Ndjson`] and `Option` of these (no body when absent).
pub trait RawBody {
    /// The content type sent when neither the value nor the declaration names one.
    const CONTENT_TYPE: &'static str;

    /// The body, with the value's own content type, else `declared`, else [`Self::CONTENT_TYPE`].
    ///
    /// # Errors
    ///
    /// [`EncodeError`] naming `field` when the value cannot be written.
    fn to_body(&self, field: &'static str, declared: Option<&'static str>) -> Result<Option<Body>, EncodeError>;
}

impl RawBody for Blob {
    const CONTENT_TYPE: &'static str = "application/octet-stream";

    fn to_body(&self, field: &'static str, declared: Option<&'static str>) -> Result<Option<Body>, EncodeError> {
        if let Some(ct) = self.content_type.as_deref().filter(|ct| ct.bytes().any(|b| b.is_ascii_control())) {
            return Err(EncodeError::new(field, format!("content type {ct:?} has a control character")));
        }
        let content_type = match (&self.content_type, declared) {
            (Some(own), _) => own.clone(),
            (None, Some(declared)) => Cow::Borrowed(declared),
            (None, None) => Cow::Borrowed(Self::CONTENT_TYPE),
        };
        Ok(Some(Body::new(content_type, self.data.clone())))
    }
}

impl RawBody for String {
    const CONTENT_TYPE: &'static str = "text/plain; charset=utf-8";

    fn to_body(&self, _: &'static str, declared: Option<&'static str>) -> Result<Option<Body>, EncodeError> {
        Ok(Some(Body::new(declared.unwrap_or(Self::CONTENT_TYPE), self.clone())))
    }
}

impl<T: Serialize> RawBody for Ndjson<T> {
    const CONTENT_TYPE: &'static str = "application/x-ndjson";

    fn to_body(&self, field: &'static str, declared: Option<&'static str>) -> Result<Option<Body>, EncodeError> {
        let mut buf = Vec::with_capacity(64 * self.0.len());
        for (i, item) in self.0.iter().enumerate() {
            super::json::write(&mut buf, item).map_err(|e| EncodeError::new(field, format!("line {}: {e}", i + 1)))?;
            buf.push(b'\n');
        }
        Ok(Some(Body::new(declared.unwrap_or(Self::CONTENT_TYPE), buf)))
    }
}

impl<T: RawBody> RawBody for Option<T> {
    const CONTENT_TYPE: &'static str = T::CONTENT_TYPE;

    fn to_body(&self, field: &'static str, declared: Option<&'static str>) -> Result<Option<Body>, EncodeError> {
        match self {
            Some(value) => value.to_body(field, declared),
            None => Ok(None),
        }
    }
}

/// The body of a `#[param(raw_body)]` field (what `#[endpoint]` calls).
///
/// # Errors
///
/// [`EncodeError`] naming `field` when the value cannot be written.
pub fn raw_body<T: RawBody + ?Sized>(
    field: &'static str,
    value: &T,
    declared: Option<&'static str>,
) -> Result<Option<Body>, EncodeError> {
    value.to_body(field, declared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blob_brings_its_own_content_type_unless_it_is_unsafe() {
        let json = Blob::from("{}").with_content_type("application/json");
        let body = json.to_body("value", Some("application/octet-stream")).unwrap().unwrap();
        assert_eq!(body.content_type(), "application/json");
        let plain = Blob::from("x").to_body("value", Some("text/csv")).unwrap().unwrap();
        assert_eq!(plain.content_type(), "text/csv");
        let bad = Blob::from("x").with_content_type("text/plain\r\nx-injected: 1");
        let err = bad.to_body("value", None).unwrap_err();
        assert_eq!(err.field(), "value");
        assert!(err.to_string().contains("control character"), "{err}");
    }

    #[test]
    fn debug_shows_no_content() {
        let secret = Blob::from("s3cr3t-value").with_filename("k.txt");
        let shown = format!("{secret:?}");
        assert!(!shown.contains("s3cr3t") && shown.contains("len: 12"), "{shown}");
        assert!(!format!("{:?}", secret.to_body("v", None).unwrap().unwrap()).contains("s3cr3t"));
    }
}
