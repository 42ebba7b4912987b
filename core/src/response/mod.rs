//! The response: Cloudflare's envelope, the decoders of other bodies, and what a call returns:
//! an [`ApiResponse`] or an [`Error`].

mod attempt;
mod cf_ray;
pub mod decode;
mod envelope;
mod error;
mod failure;
pub mod stream;

use serde::{Deserialize, Serialize};

#[cfg(feature = "native")]
pub(crate) use attempt::classify;
pub use attempt::AttemptFailure;
pub(crate) use attempt::AttemptsSuffix;
pub use cf_ray::CfRay;
pub use envelope::{decode_envelope, error_from_response};
pub use error::{Error, ErrorKind};
pub(crate) use failure::snippet;
pub use failure::{
    ApiError, ConfigError, DecodeError, EncodeError, PaginationError, TransportError, TransportErrorKind,
};

/// A successful call: the typed `result` and the rest of Cloudflare's envelope.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiResponse<T> {
    /// The typed `result`.
    pub result: T,
    /// Pagination data of list operations. Boxed: most responses have none, and a response is
    /// moved a few times on its way to the caller (inline, its 176 bytes would double the size
    /// of a typical `ApiResponse`).
    pub result_info: Option<Box<ResultInfo>>,
    /// Informational `messages`.
    pub messages: Vec<ApiMessage>,
    /// The HTTP status.
    pub status: u16,
    /// The `cf-ray` header, which identifies the request to Cloudflare support (a [`CfRay`]
    /// reads as a `&str`: `response.cf_ray.as_deref()`).
    pub cf_ray: Option<CfRay>,
}

impl<T> ApiResponse<T> {
    /// A response with just a result and a status (for decoders of non-envelope bodies).
    pub fn new(result: T, status: u16) -> Self {
        ApiResponse { result, result_info: None, messages: Vec::new(), status, cf_ray: None }
    }

    /// Maps the result, keeping the rest.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ApiResponse<U> {
        ApiResponse {
            result: f(self.result),
            result_info: self.result_info,
            messages: self.messages,
            status: self.status,
            cf_ray: self.cf_ray,
        }
    }
}

/// A `result` with nothing to say: `{}`, `null` or missing (a KV write, say). Whatever it
/// holds is ignored, so an answer that gains members later still decodes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Empty {}

impl<'de> Deserialize<'de> for Empty {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| Empty {})
    }
}

/// `result_info` of a list: page numbers and counts, or a cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResultInfo {
    /// The current page, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    /// Items per page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u64>,
    /// Items on this page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// Items in all pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<u64>,
    /// Number of pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_pages: Option<u64>,
    /// The cursor of the next page, for cursor-paginated lists (`next`; some APIs say `cursor`).
    #[serde(default, alias = "cursor", skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// The cursor of the previous page, for cursor-paginated lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// `cursors: {after, before}`, the form some lists (Rules lists' items) give their cursors in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursors: Option<Cursors>,
}

impl ResultInfo {
    /// The cursor of the next page: `next` (or `cursor`), else `cursors.after`.
    pub fn next_cursor(&self) -> Option<&str> {
        self.next.as_deref().or_else(|| self.cursors.as_ref()?.after.as_deref())
    }
}

/// `result_info.cursors` of a cursor list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cursors {
    /// The cursor of the page after this one; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// The cursor of the page before this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
}

/// An entry of Cloudflare's `errors` or `messages` arrays.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApiMessage {
    /// The Cloudflare error code (e.g. 10000 for an authentication error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<i64>,
    /// The human-readable message.
    #[serde(default)]
    pub message: String,
    /// A link to documentation about the error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation_url: Option<String>,
    /// What in the request the message is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<MessageSource>,
}

/// `source` of an [`ApiMessage`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageSource {
    /// A JSON pointer into the request body, e.g. `/domain`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}
