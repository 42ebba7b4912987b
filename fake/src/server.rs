//! [`MockServer`] and its [`MockServerBuilder`]: the HTTP server on 127.0.0.1.

use std::convert::Infallible;
use std::fmt;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

use crate::api::{self, Received};
use crate::auth::{Grant, Tokens};
use crate::envelope::Answer;
use crate::envelope::{codes, Failure};
use crate::route::{self, API_PREFIX};
use crate::state_file::StateFile;
use crate::store::Store;

/// How long a client may take to send a request, unless [`MockServerBuilder::read_timeout`]
/// says otherwise.
const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest request body the fake reads (32 MiB: a KV value may be 25 MiB).
const MAX_BODY: usize = 32 << 20;
/// How much of a body over [`MAX_BODY`] the fake reads and drops before it answers 413.
const MAX_DISCARDED: usize = 64 << 20;

/// A running fake of the Email Security settings API on `127.0.0.1`, with its own in-memory
/// state. It stops when dropped.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use flarekit::email_security::settings::sending_domain_restrictions::CreateSendingDomainRestriction;
///
/// let server = flarekit_fake::MockServer::start().await?;
/// let client = server.client();
/// let created = client
///     .send(CreateSendingDomainRestriction::new(
///         "023e105f4ecef8ad9ca31a8372d0c353".into(),
///         "example.com",
///         vec!["subdomain.example.com".into()],
///     ))
///     .await?;
/// assert_eq!(created.domain.as_deref(), Some("example.com"));
/// # Ok(()) }
/// ```
pub struct MockServer {
    base_url: String,
    admin_token: String,
    client: flarekit::Client,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer").field("base_url", &self.base_url).field("admin_token", &"***").finish()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        // Dropping the accept loop drops its connections' tasks too.
        self.task.abort();
    }
}

impl MockServer {
    /// Starts a fake on a random port of 127.0.0.1, with one admin token that has every
    /// permission (see [`MockServer::admin_token`]).
    pub async fn start() -> std::io::Result<MockServer> {
        MockServer::builder().start().await
    }

    /// A builder to choose the port and the tokens.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let server = flarekit_fake::MockServer::builder()
    ///     .admin_token("admin")
    ///     .token("reader", &["Cloud Email Security: Read"])
    ///     .start()
    ///     .await?;
    /// assert_eq!(server.admin_token(), "admin");
    /// # Ok(()) }
    /// ```
    pub fn builder() -> MockServerBuilder {
        MockServerBuilder::default()
    }

    /// The base URL to give a client: `http://127.0.0.1:PORT/client/v4`.
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// The token with every permission.
    pub fn admin_token(&self) -> &str {
        &self.admin_token
    }

    /// A client for [`MockServer::base_url`] authenticated with the admin token.
    pub fn client(&self) -> flarekit::Client {
        self.client.clone()
    }

    /// Moves the server's clock ahead by `by`: KV values whose expiration it passes are gone,
    /// and timestamps the server sets from now on are that much later.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let server = flarekit_fake::MockServer::start().await?;
    /// server.advance_clock(std::time::Duration::from_secs(3600)); // an hour later
    /// # Ok(()) }
    /// ```
    pub fn advance_clock(&self, by: std::time::Duration) {
        self.shared.store.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clock.advance(by);
    }
}

/// Configures a [`MockServer`]: port and tokens.
#[derive(Default)]
#[must_use]
pub struct MockServerBuilder {
    port: u16,
    admin_token: Option<String>,
    tokens: Vec<(String, Vec<String>)>,
    state: Option<PathBuf>,
    read_timeout: Option<Duration>,
    /// Zones to start with: (id, name, account id).
    zones: Vec<(String, String, String)>,
}

impl fmt::Debug for MockServerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServerBuilder")
            .field("port", &self.port)
            .field("admin_token", &self.admin_token.as_ref().map(|_| "***"))
            .field("tokens", &self.tokens.iter().map(|(_, p)| ("***", p)).collect::<Vec<_>>())
            .field("state", &self.state)
            .field("read_timeout", &self.read_timeout)
            .field("zones", &self.zones)
            .finish()
    }
}

impl MockServerBuilder {
    /// The port on 127.0.0.1 to listen on; 0 (the default) picks a free one.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The token with every permission (default: a random one).
    pub fn admin_token(mut self, token: impl Into<String>) -> Self {
        self.admin_token = Some(token.into());
        self
    }

    /// Another token, allowed only the operations that accept one of `permissions` (such as
    /// `"Cloud Email Security: Read"`): others get a 403.
    pub fn token(mut self, token: impl Into<String>, permissions: &[&str]) -> Self {
        self.tokens.push((token.into(), permissions.iter().map(|p| (*p).to_owned()).collect()));
        self
    }

    /// Keeps the data in `path` across restarts: read when the server starts (an empty state
    /// when there is no such file), written after every request that changes something,
    /// atomically (a temporary file beside it, then a rename), before that request is answered;
    /// concurrent changes share one write. A file that cannot be read or is
    /// not a state the fake wrote makes [`start`](Self::start) fail, naming it; it is never
    /// replaced.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let path = std::env::temp_dir().join(format!("flarekit-fake-doc-{}.json", std::process::id()));
    /// std::fs::write(&path, "not JSON")?;
    /// let err = flarekit_fake::MockServer::builder().state(&path).start().await.unwrap_err();
    /// assert!(err.to_string().contains("is not a state the fake wrote"), "{err}");
    /// assert_eq!(std::fs::read_to_string(&path)?, "not JSON");
    /// # std::fs::remove_file(&path)
    /// # }
    /// ```
    pub fn state(mut self, path: impl AsRef<Path>) -> Self {
        self.state = Some(path.as_ref().to_owned());
        self
    }

    /// How long a client may take to send a request: its headers (else the connection is
    /// closed), then its body (else a 408). Default 30 seconds. A slow client holds only its
    /// own connection: the others are served meanwhile. The header timeout also closes a
    /// keep-alive connection left idle that long (clients open a new one).
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = Some(timeout);
        self
    }

    /// A zone the server starts with, of this id (32 hexadecimal digits), name and account id:
    /// for code under test that is configured with a zone id, as applications are. Given a
    /// kept [`state`](Self::state) that already has the zone, nothing changes.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use flarekit::zones::GetZone;
    ///
    /// let server = flarekit_fake::MockServer::builder()
    ///     .zone("023e105f4ecef8ad9ca31a8372d0c353", "example.com", "9a7806061c88ada191ed06f989cc3dac")
    ///     .start()
    ///     .await?;
    /// let zone = server.client().send(GetZone::new("023e105f4ecef8ad9ca31a8372d0c353".into())).await?;
    /// assert_eq!(zone.name, "example.com");
    /// # Ok(()) }
    /// ```
    pub fn zone(mut self, id: impl Into<String>, name: impl Into<String>, account_id: impl Into<String>) -> Self {
        self.zones.push((id.into(), name.into(), account_id.into()));
        self
    }

    /// Binds the port and starts serving in the background.
    ///
    /// Fails when the port is taken, when a token is empty or holds a control character (it
    /// could not travel in a header), or when a [`zone`](Self::zone) is not one Cloudflare
    /// could have (an id of other than 32 hexadecimal digits, an empty name, a name taken).
    pub async fn start(self) -> std::io::Result<MockServer> {
        let (listener, admin_token, shared) = self.bind().await?;
        let base_url = base_url(listener.local_addr()?);
        let client = flarekit::Client::builder()
            .base_url(base_url.clone())
            .credentials(flarekit::Credentials::api_token(admin_token.clone()))
            .build()
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e.to_string()))?;
        let task = tokio::spawn(serve(listener, Arc::clone(&shared)));
        Ok(MockServer { base_url, admin_token, client, shared, task })
    }

    /// Binds the port, prints `flarekit fake API listening on http://127.0.0.1:PORT/client/v4`
    /// as the first line on stdout, and serves until the process is killed.
    pub async fn serve_forever(self) -> std::io::Result<()> {
        let (listener, _, shared) = self.bind().await?;
        let line = format!("flarekit fake API listening on {}", base_url(listener.local_addr()?));
        {
            let mut stdout = std::io::stdout().lock();
            writeln!(stdout, "{line}")?;
            stdout.flush()?;
        }
        serve(listener, shared).await;
        Ok(())
    }

    async fn bind(self) -> std::io::Result<(TcpListener, String, Arc<Shared>)> {
        let admin_token = self.admin_token.unwrap_or_else(|| format!("fake-admin-{}", uuid::Uuid::new_v4().simple()));
        let mut tokens = Tokens::default();
        for (token, _) in std::iter::once(&(admin_token.clone(), Vec::new())).chain(&self.tokens) {
            if token.is_empty() || token.bytes().any(|b| b.is_ascii_control()) {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "a token must be non-empty and free of control characters",
                ));
            }
        }
        for (token, permissions) in self.tokens {
            tokens.insert(token, Grant::Only(permissions));
        }
        tokens.insert(admin_token.clone(), Grant::All);
        let mut store = match &self.state {
            Some(path) => Store::load(path)?,
            None => Store::default(),
        };
        for (id, name, account) in &self.zones {
            crate::zones::seed(&mut store, id, name, account)
                .map_err(|why| std::io::Error::new(std::io::ErrorKind::InvalidInput, why))?;
        }
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.port)).await?;
        let read_timeout = self.read_timeout.unwrap_or(DEFAULT_READ_TIMEOUT);
        let state = self.state.map(StateFile::new);
        let shared = Shared { tokens, store: Mutex::new(store), read_timeout, state };
        Ok((listener, admin_token, Arc::new(shared)))
    }
}

fn base_url(addr: SocketAddr) -> String {
    format!("http://{addr}{API_PREFIX}")
}

#[derive(Debug)]
struct Shared {
    tokens: Tokens,
    store: Mutex<Store>,
    /// How long a client may take to send a request's headers, and then its body.
    read_timeout: Duration,
    /// Where the state is kept across restarts, if anywhere.
    state: Option<StateFile>,
}

/// Accepts connections until dropped; each connection's task lives in `connections`, so
/// dropping this future ends them too.
async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let shared = Arc::clone(&shared);
                let read_timeout = shared.read_timeout;
                connections.spawn(async move {
                    let service = service_fn(move |req| {
                        let shared = Arc::clone(&shared);
                        async move { Ok::<_, Infallible>(respond(&shared, req).await) }
                    });
                    let mut http = http1::Builder::new();
                    http.timer(TokioTimer::new()).header_read_timeout(read_timeout);
                    let _ = http.serve_connection(TokioIo::new(stream), service).await;
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

async fn respond(shared: &Shared, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let (status, headers, body) = match answer(shared, req).await {
        Ok(Answer::Json(status, body)) => (status, vec![json_type()], body.to_string().into_bytes()),
        Ok(Answer::Bytes { headers, body }) => (200, headers, body),
        Err(failure) => (failure.status, vec![json_type()], failure.to_json().to_string().into_bytes()),
    };
    let ray = uuid::Uuid::new_v4().simple().to_string();
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let out = response.headers_mut();
    for (name, value) in headers {
        if let Ok(value) = hyper::header::HeaderValue::from_str(&value) {
            out.insert(name, value);
        }
    }
    if let Ok(value) = hyper::header::HeaderValue::from_str(&format!("{}-FAKE", ray.get(..16).unwrap_or(&ray))) {
        out.insert("cf-ray", value);
    }
    response
}

/// The content type of the JSON envelope.
fn json_type() -> (&'static str, String) {
    ("content-type", "application/json".to_owned())
}

/// Reads a request body of at most [`MAX_BODY`] bytes. A larger one is read on to its end, up to
/// [`MAX_DISCARDED`] more bytes, and dropped as it arrives: a client still sending when the 413
/// is written would otherwise get a broken pipe instead of the answer (hyper closes a connection
/// whose body was not read to its end).
async fn read_body(mut body: Incoming) -> Result<Bytes, Failure> {
    let mut kept = Vec::new();
    let mut total = 0usize;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            return Err(Failure::new(400, codes::INVALID, "the request body could not be read to its end"));
        };
        let Ok(data) = frame.into_data() else { continue };
        total = total.saturating_add(data.len());
        if total <= MAX_BODY {
            kept.extend_from_slice(&data);
            continue;
        }
        // Over the limit: nothing is kept, and the rest is read (to a bound) only to be dropped.
        kept = Vec::new();
        if total > MAX_BODY + MAX_DISCARDED {
            break;
        }
    }
    if total > MAX_BODY {
        let message = format!("the request body is larger than the fake's limit of {MAX_BODY} bytes");
        return Err(Failure::new(413, codes::TOO_LARGE, message));
    }
    Ok(Bytes::from(kept))
}

async fn answer(shared: &Shared, req: Request<Incoming>) -> Result<Answer, Failure> {
    let (parts, body) = req.into_parts();
    let route = route::resolve(parts.method.as_str(), parts.uri.path())?;
    let token_id = shared.tokens.authorize(&parts.headers, route.endpoint)?;
    let body = match tokio::time::timeout(shared.read_timeout, read_body(body)).await {
        Err(_) => {
            let message = format!("the request body did not arrive within {:?}", shared.read_timeout);
            return Err(Failure::new(408, codes::TIMEOUT, message));
        }
        Ok(body) => body?,
    };
    let content_type = parts.headers.get(hyper::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let received = Received { query: parts.uri.query(), content_type, body: &body, token_id };
    let answer = api::handle(&shared.store, &route, received)?;
    if let (Some(state), false) = (&shared.state, parts.method == hyper::Method::GET) {
        state.keep(&shared.store).await.map_err(|e| {
            let path = state.path().display();
            let message = format!("the change was made, but the state file {path} could not be written: {e}");
            Failure::new(500, codes::INTERNAL, message)
        })?;
    }
    Ok(answer)
}
