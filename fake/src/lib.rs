//! A local Cloudflare for tests: an in-memory, stateful fake of the Email Security settings
//! API (sending domain restrictions, allow policies, blocked senders, trusted domains,
//! domains, the impersonation registry, URL ignore patterns) on a real HTTP server on
//! 127.0.0.1.
//!
//! Applications add `flarekit-fake` as a dev-dependency and test their own code without
//! credentials:
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use flarekit::email_security::settings::sending_domain_restrictions::{
//!     CreateSendingDomainRestriction, ListSendingDomainRestrictions,
//! };
//!
//! let server = flarekit_fake::MockServer::start().await?;
//! let client = server.client(); // base URL of the fake, admin token
//! let account_id = flarekit::AccountId::from("023e105f4ecef8ad9ca31a8372d0c353");
//! let create = CreateSendingDomainRestriction::new(account_id.clone(), "example.com", vec![]);
//! client.send(create.comments("TLS only")).await?;
//! let all = client.send(ListSendingDomainRestrictions::new(account_id)).await?;
//! assert_eq!(all.len(), 1);
//! # Ok(()) }
//! ```
//!
//! What it does, as the real API documents it:
//!
//! * create (`POST`, 201), list (page numbers with `result_info`, `search`, `order`,
//!   `direction` and the families' filters), get, edit (`PATCH`, where JSON `null` clears a
//!   nullable field), replace (`PUT`, domains), delete and batch (`deletes`, `patches`, `puts`,
//!   `posts`, all or nothing). Ids are UUID v4; `created_at`, `modified_at` and
//!   `last_modified` are set by the server. State is kept per account id.
//! * Requests are routed and validated from the declarations in [`flarekit::catalog()`]:
//!   required fields, JSON types and every `#[validate(...)]` rule, plus the enumerations of
//!   the API. Errors come in Cloudflare's envelope (`success: false`, `errors` with `code`,
//!   `message` and `source.pointer`) with the statuses 400, 401, 403, 404, 405 and 409; the
//!   codes are in [`codes`].
//! * Authentication: `Authorization: Bearer <token>`, or `X-Auth-Key: <token>` with any
//!   `X-Auth-Email`. The admin token has every permission; [`MockServerBuilder::token`] adds
//!   tokens with fewer, so a test can see the 403 of a read-only token.
//!
//! Declared operations outside the settings API answer 501.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod api;
mod auth;
mod check;
mod clock;
mod envelope;
mod family;
mod route;
mod server;
mod store;

pub use envelope::codes;
pub use server::{MockServer, MockServerBuilder};
