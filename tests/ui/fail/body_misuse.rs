use flarekit::endpoint;
use flarekit::request::Blob;

// Part options without a multipart body, a content type without a raw body.
#[endpoint(PUT, "/accounts/<account_id>/things/<name>", perm = "Things Write", response = ())]
pub struct PutThing {
    pub account_id: String,
    pub name: String,
    #[param(json)]
    pub metadata: String,
    #[param(content_type = "text/plain")]
    pub note: String,
}

// A multipart body whose field is also the whole body, and two whole bodies.
#[endpoint(PUT, "/accounts/<account_id>/blobs/<name>", perm = "Things Write", response = (), body = multipart)]
pub struct PutBlob {
    pub account_id: String,
    pub name: String,
    #[param(raw_body)]
    pub value: Blob,
    #[param(raw_body, rename = "other")]
    pub other: Blob,
}

// An unknown body style.
#[endpoint(PUT, "/accounts/<account_id>/forms/<name>", perm = "Things Write", response = (), body = form)]
pub struct PutForm {
    pub account_id: String,
    pub name: String,
}

fn main() {}
