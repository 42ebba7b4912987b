//! `flarekit`: Cloudflare's API from the command line, one command per endpoint in
//! [`flarekit::catalog()`] (declared with `#[endpoint]`), plus `perms`, and `flarekit fake` to
//! serve the fake API. See `flarekit --help`.
//!
//! | module | what it does |
//! | --- | --- |
//! | [`names`] | the rule that names each endpoint's command |
//! | [`command`] | the clap command tree: groups, commands, a flag per field |
//! | [`value`] | a flag's text as its field's JSON value |
//! | [`request`] | validation and wire encoding of the values |
//! | [`list`] | `--all`: every page of a list |
//! | [`output`] | JSON on stdout |
//! | [`perms`] | `flarekit perms`: least-privilege permissions of commands |
#![forbid(unsafe_code)]

mod command;
mod list;
mod names;
mod output;
mod perms;
mod request;
mod value;

use std::fmt;
use std::io::IsTerminal;
use std::process::ExitCode;

use clap::ArgMatches;
use flarekit::{Client, ClientBuilder, Credentials, Error, ErrorKind};
use flarekit_fake::MockServer;

use self::names::Commands;
use self::output::Printer;
use self::request::Values;

/// Why a command failed; each kind has its own exit status.
#[derive(Debug)]
pub enum Failure {
    /// The command line is wrong (exit 2).
    Usage(String),
    /// The request breaks the endpoint's constraints; nothing was sent (exit 3).
    Validation(String),
    /// The API answered with an error (exit 4).
    Api(String),
    /// Transport, configuration, decoding, output (exit 5).
    Other(String),
}

impl Failure {
    fn code(&self) -> u8 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Validation(_) => 3,
            Failure::Api(_) => 4,
            Failure::Other(_) => 5,
        }
    }

    fn io(e: std::io::Error) -> Failure {
        Failure::Other(format!("writing the output: {e}"))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(m) | Failure::Validation(m) | Failure::Api(m) | Failure::Other(m) => f.write_str(m),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        match e.kind() {
            ErrorKind::Validation(_) | ErrorKind::Encode(_) => Failure::Validation(e.to_string()),
            ErrorKind::Api(_) => Failure::Api(e.to_string()),
            _ => Failure::Other(with_causes(&e)),
        }
    }
}

/// `e` and each error below it (the lost attempt of a POST, the OS error of a refused
/// connection), joined with `: `.
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

impl From<flarekit::EncodeError> for Failure {
    fn from(e: flarekit::EncodeError) -> Failure {
        Failure::Validation(e.to_string())
    }
}

/// Runs the command line of this process and returns its exit status.
fn main() -> ExitCode {
    let commands = Commands::new(flarekit::catalog());
    let matches = match command::root(&commands).try_get_matches() {
        Ok(m) => m,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(5);
        }
    };
    match runtime.block_on(run(&commands, &matches)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            match &failure {
                Failure::Validation(_) => eprintln!("error: {failure}; nothing was sent"),
                _ => eprintln!("error: {failure}"),
            }
            ExitCode::from(failure.code())
        }
    }
}

async fn run(commands: &Commands, matches: &ArgMatches) -> Result<(), Failure> {
    match matches.subcommand() {
        Some(("perms", sub)) => {
            let words: Vec<String> = sub.get_many::<String>("words").into_iter().flatten().cloned().collect();
            for p in perms::least_privilege(commands, &words)? {
                println!("{p}");
            }
            Ok(())
        }
        Some(("fake", sub)) => serve_fake(sub).await,
        Some(("completions", sub)) => {
            let Some(&shell) = sub.get_one::<clap_complete::Shell>("shell") else {
                return Err(Failure::Usage("name a shell: bash, zsh, fish, elvish or powershell".into()));
            };
            clap_complete::generate(shell, &mut command::root(commands), "flarekit", &mut std::io::stdout());
            Ok(())
        }
        _ => {
            let mut words = Vec::new();
            let mut leaf = matches;
            while let Some((name, sub)) = leaf.subcommand() {
                words.push(name.to_owned());
                leaf = sub;
            }
            let Some(command) = commands.find(&words) else {
                return Err(Failure::Usage(format!("unknown command `{}`", words.join(" "))));
            };
            call(command.info, leaf).await
        }
    }
}

async fn serve_fake(matches: &ArgMatches) -> Result<(), Failure> {
    let port = matches.try_get_one::<u16>("port").ok().flatten().copied().unwrap_or(0);
    let token = match global(matches, "token") {
        Some(t) => t,
        None => {
            let t = format!("fake-{}", uuid::Uuid::new_v4().simple());
            eprintln!("admin token (every permission): {t}");
            t
        }
    };
    let mut builder = MockServer::builder().port(port).admin_token(token);
    if let Some(state) = matches.try_get_one::<String>("state").ok().flatten() {
        builder = builder.state(state);
    }
    builder.serve_forever().await.map_err(|e| Failure::Other(format!("cannot serve the fake API on port {port}: {e}")))
}

fn global(matches: &ArgMatches, id: &str) -> Option<String> {
    matches.try_get_one::<String>(id).ok().flatten().cloned()
}

fn flag(matches: &ArgMatches, id: &str) -> bool {
    matches.try_get_one::<bool>(id).ok().flatten().copied().unwrap_or(false)
}

/// The client the global flags ask for, and the fake server behind it (kept alive while the
/// command runs).
async fn client(matches: &ArgMatches) -> Result<(Client, Option<MockServer>), Failure> {
    if flag(matches, "fake") {
        let server = MockServer::start()
            .await
            .map_err(|e| Failure::Other(format!("cannot start the embedded fake API: {e}")))?;
        return Ok((server.client(), Some(server)));
    }
    let mut builder = match global(matches, "token") {
        Some(token) => Client::builder().credentials(Credentials::api_token(token)),
        None => ClientBuilder::from_env().map_err(|e| Failure::Other(format!("{e} (or give --token, or --fake)")))?,
    };
    if let Some(url) = global(matches, "base-url") {
        builder = builder.base_url(url);
    } else if let Ok(url) = std::env::var("CLOUDFLARE_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build().map_err(|e| Failure::Other(e.to_string()))?;
    Ok((client, None))
}

/// Whether the endpoint answers a body to write as it is (bytes, text, a stream), not JSON to
/// print.
pub(crate) fn writes_body(info: &flarekit::EndpointInfo) -> bool {
    use flarekit::ResponseKind;
    matches!(info.response, ResponseKind::Raw | ResponseKind::Text | ResponseKind::Payload | ResponseKind::Stream)
}

/// Whether a body of this content type reads as text on a terminal.
fn is_text(content_type: Option<&str>) -> bool {
    let Some(ct) = content_type.map(str::to_ascii_lowercase) else { return false };
    ct.starts_with("text/") || ["json", "ndjson", "xml", "csv", "javascript"].iter().any(|t| ct.contains(t))
}

/// Sends the request and writes the body, chunk by chunk as it arrives, to `--output` or
/// standard output; bytes that are not text go to a terminal only when asked for (`-o -`).
async fn write_body(
    client: &Client,
    info: &'static flarekit::EndpointInfo,
    request: flarekit::RequestParts,
    matches: &ArgMatches,
) -> Result<(), Failure> {
    use futures_util::StreamExt;
    use std::io::Write;
    let output = global(matches, "output");
    let mut body = client.send_parts_streamed(info, request).await?.result;
    let text = info.response == flarekit::ResponseKind::Text || is_text(body.head().header("content-type"));
    let mut out: Box<dyn Write> = match output.as_deref() {
        Some("-") => Box::new(std::io::stdout().lock()),
        Some(path) => {
            Box::new(std::fs::File::create(path).map_err(|e| Failure::Other(format!("cannot create {path}: {e}")))?)
        }
        None if !text && std::io::stdout().is_terminal() => {
            let ct = body.head().header("content-type").unwrap_or("no content type").to_owned();
            return Err(Failure::Usage(format!(
                "the response is not text ({ct}): write it with --output FILE (or `--output -`), or pipe it"
            )));
        }
        None => Box::new(std::io::stdout().lock()),
    };
    while let Some(chunk) = body.next().await {
        out.write_all(&chunk?).map_err(Failure::io)?;
    }
    out.flush().map_err(Failure::io)
}

/// Validates the values of `matches`, sends the request and prints the result.
async fn call(info: &'static flarekit::EndpointInfo, matches: &ArgMatches) -> Result<(), Failure> {
    let values = Values::from_matches(info, matches)?;
    values.validate(info).map_err(|e| Failure::Validation(e.to_string()))?;
    let request = values.to_request(info)?;
    if writes_body(info) {
        let (client, _server) = client(matches).await?;
        return write_body(&client, info, request, matches).await;
    }
    let pretty = std::io::stdout().is_terminal() && !flag(matches, "compact");
    let mut printer = Printer::new(pretty);
    let (client, _server) = client(matches).await?;
    if let Some(pagination) = info.pagination {
        if flag(matches, "all") {
            return list::all(&client, info, pagination, values, &mut printer).await;
        }
    }
    let response = client.send_parts(info, request).await?;
    printer.value(&response.result).map_err(Failure::io)?;
    if std::io::stderr().is_terminal() {
        if let Some(ri) = &response.result_info {
            match (ri.page, ri.total_pages) {
                (Some(page), Some(total)) if page < total => {
                    eprintln!("page {page} of {total}: --page {} for the next, --all for every page", page + 1);
                }
                _ => {}
            }
        }
    }
    Ok(())
}
