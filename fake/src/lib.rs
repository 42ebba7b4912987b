//! A local Cloudflare for tests: an in-memory, stateful fake on a real HTTP server on
//! 127.0.0.1 of zones, their DNS records, cache purge, Workers KV, Workers scripts and routes,
//! token verification and the Email Security settings API (sending domain restrictions, allow
//! policies, blocked senders, trusted domains, domains, the impersonation registry, URL ignore
//! patterns).
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
//! * Zones: create (`name` and `account.id`; the zone is `pending`, with two name servers and a
//!   32-character hex id), list (filtered by `name`, `status`, `account.id`, `account.name`,
//!   `match`; sorted and paged), get, and delete (its DNS records go with it).
//! * DNS records of a zone: create, list, get, edit (`PATCH`: what it does not send stays),
//!   replace (`PUT`) and delete. Each record is checked as Cloudflare checks it: an A record's
//!   content is an IPv4 address (else code 9005), an AAAA record's an IPv6 address (9006), a
//!   CNAME's, NS's, PTR's or MX's a hostname (1004); an MX has a `priority`; `ttl` is 1 or 30 to
//!   86,400; only A, AAAA and CNAME records can be proxied. Names become fully qualified under
//!   the zone (`@` is the zone, `www` is `www.<zone>`). A CNAME shares its name with no other
//!   record (81053, 81054) and no record exists twice (81058). The list filters on `type`,
//!   `name`, `content` (each also `.exact`, `.contains`, `.startswith`, `.endswith`),
//!   `proxied`, `comment` (`.contains`, `.present`, `.absent`) and `search`, with `match=any`
//!   or `all`, sorted by `order` and `direction`, 100 a page unless asked. A batch applies its
//!   `deletes`, `patches`, `puts` and `posts` in that order, each checked as it would be alone
//!   against the records the changes before it left: all or none, a failure naming the change
//!   (`source.pointer` `/posts/1/content`) and changing nothing. Export writes the
//!   records as a BIND zone file; import reads one (a form with `file` and `proxied`), adds each
//!   record a create would take and answers how many it read and added.
//! * Cache purge of a zone: by `files` (URLs, or objects of `url` and `headers`), `tags`,
//!   `hosts`, `prefixes` (no scheme), or `purge_everything`: exactly one way per request, at
//!   most 100 items, as Cloudflare's plans allow.
//! * Workers KV: namespaces (create, list, get, rename, delete) and their values, kept as the
//!   bytes written (the raw body, or a form of `value` and `metadata`) and read back as them,
//!   with `expiration` / `expiration_ttl` (at least 60 seconds ahead) on the server's clock,
//!   which [`MockServer::advance_clock`] moves: an expired key is neither read nor listed. Keys
//!   list in order by `prefix`, `limit` and `cursor`; bulk writes (base64 values too) and
//!   deletes take up to 10,000 keys, all or none.
//! * Workers scripts: uploaded as a multipart form of a `metadata` part and the modules, each
//!   matched by part name or file name, in any order; refused when `main_module` (or
//!   `body_part`) names no part. Listed, downloaded (the entry module's bytes), replaced
//!   (keeping `created_on`) and deleted; a missing script is Cloudflare's 404, code 10007. A
//!   script's secrets: put by name (`name`, `text`, type `secret_text`; the same name replaces
//!   one), listed, read and deleted, answered with names and types only (no value is kept), and
//!   kept across uploads. Routes of a zone: created (the pattern within the
//!   zone, no pattern twice), listed, read, updated and deleted.
//! * `GET /user/tokens/verify` answers `active` for every configured token, with the token's
//!   id (never the token).
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
//! A client that stalls holds only its own connection: one that does not finish its headers
//! within the read timeout ([`MockServerBuilder::read_timeout`], 30 s unless set) is
//! disconnected, one that does not finish its body gets a 408.
//!
//! With [`MockServerBuilder::state`] (`flarekit fake --state FILE`) the data survives
//! restarts: written atomically after every change (a request is answered once the file holds
//! its change; the changes of concurrent requests share one write, made without holding up the
//! others), and a file that is not the fake's state stops the start instead of being replaced.
//!
//! Every other resource of the catalog with a collection (`POST`, `GET`) and items below it
//! (`GET`, `PUT`, `PATCH`, `DELETE`) is served generically: created with a server-made id (an
//! integer where the item path declares one) and timestamps under the names its type uses
//! (`created_on` / `modified_on` unless it says `created_at`, …), listed with exact-match
//! filters on its declared query parameters, edited, replaced and deleted, each body checked
//! against its declaration (D1 databases, Queues, …: whichever services flarekit is compiled
//! with), and answered as the operation's answer type reads it (a member of another kind or
//! one the type does not declare, such as a write-only secret, left out). Every other declared operation (an investigation, a setting, an action) has its
//! request checked the same way and answers a valid response built by flarekit-codegen from
//! its type: what the client decodes, with no data of the fake's own. No declared operation
//! answers 501.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod api;
mod auth;
mod base64;
mod cache;
mod check;
mod clock;
mod dns;
mod envelope;
mod family;
mod generic;
mod kv;
mod multipart;
mod route;
mod server;
mod state_file;
mod stateless;
mod store;
mod workers;
mod zones;

pub use envelope::codes;
pub use server::{MockServer, MockServerBuilder};
