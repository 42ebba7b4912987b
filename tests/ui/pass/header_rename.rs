use flarekit::{endpoint, Endpoint, Location};

/// Create a thing, with a request header and renamed members.
#[endpoint(POST, "/zones/<zone_id>/things", perm = "Zone Write", response = serde_json::Value)]
pub struct CreateThing {
    pub zone_id: String,
    #[param(header = "X-Request-Id")]
    pub request_id: Option<String>,
    #[param(query, rename = "type")]
    pub kind: String,
    #[param(rename = "match")]
    #[validate(pattern = "^[a-z]+$", min_length = 2)]
    pub r#match: String,
    pub r#type: Option<u8>,
    #[validate(format = "uuid")]
    pub rule_id: Option<String>,
    #[validate(min_items = 1, unique_items)]
    pub tags: [u8; 2],
}

fn main() {
    let thing = CreateThing {
        zone_id: "z".into(),
        request_id: Some("abc".into()),
        kind: "full".into(),
        r#match: "abc".into(),
        r#type: Some(3),
        rule_id: Some("f174e90a-fafe-4643-bbbc-4a0ed4fc8415".into()),
        tags: [1, 2],
    };
    let req = thing.to_request().unwrap();
    assert_eq!(req.path, "/zones/z/things");
    assert_eq!(req.headers, [("X-Request-Id", "abc".to_string())]);
    assert_eq!(req.query, [("type", "full".to_string())]);
    assert_eq!(
        String::from_utf8(req.body.unwrap().to_bytes().to_vec()).unwrap(),
        r#"{"match":"abc","type":3,"rule_id":"f174e90a-fafe-4643-bbbc-4a0ed4fc8415","tags":[1,2]}"#
    );

    let bad = CreateThing { r#match: "A".into(), rule_id: Some("nope".into()), tags: [1, 1], ..thing };
    let err = bad.validate().unwrap_err();
    let rules: Vec<_> = err.violations().iter().map(|v| (v.field.as_ref(), v.rule.name())).collect();
    assert_eq!(rules, [("match", "pattern"), ("match", "min_length"), ("rule_id", "format"), ("tags", "unique_items")]);

    let info = CreateThing::INFO;
    assert_eq!(info.field("X-Request-Id").unwrap().location, Location::Header);
    assert_eq!(info.field("type").map(|f| f.location), Some(Location::Query));
    assert_eq!(info.fields.iter().filter(|f| f.name == "type").count(), 2);
}
