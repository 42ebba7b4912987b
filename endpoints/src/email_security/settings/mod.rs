//! Email Security settings: `/accounts/<account_id>/email-security/settings/…`.

pub mod allow_policies;
pub mod block_senders;
pub mod domains;
pub mod impersonation_registry;
pub mod sending_domain_restrictions;
pub mod trusted_domains;
pub mod url_ignore_patterns;
