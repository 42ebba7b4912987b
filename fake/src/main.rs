//! `flarekit`: Cloudflare's API from the command line, one command per endpoint declared with
//! `#[endpoint]`, and `flarekit fake` to serve the fake API. See `flarekit --help`.
#![forbid(unsafe_code)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
