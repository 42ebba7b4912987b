//! What `#[endpoint]`-generated code calls. Not a public API: it changes without notice.

pub use crate::catalog::{
    BodyKind, EndpointInfo, FieldInfo, Fields, Kind, Location, PageShape, Pagination, PartKind, PathTemplate,
    ResponseKind, TypeFacts,
};
pub use crate::client::{Client, SendFuture};
pub use crate::json_object::{
    deserialize_object, next_member, read_field, read_member, serialize_object, skip_member, write_member, write_some,
    JsonMembers, ReadObject, UNKNOWN,
};
pub use crate::paginate::{PageResult, Paginated};
pub use crate::request::encode::{
    named_parts, push_header, push_query, push_query_joined, push_segment, push_segments, raw_body, whole_body,
    BodyWriter, PathValue,
};
pub use crate::request::validate::{
    Format, ListValue, NumberValue, Pattern, Rule, StrValue, Validate, ValidationError, Validator,
};
pub use crate::request::{Endpoint, Nullable, RequestParts};
pub use crate::request::{Form, PartValue, RawBody};
pub use crate::response::stream::{stream_buffered, stream_response, BodyStream, Head};
pub use crate::response::{decode_envelope, ApiResponse, EncodeError, Error};
pub use crate::transport::{HttpResponse, Method};
pub use serde;
pub use serde::de::{self, MapAccess};
pub use serde::ser::SerializeMap;
pub use serde::{Deserialize, Deserializer, Serialize, Serializer};
pub use serde_json;
// The prelude's names under a path no user item shadows, for derived code to spell briefly.
pub use ::core::default::Default;
pub use ::core::option::Option::{self, None, Some};
pub use ::core::result::Result::{self, Err, Ok};

#[cfg(not(target_family = "wasm"))]
pub use linkme;

/// A `&str` parameter as the `String` field it sets: a plain function, where
/// `ToOwned::to_owned` would be a trait call for the compiler to resolve at every `new` and
/// setter of every endpoint.
#[inline]
pub fn own(s: &str) -> String {
    s.to_owned()
}

/// The rest of every `EndpointInfo` `#[endpoint]` writes (`EndpointInfo { method: .., ..__p::ENDPOINT }`).
pub const ENDPOINT: EndpointInfo = EndpointInfo::new(Method::Get, "");

/// Every endpoint declared with `#[endpoint]` in the crates linked into the binary; filled at
/// link time by the macro's registrations. Not on wasm32, which has no such link-time section:
/// a Worker's catalog is the listed one.
#[cfg(not(target_family = "wasm"))]
#[linkme::distributed_slice]
pub static CATALOG: [CatalogEntry];

/// On wasm32, which has no catalog slice, a registration (`__p::CATALOG! { .. }`) expands to
/// nothing, so that `#[endpoint]` writes it the same for every target.
#[cfg(target_family = "wasm")]
#[doc(hidden)]
#[macro_export]
macro_rules! __flarekit_no_catalog {
    ($($registration:tt)*) => {};
}
#[cfg(target_family = "wasm")]
pub use crate::__flarekit_no_catalog as CATALOG;

/// An entry of `CATALOG`, as `#[endpoint]` writes its registration's type: the same alias on
/// both sides, so that the two cannot differ. A function (`info`) rather than the
/// `&'static EndpointInfo` itself: a static holding the reference makes `cargo check` evaluate
/// every endpoint's `INFO`, which costs more than the rest of the registration (BENCHMARKS.md,
/// issue 14); a function pointer leaves that to the build.
pub type CatalogEntry = fn() -> &'static EndpointInfo;

/// `E::INFO`: what a registration points at.
pub fn info<E: crate::Endpoint>() -> &'static EndpointInfo {
    E::INFO
}
