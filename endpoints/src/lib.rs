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

// Everything of the runtime: `Client`, `Error`, `Credentials`, `Nullable`, `RequestOptions`, the
// `decode`, `paginate`, `retry` and `catalog` modules… An application depends on this crate alone.
pub use flarekit_core::*;
pub use flarekit_macros::endpoint;

pub mod email_security;

/// Every endpoint declared with [`#[endpoint]`](endpoint) in the program, in no particular order.
///
/// The macro registers each declaration at link time, so this holds the endpoints of this
/// crate *and* those that downstream crates linked into the same binary declare with the same
/// attribute. Each entry says what the declaration says: method, path template, permissions,
/// summary and every field with its location and constraints.
///
/// ```
/// use flarekit::Location;
///
/// let list = flarekit::catalog()
///     .iter()
///     .find(|e| e.type_name == "ListSendingDomainRestrictions")
///     .expect("declared in this crate");
/// assert_eq!(list.method, "GET");
/// assert_eq!(list.path, "/accounts/<account_id>/email-security/settings/sending_domain_restrictions");
/// assert!(list.permissions.contains(&"Cloud Email Security: Read"));
/// assert_eq!(list.field("page").map(|f| f.location), Some(Location::Query));
///
/// // What the program can read, path by path.
/// let reads: std::collections::BTreeSet<&str> =
///     flarekit::catalog().iter().filter(|e| e.method == "GET").map(|e| e.path).collect();
/// assert!(reads.contains(list.path));
/// ```
pub fn catalog() -> &'static [&'static EndpointInfo] {
    &__private::CATALOG
}

#[doc(hidden)]
pub mod __private {
    pub use flarekit_core::__private::*;
}
