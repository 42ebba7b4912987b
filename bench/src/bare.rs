//! The bare baseline (issue 14): the create call as a user writes it by hand with none of
//! flarekit's settings — `reqwest::Client::new()`, a `format!` path with the account id as it
//! is, a `serde_json` body, `bearer_auth`, and the derived envelope struct of
//! [`common::decode_envelope`]. No validation, no percent-encoding, no timeouts, no user agent.

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
