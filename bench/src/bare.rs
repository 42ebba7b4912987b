//! The bare baseline (issue 14): the create call as a user writes it by hand with none of
//! flarekit's settings — `reqwest::Client::new()`, a `format!` path with the account id as it
//! is, a `serde_json` body, `bearer_auth`, and the derived envelope struct of
//! [`common::decode_envelope`]. No validation, no percent-encoding, no timeouts, no user agent.

use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::common::{self, HandCreate, HandError, Restriction};

/// `reqwest::Client::new()` and a token.
#[derive(Debug, Clone)]
pub struct BareClient {
    http: reqwest::Client,
    base_url: String,
    token: String,
}

impl BareClient {
    pub fn new(base_url: &str, token: &str) -> Self {
        BareClient { http: reqwest::Client::new(), base_url: base_url.to_owned(), token: token.to_owned() }
    }

    /// Sends the create call and decodes its result.
    pub async fn create(&self, request: &HandCreate) -> Result<Restriction, HandError> {
        let url = format!(
            "{}/accounts/{}/email-security/settings/sending_domain_restrictions",
            self.base_url, request.account_id
        );
        let response = self
            .http
            .post(url)
            .bearer_auth(&self.token)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(request.json_body()?)
            .send()
            .await
            .map_err(HandError::Http)?;
        let bytes = response.bytes().await.map_err(HandError::Http)?;
        common::decode_envelope(&bytes).map(|(r, _)| r)
    }
}

/// The same call on hyper's own client (`hyper_util`'s pool, plain HTTP), with nothing around
/// it: not what issue 14 compares with, but the floor under every Rust client on hyper, flarekit
/// included.
#[derive(Debug, Clone)]
pub struct BareHyperClient {
    http: hyper_util::client::legacy::Client<HttpConnector, Full<flarekit::Bytes>>,
    base_url: String,
    authorization: String,
}

impl BareHyperClient {
    pub fn new(base_url: &str, token: &str) -> Self {
        let http = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build_http();
        BareHyperClient { http, base_url: base_url.to_owned(), authorization: format!("Bearer {token}") }
    }

    /// Sends the create call and decodes its result.
    pub async fn create(&self, request: &HandCreate) -> Result<Restriction, HandError> {
        let url = format!(
            "{}/accounts/{}/email-security/settings/sending_domain_restrictions",
            self.base_url, request.account_id
        );
        let request = hyper::Request::post(url)
            .header(hyper::header::AUTHORIZATION, &self.authorization)
            .header(hyper::header::CONTENT_TYPE, "application/json")
            .body(Full::new(flarekit::Bytes::from(request.json_body()?)))
            .map_err(|e| HandError::Hyper(e.to_string()))?;
        let response = self.http.request(request).await.map_err(|e| HandError::Hyper(e.to_string()))?;
        let bytes = response.into_body().collect().await.map_err(|e| HandError::Hyper(e.to_string()))?.to_bytes();
        common::decode_envelope(&bytes).map(|(r, _)| r)
    }
}
