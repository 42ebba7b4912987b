//! `multipart/form-data` bodies (RFC 7578): ordered parts, each with a name, an optional file
//! name and content type, written once and resent unchanged.

use bytes::Bytes;
use serde::Serialize;

use super::{Blob, Body, JSON};
use crate::response::EncodeError;

/// Parts up to this size are copied next to their headers; larger ones are sent from their own
/// buffer, never copied.
const COPY_AT_MOST: usize = 8 * 1024;

/// A multipart form being written: parts in the order they are added.
///
/// ```
/// use flarekit_core::request::{Blob, Form};
/// let mut form = Form::with_boundary("XyZ");
/// form.text("proxied", "true");
/// form.blob("file", &Blob::from("www 300 IN A 192.0.2.1\n").with_filename("zone.txt")).unwrap();
/// let body = form.finish();
/// assert_eq!(body.content_type(), "multipart/form-data; boundary=XyZ");
/// assert_eq!(
///     body.to_bytes(),
///     "--XyZ\r\nContent-Disposition: form-data; name=\"proxied\"\r\n\r\ntrue\r\n\
///      --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"zone.txt\"\r\n\
///      Content-Type: application/octet-stream\r\n\r\nwww 300 IN A 192.0.2.1\n\r\n--XyZ--\r\n"
/// );
/// ```
#[derive(Debug)]
pub struct Form {
    boundary: String,
    /// Finished chunks, in order.
    chunks: Vec<Bytes>,
    /// What is written after them: headers, small values, delimiters.
    head: Vec<u8>,
}

impl Default for Form {
    fn default() -> Self {
        Form::new()
    }
}

impl Form {
    /// An empty form with a random boundary.
    pub fn new() -> Form {
        Form::with_boundary(format!("flarekit-{:016x}{:016x}", crate::random::u64(), crate::random::u64()))
    }

    /// An empty form with this boundary (for reproducible output; the boundary must not occur
    /// in any part).
    pub fn with_boundary(boundary: impl Into<String>) -> Form {
        Form { boundary: boundary.into(), chunks: Vec::new(), head: Vec::with_capacity(256) }
    }

    /// The boundary between parts.
    pub fn boundary(&self) -> &str {
        &self.boundary
    }

    /// Starts a part: its delimiter and headers. Names are escaped as browsers do (`"`, CR and
    /// LF percent-encoded); a content type with a control character is refused.
    fn start(
        &mut self,
        name: &str,
        filename: Option<&str>,
        content_type: Option<&str>,
        field: &'static str,
    ) -> Result<(), EncodeError> {
        if let Some(ct) = content_type.filter(|ct| ct.bytes().any(|b| b.is_ascii_control())) {
            return Err(EncodeError::new(field, format!("content type {ct:?} has a control character")));
        }
        self.head.extend_from_slice(b"--");
        self.head.extend_from_slice(self.boundary.as_bytes());
        self.head.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
        escape_into(&mut self.head, name);
        self.head.push(b'"');
        if let Some(filename) = filename {
            self.head.extend_from_slice(b"; filename=\"");
            escape_into(&mut self.head, filename);
            self.head.push(b'"');
        }
        if let Some(ct) = content_type {
            self.head.extend_from_slice(b"\r\nContent-Type: ");
            self.head.extend_from_slice(ct.as_bytes());
        }
        self.head.extend_from_slice(b"\r\n\r\n");
        Ok(())
    }

    /// Adds a text part.
    pub fn text(&mut self, name: &str, value: &str) {
        // Without a content type there is nothing to refuse.
        let _ = self.start(name, None, None, "");
        self.head.extend_from_slice(value.as_bytes());
        self.head.extend_from_slice(b"\r\n");
    }

    /// Adds a part of `value` as JSON (`Content-Type: application/json`); a value that is JSON
    /// `null` (an absent `Option`) adds nothing.
    ///
    /// # Errors
    ///
    /// [`EncodeError`] naming `name` when the value cannot be serialized.
    pub fn json<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), EncodeError> {
        let json = super::json::to_vec(value).map_err(|e| EncodeError::new(name, e.to_string()))?;
        if json == b"null" {
            return Ok(());
        }
        self.start(name, None, Some(JSON), name)?;
        self.head.extend_from_slice(&json);
        self.head.extend_from_slice(b"\r\n");
        Ok(())
    }

    /// Adds `blob` as the part `name`, with its file name and content type; a blob with a file
    /// name and no content type is `application/octet-stream`, as browsers send files.
    ///
    /// # Errors
    ///
    /// [`EncodeError`] when the blob's content type has a control character.
    pub fn blob(&mut self, name: &str, blob: &Blob) -> Result<(), EncodeError> {
        self.blob_part(name, blob, "")
    }

    fn blob_part(&mut self, name: &str, blob: &Blob, field: &'static str) -> Result<(), EncodeError> {
        let content_type = blob.content_type().or(blob.filename().map(|_| "application/octet-stream"));
        self.start(name, blob.filename(), content_type, field)?;
        if blob.len() <= COPY_AT_MOST {
            self.head.extend_from_slice(blob.data());
        } else {
            self.flush();
            self.chunks.push(blob.data().clone());
        }
        self.head.extend_from_slice(b"\r\n");
        Ok(())
    }

    fn flush(&mut self) {
        if !self.head.is_empty() {
            self.chunks.push(Bytes::from(std::mem::replace(&mut self.head, Vec::with_capacity(256))));
        }
    }

    /// The finished body: the parts and the closing delimiter.
    pub fn finish(mut self) -> Body {
        self.head.extend_from_slice(b"--");
        self.head.extend_from_slice(self.boundary.as_bytes());
        self.head.extend_from_slice(b"--\r\n");
        self.flush();
        Body::from_chunks(format!("multipart/form-data; boundary={}", self.boundary), self.chunks)
    }
}

/// `"`, CR and LF percent-encoded, as the HTML standard encodes names and file names.
fn escape_into(out: &mut Vec<u8>, s: &str) {
    for b in s.bytes() {
        match b {
            b'"' => out.extend_from_slice(b"%22"),
            b'\r' => out.extend_from_slice(b"%0D"),
            b'\n' => out.extend_from_slice(b"%0A"),
            _ => out.push(b),
        }
    }
}

/// A value that a multipart body sends as parts: a field of an endpoint with `body = multipart`.
///
/// [`Blob`] is one part with its file name and content type; strings, numbers and booleans a
/// text part; `Option` nothing when absent; `Vec` one part per item, all under the field's name.
/// A field marked `#[param(json)]` is one JSON part instead ([`Form::json`]), and one marked
/// `#[param(parts)]` a part per [`Blob`], each named by its file name ([`named_parts`]).
pub trait PartValue {
    /// Adds the value's parts under `name`.
    ///
    /// # Errors
    ///
    /// [`EncodeError`] naming `name` when a part cannot be written.
    fn write_parts(&self, name: &'static str, form: &mut Form) -> Result<(), EncodeError>;
}

impl PartValue for Blob {
    fn write_parts(&self, name: &'static str, form: &mut Form) -> Result<(), EncodeError> {
        form.blob_part(name, self, name)
    }
}

impl PartValue for String {
    fn write_parts(&self, name: &'static str, form: &mut Form) -> Result<(), EncodeError> {
        form.text(name, self);
        Ok(())
    }
}

impl PartValue for str {
    fn write_parts(&self, name: &'static str, form: &mut Form) -> Result<(), EncodeError> {
        form.text(name, self);
        Ok(())
    }
}

macro_rules! text_parts {
    ($($t:ty),*) => {$(
        impl PartValue for $t {
            fn write_parts(&self, name: &'static str, form: &mut Form) -> Result<(), EncodeError> {
                form.text(name, &self.to_string());
                Ok(())
            }
        }
    )*};
}

text_parts!(bool, u8, u16, u32, u64, i8, i16, i32, i64, f64);

impl<T: PartValue> PartValue for Option<T> {
    fn write_parts(&self, name: &'static str, form: &mut Form) -> Result<(), EncodeError> {
        match self {
            Some(value) => value.write_parts(name, form),
            None => Ok(()),
        }
    }
}

impl<T: PartValue> PartValue for Vec<T> {
    fn write_parts(&self, name: &'static str, form: &mut Form) -> Result<(), EncodeError> {
        self.iter().try_for_each(|item| item.write_parts(name, form))
    }
}

/// Adds each blob as its own part, named by its file name: a `#[param(parts)]` field, such as
/// the modules of a Worker upload, whose part names the metadata refers to.
///
/// # Errors
///
/// [`EncodeError`] naming `field` when a blob has no file name.
pub fn named_parts(form: &mut Form, field: &'static str, blobs: &[Blob]) -> Result<(), EncodeError> {
    for (i, blob) in blobs.iter().enumerate() {
        let Some(name) = blob.filename() else {
            return Err(EncodeError::new(field, format!("part {i} has no file name, and its part is named by it")));
        };
        form.blob_part(name, blob, field)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_parts_are_sent_from_their_own_buffer() {
        let big =
            Blob::from(vec![7u8; COPY_AT_MOST + 1]).with_filename("big.wasm").with_content_type("application/wasm");
        let mut form = Form::with_boundary("b");
        form.text("a", "1");
        form.blob("big", &big).unwrap();
        let body = form.finish();
        assert_eq!(body.chunks().len(), 3);
        // The part's bytes are the blob's, not a copy.
        assert_eq!(body.chunks()[1].as_ptr(), big.data().as_ptr());
        let bytes = body.to_bytes();
        assert!(bytes.starts_with(b"--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b\r\n"));
        assert!(bytes.ends_with(b"\x07\x07\r\n--b--\r\n"));
        assert_eq!(body.len(), bytes.len() as u64);
    }

    #[test]
    fn names_are_escaped_and_content_types_checked() {
        let mut form = Form::with_boundary("b");
        form.text("a\"b\r\nc", "v");
        let bad = Blob::from("x").with_content_type("text/plain\r\nX-Injected: 1");
        let err = form.blob("f", &bad).unwrap_err();
        assert!(err.to_string().contains("control character"), "{err}");
        let bytes = form.finish().to_bytes();
        assert!(bytes.starts_with(b"--b\r\nContent-Disposition: form-data; name=\"a%22b%0D%0Ac\"\r\n\r\nv\r\n"));
        assert!(!bytes.windows(10).any(|w| w == b"X-Injected"));
    }

    #[test]
    fn named_parts_need_file_names() {
        let mut form = Form::with_boundary("b");
        let err =
            named_parts(&mut form, "modules", &[Blob::from("x").with_filename("a.js"), Blob::from("y")]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot encode field `modules`: part 1 has no file name, and its part is named by it"
        );
    }

    #[test]
    fn boundaries_differ() {
        assert_ne!(Form::new().boundary(), Form::new().boundary());
    }
}
