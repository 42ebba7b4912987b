use flarekit::decode::Polled;
use flarekit::paginate::{Paginated, Pagination};
use flarekit::transport::{HeaderValue, HttpResponse};
use flarekit::{endpoint, ApiResponse, Endpoint, Error};

/// List things.
#[endpoint(GET, "/accounts/<account_id>/things", perm = "Things Read", response = Vec<u32>, paginate = page)]
#[derive(Clone)]
pub struct ListThings {
    pub account_id: String,
    #[param(rename = "page")]
    pub page_number: Option<u32>,
    #[validate(min_items = 1)]
    pub ids: Option<[u32; 2]>,
}

/// List things by cursor.
#[endpoint(GET, "/accounts/<account_id>/cursor-things", perm = "Things Read", response = Vec<u32>,
           paginate = cursor)]
#[derive(Clone, Default)]
pub struct ListCursorThings {
    pub account_id: String,
    pub cursor: Option<String>,
}

/// Replace the things' labels: the same state however often it is applied.
#[endpoint(POST, "/accounts/<account_id>/labels", perm = "Things Write", response = (), retry_safe)]
pub struct SetLabels {
    pub account_id: String,
    #[validate(max_items = 3)]
    pub labels: [String; 2],
}

/// Create a thing.
#[endpoint(POST, "/accounts/<account_id>/things", perm = "Things Write", response = ())]
pub struct CreateThing {
    pub account_id: String,
}

fn investigate(r: &HttpResponse) -> Result<ApiResponse<Polled<Vec<u32>>>, Error> {
    flarekit::decode::ready_or_pending(r)
}

/// A search that may still be running.
#[endpoint(GET, "/accounts/<account_id>/investigate", perm = "Things Read", response = Polled<Vec<u32>>,
           decode_with = investigate)]
pub struct Investigate {
    pub account_id: String,
}

/// A raw message.
#[endpoint(GET, "/accounts/<account_id>/raw/<id>", perm = "Things Read", response = Vec<u8>,
           decode_with = flarekit::decode::raw_body)]
pub struct Raw {
    pub account_id: String,
    pub id: u32,
}

fn main() {
    let mut list = ListThings { account_id: "a".into(), page_number: None, ids: Some([1, 2]) };
    assert_eq!(ListThings::INFO.pagination, Some(Pagination::PageNumber { param: "page" }));
    assert_eq!(list.page(), 1);
    list.set_page(3);
    assert_eq!(list.page_number, Some(3));
    assert_eq!(list.to_request().unwrap().query[0], ("page", "3".to_string()));

    let mut cursor = ListCursorThings { account_id: "a".into(), ..Default::default() };
    assert_eq!(ListCursorThings::INFO.pagination, Some(Pagination::Cursor { param: "cursor" }));
    cursor.set_cursor("abc".into());
    assert_eq!(cursor.cursor.as_deref(), Some("abc"));

    assert!(SetLabels::INFO.retry_safe);
    assert!(!CreateThing::INFO.retry_safe);
    assert!(ListThings::INFO.retry_safe);
    assert!(SetLabels { account_id: "a".into(), labels: ["x".into(), "y".into()] }.validate().is_ok());

    let mut accepted = HttpResponse::new(202, flarekit::Bytes::new());
    accepted.headers.insert("location", HeaderValue::from_static("/poll"));
    assert_eq!(Investigate::decode(&accepted).unwrap().result, Polled::Pending { location: "/poll".into() });
    let raw = HttpResponse::new(200, b"not json".to_vec());
    assert_eq!(Raw::decode(&raw).unwrap().result, b"not json");

    // Every declaration above is in the catalog.
    for name in ["ListThings", "ListCursorThings", "SetLabels", "CreateThing", "Investigate", "Raw"] {
        let found = flarekit::catalog().iter().filter(|e| e.type_name == name).count();
        assert_eq!(found, 1, "{name}");
    }
}
