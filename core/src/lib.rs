//! The runtime of [flarekit]: the [`Endpoint`] trait that `#[endpoint]` implements, the
//! [`Client`] that sends endpoints, its [`Transport`] abstraction, [`Credentials`],
//! Cloudflare's response envelope and the typed [`Error`].
//!
//! Applications depend on `flarekit`, which re-exports this crate; this crate knows no
//! Cloudflare endpoint, and `flarekit` knows nothing of HTTP.
//!
//! [flarekit]: https://docs.rs/flarekit
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod catalog;
mod client;
mod credentials;
pub mod decode;
pub mod encode;
mod endpoint;
mod envelope;
mod error;
mod nullable;
pub mod paginate;
mod rate_limit;
mod reqwest_transport;
mod response;
pub mod retry;
mod secret;
pub mod transport;
pub mod validate;

#[doc(hidden)]
pub mod __private;

pub use catalog::{EndpointInfo, FieldInfo, Kind};
pub use client::{
    env, Client, ClientBuilder, RequestOptions, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_BYTES,
    DEFAULT_TIMEOUT,
};
pub use credentials::Credentials;
pub use endpoint::{Endpoint, Location, Method, RequestParts};
pub use envelope::{decode_envelope, error_from_response};
pub use error::{
    ApiError, ConfigError, DecodeError, EncodeError, Error, PaginationError, TransportError, TransportErrorKind,
};
pub use nullable::Nullable;
pub use paginate::{PageResult, Paginated, Pagination};
pub use reqwest_transport::ReqwestTransport;
pub use response::{ApiMessage, ApiResponse, MessageSource, ResultInfo};
pub use retry::AttemptFailure;
pub use secret::Secret;
pub use transport::{HttpRequest, HttpResponse, Transport};
pub use validate::{ValidationError, Violation};
