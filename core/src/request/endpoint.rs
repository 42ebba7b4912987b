//! The [`Endpoint`] trait that `#[endpoint]` implements, and the request it builds.

use super::Body;
use crate::catalog::EndpointInfo;
use crate::request::validate::ValidationError;
use crate::response::stream::{BodyStream, Head};
use crate::response::{ApiResponse, Error};
use crate::transport::{HttpResponse, Method};

/// A validated request, ready for the transport: what [`Endpoint::to_request`] returns.
///
/// The path is already percent-encoded; query pairs and header values are raw and are encoded
/// by the client.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestParts {
    /// The method.
    pub method: Method,
    /// The path below the base URL, starting with `/`, each value percent-encoded as one segment.
    pub path: String,
    /// Query pairs in declaration order (a list field gives one pair per item).
    pub query: Vec<(&'static str, String)>,
    /// Header fields declared on the endpoint.
    pub headers: Vec<(&'static str, String)>,
    /// The body, if the request has one.
    pub body: Option<Body>,
}

impl RequestParts {
    /// A request with the given method and encoded path, and nothing else.
    pub fn new(method: Method, path: String) -> Self {
        RequestParts { method, path, query: Vec::new(), headers: Vec::new(), body: None }
    }
}

/// One Cloudflare API operation: implemented by `#[endpoint]` on a params struct.
///
/// Applications do not implement it by hand; they send values of types that implement it with
/// [`Client::send`](crate::Client::send) (or the `.send(&client)` method the macro derives).
pub trait Endpoint {
    /// The typed `result` of a successful call.
    type Response;

    /// Everything the declaration says, as data: method, path template, permissions, whether
    /// a lost response may be retried ([`EndpointInfo::retry_safe`]), pagination, and every
    /// field with its location and rules. The client reads it for every call; the catalog, the
    /// command line and the fake read the same value.
    const INFO: &'static EndpointInfo;

    /// Checks every declared constraint and reports every violation at once.
    fn validate(&self) -> Result<(), ValidationError>;

    /// Validates, then builds the request. Nothing is sent when this fails.
    fn to_request(&self) -> Result<RequestParts, Error>;

    /// Decodes a 2xx HTTP response into the typed result (a `success: false` envelope is an
    /// [`ErrorKind::Api`](crate::ErrorKind::Api)).
    fn decode(response: &HttpResponse) -> Result<ApiResponse<Self::Response>, Error>;

    /// Decodes a 2xx response whose body is still arriving. The client calls it, instead of
    /// [`Endpoint::decode`], for endpoints whose [`EndpointInfo::response`] is
    /// [`ResponseKind::Stream`](crate::ResponseKind::Stream) (`#[endpoint(.., stream)]`, which
    /// implements it); for every other endpoint it is never called, and the default reads the
    /// head alone.
    fn decode_stream(head: Head, body: BodyStream) -> Result<ApiResponse<Self::Response>, Error> {
        drop(body);
        Self::decode(&HttpResponse { status: head.status, headers: head.headers, body: bytes::Bytes::new() })
    }
}

impl<E: Endpoint + ?Sized> Endpoint for &E {
    type Response = E::Response;
    const INFO: &'static EndpointInfo = E::INFO;

    fn validate(&self) -> Result<(), ValidationError> {
        (**self).validate()
    }

    fn to_request(&self) -> Result<RequestParts, Error> {
        (**self).to_request()
    }

    fn decode(response: &HttpResponse) -> Result<ApiResponse<Self::Response>, Error> {
        E::decode(response)
    }

    fn decode_stream(head: Head, body: BodyStream) -> Result<ApiResponse<Self::Response>, Error> {
        E::decode_stream(head, body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::validate::Validator;

    /// A hand-written endpoint: its `INFO` from `EndpointInfo::new`.
    struct Purge;

    impl Endpoint for Purge {
        type Response = ();
        const INFO: &'static EndpointInfo =
            &EndpointInfo::new(Method::Post, "/zones/<zone_id>/purge_cache").permissions(&["Cache Purge"]);

        fn validate(&self) -> Result<(), ValidationError> {
            Validator::new().finish()
        }

        fn to_request(&self) -> Result<RequestParts, Error> {
            Ok(RequestParts::new(Method::Post, "/zones/z/purge_cache".into()))
        }

        fn decode(response: &HttpResponse) -> Result<ApiResponse<()>, Error> {
            crate::response::decode_envelope(response)
        }
    }

    #[test]
    fn hand_written_endpoints_describe_themselves_with_endpoint_info_new() {
        assert_eq!((Purge::INFO.method, Purge::INFO.path.as_str()), (Method::Post, "/zones/<zone_id>/purge_cache"));
        assert_eq!(Purge::INFO.permissions, ["Cache Purge"]);
        assert!(Purge::INFO.fields.is_empty());
        assert_eq!(Purge::INFO.retry_safe, Method::Post.is_idempotent());
        assert_eq!(<&Purge as Endpoint>::INFO, Purge::INFO);
    }
}
