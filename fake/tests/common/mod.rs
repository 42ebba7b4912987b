//! What the fake's tests share.

use flarekit_fake::MockServer;
use serde_json::Value;

/// Sends `body` as JSON to `path` (below the base URL) with the admin token: the status and
/// the JSON answer.
pub async fn send_json(server: &MockServer, method: reqwest::Method, path: &str, body: &Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .request(method, format!("{}{path}", server.base_url()))
        .bearer_auth(server.admin_token())
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("the fake answers");
    let status = response.status().as_u16();
    (status, serde_json::from_slice(&response.bytes().await.expect("a body")).expect("JSON"))
}
