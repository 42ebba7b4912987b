//! The runtime of [flarekit]: the [`Endpoint`] trait that `#[endpoint]` implements, the
//! [`Client`] that sends endpoints, its [`Transport`] abstraction, [`Credentials`],
//! Cloudflare's response envelope and the typed [`Error`].
//!
//! Applications depend on `flarekit`, which re-exports this crate; this crate knows no
//! Cloudflare endpoint, and `flarekit` knows nothing of HTTP.
//!
//! The modules follow a request on its way:
//!
//! | module | what happens there |
//! | --- | --- |
//! | [`request`] | building it: the [`Endpoint`], path, query and body encoding, [`validate`] |
//! | [`client`] | the [`Client`], its [`ClientBuilder`], per-call [`RequestOptions`], the send loop |
//! | [`retry`] | whether a failed attempt is tried again, and after how long |
//! | [`transport`] | how one attempt travels: the [`Transport`] trait and [`HyperTransport`] |
//! | [`response`] | the envelope, other bodies ([`decode`]), and every [`Error`] |
//! | [`paginate`] | a list as a stream of pages or items |
//! | [`catalog`] | every declaration as data ([`EndpointInfo`]) |
//!
//! [flarekit]: https://docs.rs/flarekit
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod catalog;
pub mod client;
mod json_object;
mod open_enum;
pub mod paginate;
mod random;
pub mod request;
pub mod response;
pub mod retry;
mod runtime;
mod tagged_union;
pub mod transport;

#[doc(hidden)]
pub mod __private;

pub use catalog::{
    BodyKind, EndpointInfo, FieldInfo, Fields, Kind, Location, PageShape, PartKind, PathTemplate, ResponseKind,
};
pub use client::{
    env, Client, ClientBuilder, Credentials, RequestOptions, Secret, SendFuture, DEFAULT_BASE_URL,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT,
};
pub use json_object::JsonMembers;
pub use paginate::{Items, PageResult, PageWalk, Paginated, Pagination};
pub use request::{encode, validate, Endpoint, Nullable, RequestParts};
pub use response::{
    decode, decode_envelope, error_from_response, stream as streaming, ApiError, ApiMessage, ApiResponse,
    AttemptFailure, CfRay, ConfigError, DecodeError, Empty, EncodeError, Error, ErrorKind, MessageSource,
    PaginationError, ResultInfo, TransportError, TransportErrorKind,
};
#[cfg(feature = "native")]
pub use transport::HyperTransport;
#[cfg(all(feature = "worker", target_family = "wasm"))]
pub use transport::WorkerTransport;
pub use transport::{HttpRequest, HttpResponse, Method, Transport};
pub use validate::{Validate, ValidationError, Violation};

/// Reference-counted bytes: response bodies and [`Blob`](request::Blob) contents.
pub use bytes::Bytes;
