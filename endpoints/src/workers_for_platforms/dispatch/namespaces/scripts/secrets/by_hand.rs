//! The secrets of a script in a dispatch namespace (Workers for Platforms): secret texts bound
//! into the script's environment, written and deleted by name. Cloudflare never gives a
//! secret's value back, only its name and type, and flarekit never shows it in `Debug`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{endpoint, AccountId};

/// Lists the secrets of a script in a dispatch namespace: their names and types, not their
/// values.
#[endpoint(GET, "/accounts/<account_id>/workers/dispatch/namespaces/<dispatch_namespace>/scripts/<script_name>/secrets",
           perm = ["Workers Tail Read", "Workers Scripts Write", "Workers Scripts Read"], response = Vec<ScriptSecret>)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSecrets {
    /// Account identifier.
    pub account_id: AccountId,
    /// The dispatch namespace's name.
    #[validate(pattern = "^.+$")]
    pub dispatch_namespace: String,
    /// The script's name.
    #[validate(pattern = "^[a-z0-9_][a-z0-9-_]*$")]
    pub script_name: String,
}

/// Adds a secret to a script in a dispatch namespace, or replaces the secret of that name.
///
/// ```
/// use flarekit::workers_for_platforms::dispatch::namespaces::scripts::secrets::{SecretBinding, UpdateSecret};
///
/// let secret = SecretBinding::secret_text("STRIPE_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc");
/// let put = UpdateSecret::new("023e105f4ecef8ad9ca31a8372d0c353".into(), "customers", "shop-api", secret);
/// // The value goes on the wire, never into a log line.
/// assert!(!format!("{put:?}").contains("sk_test"));
/// ```
#[endpoint(PUT, "/accounts/<account_id>/workers/dispatch/namespaces/<dispatch_namespace>/scripts/<script_name>/secrets",
           perm = ["Workers Scripts Write"], response = ScriptSecret)]
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateSecret {
    /// Account identifier.
    pub account_id: AccountId,
    /// The dispatch namespace's name.
    #[validate(pattern = "^.+$")]
    pub dispatch_namespace: String,
    /// The script's name.
    #[validate(pattern = "^[a-z0-9_][a-z0-9-_]*$")]
    pub script_name: String,
    /// The secret: its name in the script's environment and its value.
    #[param(whole_body)]
    pub secret: SecretBinding,
}

/// Reads one secret of a script in a dispatch namespace: its name and type, not its value.
#[endpoint(GET, "/accounts/<account_id>/workers/dispatch/namespaces/<dispatch_namespace>/scripts/<script_name>/secrets/<secret_name>",
           perm = ["Workers Tail Read", "Workers Scripts Write", "Workers Scripts Read"], response = ScriptSecret)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetSecret {
    /// Account identifier.
    pub account_id: AccountId,
    /// The dispatch namespace's name.
    #[validate(pattern = "^.+$")]
    pub dispatch_namespace: String,
    /// The script's name.
    #[validate(pattern = "^[a-z0-9_][a-z0-9-_]*$")]
    pub script_name: String,
    /// The secret's name.
    pub secret_name: String,
}

/// Deletes one secret of a script in a dispatch namespace.
#[endpoint(DELETE, "/accounts/<account_id>/workers/dispatch/namespaces/<dispatch_namespace>/scripts/<script_name>/secrets/<secret_name>",
           perm = ["Workers Scripts Write"], response = Value)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteSecret {
    /// Account identifier.
    pub account_id: AccountId,
    /// The dispatch namespace's name.
    #[validate(pattern = "^.+$")]
    pub dispatch_namespace: String,
    /// The script's name.
    #[validate(pattern = "^[a-z0-9_][a-z0-9-_]*$")]
    pub script_name: String,
    /// The secret's name.
    pub secret_name: String,
}

crate::tagged_union! {
    #[tag = "type"]
    /// A secret as it is put: its name in the script's environment and its value, told apart
    /// by `type`. A kind this version does not model is [`SecretBinding::Other`], sent as its
    /// JSON.
    pub enum SecretBinding {
        /// A secret text (write-only: Cloudflare never returns it; `Debug` shows `***`).
        SecretText = "secret_text" {
            /// The name the script sees.
            name: String,
            /// The secret.
            text: crate::Secret,
        },
    }
}

impl SecretBinding {
    /// A secret text: `name` in the script's environment, `text` its value (never shown by
    /// `Debug`).
    pub fn secret_text(name: impl Into<String>, text: impl Into<crate::Secret>) -> SecretBinding {
        SecretBinding::SecretText { name: name.into(), text: text.into() }
    }
}

/// A secret of a script as Cloudflare shows it: its name and type, never its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScriptSecret {
    /// The name the script sees.
    pub name: String,
    /// The kind of secret (`secret_text`).
    #[serde(rename = "type")]
    pub kind: String,
}
