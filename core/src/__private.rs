//! What `#[endpoint]`-generated code calls. Not a public API: it changes without notice.

pub use crate::catalog::{EndpointInfo, FieldInfo, Kind};
pub use crate::encode::{push_header, push_query, push_segment, whole_body, BodyWriter, PathValue};
pub use crate::endpoint::{Endpoint, Location, Method, RequestParts};
pub use crate::envelope::decode_envelope;
pub use crate::error::{EncodeError, Error};
pub use crate::nullable::Nullable;
pub use crate::paginate::{Paginated, Pagination};
pub use crate::response::ApiResponse;
pub use crate::transport::HttpResponse;
pub use crate::validate::{Format, ListValue, NumberValue, Pattern, Rule, StrValue, ValidationError, Validator};
pub use crate::Client;
pub use serde;
pub use serde_json;

pub use linkme;

/// Every endpoint declared with `#[endpoint]` in the crates linked into the binary; filled at
/// link time by the macro's registrations.
#[linkme::distributed_slice]
pub static CATALOG: [&'static EndpointInfo];
