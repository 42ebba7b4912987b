//! Large bodies (issue 14): a KV value written and read as raw bytes, and a Worker uploaded as a
//! multipart form, each through flarekit's declarations and through hand-written reqwest code on
//! [`HandClient`] (flarekit's transport settings), sending the same requests.
//!
//! The workspace's reqwest has no `multipart` feature (it would add `mime_guess` to the lock
//! file), so the hand-written upload builds its form as a user without it does: the parts
//! written one after the other into one `Vec`.

use hyper::body::Bytes;
use serde::Deserialize;

use flarekit::kv::namespaces::values::{ReadKeyValuePair, WriteKeyValuePair};
use flarekit::request::Blob;
use flarekit::workers::scripts::{ScriptMetadata, UploadWorkerModule};

use crate::common::{decode_envelope, HandClient, HandError, ACCOUNT};

/// The namespace every KV call uses.
pub const NAMESPACE: &str = "0f2ac74b498b48028cb68387c421e279";
/// The key every KV call uses.
pub const KEY: &str = "bench-value";
/// The name of the uploaded Worker.
pub const SCRIPT: &str = "bench-worker";
/// The module's file name (and its part's name).
pub const MODULE: &str = "worker.js";
/// The metadata part both clients send (flarekit serializes [`ScriptMetadata`] to these bytes).
pub const METADATA: &str = r#"{"main_module":"worker.js","compatibility_date":"2024-08-01"}"#;

/// `len` bytes of a repeating pattern (binary, every byte value).
pub fn value(len: usize) -> Bytes {
    (0..len).map(|i| (i % 251) as u8).collect::<Vec<u8>>().into()
}

/// `len` bytes of JavaScript: a module that exports a handler, padded with a comment.
pub fn module(len: usize) -> Bytes {
    let head = "export default { fetch() { return new Response('hi') } }\n/*";
    let mut text = String::with_capacity(len);
    text.push_str(head);
    text.push_str(&"x".repeat(len.saturating_sub(head.len() + 3)));
    text.push_str("*/\n");
    Bytes::from(text)
}

/// The path of the value of [`KEY`].
fn kv_path() -> String {
    format!("/accounts/{ACCOUNT}/storage/kv/namespaces/{NAMESPACE}/values/{KEY}")
}

/// flarekit's write of `value` under [`KEY`].
pub fn flarekit_kv_put(value: &Bytes) -> WriteKeyValuePair {
    WriteKeyValuePair::new(ACCOUNT.into(), NAMESPACE, KEY, Blob::new(value.clone()))
}

/// flarekit's read of [`KEY`].
pub fn flarekit_kv_get() -> ReadKeyValuePair {
    ReadKeyValuePair::new(ACCOUNT.into(), NAMESPACE, KEY)
}

/// flarekit's upload of `module` as [`SCRIPT`].
pub fn flarekit_upload(module: &Bytes) -> UploadWorkerModule {
    let part = Blob::new(module.clone()).with_filename(MODULE).with_content_type("application/javascript+module");
    UploadWorkerModule::new(
        ACCOUNT.into(),
        SCRIPT,
        ScriptMetadata::main_module(MODULE).compatibility_date("2024-08-01"),
        vec![part],
    )
}

/// What the hand-written upload reads from the answer.
#[derive(Debug, Deserialize)]
pub struct Uploaded {
    pub id: Option<String>,
    pub etag: Option<String>,
}

const BOUNDARY: &str = "hand-written-7f3a9c1e5b2d4086";

impl HandClient {
    /// Writes `value` under [`KEY`] as the raw body.
    pub async fn kv_put(&self, value: &Bytes) -> Result<(), HandError> {
        let request = self
            .request(reqwest::Method::PUT, &kv_path())
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
            .body(value.clone());
        let bytes = Self::receive(request).await?.bytes().await.map_err(HandError::Http)?;
        decode_envelope::<serde::de::IgnoredAny>(&bytes).map(|_| ())
    }

    /// Reads the value of [`KEY`]: the body as it came.
    pub async fn kv_get(&self) -> Result<Bytes, HandError> {
        let request = self.request(reqwest::Method::GET, &kv_path());
        Self::receive(request).await?.bytes().await.map_err(HandError::Http)
    }

    /// Uploads `module` as [`SCRIPT`]: the metadata part, then the module part.
    pub async fn upload(&self, module: &Bytes) -> Result<Uploaded, HandError> {
        let mut body = Vec::with_capacity(module.len() + 512);
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n{METADATA}\r\n\
                 --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{MODULE}\"; filename=\"{MODULE}\"\r\n\
                 Content-Type: application/javascript+module\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(module);
        body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
        let request = self
            .request(reqwest::Method::PUT, &format!("/accounts/{ACCOUNT}/workers/scripts/{SCRIPT}"))
            .header(reqwest::header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
            .body(body);
        let bytes = Self::receive(request).await?.bytes().await.map_err(HandError::Http)?;
        decode_envelope(&bytes).map(|(r, _)| r)
    }
}
