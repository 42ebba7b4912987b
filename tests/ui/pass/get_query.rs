use flarekit::{endpoint, Endpoint, Kind, Location};

#[derive(serde::Serialize, flarekit::Validate)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    CreatedAt,
    Pattern,
}

#[derive(Debug, serde::Deserialize)]
pub struct BlockedSender {
    pub id: u64,
}

/// List blocked senders.
///
/// Paginated.
#[endpoint(GET, "/accounts/<account_id>/email-security/settings/block_senders",
           perm = ["Cloud Email Security: Read", "Cloud Email Security: Write"], response = Vec<BlockedSender>)]
pub struct ListBlockedSenders {
    /// Account identifier.
    #[validate(max_length = 32)]
    pub account_id: String,
    #[validate(minimum = 1)]
    pub page: Option<u32>,
    #[validate(minimum = 1, maximum = 1000)]
    pub per_page: Option<u32>,
    pub order: Option<Order>,
    pub search: Option<String>,
    pub pattern_type: Vec<String>,
}

fn main() {
    let req = ListBlockedSenders {
        account_id: "acc 1".into(),
        page: Some(2),
        per_page: None,
        order: Some(Order::CreatedAt),
        search: Some("a&b".into()),
        pattern_type: vec!["EMAIL".into(), "DOMAIN".into()],
    }
    .to_request()
    .unwrap();
    assert_eq!(req.method, flarekit::Method::Get);
    assert_eq!(req.path, "/accounts/acc%201/email-security/settings/block_senders");
    assert_eq!(
        req.query,
        [
            ("page", "2".to_string()),
            ("order", "created_at".to_string()),
            ("search", "a&b".to_string()),
            ("pattern_type", "EMAIL".to_string()),
            ("pattern_type", "DOMAIN".to_string()),
        ]
    );
    assert!(req.headers.is_empty());
    assert_eq!(req.body, None);

    let err = ListBlockedSenders {
        account_id: "x".repeat(33),
        page: Some(0),
        per_page: Some(1001),
        order: None,
        search: None,
        pattern_type: vec![],
    }
    .to_request()
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("account_id"), "{text}");
    assert!(text.contains("per_page"), "{text}");

    let info = ListBlockedSenders::INFO;
    assert_eq!(info.method, flarekit::Method::Get);
    assert_eq!(info.summary, "List blocked senders.");
    assert_eq!(info.doc, "List blocked senders.\n\nPaginated.");
    assert_eq!(info.type_name, "ListBlockedSenders");
    assert_eq!(info.permissions.len(), 2);
    assert_eq!(info.field("order").unwrap().values, ["created_at", "pattern"]);
    let account = info.field("account_id").unwrap();
    assert_eq!(account.location, Location::Path);
    assert_eq!(account.kind, Kind::String);
    assert!(account.required);
    assert_eq!(account.doc, "Account identifier.");
    let page = info.field("page").unwrap();
    assert_eq!((page.location, page.kind, page.required), (Location::Query, Kind::Integer, false));
    assert_eq!(info.field("order").unwrap().kind, Kind::Other);
    assert_eq!(info.field("pattern_type").unwrap().kind, Kind::List);
}
