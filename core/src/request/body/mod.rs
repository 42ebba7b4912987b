//! The request body: JSON (members or one whole value), raw bytes or text with a content type,
//! or a multipart form. A body is built once per call and every attempt sends the same bytes
//! again: its chunks are reference-counted [`Bytes`], cloned per attempt without copying.

mod blob;
pub(super) mod json;
mod multipart;

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use bytes::Bytes;

pub use blob::{raw_body, Blob, Ndjson, RawBody};
pub use json::{whole_body, BodyWriter};
pub use multipart::{named_parts, Form, PartValue};

/// The content type of JSON bodies.
pub(crate) const JSON: &str = "application/json";

/// A request body with its content type.
///
/// ```
/// use flarekit_core::request::Body;
/// let body = Body::new("text/plain", "www 300 IN A 192.0.2.1\n");
/// assert_eq!((body.content_type(), body.len()), ("text/plain", 23));
/// assert_eq!(body.to_bytes(), "www 300 IN A 192.0.2.1\n");
/// ```
#[derive(Clone)]
pub struct Body {
    content_type: Cow<'static, str>,
    chunks: Chunks,
}

/// One buffer (JSON, raw bytes), or a form's parts in order, each part's content shared with
/// the value it came from.
#[derive(Clone)]
enum Chunks {
    One(Bytes),
    Many(Arc<[Bytes]>),
}

impl Body {
    /// `data` as the body, sent with `content_type`.
    pub fn new(content_type: impl Into<Cow<'static, str>>, data: impl Into<Bytes>) -> Body {
        Body { content_type: content_type.into(), chunks: Chunks::One(data.into()) }
    }

    /// A JSON body.
    pub fn json(data: impl Into<Bytes>) -> Body {
        Body::new(JSON, data)
    }

    /// A body sent as these chunks, one after the other, without joining them.
    pub(crate) fn from_chunks(content_type: String, chunks: Vec<Bytes>) -> Body {
        Body { content_type: content_type.into(), chunks: Chunks::Many(chunks.into()) }
    }

    /// The `content-type` it is sent with.
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// Its chunks, in the order they are sent.
    pub fn chunks(&self) -> &[Bytes] {
        match &self.chunks {
            Chunks::One(b) => std::slice::from_ref(b),
            Chunks::Many(chunks) => chunks,
        }
    }

    /// Its length in bytes (the `content-length` it is sent with).
    pub fn len(&self) -> u64 {
        self.chunks().iter().map(|c| c.len() as u64).sum()
    }

    /// Whether it has no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes as one buffer: shared for a one-chunk body, copied together otherwise.
    pub fn to_bytes(&self) -> Bytes {
        match &self.chunks {
            Chunks::One(b) => b.clone(),
            Chunks::Many(chunks) => chunks.concat().into(),
        }
    }
}

/// The same content type and the same bytes, however they are chunked.
impl PartialEq for Body {
    fn eq(&self, other: &Self) -> bool {
        self.content_type == other.content_type
            && self.len() == other.len()
            && self.chunks().iter().flat_map(|c| c.iter()).eq(other.chunks().iter().flat_map(|c| c.iter()))
    }
}

impl Eq for Body {}

/// The content type and length, never the content (a KV value or an upload may be a secret).
impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Body").field("content_type", &self.content_type).field("len", &self.len()).finish()
    }
}
