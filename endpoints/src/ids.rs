//! Typed identifiers: an account id is not a zone id, and each knows its own rule.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::encode::PathValue;
use crate::validate::{Kind, Rule, Validate, Validator};

/// The longest identifier Cloudflare documents (`maxLength: 32`, 32 hex digits in practice).
const MAX_LEN: usize = 32;

macro_rules! identifier {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// Built from any string (`"023e…".into()`, `String::from(…)`); checked before a request is
        /// sent: at most 32 characters.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_owned())
            }
        }

        impl From<&String> for $name {
            fn from(id: &String) -> Self {
                $name(id.clone())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PathValue for $name {
            fn path_text(&self) -> Cow<'_, str> {
                Cow::Borrowed(&self.0)
            }
        }

        impl Validate for $name {
            const RULES: &'static [Rule] = &[Rule::MaxLength(MAX_LEN)];
            const KIND: Kind = Kind::String;

            fn validate(&self, v: &mut Validator) {
                v.max_length("", self.0.as_str(), MAX_LEN);
            }
        }
    };
}

identifier! {
    /// An account identifier, as in `/accounts/<account_id>/…`.
    ///
    /// ```
    /// use flarekit::AccountId;
    ///
    /// let id = AccountId::from("023e105f4ecef8ad9ca31a8372d0c353");
    /// assert_eq!(id, "023e105f4ecef8ad9ca31a8372d0c353");
    /// assert_eq!(id.to_string().len(), 32);
    /// ```
    AccountId
}

identifier! {
    /// A zone identifier, as in `/zones/<zone_id>/…`.
    ///
    /// ```
    /// use flarekit::ZoneId;
    ///
    /// let id = ZoneId::from("023e105f4ecef8ad9ca31a8372d0c353");
    /// assert_eq!(id.as_str().len(), 32);
    /// ```
    ZoneId
}
