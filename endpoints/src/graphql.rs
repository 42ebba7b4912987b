//! The GraphQL Analytics API: one endpoint that answers `{data, errors}`, not the envelope.

use serde_json::Value;

use crate::endpoint;

/// Runs a GraphQL query. `errors` in the answer are an [`ErrorKind::Api`](crate::ErrorKind::Api)
/// even when the status is `200`; the result is the answer's `data`.
///
/// ```
/// use flarekit::graphql::Query;
/// let query = Query::new("query { viewer { zones(filter: {zoneTag: $zone}) { zoneTag } } }")
///     .variables(serde_json::json!({"zone": "023e105f4ecef8ad9ca31a8372d0c353"}));
/// assert!(query.variables.is_some());
/// ```
#[endpoint(POST, "/graphql", perm = "Analytics Read", response = Value,
           decode_with = crate::decode::graphql, retry_safe)]
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The GraphQL document.
    #[validate(min_length = 1)]
    pub query: String,
    /// Values of the document's `$variables`.
    pub variables: Option<Value>,
}
