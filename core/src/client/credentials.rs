//! [`Credentials`]: how the client authenticates to Cloudflare.

use std::fmt;

use super::secret::Secret;
use crate::response::ConfigError;

/// One of Cloudflare's three ways to authenticate. `Debug` never shows the secret.
///
/// ```
/// use flarekit_core::Credentials;
/// let creds = Credentials::api_token("abc123");
/// assert_eq!(format!("{creds:?}"), "ApiToken(***)");
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Credentials {
    /// An API token, sent as `Authorization: Bearer <token>`.
    ApiToken(Secret),
    /// A global API key and the account's email, sent as `X-Auth-Key` and `X-Auth-Email`.
    ApiKey {
        /// The account's email address.
        email: String,
        /// The global API key.
        key: Secret,
    },
    /// An Origin CA user service key, sent as `X-Auth-User-Service-Key`.
    UserServiceKey(Secret),
}

impl Credentials {
    /// An API token (recommended).
    pub fn api_token(token: impl Into<String>) -> Self {
        Credentials::ApiToken(Secret::new(token))
    }

    /// A global API key with its account email.
    pub fn api_key(email: impl Into<String>, key: impl Into<String>) -> Self {
        Credentials::ApiKey { email: email.into(), key: Secret::new(key) }
    }

    /// A user service key.
    pub fn user_service_key(key: impl Into<String>) -> Self {
        Credentials::UserServiceKey(Secret::new(key))
    }

    /// The headers that carry these credentials: `(name, value, sensitive)`.
    pub(crate) fn headers(&self) -> Vec<(&'static str, String, bool)> {
        match self {
            Credentials::ApiToken(t) => vec![("authorization", format!("Bearer {}", t.expose()), true)],
            Credentials::ApiKey { email, key } => {
                vec![("x-auth-email", email.clone(), false), ("x-auth-key", key.expose().to_owned(), true)]
            }
            Credentials::UserServiceKey(k) => vec![("x-auth-user-service-key", k.expose().to_owned(), true)],
        }
    }

    /// Refuses values that cannot be a header value (CR, LF, other control bytes), which would
    /// otherwise fail at send time or smuggle a header. The error never contains the value.
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        let bad = |what: &'static str, v: &str| {
            if v.is_empty() {
                Err(ConfigError::new(format!("the {what} is empty")))
            } else if v.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f) {
                Err(ConfigError::new(format!("the {what} contains a control character (CR, LF or similar)")))
            } else {
                Ok(())
            }
        };
        match self {
            Credentials::ApiToken(t) => bad("API token", t.expose()),
            Credentials::ApiKey { email, key } => {
                bad("email", email)?;
                bad("API key", key.expose())
            }
            Credentials::UserServiceKey(k) => bad("user service key", k.expose()),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::ApiToken(t) => f.debug_tuple("ApiToken").field(t).finish(),
            Credentials::ApiKey { email, key } => {
                f.debug_struct("ApiKey").field("email", email).field("key", key).finish()
            }
            Credentials::UserServiceKey(k) => f.debug_tuple("UserServiceKey").field(k).finish(),
        }
    }
}
