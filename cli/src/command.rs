//! The clap command tree, built at run time from the catalog: a group per module segment, a
//! command per endpoint, a flag per field. Nothing here knows a single endpoint.

use std::collections::BTreeMap;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Arg, ArgAction, Command};
use flarekit::validate::Rule;
use flarekit::{EndpointInfo, FieldInfo, Kind, Location};
use serde_json::Value;

use super::names::{kebab, Commands, Leaf};
use super::value;

/// Flags every command has; a field whose flag would clash is renamed `--param-<name>`.
const RESERVED: &[&str] = &["fake", "base-url", "token", "compact", "all", "output", "help", "version"];

/// The id of a field's argument (distinct from the global flags' ids).
pub fn arg_id(field: &FieldInfo) -> String {
    format!("field:{}", field.name)
}

/// The long flag of a field.
pub fn flag(field: &FieldInfo) -> String {
    let name = kebab(field.name);
    if RESERVED.contains(&name.as_str()) {
        format!("param-{name}")
    } else {
        name
    }
}

fn first_line(doc: &str) -> &str {
    doc.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("")
}

fn describe(rule: &Rule) -> Option<String> {
    Some(match rule {
        Rule::MaxLength(n) => format!("at most {n} characters"),
        Rule::MinLength(n) => format!("at least {n} characters"),
        Rule::Pattern(p) => format!("matches `{p}`"),
        Rule::Format(f) => format!("a {}", f.as_str()),
        Rule::Minimum(n) => format!("at least {n}"),
        Rule::Maximum(n) => format!("at most {n}"),
        Rule::ExclusiveMinimum(n) => format!("more than {n}"),
        Rule::ExclusiveMaximum(n) => format!("less than {n}"),
        Rule::MinItems(n) => format!("at least {n} items"),
        Rule::MaxItems(n) => format!("at most {n} items"),
        Rule::UniqueItems => "unique items".to_owned(),
        _ => return None,
    })
}

fn field_arg(field: &'static FieldInfo) -> Arg {
    let mut notes: Vec<String> = field.rules().filter_map(describe).collect();
    let value_name = match field.kind {
        Kind::String => "TEXT",
        Kind::Integer => "INT",
        Kind::Number => "NUMBER",
        Kind::Boolean => "BOOL",
        Kind::List if !field.values.is_empty() => {
            notes.push("repeat the flag for each item".to_owned());
            "VALUE"
        }
        Kind::List => {
            notes.push("repeat the flag for each item, or give one JSON array".to_owned());
            "ITEM"
        }
        _ if !field.values.is_empty() => "VALUE",
        _ => {
            notes.push("JSON, or a bare string".to_owned());
            "JSON"
        }
    };
    if field.nullable {
        notes.push("`null` clears it".to_owned());
    }
    if field.deprecated {
        notes.push("deprecated".to_owned());
    }
    let where_ = match field.location {
        Location::Path => "in the path",
        Location::Query => "in the query",
        Location::Header => "a header",
        _ => "in the body",
    };
    let mut short = first_line(field.doc).to_owned();
    if !notes.is_empty() {
        short.push_str(&format!(" [{}]", notes.join("; ")));
    }
    let long = format!("{}\n\n`{}`, {where_}{}", field.doc.trim(), field.name, {
        if notes.is_empty() {
            String::new()
        } else {
            format!(": {}", notes.join("; "))
        }
    });
    let kind = field.kind;
    let nullable = field.nullable;
    let action = if kind == Kind::List { ArgAction::Append } else { ArgAction::Set };
    let arg = Arg::new(arg_id(field))
        .long(flag(field))
        .value_name(value_name)
        .help(short)
        .long_help(long)
        // A list left out is an empty list, so only scalars are required flags.
        .required(field.required && kind != Kind::List)
        .action(action)
        .allow_hyphen_values(matches!(kind, Kind::Integer | Kind::Number));
    if field.values.is_empty() {
        return arg.value_parser(move |s: &str| -> Result<Value, String> { value::parse(kind, nullable, s) });
    }
    // An enumeration: its values are the flag's possible values (listed in --help, offered by
    // completion); each occurrence of a list flag is one item.
    let mut values: Vec<&'static str> = field.values.to_vec();
    if nullable {
        values.push("null");
    }
    arg.value_parser(PossibleValuesParser::new(values).map(move |s| {
        if nullable && s == "null" {
            Value::Null
        } else {
            Value::String(s)
        }
    }))
}

fn leaf_command(name: &str, info: &'static EndpointInfo) -> Command {
    let mut about = info.summary.to_owned();
    if info.deprecated {
        about.push_str(" (deprecated)");
    }
    let perms = match info.permissions {
        [] => String::new(),
        [one] => format!("\n\nNeeds a token with \"{one}\"."),
        many => format!(
            "\n\nNeeds a token with one of {}.",
            many.iter().map(|p| format!("\"{p}\"")).collect::<Vec<_>>().join(", ")
        ),
    };
    let long_about = format!("{}\n\n{} {}{perms}", info.doc.trim(), info.method, info.path);
    let mut cmd = Command::new(name.to_owned()).about(about).long_about(long_about);
    for field in info.fields {
        cmd = cmd.arg(field_arg(field));
    }
    if crate::writes_body(info) {
        cmd = cmd.arg(
            Arg::new("output")
                .long("output")
                .short('o')
                .value_name("FILE")
                .help("Write the response body to FILE (`-`: standard output, even a terminal)")
                .long_help(
                    "Write the response body, as received, to FILE, or to standard output with `-`. \
                     Without --output the body goes to standard output, except bytes that are not \
                     text when it is a terminal.",
                ),
        );
    }
    if info.pagination.is_some() {
        cmd = cmd.arg(
            Arg::new("all")
                .long("all")
                .action(ArgAction::SetTrue)
                .help("Fetch every page (from --page, if given) and print one JSON array")
                .long_help(
                    "Fetch every page, one at a time, starting from the page given (or the first), and \
                     print every item as one JSON array as the pages arrive. Without --all, one page \
                     is printed.",
                ),
        );
    }
    cmd
}

#[derive(Default)]
struct Node {
    leaf: Option<&'static EndpointInfo>,
    children: BTreeMap<String, Node>,
}

fn insert(node: &mut Node, words: &[String], info: &'static EndpointInfo) {
    match words.split_first() {
        None => node.leaf = Some(info),
        Some((first, rest)) => insert(node.children.entry(first.clone()).or_default(), rest, info),
    }
}

fn build(name: &str, path: &[String], node: &Node) -> Command {
    if let Some(info) = node.leaf {
        return leaf_command(name, info);
    }
    let module = path.iter().map(|w| w.replace('-', "_")).collect::<Vec<_>>().join("::");
    let mut cmd = Command::new(name.to_owned())
        .about(format!("Endpoints of `{module}`"))
        .subcommand_required(true)
        .arg_required_else_help(true);
    for (child, sub) in &node.children {
        let mut child_path = path.to_vec();
        child_path.push(child.clone());
        cmd = cmd.subcommand(build(child, &child_path, sub));
    }
    cmd
}

/// The whole `flarekit` command: global flags, `perms`, `fake` and one subcommand tree per
/// top-level module.
pub fn root(commands: &Commands) -> Command {
    let mut tree = Node::default();
    for Leaf { words, info } in &commands.leaves {
        insert(&mut tree, words, info);
    }
    let mut notes = String::new();
    if !commands.collisions.is_empty() {
        notes = format!(
            "\n\nThese endpoints are named by their type, as their usual names clash: {}.",
            commands.collisions.join(", ")
        );
    }
    let mut cmd =
        Command::new("flarekit")
            .version(env!("CARGO_PKG_VERSION"))
            .about("Cloudflare's API from the command line, one command per declared endpoint")
            .long_about(format!(
                "{}{notes}",
                "Cloudflare's API from the command line: one command per endpoint declared with \
             #[endpoint], its flags from the declaration's fields. Requests are validated before \
             they are sent; the `result` is printed as JSON.\n\n\
             Credentials: --token, else CLOUDFLARE_API_TOKEN (or CLOUDFLARE_API_KEY with \
             CLOUDFLARE_EMAIL, or CLOUDFLARE_API_USER_SERVICE_KEY); --base-url, else \
             CLOUDFLARE_BASE_URL. --fake runs against an embedded fake server instead.\n\n\
             Exit status: 0 success, 2 usage error, 3 invalid request (nothing sent), 4 API error, \
             5 transport or other error."
            ))
            .subcommand_required(true)
            .arg_required_else_help(true)
            .arg(
                Arg::new("fake")
                    .long("fake")
                    .global(true)
                    .help_heading("Global options")
                    .action(ArgAction::SetTrue)
                    .help("Run against an embedded fake API server started for this command"),
            )
            .arg(
                Arg::new("base-url")
                    .long("base-url")
                    .global(true)
                    .help_heading("Global options")
                    .value_name("URL")
                    .help("The API's base URL [default: CLOUDFLARE_BASE_URL, else Cloudflare's]"),
            )
            .arg(Arg::new("token").long("token").global(true).help_heading("Global options").value_name("TOKEN").help(
                "An API token [default: the CLOUDFLARE_* credentials]; for `fake`, a token with every permission",
            ))
            .arg(
                Arg::new("compact")
                    .long("compact")
                    .global(true)
                    .help_heading("Global options")
                    .action(ArgAction::SetTrue)
                    .help("Print compact JSON even on a terminal"),
            )
            .subcommand(
                Command::new("perms")
                    .about("Print the least-privilege token permissions for the commands given")
                    .long_about(
                        "Print the least-privilege set of API token permissions that allows every command \
                     given, one per line. Separate commands with `--`, or just list them: each ends at its \
                     endpoint's name. A group (e.g. `email-security settings`) stands for every command \
                     under it.\n\n\
                     Example: flarekit perms email-security settings sending-domain-restrictions list -- \
                     email-security settings sending-domain-restrictions create",
                    )
                    .arg(
                        Arg::new("words")
                            .value_name("COMMAND")
                            .num_args(1..)
                            .required(true)
                            .allow_hyphen_values(true)
                            .trailing_var_arg(true)
                            .help("Command words, commands separated by `--`"),
                    ),
            )
            .subcommand(
                Command::new("completions")
                    .about("Print a shell completion script (enumerations complete to their values)")
                    .long_about(
                        "Print a completion script for SHELL on stdout, e.g. \
                     `flarekit completions bash > ~/.local/share/bash-completion/completions/flarekit`. \
                     Commands, flags and the values of enumeration flags complete.",
                    )
                    .arg(
                        Arg::new("shell")
                            .value_name("SHELL")
                            .required(true)
                            .value_parser(clap::value_parser!(clap_complete::Shell))
                            .help("bash, zsh, fish, elvish or powershell"),
                    ),
            )
            .subcommand(
                Command::new("fake")
                    .about("Serve the local fake Cloudflare API until interrupted")
                    .long_about(
                        "Serve the in-memory fake of Cloudflare's API (zones, DNS records, cache \
                     purge, Workers KV, Workers scripts and routes, token verification, the Email \
                     Security settings) on 127.0.0.1 until interrupted. The first line printed is \
                     the base URL to give a client. --token sets a token with every permission.",
                    )
                    .arg(
                        Arg::new("port")
                            .long("port")
                            .value_name("PORT")
                            .value_parser(clap::value_parser!(u16))
                            .default_value("0")
                            .help("The port to listen on (0: any free port)"),
                    )
                    .arg(
                        Arg::new("state")
                            .long("state")
                            .value_name("FILE")
                            .help("Keep the data in FILE across restarts (written atomically after each change)"),
                    ),
            );
    for (name, node) in &tree.children {
        cmd = cmd.subcommand(build(name, std::slice::from_ref(name), node));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_gets_its_own_command_and_the_tree_is_valid() {
        let commands = Commands::new(flarekit::catalog());
        assert!(commands.collisions.is_empty(), "command names clash: {:?}", commands.collisions);
        assert_eq!(commands.leaves.len(), flarekit::catalog().len());
        for leaf in &commands.leaves {
            assert!(!["perms", "fake", "completions", "help"].contains(&leaf.words[0].as_str()), "{:?}", leaf.words);
        }
        // clap's own consistency checks (duplicate names or flags, bad settings) on every command.
        root(&commands).debug_assert();
        let sdr = |verb: &str| {
            let words: Vec<String> = ["email-security", "settings", "sending-domain-restrictions", verb]
                .iter()
                .map(|w| (*w).to_owned())
                .collect();
            commands.find(&words).map(|l| l.info.type_name)
        };
        assert_eq!(sdr("create"), Some("CreateSendingDomainRestriction"));
        assert_eq!(sdr("list"), Some("ListSendingDomainRestrictions"));
        assert_eq!(sdr("batch"), Some("BatchSendingDomainRestrictions"));
    }
}
