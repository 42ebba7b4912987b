//! Credentials the fake accepts: API tokens, each with a set of permissions.

use std::fmt;

use flarekit::EndpointInfo;
use hyper::HeaderMap;

use crate::envelope::{codes, Failure};

/// What a token may do.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Grant {
    /// Every permission.
    All,
    /// These permissions, e.g. `Cloud Email Security: Read`.
    Only(Vec<String>),
}

/// A configured token: its secret value, what it may do, and its id (what `GET
/// /user/tokens/verify` answers; never the token itself).
#[derive(Clone)]
struct Token {
    value: String,
    grant: Grant,
    id: String,
}

/// The configured tokens. `Debug` never shows a token.
#[derive(Clone, Default)]
pub(crate) struct Tokens {
    tokens: Vec<Token>,
}

impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.tokens.iter().map(|token| match &token.grant {
                Grant::All => "*** (every permission)".to_owned(),
                Grant::Only(p) => format!("*** ({})", p.join(", ")),
            }))
            .finish()
    }
}

impl Tokens {
    /// Adds `token`; a token given twice keeps its last grant.
    pub(crate) fn insert(&mut self, token: String, grant: Grant) {
        self.tokens.retain(|t| t.value != token);
        let id = uuid::Uuid::new_v4().simple().to_string();
        self.tokens.push(Token { value: token, grant, id });
    }

    /// Checks the request's credentials against the operation's permissions: 401 without known
    /// credentials, 403 when the token has none of the permissions the operation needs. Gives
    /// the token's id.
    pub(crate) fn authorize(&self, headers: &HeaderMap, endpoint: &EndpointInfo) -> Result<&str, Failure> {
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
        let unauthorized = |why: &str| Failure::new(401, codes::AUTHENTICATION, format!("Authentication error: {why}"));
        let token = if let Some(value) = header("authorization") {
            match value.split_once(' ') {
                Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => {
                    token.trim()
                }
                _ => return Err(unauthorized("the Authorization header must be `Bearer <API token>`")),
            }
        } else if let Some(key) = header("x-auth-key") {
            if header("x-auth-email").map_or(true, str::is_empty) {
                return Err(unauthorized("X-Auth-Key needs the account's email in X-Auth-Email"));
            }
            key
        } else {
            return Err(unauthorized(
                "no credentials: send `Authorization: Bearer <API token>` or X-Auth-Key and X-Auth-Email",
            ));
        };
        let Some(Token { grant, id, .. }) = self.tokens.iter().find(|t| t.value == token) else {
            return Err(unauthorized("the API token is not valid"));
        };
        match grant {
            Grant::All => Ok(id),
            Grant::Only(have)
                if endpoint.permissions.is_empty()
                    || endpoint.permissions.iter().any(|p| have.contains(&(*p).to_owned())) =>
            {
                Ok(id)
            }
            Grant::Only(_) => {
                let needed = endpoint.permissions.iter().map(|p| format!("\"{p}\"")).collect::<Vec<_>>();
                let needed = match needed.as_slice() {
                    [one] => format!("the permission {one}"),
                    many => format!("one of the permissions {}", many.join(", ")),
                };
                Err(Failure::new(
                    403,
                    codes::AUTHENTICATION,
                    format!(
                        "Authentication error: the API token lacks {needed}, which {} {} needs",
                        endpoint.method,
                        endpoint.path.openapi()
                    ),
                ))
            }
        }
    }
}
