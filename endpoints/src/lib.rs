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
//! let account_id = flarekit::AccountId::from("023e105f4ecef8ad9ca31a8372d0c353");
//! let created = CreateSendingDomainRestriction::new(
//!     account_id,
//!     "example.com",
//!     vec!["subdomain.example.com".into()],
//! )
//! .comments("TLS only")
//! .send(&client)
//! .await?;
//! println!("created {:?}", created.id);
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
/// Declares a Cloudflare API endpoint on a params struct.
///
/// ```
/// use flarekit::endpoint;
/// # #[derive(serde::Deserialize)] pub struct SendingDomainRestriction {}
///
/// /// Create a sending domain restriction.
/// #[endpoint(POST, "/accounts/<account_id>/email-security/settings/sending_domain_restrictions",
///            perm = "Cloud Email Security: Write", response = SendingDomainRestriction)]
/// pub struct CreateSendingDomainRestriction {
///     #[validate(max_length = 32)]
///     pub account_id: String,
///     pub domain: String,
///     pub exclude: Vec<String>,
///     #[validate(max_length = 1024)]
///     pub comments: Option<String>,
/// }
/// ```
///
/// The struct stays as written (with its docs, derives and other attributes; the macro's own
/// `#[validate]` and `#[param]` field attributes are removed; `#[non_exhaustive]` is added) and
/// gains:
///
/// - an implementation of `flarekit::Endpoint`: the method, path template, permissions, a
///   catalog entry (`Endpoint::INFO`) with every field, its location and constraints,
///   `validate()` (every rule, all violations at once), `to_request()` (validates, then builds
///   the percent-encoded path, query pairs, headers and JSON body) and `decode()` (the
///   Cloudflare envelope into `response`);
/// - an inherent `async fn send(self, client: &Client) -> Result<Response, Error>`, the same as
///   `client.send(self)`. (So the struct must not define a `send` method of its own.)
/// - `new` with the required fields and a chainable setter per optional field (see "Building a
///   request" below), and `#[non_exhaustive]`, so that callers in other crates build it that way.
///
/// ```no_run
/// # use flarekit::endpoint;
/// # #[derive(serde::Deserialize)] pub struct SendingDomainRestriction {}
/// # #[endpoint(POST, "/accounts/<account_id>/email-security/settings/sending_domain_restrictions",
/// #            perm = "Cloud Email Security: Write", response = SendingDomainRestriction)]
/// # pub struct CreateSendingDomainRestriction {
/// #     #[validate(max_length = 32)]
/// #     pub account_id: String,
/// #     pub domain: String,
/// #     pub exclude: Vec<String>,
/// #     #[validate(max_length = 1024)]
/// #     pub comments: Option<String>,
/// # }
/// # #[tokio::main]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let client = flarekit::Client::from_env()?;
/// let created: SendingDomainRestriction =
///     CreateSendingDomainRestriction::new("023e105f4ecef8ad9ca31a8372d0c353".into(), "example.com", vec![])
///         .send(&client)
///         .await?;
/// # Ok(())
/// # }
/// ```
///
/// # Arguments
///
/// `#[endpoint(METHOD, "template", perm = ..., response = Type, min_properties = N, paginate = page,
/// decode_with = path, retry_safe)]`
///
/// | argument | required | meaning |
/// | --- | --- | --- |
/// | `METHOD` | yes, first | `GET`, `POST`, `PUT`, `PATCH` or `DELETE` |
/// | `"template"` | yes, second | the path below the API base, starting with `/`; `<name>` is the value of the field `name` |
/// | `perm = "..."`, `perm = ["...", "..."]` or `perm = CONST` | yes | the API token permission(s) that allow the call; any one suffices. `CONST` names a `&'static [&'static str]` such as `flarekit::perm::UNLISTED` (an empty list, for an operation whose permissions no document lists) |
/// | `response = Type` | yes | the type of the envelope's `result`; `()` when the call returns nothing useful |
/// | `min_properties = N` | no | the JSON body must have at least `N` members present (for PATCH-like calls where every field is optional) |
/// | `paginate = page`, `paginate = cursor` or `paginate = offset`, optionally `paginate = cursor(field)` | no | a GET list: implements `flarekit::Paginated`, for `client.paginate(..)` / `client.pages(..)` (see below) |
/// | `decode_with = path::to::function` | no | decode 2xx responses with this function instead of the envelope decoder (see below) |
/// | `retry_safe` | no | a POST or PATCH that is safe to repeat: `Endpoint::INFO.retry_safe` is `true`, so the client retries it like a GET |
/// | `body = multipart` | no | the body fields are the parts of a `multipart/form-data` form (see "Bodies that are not JSON") |
/// | `check = path::to::function` | no | a check of the whole request after the field rules, `fn(&Self, &mut Validator)` |
/// | `stream` | no | the response is read as it arrives: `response` is a [`ByteStream`](streaming::ByteStream), [`NdjsonStream<T>`](streaming::NdjsonStream) or [`EventStream`](streaming::EventStream) (any [`FromStream`](streaming::FromStream)); retried only until its head arrives, never buffered whole |
/// | `unregistered` | no | no link-time registration in [`catalog()`]: for a crate that lists its endpoints itself, as flarekit's generated modules do (a registration costs the compiler more than a line in a list) |
///
/// Every other endpoint is registered in [`catalog()`], with the same data as
/// `Endpoint::INFO`.
///
/// ## Pagination: `paginate = page | cursor | offset`
///
/// `paginate = page` needs a query field whose wire name is `page`, of type `Option<u32>`;
/// `paginate = cursor` needs a query field `cursor: Option<String>` (the next cursor is read
/// from `result_info.next`, `.cursor` or `.cursors.after`); `paginate = offset` needs
/// `offset: Option<u32>`, moved on by the items each page held. The stream sets that field
/// to ask for each next page, so the struct must be `Clone` (a missing `#[derive(Clone)]` is a
/// compile error at the struct). A list whose query field has another name says which:
/// `paginate = cursor(continuation_token)`. Only GET endpoints page.
///
/// The response type implements [`PageResult`]: `Vec<T>` when `result`
/// is the list, `flarekit::Items<T>` when the items are in `result.items`, or a type of its own
/// whose [`SHAPE`](paginate::PageResult::SHAPE) names the members holding the items and,
/// for lists that carry it in `result` (Images v2's `continuation_token`), the next cursor. The
/// shape is recorded in the catalog, so tools walk such lists without the type. Every walk ends
/// (at an empty page, the total, or no next cursor), and a server that repeats a page or a
/// cursor is an error.
///
/// ```no_run
/// use flarekit::endpoint;
/// use futures_util::TryStreamExt;
///
/// /// List things.
/// #[endpoint(GET, "/accounts/<account_id>/things", perm = "Things Read", response = Vec<u32>,
///            paginate = page)]
/// #[derive(Clone)]
/// pub struct ListThings {
///     pub account_id: String,
///     pub page: Option<u32>,
///     pub per_page: Option<u32>,
/// }
///
/// # async fn demo(client: flarekit::Client) -> Result<(), flarekit::Error> {
/// let list = ListThings { account_id: "acc".into(), page: None, per_page: Some(100) };
/// // Every item of every page; one page in memory at a time.
/// let all: Vec<u32> = client.paginate(list).try_collect().await?;
/// # Ok(()) }
/// ```
///
/// ## Responses that are not an envelope: `decode_with`
///
/// The function has the signature
/// `fn(&flarekit::transport::HttpResponse) -> Result<flarekit::ApiResponse<Response>, flarekit::Error>`
/// and is called for every 2xx response. `flarekit::decode` has the usual ones:
/// `envelope_or_no_content` (`response = Option<T>`: 204 or an empty body is `None`),
/// `ready_or_pending` (`response = Polled<T>`: 202 + `Location` is `Pending`) and `raw_body`
/// (`response = Vec<u8>`).
///
/// ```
/// use flarekit::{endpoint, Endpoint};
/// use flarekit::transport::HttpResponse;
///
/// /// Verify a domain; answers 204 No Content.
/// #[endpoint(POST, "/accounts/<account_id>/domains/verify", perm = "Domains Write",
///            response = Option<serde_json::Value>, decode_with = flarekit::decode::envelope_or_no_content,
///            retry_safe)]
/// pub struct VerifyDomains {
///     pub account_id: String,
/// }
///
/// let no_content = HttpResponse::new(204, flarekit::Bytes::new());
/// assert_eq!(VerifyDomains::decode(&no_content)?.result, None);
/// assert!(VerifyDomains::INFO.retry_safe);
/// # Ok::<(), flarekit::Error>(())
/// ```
///
/// ## The path template and its placeholders
///
/// Each `<name>` names a field, which becomes a *path field*: its value (anything that
/// implements `Display`) is percent-encoded as exactly one segment, so `/`, `?`, `#` or `..`
/// in a value can never change the route; an empty value, `.` and `..` fail validation. A path
/// field must always have a value: `Option` and `Nullable` are not allowed there. A placeholder
/// may appear once.
///
/// ```
/// use flarekit::endpoint;
/// use flarekit::Endpoint;
///
/// /// Delete a blocked sender.
/// #[endpoint(DELETE, "/accounts/<account_id>/email-security/settings/block_senders/<pattern_id>",
///            perm = "Cloud Email Security: Write", response = ())]
/// pub struct DeleteBlockedSender {
///     pub account_id: String,
///     pub pattern_id: u64,
/// }
///
/// let req = DeleteBlockedSender { account_id: "a/b".into(), pattern_id: 7 }.to_request()?;
/// assert_eq!(req.path, "/accounts/a%2Fb/email-security/settings/block_senders/7");
/// assert_eq!(req.body, None);
/// # Ok::<(), flarekit::Error>(())
/// ```
///
/// ## Permissions and response
///
/// `perm` is required so that every endpoint documents what a least-privilege token needs
/// (`Endpoint::INFO.permissions`). `response` is the type the `result` member of the Cloudflare
/// envelope is deserialized into; the envelope itself (`success`, `errors`, `messages`,
/// `result_info`) is handled by the client.
///
/// ```
/// use flarekit::endpoint;
/// use flarekit::Endpoint;
///
/// #[derive(Debug, serde::Deserialize)]
/// pub struct Zone {
///     pub id: String,
///     pub name: String,
/// }
///
/// /// Zone details.
/// #[endpoint(GET, "/zones/<zone_id>", perm = ["Zone Read", "Zone Write"], response = Zone)]
/// pub struct GetZone {
///     pub zone_id: String,
/// }
///
/// assert_eq!(GetZone::INFO.permissions, ["Zone Read", "Zone Write"]);
/// assert_eq!(GetZone::INFO.summary, "Zone details.");
/// ```
///
/// # Accounts and zones: one declaration per scope
///
/// Some resources live under both `/accounts/<account_id>/…` and `/zones/<zone_id>/…`
/// (rulesets, Logpush jobs, Access applications). Cloudflare's SDKs give them one method that
/// takes `account_id` *or* `zone_id`; flarekit declares each scope on its own (a type for the
/// account's jobs, one for the zone's), because:
///
/// - with one declaration, "exactly one of the two ids" is a rule checked at run time; with
///   two, a call with both or neither cannot be written;
/// - a declaration is one path: the path template, the catalog, `least_privilege`, the command
///   line and the fake render and match it without alternatives, and an API token is granted
///   on accounts or on zones, so each call says which one it needs;
/// - the 2024 document describes the two as separate operations, which sometimes differ in
///   fields or answers; two declarations follow each exactly.
///
/// Code that works on either scope takes both types through a small trait of its own.
///
/// # Building a request: `new` and setters
///
/// The attribute also derives `new`, taking the required fields (those that are neither
/// `Option` nor `Nullable`) in declaration order, and one chainable setter per optional field,
/// named like the field (a `String` is taken as `&str`, any other type by value; a `Nullable` field
/// also gets `clear_<field>()`, which sends `null`). That is the documented way to build a
/// request: when Cloudflare adds an optional field and the declaration gains it, every caller
/// written this way still compiles, and a deprecated field warns only the callers that set it.
///
/// ```
/// use flarekit::{endpoint, Endpoint, Nullable};
///
/// /// Edit a thing.
/// #[endpoint(PATCH, "/accounts/<account_id>/things/<thing_id>", perm = "Things Write",
///            response = serde_json::Value)]
/// pub struct EditThing {
///     pub account_id: String,
///     pub thing_id: String,
///     pub name: Option<String>,
///     pub comment: Nullable<String>,
/// }
///
/// let edit = EditThing::new("acc", "t1").name("new name").clear_comment();
/// assert_eq!(edit.name.as_deref(), Some("new name"));
/// assert_eq!(edit.comment, Nullable::Null);
/// assert_eq!(edit.to_request()?.body.map(|b| b.to_bytes()).as_deref(), Some(&br#"{"name":"new name","comment":null}"#[..]));
/// # Ok::<(), flarekit::Error>(())
/// ```
///
/// # Where fields go
///
/// - a field named by a placeholder: the path;
/// - any other field: the query string for `GET` and `DELETE`, a member of the JSON body for
///   `POST`, `PUT` and `PATCH`;
/// - `#[param(query)]`, `#[param(body)]` or `#[param(header = "X-Header-Name")]` overrides the
///   default (not allowed on path fields);
/// - the wire name is the field name (without `r#`), or `#[param(rename = "wire_name")]`;
///   a header field goes by its header name. `rename` combines with a placement:
///   `#[param(query, rename = "type")]`;
/// - `#[param(whole_body)]` makes the field's value the entire JSON body, for operations whose
///   body is not an object (Cloudflare's bulk releases take a bare array). It stands alone: no
///   other body field, no `rename`; `None` sends no body.
/// - an `Option` body member is left out when `None`; `#[param(required)]` makes it a member
///   the body always has, `None` sent as `null`, and `new` takes it: for members a document
///   requires but lets be `null` (an AI Gateway's `cache_ttl`).
///
/// ```
/// use flarekit::{endpoint, Endpoint};
///
/// /// Release quarantined messages.
/// #[endpoint(POST, "/accounts/<account_id>/email-security/investigate/release",
///            perm = "Cloud Email Security: Write", response = Vec<serde_json::Value>)]
/// pub struct ReleaseMessages {
///     pub account_id: String,
///     #[param(whole_body)]
///     #[validate(min_items = 1)]
///     pub ids: Vec<String>,
/// }
///
/// let req = ReleaseMessages { account_id: "acc".into(), ids: vec!["4Njp3P0STMz2c02Q".into()] };
/// let body = req.to_request().unwrap().body.unwrap();
/// assert_eq!((body.content_type(), body.to_bytes()), ("application/json", r#"["4Njp3P0STMz2c02Q"]"#.into()));
/// ```
///
/// ## Bodies that are not JSON: `raw_body` and `body = multipart`
///
/// - `#[param(raw_body)]` sends the field's value as the entire body, as it is: a
///   [`Blob`](request::Blob) (bytes; `application/octet-stream`), a `String` (`text/plain`) or
///   [`Ndjson`](request::Ndjson) lines. `#[param(raw_body, content_type = "application/javascript")]`
///   declares the content type; a blob's own ([`Blob::with_content_type`](request::Blob::with_content_type))
///   wins over it. Like `whole_body` it stands alone.
/// - `body = multipart` on the endpoint sends the body fields as the parts of a
///   `multipart/form-data` form, in declaration order, each named by its wire name: a `Blob` is
///   a part with its file name and content type, strings, numbers and booleans a text part,
///   `Option` nothing when absent, `Vec` a part per item. `#[param(json)]` sends the field as one
///   JSON part (`Content-Type: application/json`); `#[param(parts)]` on a `Vec<Blob>` sends a
///   part per blob, each named by its file name (a Worker's modules).
/// - `check = path::to::function` adds a check of the whole request to the field rules: a
///   `fn(&Self, &mut flarekit::validate::Validator)` that records what is wrong with
///   [`Validator::check`](validate::Validator::check) — that a Worker's `main_module` names one
///   of its modules, say. It runs before anything is sent, like every rule.
///
/// Every body is built once per call: a retry resends exactly the same bytes, a form's large
/// parts are sent from the blobs' own buffers, and a [`Blob::read`](request::Blob::read) file
/// is read into memory once.
///
/// ```
/// use flarekit::request::Blob;
/// use flarekit::{endpoint, Empty, Endpoint};
///
/// /// Upload an image with a caption.
/// #[endpoint(POST, "/accounts/<account_id>/images", perm = "Images Write", response = Empty,
///            body = multipart)]
/// pub struct UploadImage {
///     pub account_id: String,
///     pub file: Blob,
///     pub caption: Option<String>,
/// }
///
/// let png = Blob::from(&b"\x89PNG..."[..]).with_filename("cat.png").with_content_type("image/png");
/// let body = UploadImage { account_id: "acc".into(), file: png, caption: None }.to_request()?.body.unwrap();
/// assert!(body.content_type().starts_with("multipart/form-data; boundary="));
/// assert!(String::from_utf8_lossy(&body.to_bytes()).contains("name=\"file\"; filename=\"cat.png\""));
/// # Ok::<(), flarekit::Error>(())
/// ```
///
/// A query field may be a scalar (string, number, bool, unit enum serialized as a string) or a
/// list of them (one `name=value` pair per item, or one comma-joined pair with
/// `#[param(explode = false)]`, OpenAPI's `explode: false`); `None` leaves it out. Names with
/// dots or brackets (`name.contains`, `filter[type]`) are written with `rename`. Values go through
/// `serde::Serialize`, so an enum with `#[serde(rename_all = "snake_case")]` is sent by its
/// serialized name.
///
/// ```
/// use flarekit::endpoint;
/// use flarekit::Endpoint;
///
/// #[derive(serde::Serialize, flarekit::Validate)]
/// #[serde(rename_all = "snake_case")]
/// pub enum Direction {
///     Asc,
///     Desc,
/// }
///
/// /// List allowed patterns.
/// #[endpoint(GET, "/accounts/<account_id>/email-security/settings/allow_policies",
///            perm = "Cloud Email Security: Read", response = Vec<serde_json::Value>)]
/// pub struct ListAllowPolicies {
///     pub account_id: String,
///     #[validate(minimum = 1)]
///     pub page: Option<u32>,
///     pub direction: Option<Direction>,
///     #[param(rename = "type")]
///     pub kind: Option<String>,
///     #[param(header = "X-Request-Tag")]
///     pub tag: Option<String>,
/// }
///
/// let req = ListAllowPolicies {
///     account_id: "acc".into(),
///     page: Some(2),
///     direction: Some(Direction::Desc),
///     kind: None,
///     tag: Some("nightly".into()),
/// }
/// .to_request()?;
/// assert_eq!(req.query, [("page", "2".to_string()), ("direction", "desc".to_string())]);
/// assert_eq!(req.headers, [("X-Request-Tag", "nightly".to_string())]);
/// # Ok::<(), flarekit::Error>(())
/// ```
///
/// # Optional fields and `Nullable`
///
/// Whether a field may be absent is read from its type as written:
///
/// - `T`: always sent;
/// - `Option<T>`: left out when `None`;
/// - `Nullable<T>` (`flarekit::Nullable`): left out when `Nullable::Omit` (the default), sent
///   as JSON `null` when `Nullable::Null`, sent as the value when `Nullable::Set(v)`. That is
///   how a PATCH clears a value on the server while leaving the other fields alone.
///
/// ```
/// use flarekit::{endpoint, Endpoint, Nullable};
///
/// /// Update a sending domain restriction.
/// #[endpoint(PATCH, "/accounts/<account_id>/email-security/settings/sending_domain_restrictions/<id>",
///            perm = "Cloud Email Security: Write", response = serde_json::Value, min_properties = 1)]
/// pub struct UpdateSendingDomainRestriction {
///     pub account_id: String,
///     pub id: u64,
///     pub domain: Option<String>,
///     #[validate(max_length = 1024)]
///     pub comments: Nullable<String>,
/// }
///
/// let clear = UpdateSendingDomainRestriction {
///     account_id: "acc".into(),
///     id: 3,
///     domain: None,
///     comments: Nullable::Null,
/// };
/// assert_eq!(clear.to_request()?.body.map(|b| b.to_bytes()).as_deref(), Some(&br#"{"comments":null}"#[..]));
///
/// // `min_properties = 1`: an update that changes nothing is rejected before it is sent.
/// let nothing = UpdateSendingDomainRestriction { comments: Nullable::Omit, ..clear };
/// assert!(nothing.validate().is_err());
/// # Ok::<(), flarekit::Error>(())
/// ```
///
/// # Validation: `#[validate(...)]`
///
/// Rules are checked by `validate()`, which `to_request()` (and so `send`) calls first; every
/// violation of a request is reported together, and a value that is absent (`None`,
/// `Nullable::Omit` or `Nullable::Null`) passes every rule. Each rule is checked against the
/// field's type at compile time where the type is recognizable (a string rule on a `u32` is a
/// compile error); for other types (your own newtypes) the runtime traits `StrValue`,
/// `NumberValue` and `ListValue` decide.
///
/// | rule | applies to | meaning |
/// | --- | --- | --- |
/// | `max_length = N` | strings | at most `N` characters |
/// | `min_length = N` | strings | at least `N` characters |
/// | `pattern = "regex"` | strings | contains a match (the expression is checked at compile time) |
/// | `format = "uuid"` / `"date-time"` / `"date"` / `"email"` | strings | has that format |
/// | `minimum = x` / `maximum = x` | numbers | `>= x` / `<= x` (integer or float literal, may be negative) |
/// | `exclusive_minimum = x` / `exclusive_maximum = x` | numbers | `> x` / `< x` |
/// | `min_items = N` / `max_items = N` | lists | at least / at most `N` items |
/// | `unique_items` | lists | no two items equal |
///
/// ```
/// use flarekit::{endpoint, Endpoint};
///
/// /// Create a blocked sender.
/// #[endpoint(POST, "/accounts/<account_id>/email-security/settings/block_senders",
///            perm = "Cloud Email Security: Write", response = serde_json::Value)]
/// pub struct CreateBlockedSender {
///     #[validate(max_length = 32)]
///     pub account_id: String,
///     #[validate(min_length = 1, max_length = 1024, pattern = "^[^\\s]+$")]
///     pub pattern: String,
///     #[validate(format = "uuid")]
///     pub rule_id: Option<String>,
///     #[validate(minimum = 0, exclusive_maximum = 100.5)]
///     pub weight: f64,
///     #[validate(min_items = 1, max_items = 10, unique_items)]
///     pub tags: Vec<String>,
/// }
///
/// let err = CreateBlockedSender {
///     account_id: "x".repeat(40),
///     pattern: "has space".into(),
///     rule_id: Some("not-a-uuid".into()),
///     weight: 100.5,
///     tags: vec!["a".into(), "a".into()],
/// }
/// .validate()
/// .unwrap_err();
/// let rules: Vec<_> = err.violations().iter().map(|v| (v.field.as_ref(), v.rule.name())).collect();
/// assert_eq!(
///     rules,
///     [
///         ("account_id", "max_length"),
///         ("pattern", "pattern"),
///         ("rule_id", "format"),
///         ("weight", "exclusive_maximum"),
///         ("tags", "unique_items"),
///     ]
/// );
/// ```
///
/// ## Nested values: `#[derive(Validate)]`
///
/// A field that is not a plain string, number or boolean (an enum, an object, a list of them)
/// must implement [`Validate`]: its own rules are checked too, each violation named by its
/// path, and an enum's wire values become the field's allowed values in the catalog (offered by
/// the command line, enforced by the fake). Derive it:
///
/// ```
/// use flarekit::{endpoint, Endpoint, Validate};
///
/// #[derive(serde::Serialize, Validate)]
/// #[serde(rename_all = "UPPERCASE")]
/// pub enum Kind {
///     Email,
///     Domain,
/// }
///
/// #[derive(serde::Serialize, Validate)]
/// pub struct NewPolicy {
///     #[validate(min_length = 1, max_length = 8)]
///     pub pattern: String,
///     pub kind: Kind,
/// }
///
/// /// Create policies in one batch.
/// #[endpoint(POST, "/accounts/<account_id>/policies/batch", perm = "Policies Write",
///            response = serde_json::Value)]
/// pub struct BatchPolicies {
///     pub account_id: String,
///     #[validate(max_items = 1000)]
///     pub posts: Vec<NewPolicy>,
/// }
///
/// let batch = BatchPolicies::new("acc", vec![
///     NewPolicy { pattern: "ok".into(), kind: Kind::Email },
///     NewPolicy { pattern: "far too long".into(), kind: Kind::Domain },
/// ]);
/// let err = batch.validate().unwrap_err();
/// assert_eq!(err.violations()[0].field, "posts[1].pattern");
/// assert_eq!(BatchPolicies::INFO.field("posts").map(|f| f.kind), Some(flarekit::Kind::List));
/// assert_eq!(<Kind as Validate>::VALUES, ["EMAIL", "DOMAIN"]);
/// ```
///
/// ## One set of members or another: `#[validate(requires_any(...))]`
///
/// Some bodies are a union of objects told apart only by the members each requires: a member
/// is invited with `roles` or with `policies`; a vector index is sized by `dimensions` and
/// `metric` together, or by a `preset`. One type holds every member as an optional field, and
/// `#[validate(requires_any(...))]` on the struct asks that at least one set be given whole:
/// a field alone, or a group in parentheses. It goes on an `#[endpoint]` struct (naming body
/// members; a violation is named `body`) and on a `#[derive(Validate)]` struct (a violation is
/// named by the value's path). The catalog carries the sets (`EndpointInfo::requires_any`), so
/// the command line and the fake ask the same; the generator writes the attribute from the
/// document's `oneOf` / `anyOf`.
///
/// ```
/// use flarekit::{endpoint, Endpoint, Validate};
///
/// #[derive(Default, serde::Serialize, Validate)]
/// #[validate(requires_any((dimensions, metric), preset))]
/// pub struct IndexConfig {
///     #[serde(skip_serializing_if = "Option::is_none")]
///     pub dimensions: Option<u32>,
///     #[serde(skip_serializing_if = "Option::is_none")]
///     pub metric: Option<String>,
///     #[serde(skip_serializing_if = "Option::is_none")]
///     pub preset: Option<String>,
/// }
///
/// /// Invite a member.
/// #[endpoint(POST, "/accounts/<account_id>/members", perm = "Account Settings Write",
///            response = serde_json::Value)]
/// #[validate(requires_any(roles, policies))]
/// pub struct CreateMember {
///     pub account_id: String,
///     pub email: String,
///     pub roles: Option<Vec<String>>,
///     pub policies: Option<Vec<serde_json::Value>>,
/// }
///
/// let err = CreateMember::new("acc", "user@example.com").validate().unwrap_err();
/// assert_eq!(err.to_string(), "invalid request (1 violation): `body` (requires_any): must give `roles`, or `policies`");
/// assert!(CreateMember::new("acc", "user@example.com").roles(vec![]).validate().is_ok());
/// assert_eq!(CreateMember::INFO.requires_any, [&["roles"][..], &["policies"][..]]);
///
/// let mut v = flarekit::validate::Validator::new();
/// IndexConfig { dimensions: Some(768), ..IndexConfig::default() }.validate(&mut v);
/// assert_eq!(v.finish().unwrap_err().violations()[0].requirement().to_string(),
///            "must give `dimensions` and `metric`, or `preset`");
/// ```
///
/// # Mistakes are compile errors
///
/// Every problem of a declaration is reported in one compile, each at the token to change: a
/// placeholder without a field, an unsupported method, an unknown key or rule, a rule that does
/// not fit the field's type, an invalid `pattern`, a missing `perm` or `response`, an
/// `Option` path field, a generic or tuple struct, `paginate` without its `page` / `cursor`
/// query field or on a method other than GET, `retry_safe` on a method other than POST or
/// PATCH.
///
/// ```compile_fail
/// use flarekit::endpoint;
///
/// #[endpoint(GET, "/zones/<zone_id>", perm = "Zone Read", response = ())]
/// pub struct GetZone {
///     #[validate(max_length = 32)]
///     pub id: u32, // `max_length` applies to strings; and there is no field `zone_id`
/// }
/// ```
///
/// # Deprecation
///
/// `#[deprecated]` on the struct or on a field is kept (users get the usual warning) and
/// recorded in `Endpoint::INFO`; the generated code itself does not warn.
pub use flarekit_macros::endpoint;
/// Derives serde's `Serialize` and `Deserialize` for a struct that is a JSON object on the wire,
/// with a fraction of the code serde's derive writes: the generated types use it, and so can
/// yours.
///
/// serde's derive serves every data format, which costs a field enum with a visitor of its own,
/// a sequence form beside the map form, and bookkeeping per field: serde's `Deserialize` was 16k
/// of the 37k lines the `dns` service expanded to. This derive writes one loop over the object's
/// members, and reads serde's own field attributes, so the source still reads as serde code:
///
/// - `#[serde(rename = "…")]`: the member's name on the wire (else the field's, `r#` removed);
/// - `#[serde(default)]`: a missing member is `Default::default()`;
/// - `#[serde(skip_serializing_if = "path")]`: not written when `path(&value)` is true.
///
/// As with serde, a missing member is an error unless it has `default` or its type is written
/// `Option<…>` (then it is `None`), and members the struct does not declare are skipped. Unlike
/// serde's derive, a struct is read only from an object (not from an array of its values), a
/// member given twice keeps its last value, and it is written as a map of unknown length, which
/// JSON, and any format that takes one, is happy with. Anything else (generic parameters,
/// container attributes, `flatten`, `with`, …) is a compile error: derive serde's traits there.
///
/// It also implements [`JsonMembers`], which writes the members into a map someone else opened:
/// how a [`tagged_union!`] writes its tag and the variant's members as one object.
///
/// ```
/// #[derive(Debug, PartialEq, flarekit::JsonObject)]
/// pub struct Record {
///     pub name: String,
///     #[serde(rename = "type")]
///     pub kind: String,
///     #[serde(default, skip_serializing_if = "Option::is_none")]
///     pub ttl: Option<u32>,
/// }
///
/// let record: Record = serde_json::from_str(r#"{"type":"A","name":"www","proxied":true}"#).unwrap();
/// assert_eq!(record, Record { name: "www".into(), kind: "A".into(), ttl: None });
/// assert_eq!(serde_json::to_string(&record).unwrap(), r#"{"name":"www","type":"A"}"#);
/// let missing = serde_json::from_str::<Record>(r#"{"type":"A"}"#).unwrap_err();
/// assert!(missing.to_string().starts_with("missing field `name`"));
/// ```
pub use flarekit_macros::JsonObject;
/// Derives [`Validate`](trait@Validate) for the objects and enumerations nested in request
/// bodies, so that [`#[endpoint]`](endpoint) checks them as deeply as its own fields.
///
/// **Structs with named fields** take the same `#[validate(...)]` rules as endpoint fields (see
/// [`endpoint`]), with the same compile-time checks. Every field that is not a plain string,
/// number or boolean (or a list of them) is checked recursively, so its type must implement
/// `Validate` too: derive it, or write an empty `impl flarekit::Validate for …`. Violations are
/// named by their path below the endpoint field, with serde's names: `posts[1].pattern`.
/// The derive reads `#[serde(rename)]`, `rename_all` on the struct, `flatten`, `transparent`
/// and `skip`; a newtype struct is checked as its field (its rules, if any, are named by the
/// path of the newtype itself).
///
/// **Enums of unit variants** list what a request may send in [`Validate::VALUES`], the wire
/// names in declaration order (serde's `rename` or the enum's `rename_all`, else the variant
/// name). A `#[serde(untagged)]` fallback such as `Unknown(String)`, which keeps values this
/// crate does not know yet, is allowed and not listed. `#[validate(read_only)]` marks a value
/// only responses carry: a request that sends it fails with the rule `one_of`. Enums whose
/// variants carry data (or `#[serde(tag)]` / `#[serde(untagged)]` enums) have nothing to
/// enumerate and check nothing.
///
/// ```
/// use flarekit::{endpoint, Endpoint, Nullable, Validate};
///
/// #[derive(serde::Serialize, serde::Deserialize, Validate)]
/// #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
/// pub enum PatternType {
///     Email,
///     Domain,
///     #[serde(rename = "IP")]
///     Ip,
///     /// Cloudflare's own: "you cannot use this when creating or updating".
///     #[validate(read_only)]
///     Unknown,
///     /// A value this version does not know yet.
///     #[serde(untagged)]
///     Other(String),
/// }
///
/// #[derive(serde::Serialize, Validate)]
/// pub struct NewPolicy {
///     #[validate(min_length = 1, max_length = 1024)]
///     pub pattern: String,
///     pub pattern_type: PatternType,
///     #[validate(max_length = 1024)]
///     #[serde(default, skip_serializing_if = "Nullable::is_omitted")]
///     pub comments: Nullable<String>,
/// }
///
/// /// Create allow policies in one call.
/// #[endpoint(POST, "/accounts/<account_id>/email-security/settings/allow_policies/batch",
///            perm = "Cloud Email Security: Write", response = serde_json::Value)]
/// pub struct BatchAllowPolicies {
///     pub account_id: String,
///     pub posts: Vec<NewPolicy>,
/// }
///
/// assert_eq!(PatternType::VALUES, ["EMAIL", "DOMAIN", "IP"]);
///
/// let policy = |pattern: &str, pattern_type| NewPolicy {
///     pattern: pattern.into(),
///     pattern_type,
///     comments: Nullable::Omit,
/// };
/// let batch = BatchAllowPolicies {
///     account_id: "acc".into(),
///     posts: vec![
///         policy("example.com", PatternType::Domain),
///         policy(&"x".repeat(1025), PatternType::Unknown),
///         policy("198.51.100.7", PatternType::Other("CIDR".into())),
///     ],
/// };
/// let err = batch.validate().unwrap_err();
/// let found: Vec<_> = err.violations().iter().map(|v| (v.field.as_ref(), v.rule.name())).collect();
/// assert_eq!(found, [("posts[1].pattern", "max_length"), ("posts[1].pattern_type", "one_of")]);
/// ```
///
/// Mistakes are compile errors, all reported at once: a rule that does not fit the field's
/// type, an invalid `pattern`, `#[validate]` on an enum variant other than `read_only`, type
/// parameters, and a `Nullable` field without
/// `#[serde(default, skip_serializing_if = "Nullable::is_omitted")]` (without it,
/// `Nullable::Omit` would be sent as `null` and clear the value on the server).
///
/// ```compile_fail
/// #[derive(serde::Serialize, flarekit::Validate)]
/// pub struct UpdatePolicy {
///     pub comments: flarekit::Nullable<String>, // sent as `null` when omitted
/// }
/// ```
pub use flarekit_macros::Validate;

#[cfg(feature = "graphql")]
pub mod graphql;
mod ids;
mod listed;

pub use ids::{AccountId, ZoneId};

// @generated services (flarekit-codegen): one cargo feature each; see COVERAGE.md.
#[cfg(feature = "accounts")]
pub mod accounts;
#[cfg(feature = "acm")]
pub mod acm;
#[cfg(feature = "addressing")]
pub mod addressing;
#[cfg(feature = "ai")]
pub mod ai;
#[cfg(feature = "ai_gateway")]
pub mod ai_gateway;
#[cfg(feature = "alerting")]
pub mod alerting;
#[cfg(feature = "analytics")]
pub mod analytics;
#[cfg(feature = "api_gateway")]
pub mod api_gateway;
#[cfg(feature = "argo")]
pub mod argo;
#[cfg(feature = "audit_logs")]
pub mod audit_logs;
#[cfg(feature = "billing")]
pub mod billing;
#[cfg(feature = "bot_management")]
pub mod bot_management;
#[cfg(feature = "brand_protection")]
pub mod brand_protection;
#[cfg(feature = "cache")]
pub mod cache;
#[cfg(feature = "calls")]
pub mod calls;
#[cfg(feature = "certificate_authorities")]
pub mod certificate_authorities;
#[cfg(feature = "client_certificates")]
pub mod client_certificates;
#[cfg(feature = "cloud_connector")]
pub mod cloud_connector;
#[cfg(feature = "cloudforce_one")]
pub mod cloudforce_one;
#[cfg(feature = "custom_certificates")]
pub mod custom_certificates;
#[cfg(feature = "custom_hostnames")]
pub mod custom_hostnames;
#[cfg(feature = "custom_nameservers")]
pub mod custom_nameservers;
#[cfg(feature = "custom_pages")]
pub mod custom_pages;
#[cfg(feature = "d1")]
pub mod d1;
#[cfg(feature = "dcv_delegation")]
pub mod dcv_delegation;
#[cfg(feature = "diagnostics")]
pub mod diagnostics;
#[cfg(feature = "dns")]
pub mod dns;
#[cfg(feature = "dns_firewall")]
pub mod dns_firewall;
#[cfg(feature = "durable_objects")]
pub mod durable_objects;
#[cfg(feature = "email_routing")]
pub mod email_routing;
#[cfg(feature = "email_security")]
pub mod email_security;
#[cfg(feature = "filters")]
pub mod filters;
#[cfg(feature = "firewall")]
pub mod firewall;
#[cfg(feature = "healthchecks")]
pub mod healthchecks;
#[cfg(feature = "hostnames")]
pub mod hostnames;
#[cfg(feature = "hyperdrive")]
pub mod hyperdrive;
#[cfg(feature = "iam")]
pub mod iam;
#[cfg(feature = "images")]
pub mod images;
#[cfg(feature = "intel")]
pub mod intel;
#[cfg(feature = "ips")]
pub mod ips;
#[cfg(feature = "keyless_certificates")]
pub mod keyless_certificates;
#[cfg(feature = "kv")]
pub mod kv;
#[cfg(feature = "load_balancers")]
pub mod load_balancers;
#[cfg(feature = "load_balancing_analytics")]
pub mod load_balancing_analytics;
#[cfg(feature = "logpush")]
pub mod logpush;
#[cfg(feature = "logs")]
pub mod logs;
#[cfg(feature = "magic_network_monitoring")]
pub mod magic_network_monitoring;
#[cfg(feature = "magic_transit")]
pub mod magic_transit;
#[cfg(feature = "managed_transforms")]
pub mod managed_transforms;
#[cfg(feature = "memberships")]
pub mod memberships;
#[cfg(feature = "mtls_certificates")]
pub mod mtls_certificates;
#[cfg(feature = "origin_ca_certificates")]
pub mod origin_ca_certificates;
#[cfg(feature = "origin_post_quantum_encryption")]
pub mod origin_post_quantum_encryption;
#[cfg(feature = "origin_tls_client_auth")]
pub mod origin_tls_client_auth;
#[cfg(feature = "page_rules")]
pub mod page_rules;
#[cfg(feature = "page_shield")]
pub mod page_shield;
#[cfg(feature = "pages")]
pub mod pages;
#[cfg(feature = "queues")]
pub mod queues;
#[cfg(feature = "r2")]
pub mod r2;
#[cfg(feature = "radar")]
pub mod radar;
#[cfg(feature = "rate_limits")]
pub mod rate_limits;
#[cfg(feature = "registrar")]
pub mod registrar;
#[cfg(feature = "request_tracers")]
pub mod request_tracers;
#[cfg(feature = "rules")]
pub mod rules;
#[cfg(feature = "rulesets")]
pub mod rulesets;
#[cfg(feature = "rum")]
pub mod rum;
#[cfg(feature = "snippets")]
pub mod snippets;
#[cfg(feature = "spectrum")]
pub mod spectrum;
#[cfg(feature = "speed")]
pub mod speed;
#[cfg(feature = "ssl")]
pub mod ssl;
#[cfg(feature = "stream")]
pub mod stream;
#[cfg(feature = "turnstile")]
pub mod turnstile;
#[cfg(feature = "url_normalization")]
pub mod url_normalization;
#[cfg(feature = "urlscanner")]
pub mod urlscanner;
#[cfg(feature = "user")]
pub mod user;
#[cfg(feature = "vectorize")]
pub mod vectorize;
#[cfg(feature = "waiting_rooms")]
pub mod waiting_rooms;
#[cfg(feature = "web3")]
pub mod web3;
#[cfg(feature = "workers")]
pub mod workers;
#[cfg(feature = "workers_for_platforms")]
pub mod workers_for_platforms;
#[cfg(feature = "zaraz")]
pub mod zaraz;
#[cfg(feature = "zero_trust")]
pub mod zero_trust;
#[cfg(feature = "zones")]
pub mod zones;
// @end generated services

/// Permission lists shared by declarations.
pub mod perm {
    /// For operations Cloudflare lists no API-token permission for: the declaration says so
    /// with an empty list rather than a guess (see COVERAGE.md).
    pub const UNLISTED: &[&str] = &[];
}

/// Every endpoint declared with [`#[endpoint]`](endpoint) in the program, in no particular order.
///
/// The macro registers each declaration at link time, so this holds the endpoints of this
/// crate *and* those that downstream crates linked into the same binary declare with the same
/// attribute (all but those declared `unregistered`; this crate lists its generated ones
/// itself). Each entry says what the declaration says: method, path template, permissions,
/// summary and every field with its location and constraints.
///
/// ```
/// use flarekit::Location;
///
/// let list = flarekit::catalog()
///     .iter()
///     .find(|e| e.type_name == "ListSendingDomainRestrictions")
///     .expect("declared in this crate");
/// assert_eq!(list.method, flarekit::Method::Get);
/// assert_eq!(list.path, "/accounts/<account_id>/email-security/settings/sending_domain_restrictions");
/// assert!(list.permissions.contains(&"Cloud Email Security: Read"));
/// assert_eq!(list.field("page").map(|f| f.location), Some(Location::Query));
///
/// // What the program can read, path by path.
/// let reads: std::collections::BTreeSet<&str> =
///     flarekit::catalog().iter().filter(|e| e.method == flarekit::Method::Get).map(|e| e.path.as_str()).collect();
/// assert!(reads.contains(list.path.as_str()));
/// ```
pub fn catalog() -> &'static [&'static EndpointInfo] {
    static ALL: std::sync::OnceLock<Vec<&'static EndpointInfo>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        // flarekit's generated modules list their endpoints (`listed.rs`); every other
        // declaration, here and downstream, is registered at link time.
        let listed = listed::MODULES.iter().flat_map(|module| module.iter().copied());
        // wasm32 (a Worker) has no link-time registry: the listed endpoints only.
        #[cfg(not(target_family = "wasm"))]
        let listed = listed.chain(__private::CATALOG.iter().map(|info| info()));
        listed.collect()
    })
}

#[doc(hidden)]
pub mod __private {
    pub use flarekit_core::__private::*;
}
