//! What the generated call table (`tests/tests/prism_generated/calls.rs`) builds its calls
//! with: each call sends one operation through a client and keeps only whether it succeeded.

use std::future::Future;
use std::pin::Pin;

use flarekit::request::Blob;
use flarekit::{Client, Endpoint};
use serde::de::DeserializeOwned;

/// The account every call names.
pub const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
/// The zone every call names.
pub const ZONE: &str = "9a7806061c88ada191ed06f989cc3dac";

/// A call in flight.
pub type Sent<'a> = Pin<Box<dyn Future<Output = Result<(), flarekit::Error>> + Send + 'a>>;
/// One operation of the table, sent through a client.
pub type Call = for<'a> fn(&'a Client) -> Sent<'a>;

/// Sends `endpoint` and drops what it answered.
pub fn call<E: Endpoint + Send + 'static>(client: &Client, endpoint: E) -> Sent<'_> {
    Box::pin(async move { client.send(endpoint).await.map(drop) })
}

/// A value from the JSON the generator wrote for it.
pub fn json<T: DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("the generated value {text} does not decode: {e}"))
}

/// The file a call uploads.
pub fn blob() -> Blob {
    Blob::from("example").with_filename("example.txt")
}
