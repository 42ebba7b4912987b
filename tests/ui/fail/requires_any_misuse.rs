use flarekit::{endpoint, Validate};

// `requires_any` names optional body members: not a query field, not a required member, not
// a name the struct does not have.
#[endpoint(POST, "/accounts/<account_id>/things", perm = "Things Write", response = ())]
#[validate(requires_any(dry_run, name, (ttl, colour)))]
pub struct CreateThing {
    pub account_id: String,
    #[param(query)]
    pub dry_run: Option<bool>,
    pub name: String,
    pub ttl: Option<u32>,
}

// It offers a choice: one set is not one.
#[endpoint(POST, "/accounts/<account_id>/things", perm = "Things Write", response = ())]
#[validate(requires_any(ttl))]
pub struct UpdateThing {
    pub account_id: String,
    pub ttl: Option<u32>,
}

// On an enum it has nothing to name.
#[derive(serde::Serialize, Validate)]
#[validate(requires_any(a, b))]
pub enum Choice {
    A,
    B,
}

fn main() {}
