use flarekit::{endpoint, Endpoint, Nullable};

/// Update an allow policy.
#[endpoint(PATCH, "/accounts/<account_id>/email-security/settings/allow_policies/<policy_id>",
           perm = "Cloud Email Security: Write", response = serde_json::Value, min_properties = 1)]
pub struct UpdateAllowPolicy {
    pub account_id: String,
    pub policy_id: i64,
    #[validate(max_length = 1024)]
    pub comments: Nullable<String>,
    pub is_regex: Option<bool>,
    #[deprecated]
    pub is_trusted_sender: Option<bool>,
}

#[allow(deprecated)]
fn update(comments: Nullable<String>, is_regex: Option<bool>) -> UpdateAllowPolicy {
    UpdateAllowPolicy { account_id: "acc".into(), policy_id: 42, comments, is_regex, is_trusted_sender: None }
}

fn body(u: &UpdateAllowPolicy) -> String {
    String::from_utf8(u.to_request().unwrap().body.unwrap().to_bytes().to_vec()).unwrap()
}

fn main() {
    let req = update(Nullable::Null, None).to_request().unwrap();
    assert_eq!(req.method, flarekit::Method::Patch);
    assert_eq!(req.path, "/accounts/acc/email-security/settings/allow_policies/42");
    assert!(req.query.is_empty());
    assert_eq!(body(&update(Nullable::Null, None)), r#"{"comments":null}"#);
    assert_eq!(body(&update(Nullable::Set("hi".into()), Some(true))), r#"{"comments":"hi","is_regex":true}"#);
    assert_eq!(body(&update(Nullable::Omit, Some(false))), r#"{"is_regex":false}"#);

    // Nothing to update: min_properties = 1 rejects it before anything is sent.
    let err = update(Nullable::Omit, None).validate().unwrap_err();
    assert_eq!(err.violations().len(), 1);
    assert_eq!(err.violations()[0].field, "body");
    assert_eq!(err.violations()[0].rule.name(), "min_properties");

    let err = update(Nullable::Set("x".repeat(1025)), None).validate().unwrap_err();
    assert_eq!(err.violations()[0].field, "comments");

    let info = UpdateAllowPolicy::INFO;
    assert_eq!(info.min_properties, 1);
    let comments = info.field("comments").unwrap();
    assert!(comments.nullable && !comments.required);
    assert!(info.field("is_trusted_sender").unwrap().deprecated);
    assert!(!info.deprecated);
}
