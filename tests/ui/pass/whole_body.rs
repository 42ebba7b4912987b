use flarekit::{endpoint, Endpoint, Location};

#[derive(PartialEq, serde::Serialize, flarekit::Validate)]
pub struct Ref {
    pub id: String,
}

/// Delete many things: the body is a bare array.
#[endpoint(DELETE, "/accounts/<account_id>/things", perm = "X", response = ())]
pub struct DeleteThings {
    pub account_id: String,
    #[param(whole_body)]
    #[validate(min_items = 1)]
    pub things: Vec<Ref>,
    pub dry_run: Option<bool>,
}

/// An optional whole body.
#[endpoint(POST, "/accounts/<account_id>/maybe", perm = "X", response = ())]
pub struct Maybe {
    pub account_id: String,
    #[param(whole_body)]
    pub ids: Option<Vec<u32>>,
}

fn main() {
    let req = DeleteThings { account_id: "a".into(), things: vec![Ref { id: "1".into() }], dry_run: Some(true) };
    let parts = req.to_request().unwrap();
    assert_eq!(parts.body.map(|b| b.to_bytes()).as_deref(), Some(&br#"[{"id":"1"}]"#[..]));
    assert_eq!(parts.query, [("dry_run", "true".to_string())]);
    let err = DeleteThings { account_id: "a".into(), things: vec![], dry_run: None }.validate().unwrap_err();
    assert_eq!(err.violations()[0].rule.name(), "min_items");
    assert_eq!(DeleteThings::INFO.field("things").map(|f| f.location), Some(Location::WholeBody));

    assert_eq!(Maybe { account_id: "a".into(), ids: None }.to_request().unwrap().body, None);
    assert_eq!(Maybe { account_id: "a".into(), ids: Some(vec![7]) }.to_request().unwrap().body.map(|b| b.to_bytes()).as_deref(), Some(&b"[7]"[..]));
}
