//! PhishGuard: security alert reports about detected threats.
//!
//! | operation | type |
//! | --- | --- |
//! | list reports (`GET`) | [`ListPhishguardReports`] |

use serde::{Deserialize, Serialize};

use super::DispositionLabel;
use crate::email_security::perm;
use crate::{endpoint, AccountId};

/// A tag of a PhishGuard report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PhishGuardReportTag {
    /// Tag category.
    pub category: String,
    /// Tag value.
    pub value: String,
}

/// The message a PhishGuard report is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PhishGuardReportFields {
    /// Recipients.
    pub to: Vec<String>,
    /// Sender.
    pub from: Option<String>,
    /// When it happened (RFC 3339).
    pub occurred_at: Option<String>,
    /// The postfix id of the message.
    pub postfix_id: Option<String>,
    /// When it happened.
    #[deprecated(note = "use `occurred_at` instead")]
    pub ts: Option<String>,
}

/// A PhishGuard security alert report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PhishGuardReport {
    /// Report identifier.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Content.
    pub content: String,
    /// The message the report is about.
    pub fields: PhishGuardReportFields,
    /// Priority.
    pub priority: String,
    /// The disposition of the threat.
    pub disposition: DispositionLabel,
    /// When the report was created (RFC 3339).
    pub created_at: Option<String>,
    /// When the report was last updated (RFC 3339).
    pub updated_at: Option<String>,
    /// Tags.
    pub tags: Option<Vec<PhishGuardReportTag>>,
    /// When the report was created.
    #[deprecated(note = "use `created_at` instead")]
    pub ts: Option<String>,
}

/// Lists PhishGuard reports for a date range: detected threats, dispositions and context.
#[endpoint(GET, "/accounts/<account_id>/email-security/phishguard/reports",
           perm = perm::READ,
           response = Vec<PhishGuardReport>)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPhishguardReports {
    /// Account identifier.
    pub account_id: AccountId,
    /// Start of the time range (RFC 3339); takes precedence over `from_date`.
    #[validate(format = "date-time")]
    pub start: Option<String>,
    /// End of the time range (RFC 3339); takes precedence over `to_date`.
    #[validate(format = "date-time")]
    pub end: Option<String>,
    /// Start date (`YYYY-MM-DD`).
    #[deprecated(note = "use `start` instead; end of life: November 1, 2026")]
    #[validate(format = "date")]
    pub from_date: Option<String>,
    /// End date (`YYYY-MM-DD`).
    #[deprecated(note = "use `end` instead; end of life: November 1, 2026")]
    #[validate(format = "date")]
    pub to_date: Option<String>,
}
