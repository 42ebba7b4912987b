//! The catalog: every declared endpoint as data. `#[endpoint]` writes one [`EndpointInfo`] per
//! declaration, and it is the one run-time description of it: the command line, the fake,
//! [`least_privilege`] and [`to_openapi`] read it and never re-derive what the macro knew.

mod fields;
mod least_privilege;
mod openapi;
mod template;

pub use fields::Fields;
#[doc(hidden)]
pub use fields::TypeFacts;
pub use least_privilege::least_privilege;
pub use openapi::to_openapi;
pub use template::{PathTemplate, Segment};

pub use crate::request::validate::Kind;
use crate::request::validate::{Rule, Validator};
use crate::transport::Method;
pub use flarekit_vocab::Location;

/// How a list endpoint pages, with the names it uses on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Pagination {
    /// Page numbers from 1 in the query parameter `param`; `result_info` says `page`,
    /// `per_page`, `count`, `total_count` and `total_pages`.
    PageNumber {
        /// The query parameter (`page`).
        param: &'static str,
    },
    /// An opaque cursor in the query parameter `param`, taken from the previous page's
    /// `result_info.next` (some APIs say `result_info.cursor` or `result_info.cursors.after`; all are read).
    Cursor {
        /// The query parameter (`cursor`).
        param: &'static str,
    },
    /// The number of items to skip in the query parameter `param`, each page starting where the
    /// one before ended; the list ends at an empty page or at `result_info.total_count`.
    Offset {
        /// The query parameter (`offset`).
        param: &'static str,
    },
}

/// Where a list page keeps its items and, for lists that carry it there, the next page's cursor:
/// in `result` itself (most lists) or in members of it. Read by tools that walk lists from the
/// catalog without the typed response; [`PageResult::SHAPE`](crate::PageResult::SHAPE) says it
/// for a response type.
///
/// ```
/// use flarekit_core::catalog::PageShape;
///
/// // Images v2: `{"result": {"images": [..], "continuation_token": "…"}}`
/// const IMAGES: PageShape = PageShape::LIST.items_in("images").cursor_in("continuation_token");
/// assert_eq!((IMAGES.items, IMAGES.cursor), (Some("images"), Some("continuation_token")));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct PageShape {
    /// The member of `result` holding the page's items; `None`: `result` is the list.
    pub items: Option<&'static str>,
    /// The member of `result` holding the next page's cursor; `None`: the cursor, if any, is in
    /// `result_info`.
    pub cursor: Option<&'static str>,
}

impl PageShape {
    /// `result` is the list; cursors, if any, are in `result_info`.
    pub const LIST: PageShape = PageShape { items: None, cursor: None };

    /// With the items in `result.<member>`.
    #[must_use]
    pub const fn items_in(mut self, member: &'static str) -> Self {
        self.items = Some(member);
        self
    }

    /// With the next cursor in `result.<member>`.
    #[must_use]
    pub const fn cursor_in(mut self, member: &'static str) -> Self {
        self.cursor = Some(member);
        self
    }
}

impl Pagination {
    /// The query parameter that selects the page.
    pub const fn param(self) -> &'static str {
        match self {
            Pagination::PageNumber { param } | Pagination::Cursor { param } | Pagination::Offset { param } => param,
        }
    }
}

/// What the request body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyKind {
    /// No body.
    None,
    /// A JSON object of the body fields.
    Json,
    /// One field's JSON value is the whole body (`#[param(whole_body)]`).
    JsonValue,
    /// One field's bytes or text are the whole body, as they are (`#[param(raw_body)]`).
    Raw {
        /// The content type it is sent with unless the value brings its own.
        content_type: &'static str,
    },
    /// A `multipart/form-data` form whose parts are the body fields (`body = multipart`).
    Multipart,
}

/// How a successful response is decoded (see [`crate::decode`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResponseKind {
    /// Cloudflare's envelope around a `result`.
    Envelope,
    /// `204 No Content` or an envelope ([`crate::decode::envelope_or_no_content`]).
    EnvelopeOrNoContent,
    /// `202 Accepted` with a `Location`, or an envelope ([`crate::decode::ready_or_pending`]).
    ReadyOrPending,
    /// The body as received ([`crate::decode::raw_body`]).
    Raw,
    /// The body as UTF-8 text ([`crate::decode::text`]).
    Text,
    /// The body and headers as received ([`crate::decode::payload`]).
    Payload,
    /// Bare JSON, no envelope ([`crate::decode::json()`]).
    Json,
    /// GraphQL's `{data, errors}` ([`crate::decode::graphql`]).
    GraphQl,
    /// The body as it arrives (`stream`): bytes, JSON lines or events
    /// ([`crate::response::stream`]).
    Stream,
    /// A decoder of the declaration's own (`decode_with`).
    Custom,
}

/// One field of an endpoint's params struct.
///
/// Fields may be added to it: outside flarekit, build one with [`FieldInfo::new`] and its
/// methods (or `FieldInfo { name: .., ..FieldInfo::new(..) }`).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldInfo {
    /// The name on the wire (the placeholder, query parameter, body member or header name).
    pub name: &'static str,
    /// Where it goes.
    pub location: Location,
    /// The shape of its type (of the inner type for `Option` and `Nullable`).
    pub kind: Kind,
    /// `false` for `Option` and `Nullable` fields.
    pub required: bool,
    /// `true` for `Nullable` fields, which can send JSON `null`.
    pub nullable: bool,
    /// Its `#[validate(...)]` rules.
    pub constraints: &'static [Rule],
    /// The rules its type brings ([`Validate::RULES`](crate::Validate::RULES)), such as an
    /// identifier's length; [`FieldInfo::rules`] gives both.
    pub type_rules: &'static [Rule],
    /// The values an enumeration allows (of each item, for a list); empty for other types.
    pub values: &'static [&'static str],
    /// Its doc comment.
    pub doc: &'static str,
    /// Whether it carries `#[deprecated]`.
    pub deprecated: bool,
    /// For a query list: one pair per item (`true`, OpenAPI's `explode`), or one comma-joined
    /// pair (`#[param(query, explode = false)]`).
    pub explode: bool,
    /// How a field of a multipart body is sent.
    pub part: PartKind,
    /// Stands for `#[non_exhaustive]`, which would forbid `FieldInfo { .., ..FieldInfo::new(..) }`
    /// outside flarekit.
    #[doc(hidden)]
    pub __non_exhaustive: NonExhaustive,
}

mod sealed {
    /// The type of the hidden field that keeps [`FieldInfo`](super::FieldInfo) and
    /// [`EndpointInfo`](super::EndpointInfo) open to new fields: no other crate can name it or
    /// make one, so a value is built from one of flarekit's, as `#[endpoint]` does from
    /// `__private::ENDPOINT`.
    #[derive(Debug, Clone, Copy, PartialEq)]
    pub struct NonExhaustive(pub(super) ());
}
use sealed::NonExhaustive;

/// How a field of a `body = multipart` endpoint becomes parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PartKind {
    /// One part under the field's name (a list: one per item): bytes as a file, the rest as text.
    Value,
    /// One part with the value as JSON (`#[param(json)]`).
    Json,
    /// A part per blob, each named by its file name (`#[param(parts)]`).
    Named,
}

impl FieldInfo {
    /// A required field with no rules or docs (for hand-written [`EndpointInfo`]s).
    pub const fn new(name: &'static str, location: Location, kind: Kind) -> Self {
        FieldInfo {
            name,
            location,
            kind,
            required: true,
            nullable: false,
            constraints: &[],
            type_rules: &[],
            values: &[],
            doc: "",
            deprecated: false,
            explode: true,
            part: PartKind::Value,
            __non_exhaustive: NonExhaustive(()),
        }
    }

    /// A multipart field sent as this kind of part.
    #[must_use]
    pub const fn part(mut self, part: PartKind) -> Self {
        self.part = part;
        self
    }

    /// A query list sent as one comma-joined pair (`explode: false`).
    #[must_use]
    pub const fn joined(mut self) -> Self {
        self.explode = false;
        self
    }

    /// With these rules.
    #[must_use]
    pub const fn constraints(mut self, constraints: &'static [Rule]) -> Self {
        self.constraints = constraints;
        self
    }

    /// Optional (`Option`).
    #[must_use]
    pub const fn optional(mut self) -> Self {
        self.required = false;
        self
    }

    /// Every rule the field's value must meet: its own, then its type's.
    pub fn rules(&self) -> impl Iterator<Item = &'static Rule> + 'static {
        self.constraints.iter().chain(self.type_rules)
    }

    /// Checks `value`, the field's value as JSON (a request built at run time, or one a server
    /// received), against the field's rules and allowed values: what the params struct's own
    /// `validate` checks. `null` passes (an absent value).
    ///
    /// ```
    /// use flarekit_core::{FieldInfo, Kind, Location};
    /// use flarekit_core::validate::{Rule, Validator};
    /// use serde_json::json;
    ///
    /// let mut info = FieldInfo::new("direction", Location::Query, Kind::Other);
    /// info.values = &["asc", "desc"];
    /// let mut v = Validator::new();
    /// info.check_json(&mut v, &json!("up"));
    /// assert_eq!(v.finish().unwrap_err().to_string(), "invalid request (1 violation): `direction` (one_of): must be one of asc, desc");
    /// ```
    pub fn check_json(&self, v: &mut Validator, value: &serde_json::Value) {
        for rule in self.rules() {
            v.json(self.name, rule, value);
        }
        if !self.values.is_empty() {
            v.json(self.name, &Rule::OneOf(self.values), value);
        }
    }
}

/// One declared endpoint: everything its declaration says.
///
/// Fields may be added to it: outside flarekit, build one with [`EndpointInfo::new`] and its
/// methods (or `EndpointInfo { summary: .., ..EndpointInfo::new(..) }`).
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointInfo {
    /// The method.
    pub method: Method,
    /// The path template as declared.
    pub path: PathTemplate,
    /// The permissions that allow the call; any one suffices.
    pub permissions: &'static [&'static str],
    /// The first line of the struct's doc comment.
    pub summary: &'static str,
    /// The whole doc comment.
    pub doc: &'static str,
    /// Whether the struct carries `#[deprecated]`.
    pub deprecated: bool,
    /// The params struct's name.
    pub type_name: &'static str,
    /// The module that declares it, e.g. `flarekit::email_security::settings::sending_domain_restrictions`.
    pub module_path: &'static str,
    /// `min_properties` of the body, 0 when unset.
    pub min_properties: usize,
    /// `requires_any` of the body: sets of members (wire names), at least one of which a
    /// request gives whole; empty when unset.
    pub requires_any: &'static [&'static [&'static str]],
    /// Whether the client may resend the request after a lost response or a 5xx: true for
    /// idempotent methods (GET, PUT, DELETE) and for POSTs and PATCHes declared `retry_safe`
    /// (see [`crate::retry`]).
    pub retry_safe: bool,
    /// How the list pages, for list endpoints.
    pub pagination: Option<Pagination>,
    /// Where a page of the list keeps its items (and a cursor carried in `result`).
    pub page_shape: PageShape,
    /// What the request body is.
    pub body: BodyKind,
    /// How a successful response is decoded.
    pub response: ResponseKind,
    /// The fields in declaration order.
    pub fields: Fields,
    /// Stands for `#[non_exhaustive]` (see [`FieldInfo`]'s).
    #[doc(hidden)]
    pub __non_exhaustive: NonExhaustive,
}

impl EndpointInfo {
    /// An endpoint with this method and path template and nothing else declared: no
    /// permissions, docs or fields, retried as its method allows, no body, the envelope as
    /// response. For hand-written [`Endpoint`](crate::Endpoint) implementations.
    ///
    /// ```
    /// use flarekit_core::{EndpointInfo, Method};
    ///
    /// const PURGE: EndpointInfo =
    ///     EndpointInfo::new(Method::Post, "/zones/<zone_id>/purge_cache").permissions(&["Cache Purge"]);
    /// assert_eq!(PURGE.path.placeholders().collect::<Vec<_>>(), ["zone_id"]);
    /// assert!(!PURGE.retry_safe);
    /// ```
    pub const fn new(method: Method, path: &'static str) -> Self {
        EndpointInfo {
            method,
            path: PathTemplate::new(path),
            permissions: &[],
            summary: "",
            doc: "",
            deprecated: false,
            type_name: "",
            module_path: "",
            min_properties: 0,
            requires_any: &[],
            retry_safe: method.is_idempotent(),
            pagination: None,
            page_shape: PageShape::LIST,
            body: BodyKind::None,
            response: ResponseKind::Envelope,
            fields: Fields::EMPTY,
            __non_exhaustive: NonExhaustive(()),
        }
    }

    /// With these permissions (any one suffices).
    #[must_use]
    pub const fn permissions(mut self, permissions: &'static [&'static str]) -> Self {
        self.permissions = permissions;
        self
    }

    /// With these fields.
    #[must_use]
    pub const fn fields(mut self, fields: &'static [FieldInfo]) -> Self {
        self.fields = Fields::list(fields);
        self
    }

    /// With this body kind.
    #[must_use]
    pub const fn body(mut self, body: BodyKind) -> Self {
        self.body = body;
        self
    }

    /// A list that pages this way.
    #[must_use]
    pub const fn pagination(mut self, pagination: Pagination) -> Self {
        self.pagination = Some(pagination);
        self
    }

    /// With its pages shaped this way.
    #[must_use]
    pub const fn page_shape(mut self, shape: PageShape) -> Self {
        self.page_shape = shape;
        self
    }

    /// Safe to resend after a lost response or a 5xx, whatever the method.
    #[must_use]
    pub const fn retry_safe(mut self, retry_safe: bool) -> Self {
        self.retry_safe = retry_safe;
        self
    }

    /// Records in `v` that no set of [`EndpointInfo::requires_any`] is given whole, as the
    /// params struct's `validate` does (the violation is named `body`); `given` tells whether
    /// a body member, by wire name, was given. Nothing when the endpoint asks for no set.
    ///
    /// ```
    /// use flarekit_core::validate::Validator;
    /// use flarekit_core::{EndpointInfo, Method};
    ///
    /// const INVITE: EndpointInfo =
    ///     EndpointInfo::new(Method::Post, "/accounts/<account_id>/members").requires_any(&[&["roles"], &["policies"]]);
    /// let mut v = Validator::new();
    /// INVITE.check_requires_any(&mut v, |member| member == "email");
    /// assert_eq!(v.finish().unwrap_err().violations()[0].requirement().to_string(), "must give `roles`, or `policies`");
    /// ```
    pub fn check_requires_any(&self, v: &mut Validator, given: impl Fn(&str) -> bool) {
        if !self.requires_any.is_empty() {
            let met = self.requires_any.iter().any(|set| set.iter().all(|member| given(member)));
            v.requires_any("body", met, self.requires_any);
        }
    }

    /// Asking for one of these sets of body members (wire names), each given whole.
    #[must_use]
    pub const fn requires_any(mut self, sets: &'static [&'static [&'static str]]) -> Self {
        self.requires_any = sets;
        self
    }

    /// With this name and declaring module.
    #[must_use]
    pub const fn named(mut self, type_name: &'static str, module_path: &'static str) -> Self {
        self.type_name = type_name;
        self.module_path = module_path;
        self
    }

    /// The field with this wire name.
    pub fn field(&self, name: &str) -> Option<&FieldInfo> {
        self.fields.iter().find(|f| f.name == name)
    }
}
