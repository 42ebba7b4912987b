use flarekit::{endpoint, Endpoint};

/// Delete a blocked sender.
#[deprecated(note = "use the v2 endpoint")]
#[endpoint(DELETE, "/accounts/<account_id>/email-security/settings/block_senders/<pattern_id>",
           perm = "Cloud Email Security: Write", response = ())]
pub struct DeleteBlockedSender {
    #[validate(max_length = 32)]
    pub account_id: String,
    pub pattern_id: u64,
}

#[allow(deprecated)]
fn main() {
    let req = DeleteBlockedSender { account_id: "a/b?c".into(), pattern_id: 9 }.to_request().unwrap();
    assert_eq!(req.method, flarekit::Method::Delete);
    assert_eq!(req.path, "/accounts/a%2Fb%3Fc/email-security/settings/block_senders/9");
    assert!(req.query.is_empty() && req.headers.is_empty());
    assert_eq!(req.body, None);

    // A path value may not change the route.
    let err = DeleteBlockedSender { account_id: "..".into(), pattern_id: 9 }.to_request().unwrap_err();
    assert!(err.to_string().contains("account_id"), "{err}");
    let err = DeleteBlockedSender { account_id: String::new(), pattern_id: 9 }.validate().unwrap_err();
    assert_eq!(err.violations()[0].rule.name(), "path_segment");

    assert!(DeleteBlockedSender::INFO.deprecated);
    assert_eq!(DeleteBlockedSender::INFO.path, "/accounts/<account_id>/email-security/settings/block_senders/<pattern_id>");
}

// `send` returns the declared response type.
#[allow(dead_code, deprecated)]
async fn delete(client: &flarekit::Client) -> Result<(), flarekit::Error> {
    DeleteBlockedSender { account_id: "acc".into(), pattern_id: 1 }.send(client).await
}
