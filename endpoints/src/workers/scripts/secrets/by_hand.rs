//! The secrets of a Worker script: secret texts bound into its environment, written and
//! deleted by name. Cloudflare never gives a secret's value back: only its name and type.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::super::Binding;
use crate::{endpoint, AccountId};

/// Lists a script's secrets: their names and types, not their values.
#[endpoint(GET, "/accounts/<account_id>/workers/scripts/<script_name>/secrets",
           perm = ["Workers Tail Read", "Workers Scripts Write", "Workers Scripts Read"], response = Vec<ScriptSecret>)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSecrets {
    /// Account identifier.
    pub account_id: AccountId,
    /// The script's name.
    #[validate(pattern = "^[a-z0-9_][a-z0-9-_]*$")]
    pub script_name: String,
}

/// Adds a secret to a script, or replaces the secret of that name.
///
/// ```
/// use flarekit::workers::scripts::secrets::UpdateSecret;
/// use flarekit::workers::scripts::Binding;
///
/// let secret = Binding::secret_text("STRIPE_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc");
/// let put = UpdateSecret::new("023e105f4ecef8ad9ca31a8372d0c353".into(), "shop-api", secret);
/// // The value goes on the wire, never into a log line.
/// assert!(!format!("{put:?}").contains("sk_test"));
/// ```
#[endpoint(PUT, "/accounts/<account_id>/workers/scripts/<script_name>/secrets",
           perm = ["Workers Scripts Write"], response = ScriptSecret)]
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateSecret {
    /// Account identifier.
    pub account_id: AccountId,
    /// The script's name.
    #[validate(pattern = "^[a-z0-9_][a-z0-9-_]*$")]
    pub script_name: String,
    /// The secret: a [`Binding::SecretText`] (its name in the Worker's environment and its text).
    #[param(whole_body)]
    pub secret: Binding,
}

/// Reads one of a script's secrets: its name and type, not its value.
#[endpoint(GET, "/accounts/<account_id>/workers/scripts/<script_name>/secrets/<secret_name>",
           perm = crate::perm::UNLISTED, response = ScriptSecret)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetSecret {
    /// Account identifier.
    pub account_id: AccountId,
    /// The script's name.
    #[validate(pattern = "^[a-z0-9_][a-z0-9-_]*$")]
    pub script_name: String,
    /// The secret's name.
    pub secret_name: String,
}

/// Deletes one of a script's secrets.
#[endpoint(DELETE, "/accounts/<account_id>/workers/scripts/<script_name>/secrets/<secret_name>",
           perm = ["Workers Scripts Write"], response = Value)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteSecret {
    /// Account identifier.
    pub account_id: AccountId,
    /// The script's name.
    #[validate(pattern = "^[a-z0-9_][a-z0-9-_]*$")]
    pub script_name: String,
    /// The secret's name.
    pub secret_name: String,
}

/// A secret of a script as Cloudflare shows it: its name and type, never its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScriptSecret {
    /// The name the Worker sees.
    pub name: String,
    /// The kind of secret (`secret_text`).
    #[serde(rename = "type")]
    pub kind: String,
}
