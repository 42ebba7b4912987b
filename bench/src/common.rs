//! The hand-written baseline the benchmarks compare flarekit against: what a user would write
//! without the framework for "create a sending domain restriction", with the same validation
//! (`max_length` of `account_id` and `comments`, a path value that stays one segment), the same
//! percent-encoding, a `#[derive(Serialize)]` body and a hand-written envelope decode.
//!
//! Shared by `benches/overhead.rs` and the `bench_*` binaries.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

/// RFC 3986 unreserved characters stay, everything else is encoded (as flarekit does).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The account id every benchmark uses.
pub const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";

/// The body of the documented `201` answer to the create call (what the bench server sends).
pub const CREATE_RESPONSE: &str = concat!(
    r#"{"success":true,"errors":[],"messages":[],"result":{"#,
    r#""id":"8c7a1d36-8a0e-4ac5-9e5c-2f5d0a1b3c4d","domain":"example.com","#,
    r#""exclude":["mail.example.com","smtp.example.com"],"comments":"Require TLS for example.com","#,
    r#""created_at":"2026-01-01T00:00:00Z","modified_at":"2026-01-01T00:00:00Z"}}"#
);

/// The `cf-ray` header the bench server sends.
pub const CF_RAY: &str = "8a1b2c3d4e5f6789-LHR";

/// The canned `201` answer to the create call, as a transport hands it to `decode`: the body,
/// `content-type` and the `cf-ray` header.
pub fn canned_create_response() -> flarekit::transport::HttpResponse {
    use flarekit::transport::{HeaderValue, HttpResponse};
    let mut response = HttpResponse::new(201, flarekit::Bytes::from_static(CREATE_RESPONSE.as_bytes()));
    response.headers.insert("content-type", HeaderValue::from_static("application/json"));
    response.headers.insert("cf-ray", HeaderValue::from_static(CF_RAY));
    response
}

/// Panics unless flarekit and the hand-written code build the same request and decode the same
/// result from [`canned_create_response`]: run before counting or timing either side.
pub fn assert_same_work() {
    use flarekit::Endpoint;
    let response = canned_create_response();
    let parts = flarekit_create().to_request().expect("flarekit request");
    let (path, body) = HandCreate::sample().to_request().expect("hand-written request");
    assert_eq!(parts.path, path);
    assert_eq!(parts.body.map(|b| b.to_bytes()).as_deref(), Some(&body[..]));
    let decoded =
        flarekit::email_security::settings::sending_domain_restrictions::CreateSendingDomainRestriction::decode(
            &response,
        )
        .expect("flarekit decode");
    let (hand, _) = hand_decode(&response.body).expect("hand-written decode");
    assert_eq!(decoded.cf_ray.as_deref(), Some(CF_RAY));
    let decoded = decoded.result;
    assert_eq!(
        (decoded.id.as_deref(), decoded.domain.as_deref(), decoded.exclude.as_ref(), decoded.comments.as_deref()),
        (Some(hand.id.as_str()), Some(hand.domain.as_str()), Some(&hand.exclude), hand.comments.as_deref())
    );
}

/// A hand-written create request.
#[derive(Debug, Clone)]
pub struct HandCreate {
    pub account_id: String,
    pub domain: String,
    pub exclude: Vec<String>,
    pub comments: Option<String>,
}

impl HandCreate {
    /// The request every benchmark sends (the same values as [`flarekit_create`]).
    pub fn sample() -> Self {
        HandCreate {
            account_id: ACCOUNT.to_owned(),
            domain: "example.com".to_owned(),
            exclude: vec!["mail.example.com".to_owned(), "smtp.example.com".to_owned()],
            comments: Some("Require TLS for example.com".to_owned()),
        }
    }

    /// Validates, then returns the encoded path and the JSON body, as the `Bytes` reqwest sends
    /// (its `.body(vec)` makes the same conversion): both sides of the build benchmark end at a
    /// body ready to send, as flarekit's `to_request` does.
    pub fn to_request(&self) -> Result<(String, flarekit::Bytes), HandError> {
        if matches!(self.account_id.as_str(), "" | "." | "..") {
            return Err(HandError::Invalid("account_id: not a path segment"));
        }
        if self.account_id.chars().count() > 32 {
            return Err(HandError::Invalid("account_id: longer than 32 characters"));
        }
        if self.comments.as_ref().is_some_and(|c| c.chars().count() > 1024) {
            return Err(HandError::Invalid("comments: longer than 1024 characters"));
        }
        let path = format!(
            "/accounts/{}/email-security/settings/sending_domain_restrictions",
            utf8_percent_encode(&self.account_id, SEGMENT)
        );
        Ok((path, flarekit::Bytes::from(self.json_body()?)))
    }

    /// The JSON body, with no check: what both hand-written clients send.
    pub fn json_body(&self) -> Result<Vec<u8>, HandError> {
        // The members in the order flarekit writes them: the document's (alphabetical) order.
        #[derive(Serialize)]
        struct Body<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            comments: Option<&'a str>,
            domain: &'a str,
            exclude: &'a [String],
        }
        serde_json::to_vec(&Body { domain: &self.domain, exclude: &self.exclude, comments: self.comments.as_deref() })
            .map_err(HandError::Json)
    }
}

/// The same request as a flarekit endpoint value, built from the same literals as
/// [`HandCreate::sample`], as a caller writes it ([`assert_same_work`] checks that the two send
/// the same request).
pub fn flarekit_create(
) -> flarekit::email_security::settings::sending_domain_restrictions::CreateSendingDomainRestriction {
    flarekit::email_security::settings::sending_domain_restrictions::CreateSendingDomainRestriction::new(
        ACCOUNT.into(),
        "example.com",
        vec!["mail.example.com".to_owned(), "smtp.example.com".to_owned()],
    )
    .comments("Require TLS for example.com")
}

/// A hand-written copy of the result type.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Restriction {
    pub id: String,
    pub domain: String,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub comments: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub modified_at: Option<String>,
    #[serde(default)]
    pub last_modified: Option<String>,
}

/// One `errors` / `messages` entry.
#[derive(Debug, Clone, Deserialize)]
pub struct Message {
    #[serde(default)]
    pub code: Option<i64>,
    #[serde(default)]
    pub message: String,
}

#[derive(Deserialize)]
struct Envelope<T> {
    success: bool,
    #[serde(default)]
    errors: Vec<Message>,
    #[serde(default)]
    messages: Vec<Message>,
    result: Option<T>,
}

/// Decodes a 2xx body: `success: false` and a missing `result` are errors.
pub fn hand_decode(body: &[u8]) -> Result<(Restriction, Vec<Message>), HandError> {
    decode_envelope(body)
}

/// Decodes a 2xx body into the derived envelope with a `result` of type `T`.
pub fn decode_envelope<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<(T, Vec<Message>), HandError> {
    let envelope: Envelope<T> = serde_json::from_slice(body).map_err(HandError::Json)?;
    if !envelope.success {
        return Err(HandError::Api(envelope.errors));
    }
    let result = envelope.result.ok_or(HandError::Invalid("no result"))?;
    Ok((result, envelope.messages))
}

/// What the hand-written client can fail with.
#[derive(Debug)]
pub enum HandError {
    Invalid(&'static str),
    Json(serde_json::Error),
    Api(Vec<Message>),
    Status(u16),
    Http(reqwest::Error),
    Hyper(String),
}

impl std::fmt::Display for HandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for HandError {}

/// The hand-written reqwest client, configured as flarekit's transport is: connect timeout 5 s,
/// same-origin redirects only, a 60 s timeout per request, a bearer token and a user agent.
#[derive(Debug, Clone)]
pub struct HandClient {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    pub(crate) authorization: reqwest::header::HeaderValue,
}

impl HandClient {
    pub fn new(base_url: &str, token: &str) -> Self {
        let policy = reqwest::redirect::Policy::custom(|attempt| {
            let cross = attempt.previous().last().is_some_and(|prev| {
                prev.scheme() != attempt.url().scheme()
                    || prev.host_str() != attempt.url().host_str()
                    || prev.port_or_known_default() != attempt.url().port_or_known_default()
            });
            if cross || attempt.previous().len() >= 5 {
                attempt.stop()
            } else {
                attempt.follow()
            }
        });
        let http = reqwest::Client::builder()
            .connect_timeout(std::time::Duration::from_secs(5))
            .redirect(policy)
            .build()
            .expect("reqwest client");
        let mut authorization =
            reqwest::header::HeaderValue::from_str(&format!("Bearer {token}")).expect("token header");
        authorization.set_sensitive(true);
        HandClient { http, base_url: base_url.trim_end_matches('/').to_owned(), authorization }
    }

    /// A request to `path` (below the base URL) with the timeout, token and user agent set.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut url = String::with_capacity(self.base_url.len() + path.len());
        url.push_str(&self.base_url);
        url.push_str(path);
        self.http
            .request(method, url)
            .timeout(std::time::Duration::from_secs(60))
            .header(reqwest::header::AUTHORIZATION, self.authorization.clone())
            .header(reqwest::header::USER_AGENT, "hand-written/0.1")
    }

    /// Sends `request` and reads its whole body; a status other than 2xx is an error.
    pub async fn receive(request: reqwest::RequestBuilder) -> Result<reqwest::Response, HandError> {
        let response = request.send().await.map_err(HandError::Http)?;
        let status = response.status();
        if !status.is_success() {
            return Err(HandError::Status(status.as_u16()));
        }
        Ok(response)
    }

    /// Sends the create call and decodes its result.
    pub async fn create(&self, request: &HandCreate) -> Result<Restriction, HandError> {
        let (path, body) = request.to_request()?;
        let request = self
            .request(reqwest::Method::POST, &path)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body);
        let bytes = Self::receive(request).await?.bytes().await.map_err(HandError::Http)?;
        hand_decode(&bytes).map(|(r, _)| r)
    }
}

/// This process's peak resident set so far (`VmHWM` in `/proc/self/status`), in KiB.
pub fn vm_hwm_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status")
}

/// Runs this binary once per size as `ARGS.. FLAG SIZE`, the sizes alternating, three rounds,
/// each run in its own process so that one run's peak cannot hide another's; each child prints
/// `<count> <peak KiB>`. Gives each size with its runs' peaks (sorted) and their median.
pub fn median_peaks(args: &[&str], flag: &str, sizes: &[u64]) -> Vec<(u64, Vec<u64>, u64)> {
    let exe = std::env::current_exe().expect("current_exe");
    let mut runs: Vec<Vec<u64>> = vec![Vec::new(); sizes.len()];
    for _ in 0..3 {
        for (size, peaks) in sizes.iter().zip(&mut runs) {
            let out = std::process::Command::new(&exe)
                .args(args)
                .args([flag, &size.to_string()])
                .output()
                .expect("run child");
            assert!(out.status.success(), "child failed: {}", String::from_utf8_lossy(&out.stderr));
            let text = String::from_utf8_lossy(&out.stdout);
            let hwm: u64 = text.split_whitespace().nth(1).and_then(|v| v.parse().ok()).expect("child output");
            peaks.push(hwm);
        }
    }
    sizes
        .iter()
        .zip(runs)
        .map(|(&size, mut peaks)| {
            peaks.sort_unstable();
            let median = peaks[peaks.len() / 2];
            (size, peaks, median)
        })
        .collect()
}
