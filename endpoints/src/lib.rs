//! A typed client for Cloudflare's v4 API.
//!
//! Every operation is a plain params struct declared with [`#[endpoint]`](endpoint); the
//! attribute derives its path, query or JSON body, client-side validation, required token
//! permissions and typed response. One generic [`Client`] sends them all.
//!
//! ```no_run
//! use flarekit::email_security::settings::sending_domain_restrictions::CreateSendingDomainRestriction;
//!
//! # async fn demo() -> Result<(), flarekit::Error> {
//! let client = flarekit::Client::from_env()?;
//! let created = CreateSendingDomainRestriction {
//!     account_id: "023e105f4ecef8ad9ca31a8372d0c353".into(),
//!     domain: "example.com".into(),
//!     exclude: vec!["subdomain.example.com".into()],
//!     comments: None,
//! }
//! .send(&client)
//! .await?;
//! println!("created {}", created.id);
//! # Ok(()) }
//! ```
//!
//! Library authors declare endpoints this crate does not have yet in their own crate, with the
//! same attribute; see [`endpoint`].
#![deny(missing_docs)]
#![forbid(unsafe_code)]

// Lets `#[endpoint]`'s generated `::flarekit::…` paths resolve inside this crate too.
extern crate self as flarekit;

pub use flarekit_core::{
    catalog, encode, transport, validate, ApiError, ApiMessage, ApiResponse, Client, ClientBuilder, ConfigError,
    Credentials, DecodeError, EncodeError, Endpoint, EndpointInfo, Error, FieldInfo, Kind, Location, MessageSource,
    Method, Nullable, RequestParts, ResultInfo, Secret, TransportError, TransportErrorKind, ValidationError, Violation,
    DEFAULT_BASE_URL,
};
pub use flarekit_macros::endpoint;

pub mod email_security;

#[doc(hidden)]
pub mod __private {
    pub use flarekit_core::__private::*;
}
