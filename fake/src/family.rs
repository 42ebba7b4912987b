//! The resource families the fake serves, and what sets each apart: its search field,
//! duplicate key, deprecated aliases and server-set defaults. (What the declarations say, such
//! as the values an enumeration allows, is read from them.)

use flarekit::email_security::settings::{
    allow_policies::AllowPolicy, block_senders::BlockedSender, domains::Domain,
    impersonation_registry::ImpersonationRegistry, sending_domain_restrictions::SendingDomainRestriction,
    trusted_domains::TrustedDomain, url_ignore_patterns::UrlIgnorePattern,
};
use flarekit::{EndpointInfo, Method};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// The path of the settings API below `/client/v4`, up to the family's segment.
pub(crate) const SETTINGS: &str = "/accounts/<account_id>/email-security/settings/";

/// One resource family, e.g. allow policies.
pub(crate) struct Family {
    /// The path segment after `settings/`.
    pub segment: &'static str,
    /// What one resource is called in messages.
    pub noun: &'static str,
    /// The fields `search` looks in (case-insensitive substring).
    pub search: &'static [&'static str],
    /// The fields that, together, no two resources of an account may share (case-insensitive).
    pub unique: &'static [&'static str],
    /// Deprecated fields that mirror a current one: `(deprecated, current)`.
    pub aliases: &'static [(&'static str, &'static str)],
    /// Whether a batch `puts` item replaces every writable field (else it sets those given).
    pub puts_replace: bool,
    /// Fields the server fills in on creation.
    pub on_create: fn(&mut Map<String, Value>),
    /// Decodes a stored resource into flarekit's type for it: the fake's shape check.
    pub shape: fn(&Value) -> Result<(), String>,
}

fn shape<T: DeserializeOwned>(value: &Value) -> Result<(), String> {
    T::deserialize(value).map(drop).map_err(|e| e.to_string())
}

fn nothing(_: &mut Map<String, Value>) {}

static FAMILIES: [Family; 7] = [
    Family {
        segment: "sending_domain_restrictions",
        noun: "sending domain restriction",
        search: &["domain"],
        unique: &["domain"],
        aliases: &[],
        puts_replace: false,
        on_create: nothing,
        shape: shape::<SendingDomainRestriction>,
    },
    Family {
        segment: "allow_policies",
        noun: "allow policy",
        search: &["pattern"],
        unique: &["pattern", "pattern_type"],
        aliases: &[
            ("is_recipient", "is_exempt_recipient"),
            ("is_sender", "is_trusted_sender"),
            ("is_spoof", "is_acceptable_sender"),
        ],
        puts_replace: false,
        on_create: nothing,
        shape: shape::<AllowPolicy>,
    },
    Family {
        segment: "block_senders",
        noun: "blocked sender",
        search: &["pattern"],
        unique: &["pattern", "pattern_type"],
        aliases: &[],
        puts_replace: false,
        on_create: nothing,
        shape: shape::<BlockedSender>,
    },
    Family {
        segment: "trusted_domains",
        noun: "trusted domain",
        search: &["pattern"],
        unique: &["pattern"],
        aliases: &[],
        puts_replace: false,
        on_create: nothing,
        shape: shape::<TrustedDomain>,
    },
    Family {
        segment: "domains",
        noun: "domain",
        search: &["domain"],
        unique: &["domain"],
        aliases: &[],
        puts_replace: true,
        on_create: |record| {
            record.insert("status".into(), Value::String("PENDING".into()));
        },
        shape: shape::<Domain>,
    },
    Family {
        segment: "impersonation_registry",
        noun: "impersonation registry entry",
        search: &["name", "email"],
        unique: &["email"],
        aliases: &[],
        puts_replace: false,
        on_create: |record| {
            record.entry("provenance").or_insert_with(|| Value::String("A1S_INTERNAL".into()));
        },
        shape: shape::<ImpersonationRegistry>,
    },
    Family {
        segment: "url_ignore_patterns",
        noun: "URL ignore pattern",
        search: &["pattern"],
        unique: &["pattern"],
        aliases: &[],
        puts_replace: true,
        on_create: nothing,
        shape: shape::<UrlIgnorePattern>,
    },
];

/// The family served under `settings/<segment>`.
pub(crate) fn by_segment(segment: &str) -> Option<&'static Family> {
    FAMILIES.iter().find(|f| f.segment == segment)
}

impl Family {
    /// The declared endpoint with this method on the collection (`item` false) or on one
    /// resource (`item` true).
    pub(crate) fn endpoint(&self, method: Method, item: bool) -> Option<&'static EndpointInfo> {
        flarekit::catalog().iter().copied().find(|e| {
            let Some(rest) = e.path.as_str().strip_prefix(SETTINGS).and_then(|r| r.strip_prefix(self.segment)) else {
                return false;
            };
            let shape_ok = if item {
                rest.strip_prefix("/<").is_some_and(|r| r.ends_with('>') && !r.contains('/'))
            } else {
                rest.is_empty()
            };
            e.method == method && shape_ok
        })
    }

    /// The key two resources of an account must not share, lower-cased; `None` when a key
    /// field is missing.
    pub(crate) fn unique_key(&self, record: &Map<String, Value>) -> Option<Vec<String>> {
        self.unique
            .iter()
            .map(|f| match record.get(*f)? {
                Value::String(s) => Some(s.to_lowercase()),
                Value::Null => None,
                other => Some(other.to_string()),
            })
            .collect()
    }
}
