//! Building a request: the [`Endpoint`] a declaration implements, the path, query and body
//! encodings its generated code calls, the [`Body`] kinds (JSON, raw [`Blob`]s and text,
//! multipart [`Form`]s), [`Nullable`] body fields, and [`validate`]: the rules checked before
//! a byte is sent.

pub(crate) mod body;
mod endpoint;
mod nullable;
mod path;
mod query;
pub mod validate;

pub use body::{Blob, Body, Form, Ndjson, PartValue, RawBody};
pub use endpoint::{Endpoint, RequestParts};
pub use nullable::Nullable;

/// Wire encoding of values: one path segment, query pairs, header values, the JSON body. What
/// `#[endpoint]`-generated code calls, and what a request built at run time (from the catalog)
/// uses to be encoded the same way.
pub mod encode {
    pub use super::body::{named_parts, raw_body, whole_body, BodyWriter};
    pub use super::path::{push_segment, push_segments, PathValue};
    pub use super::query::{push_header, push_query, push_query_joined, query_string};
}
