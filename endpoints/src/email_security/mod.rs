//! Cloudflare Email Security (formerly Area 1): `/accounts/<account_id>/email-security/…`.

use serde::{Deserialize, Serialize};

pub mod settings;

/// The sorting direction of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortDirection {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}
