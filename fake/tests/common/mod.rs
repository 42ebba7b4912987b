//! What the fake's tests share. (Each test binary uses part of it.)
#![allow(dead_code)]

use flarekit::{Error, ErrorKind};
use flarekit_fake::MockServer;
use serde_json::Value;

/// The API error a call failed with: its status and the first error's code and message.
pub fn api_error<T: std::fmt::Debug>(result: Result<T, Error>) -> (u16, i64, String) {
    let (status, code, message, _) = api_error_at(result);
    (status, code, message)
}

/// The API error a call failed with: its status and the first error's code, message and
/// pointer into the request body (`/posts/1/content`).
pub fn api_error_at<T: std::fmt::Debug>(result: Result<T, Error>) -> (u16, i64, String, Option<String>) {
    let err = result.expect_err("refused");
    let ErrorKind::Api(e) = err.kind() else { panic!("expected an API error, got {err:?}") };
    let first = &e.errors[0];
    let pointer = first.source.as_ref().and_then(|s| s.pointer.clone());
    (e.status, first.code.unwrap_or_default(), first.message.clone(), pointer)
}

/// The status and first error code of the API error a call failed with.
pub fn status<T: std::fmt::Debug>(result: Result<T, Error>) -> (u16, i64) {
    let (status, code, _) = api_error(result);
    (status, code)
}

/// Sends `body` as JSON to `path` (below the base URL) with the admin token: the status and
/// the JSON answer.
pub async fn send_json(server: &MockServer, method: reqwest::Method, path: &str, body: &Value) -> (u16, Value) {
    send_raw(server, method.as_str(), path, &body.to_string()).await
}

/// Sends `body` as it is (JSON or not) to `path` with the admin token: the status and the JSON
/// answer.
pub async fn send_raw(server: &MockServer, method: &str, path: &str, body: &str) -> (u16, Value) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("a method");
    let response = reqwest::Client::new()
        .request(method, format!("{}{path}", server.base_url()))
        .bearer_auth(server.admin_token())
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .expect("the fake answers");
    let status = response.status().as_u16();
    (status, serde_json::from_slice(&response.bytes().await.expect("a body")).expect("JSON"))
}
