//! Matches a request's method and path against the declared endpoints (`flarekit::catalog()`).

use flarekit::EndpointInfo;

use crate::envelope::{codes, Failure};

/// The path prefix of the v4 API, which [`crate::MockServer::base_url`] ends with.
pub(crate) const API_PREFIX: &str = "/client/v4";

/// A request matched to a declared endpoint.
#[derive(Debug)]
pub(crate) struct Route {
    pub endpoint: &'static EndpointInfo,
    /// The placeholders' values, percent-decoded, in template order.
    pub params: Vec<(&'static str, String)>,
}

impl Route {
    /// The value of placeholder `name`.
    pub(crate) fn param(&self, name: &str) -> &str {
        self.params.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| v.as_str())
    }
}

/// Matches `path` (below the host, with the `/client/v4` prefix) against the catalog's path
/// templates. A template with more literal text wins (`…/batch` over `…/<id>`).
pub(crate) fn resolve(method: &str, path: &str) -> Result<Route, Failure> {
    let no_route = || Failure::new(404, codes::NO_ROUTE, format!("No route for the URI: {path}"));
    let rest = path.strip_prefix(API_PREFIX).filter(|rest| rest.starts_with('/')).ok_or_else(no_route)?;
    let mut best: Option<(usize, Route)> = None;
    let mut other_methods: Vec<&'static str> = Vec::new();
    for endpoint in flarekit::catalog() {
        let Some(params) = endpoint.path.matches(rest) else { continue };
        if endpoint.method.as_str() != method {
            other_methods.push(endpoint.method.as_str());
            continue;
        }
        let literals = endpoint.path.literal_len();
        if best.as_ref().map_or(true, |(n, _)| literals > *n) {
            best = Some((literals, Route { endpoint, params }));
        }
    }
    match best {
        Some((_, route)) => Ok(route),
        None if !other_methods.is_empty() => {
            other_methods.sort_unstable();
            other_methods.dedup();
            Err(Failure::new(
                405,
                codes::METHOD_NOT_ALLOWED,
                format!("Method {method} not allowed for {path}; allowed: {}", other_methods.join(", ")),
            ))
        }
        None => Err(no_route()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_beats_an_id_and_methods_are_checked() {
        let base = "/client/v4/accounts/acc/email-security/settings/allow_policies";
        let batch = resolve("POST", &format!("{base}/batch")).unwrap();
        assert_eq!(batch.endpoint.type_name, "BatchAllowPolicies");
        let get = resolve("GET", &format!("{base}/f174e90a-fafe-4643-bbbc-4a0ed4fc8415")).unwrap();
        assert_eq!(get.endpoint.type_name, "GetAllowPolicy");
        assert_eq!(get.param("policy_id"), "f174e90a-fafe-4643-bbbc-4a0ed4fc8415");
        assert_eq!(resolve("PUT", base).unwrap_err().status, 405);
        assert_eq!(resolve("GET", "/client/v4/nothing").unwrap_err().status, 404);
        assert_eq!(resolve("GET", &format!("{base}/")).unwrap_err().status, 404);
        let encoded = resolve("GET", "/client/v4/accounts/a%2Fb/email-security/settings/allow_policies").unwrap();
        assert_eq!(encoded.param("account_id"), "a/b");
    }
}
