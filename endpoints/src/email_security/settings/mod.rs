//! Email Security settings: `/accounts/<account_id>/email-security/settings/…`.

pub mod sending_domain_restrictions;
