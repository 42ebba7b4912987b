//! The `#[endpoint]` attribute of [flarekit](https://docs.rs/flarekit).
//!
//! Use it through `flarekit::endpoint`; this crate has no runtime code. The generated code
//! reaches the runtime through `::flarekit::__private`, so a crate that declares endpoints
//! depends on `flarekit` only.

#![deny(missing_docs)]

mod ast;
mod attr;
mod ctxt;
mod expand;
mod fallback;
mod template;
mod ty;
mod valid;

use proc_macro::TokenStream;

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
/// `#[validate]` and `#[param]` field attributes are removed) and gains:
///
/// - an implementation of `flarekit::Endpoint`: the method, path template, permissions, a
///   catalog entry (`Endpoint::INFO`) with every field, its location and constraints,
///   `validate()` (every rule, all violations at once), `to_request()` (validates, then builds
///   the percent-encoded path, query pairs, headers and JSON body) and `decode()` (the
///   Cloudflare envelope into `response`);
/// - an inherent `async fn send(self, client: &Client) -> Result<Response, Error>`, the same as
///   `client.send(self)`. (So the struct must not define a `send` method of its own.)
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
/// let created: SendingDomainRestriction = CreateSendingDomainRestriction {
///     account_id: "023e105f4ecef8ad9ca31a8372d0c353".into(),
///     domain: "example.com".into(),
///     exclude: vec![],
///     comments: None,
/// }
/// .send(&client)
/// .await?;
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
/// | `perm = "..."` or `perm = ["...", "..."]` | yes | the API token permission(s) that allow the call; any one suffices |
/// | `response = Type` | yes | the type of the envelope's `result`; `()` when the call returns nothing useful |
/// | `min_properties = N` | no | the JSON body must have at least `N` members present (for PATCH-like calls where every field is optional) |
/// | `paginate = page` or `paginate = cursor` | no | a GET list: implements `flarekit::Paginated`, for `client.paginate(..)` / `client.pages(..)` (see below) |
/// | `decode_with = path::to::function` | no | decode 2xx responses with this function instead of the envelope decoder (see below) |
/// | `retry_safe` | no | a POST or PATCH that is safe to repeat: `Endpoint::RETRY_SAFE` is `true`, so the client retries it like a GET |
///
/// Every endpoint is also registered in `flarekit::catalog()`, with the same data as
/// `Endpoint::INFO`.
///
/// ## Pagination: `paginate = page | cursor`
///
/// `paginate = page` needs a query field whose wire name is `page`, of type `Option<u32>`;
/// `paginate = cursor` needs a query field `cursor: Option<String>`. The stream sets that field
/// to ask for each next page, so the struct must be `Clone` (a missing `#[derive(Clone)]` is a
/// compile error at the struct). Only GET endpoints page.
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
/// let no_content = HttpResponse { status: 204, headers: vec![], body: vec![] };
/// assert_eq!(VerifyDomains::decode(&no_content)?.result, None);
/// assert!(VerifyDomains::RETRY_SAFE);
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
/// (`Endpoint::PERMISSIONS`). `response` is the type the `result` member of the Cloudflare
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
/// assert_eq!(GetZone::PERMISSIONS, ["Zone Read", "Zone Write"]);
/// assert_eq!(GetZone::INFO.summary, "Zone details.");
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
/// assert_eq!(req.to_request().unwrap().body.as_deref(), Some(&br#"["4Njp3P0STMz2c02Q"]"#[..]));
/// ```
///
/// A query field may be a scalar (string, number, bool, unit enum serialized as a string) or a
/// list of them (one `name=value` pair per item); `None` leaves it out. Values go through
/// `serde::Serialize`, so an enum with `#[serde(rename_all = "snake_case")]` is sent by its
/// serialized name.
///
/// ```
/// use flarekit::endpoint;
/// use flarekit::Endpoint;
///
/// #[derive(serde::Serialize)]
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
/// assert_eq!(clear.to_request()?.body.as_deref(), Some(&br#"{"comments":null}"#[..]));
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
/// let rules: Vec<_> = err.violations().iter().map(|v| (v.field, v.rule.name())).collect();
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
#[proc_macro_attribute]
pub fn endpoint(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::endpoint(args.into(), input.into()).into()
}
