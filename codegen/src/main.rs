//! `flarekit-codegen`: writes flarekit's `#[endpoint]` declarations from Cloudflare's OpenAPI
//! document and the 2026 operations table.
//!
//! ```text
//! cargo run -p flarekit-codegen                 # regenerate endpoints/src, COVERAGE.md
//! cargo run -p flarekit-codegen -- --check      # fail if the tree differs from what it would write
//! cargo run -p flarekit-codegen -- --spec FILE  # a newer openapi.json from Cloudflare
//! ```
//!
//! Inputs default to `../shared/spec/cloudflare/` beside the workspace; `--table FILE` and
//! `--overrides FILE` replace the others. The output is formatted by `rustfmt` with the
//! workspace's `rustfmt.toml`.

mod calls;
mod coverage;
mod dedupe;
mod emit;
mod input;
mod names;
mod plan;
mod samples;
mod types;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;

use crate::input::{Doc, Source};
use crate::plan::Operation;
use crate::types::{Module, Ty, TypeRef, Types};

struct Args {
    check: bool,
    spec: PathBuf,
    email_security: PathBuf,
    table: PathBuf,
    overrides: PathBuf,
    root: PathBuf,
}

fn args() -> Result<Args, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default();
    let shared = root.join("../shared/spec/cloudflare");
    let mut out = Args {
        check: false,
        spec: shared.join("openapi.2024-08-06.json"),
        email_security: shared.join("../email-security.openapi.json"),
        table: shared.join("operations.2026-07-21.json"),
        overrides: root.join("codegen/overrides.json"),
        root,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().map(PathBuf::from).ok_or(format!("{name} needs a file"));
        match arg.as_str() {
            "--check" => out.check = true,
            "--spec" => out.spec = value("--spec")?,
            "--table" => out.table = value("--table")?,
            "--email-security" => out.email_security = value("--email-security")?,
            "--overrides" => out.overrides = value("--overrides")?,
            "-h" | "--help" => {
                return Err("usage: flarekit-codegen [--check] [--spec FILE] [--email-security FILE] [--table FILE] \
                     [--overrides FILE]"
                    .into())
            }
            other => return Err(format!("unknown argument `{other}`; see --help")),
        }
    }
    Ok(out)
}

/// The overrides file: names for operations the table gives none (by operation id, the
/// module path and type name, `email_security::investigate::MoveMessages`); the operations
/// declared by hand, by the module whose `by_hand.rs` declares them (the generated module
/// includes it and re-exports what it declares); and the services left entirely to
/// hand-written code. Each with why.
struct Overrides {
    names: BTreeMap<String, (Module, String)>,
    by_hand: BTreeMap<Module, ByHand>,
    hand_written: BTreeMap<String, String>,
}

/// Operations a module's hand-written `by_hand.rs` declares in place of generated ones.
pub struct ByHand {
    pub why: String,
    pub operations: BTreeSet<String>,
}

impl Overrides {
    /// The module whose hand-written part declares `operation_id`.
    fn declared_by_hand(&self, operation_id: &str) -> Option<&Module> {
        self.by_hand.iter().find(|(_, b)| b.operations.contains(operation_id)).map(|(m, _)| m)
    }
}

fn overrides(path: &Path) -> Result<Overrides, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let hand_written = value
        .get("hand_written_services")
        .and_then(Value::as_object)
        .map(|o| o.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned())).collect())
        .unwrap_or_default();
    let mut names = BTreeMap::new();
    for (id, target) in value.get("names").and_then(Value::as_object).into_iter().flatten() {
        let mut module: Module = target.as_str().unwrap_or("").split("::").map(str::to_owned).collect();
        let name = module.pop().filter(|n| !module.is_empty() && names::pascal(n) == *n);
        let Some(name) = name else {
            return Err(format!("{}: `names.{id}` is not `module::path::TypeName`", path.display()));
        };
        names.insert(id.clone(), (module.iter().map(|m| names::ident(m)).collect(), name));
    }
    let mut by_hand = BTreeMap::new();
    for (module, entry) in value.get("by_hand").and_then(Value::as_object).into_iter().flatten() {
        let operations: BTreeSet<String> = entry
            .get("operations")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect();
        let why = entry.get("why").and_then(Value::as_str).unwrap_or("").to_owned();
        if operations.is_empty() || why.is_empty() {
            return Err(format!("{}: `by_hand.{module}` needs `why` and `operations`", path.display()));
        }
        by_hand.insert(module.split("::").map(names::ident).collect(), ByHand { why, operations });
    }
    Ok(Overrides { names, by_hand, hand_written })
}

/// What was generated, and what was not and why.
pub struct Generated<'a> {
    pub ops: Vec<Operation>,
    pub types: Vec<types::TypeDef>,
    pub notes: types::Notes,
    pub joined: Vec<Source<'a>>,
    /// Operations of documents that carry their own permissions (Email Security), whose
    /// declarations are `ops[main..]`.
    pub own: Vec<Source<'a>>,
    pub main: usize,
    pub table: &'a [input::TableOp],
    pub hand_written: &'a BTreeMap<String, String>,
    /// The operations left to a module's `by_hand.rs` (module, operation id), and those modules.
    pub by_hand: Vec<(Module, String)>,
    pub hand_modules: &'a BTreeMap<Module, ByHand>,
}

fn generate<'a>(doc: &Doc, table: &'a [input::TableOp], overrides: &'a Overrides) -> Result<Generated<'a>, String> {
    generate_from(doc, table, input::join(doc, table), overrides)
}

/// What `generate` does, for the operations in `joined`.
fn generate_from<'a>(
    doc: &Doc,
    table: &'a [input::TableOp],
    joined: Vec<Source<'a>>,
    overrides: &'a Overrides,
) -> Result<Generated<'a>, String> {
    let mut conflicts = BTreeSet::new();
    // Module and type name of each operation generated here.
    let mut named: Vec<(Module, String, &Source<'_>)> = Vec::new();
    let derived = derive_names(&joined);
    let mut derived_notes = Vec::new();
    let mut by_hand = Vec::new();
    for source in &joined {
        if let Some(module) = overrides.declared_by_hand(&source.row.operation_id) {
            by_hand.push((module.clone(), source.row.operation_id.clone()));
            continue;
        }
        // The overrides file names it, or its SDK names do, or its path does.
        let (module, name, how) = if let Some((module, name)) = overrides.names.get(&source.row.operation_id) {
            (module.clone(), name.clone(), Some(" (named by the overrides file)"))
        } else if let Some((module, resource)) = plan::module_of(source) {
            let verb = source.row.sdk.as_ref().map_or("", |s| s.method.as_str());
            (module, names::operation_type(verb, &resource), None)
        } else {
            let Some((module, verb)) = derived.get(&(source.row.method.clone(), source.row.path.clone())) else {
                continue;
            };
            let name = names::operation_type(verb, names::file_stem(module.last().map_or("", String::as_str)));
            (module.clone(), name, Some(""))
        };
        if ROOT_NAMES.contains(&names::file_stem(&module[0])) {
            conflicts.insert(module[0].clone());
            continue;
        }
        if overrides.hand_written.contains_key(&module[0])
            || overrides.hand_written.contains_key(names::file_stem(&module[0]))
        {
            continue;
        }
        if let Some(how) = how {
            let (method, path) = (&source.row.method, &source.row.path);
            derived_notes.push(format!("`{method} {path}` → `{}::{name}`{how}", module.join("::")));
        }
        named.push((module, name, source));
    }
    // Names two operations of a module would share (the same method under `/accounts/…` and
    // `/zones/…`): each with its scope before the resource (`ListAccountApplications`,
    // `ListZoneApplications`); where that still collides, by operation id.
    let mut notes_renamed = Vec::new();
    for attempt in 0..2 {
        let mut count: HashMap<(Module, String), usize> = HashMap::new();
        for (m, n, _) in &named {
            *count.entry((m.clone(), n.clone())).or_default() += 1;
        }
        for (m, n, s) in &mut named {
            if count[&(m.clone(), n.clone())] < 2 {
                continue;
            }
            // A name derived from the path says less than the operation id: that, at once.
            let renamed = if attempt == 0 && s.row.sdk.is_some() {
                let scope = s.row.path.trim_start_matches('/').split('/').next().unwrap_or("");
                let sdk = s.row.sdk.as_ref().map_or("", |x| x.method.as_str());
                let resource = m.last().map(|r| names::file_stem(r)).unwrap_or("");
                let name = names::operation_type(sdk, resource);
                let verb = names::pascal(sdk);
                format!("{verb}{}{}", names::pascal(&names::singular(scope)), &name[verb.len()..])
            } else {
                names::pascal(&s.row.operation_id)
            };
            notes_renamed.push(format!("{}::{n} → {renamed} ({} {})", m.join("::"), s.row.method, s.row.path));
            *n = renamed;
        }
    }
    let placement = plan::placements(doc, &named.iter().map(|(m, _, s)| (m.clone(), *s)).collect::<Vec<_>>());
    let mut types = Types::new(doc, placement);
    for (m, n, _) in &named {
        types.reserve(m, n);
    }
    let mut ops = Vec::new();
    for (module, name, source) in named {
        ops.push(plan::plan(&mut types, doc, source, module, name));
    }
    // Types reachable from request fields derive `Validate` and carry their rules.
    let mut roots: Vec<TypeRef> = Vec::new();
    for op in &ops {
        for f in &op.fields {
            collect_refs(&f.ty, &mut roots);
        }
    }
    let mut read: Vec<TypeRef> = Vec::new();
    for op in &ops {
        match &op.response {
            plan::Response::Envelope(t, _)
            | plan::Response::Json(t)
            | plan::Response::Polled(t)
            | plan::Response::EnvelopeOr204(t) => collect_refs(t, &mut read),
            _ => {}
        }
    }
    types.mark_directions(&roots, &read);
    types.notes.merged_types = dedupe::dedupe(&mut types, &mut ops);
    types.notes.renamed_operations = notes_renamed;
    types.notes.derived_names = derived_notes;
    let notes = std::mem::take(&mut types.notes);
    if !conflicts.is_empty() {
        let list: Vec<String> = conflicts.into_iter().collect();
        return Err(format!(
            "service(s) {} would shadow a module of flarekit's own root; rename one of them",
            list.join(", ")
        ));
    }
    Ok(Generated {
        main: ops.len(),
        ops,
        types: types.defs,
        notes,
        joined,
        own: Vec::new(),
        table,
        hand_written: &overrides.hand_written,
        by_hand,
        hand_modules: &overrides.by_hand,
    })
}

impl<'a> Generated<'a> {
    /// Adds what was generated from a document with its own permissions (`rows` from
    /// [`input::rows_of`]), whose services the main document does not have.
    fn absorb(&mut self, other: Generated<'a>) -> Result<(), String> {
        let services: BTreeSet<&str> = self.ops.iter().map(|o| o.module[0].as_str()).collect();
        if let Some(op) = other.ops.iter().find(|o| services.contains(o.module[0].as_str())) {
            return Err(format!("service `{}` is in two documents", op.module[0]));
        }
        self.ops.extend(other.ops);
        self.types.extend(other.types);
        self.notes.absorb(other.notes);
        self.own.extend(other.joined);
        self.by_hand.extend(other.by_hand);
        Ok(())
    }
}

/// Names for operations the table gives no SDK names, from their paths: the module of the
/// SDK-named operation whose path shares the most leading segments (at least one past the
/// scope, `/accounts/{account_id}/access/…`), plus the literal segments after that, and a verb
/// from the method: `get` (a GET of one item, its path ending in a placeholder or a singular
/// word), `list` (a GET of a plural), `create`, `update`, `edit`, `delete`. Without
/// such a neighbour, the first literal segment is the service.
fn derive_names(joined: &[Source<'_>]) -> HashMap<(String, String), (Module, String)> {
    let segments = |path: &str| -> Vec<String> {
        path.trim_start_matches('/')
            .split('/')
            .map(|s| if s.starts_with('{') { "{}".into() } else { s.to_owned() })
            .collect()
    };
    let scope_len = |segs: &[String]| match segs.first().map(String::as_str) {
        Some("accounts" | "zones" | "organizations") if segs.get(1).is_some_and(|s| s == "{}") => 2,
        Some("user" | "radar") => 1,
        _ => 0,
    };
    let named: Vec<(Vec<String>, Module)> =
        joined.iter().filter_map(|s| plan::module_of(s).map(|(m, _)| (segments(&s.row.path), m))).collect();
    let mut out = HashMap::new();
    for source in joined.iter().filter(|s| s.row.sdk.is_none()) {
        let segs = segments(&source.row.path);
        let scope = scope_len(&segs);
        let best = named
            .iter()
            .map(|(other, module)| (segs.iter().zip(other).take_while(|(a, b)| a == b).count(), other, module))
            .filter(|(common, _, _)| *common > scope)
            .max_by_key(|(common, other, _)| (*common, std::cmp::Reverse(other.len())));
        let (mut module, rest): (Module, &[String]) = match best {
            Some((common, other, module)) => {
                // The neighbour's module stands for its whole path: without the resources of the
                // segments it has beyond what is shared (keeping at least the service).
                let beyond = other[common..].iter().filter(|s| *s != "{}").count();
                let keep = module.len().saturating_sub(beyond).max(1);
                (module[..keep].to_vec(), &segs[common..])
            }
            None => (Vec::new(), &segs[scope..]),
        };
        for s in rest.iter().filter(|s| *s != "{}") {
            module.push(names::ident(&names::snake(s)));
        }
        if module.is_empty() {
            continue;
        }
        // A GET of `…/{id}` or of a singular resource (`…/settings/rum`) gets one; of a plural
        // (`…/monitors`), lists.
        let one = segs.last().is_some_and(|s| s == "{}" || !s.ends_with('s'));
        let verb = match source.row.method.as_str() {
            "GET" if one => "get",
            "GET" => "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "edit",
            "DELETE" => "delete",
            _ => "call",
        };
        out.insert((source.row.method.clone(), source.row.path.clone()), (module, verb.to_owned()));
    }
    out
}

/// The modules and macros at flarekit's root, which no service may shadow.
const ROOT_NAMES: &[&str] = &[
    "catalog",
    "decode",
    "encode",
    "validate",
    "paginate",
    "request",
    "response",
    "retry",
    "transport",
    "streaming",
    "perm",
    "env",
    "client",
    "open_enum",
    "tagged_union",
    "endpoint",
    "ids",
    "__private",
];

fn collect_refs(ty: &Ty, out: &mut Vec<TypeRef>) {
    match ty {
        Ty::Named(r) => out.push(r.clone()),
        Ty::List(t) | Ty::Map(t) | Ty::Boxed(t) => collect_refs(t, out),
        _ => {}
    }
}

const LIB_BEGIN: &str = "// @generated services (flarekit-codegen): one cargo feature each; see COVERAGE.md.";
const LIB_END: &str = "// @end generated services";
const FEATURES_BEGIN: &str = "# @generated features (flarekit-codegen): one per service, `full` for all.";
const FEATURES_END: &str = "# @end generated features";

/// `text` with the lines between `begin` and `end` replaced by `block`.
fn splice(text: &str, begin: &str, end: &str, block: &str) -> Result<String, String> {
    let start = text.find(begin).ok_or(format!("no `{begin}` line"))?;
    let stop = text[start..].find(end).map(|i| start + i).ok_or(format!("no `{end}` line"))?;
    Ok(format!("{}{begin}\n{block}{}", &text[..start], &text[stop..]))
}

/// The hand-written `by_hand.rs` of a module, relative to `endpoints/src`.
fn by_hand_file(module: &Module) -> String {
    let parts: Vec<&str> = module.iter().map(|m| names::file_stem(m)).collect();
    format!("{}/by_hand.rs", parts.join("/"))
}

/// Each module with a hand-written part has its `by_hand.rs`, and that file declares no public
/// item under a name the generated part of the module uses (the glob re-export would lose it).
fn check_by_hand(root: &Path, modules: &BTreeMap<Module, emit::ModuleContent<'_>>) -> Result<(), String> {
    for (module, content) in modules {
        if content.by_hand.is_none() {
            continue;
        }
        let path = root.join("endpoints/src").join(by_hand_file(module));
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{} (declared by hand in overrides.json): {e}", path.display()))?;
        let mut generated: BTreeSet<&str> = content.ops.iter().map(|o| o.type_name.as_str()).collect();
        generated.extend(content.types.iter().map(|t| t.at.name.as_str()));
        for line in text.lines() {
            let line = line.trim_start();
            let Some(rest) = ["pub struct ", "pub enum ", "pub type ", "pub fn ", "pub const "]
                .iter()
                .find_map(|p| line.strip_prefix(p))
            else {
                continue;
            };
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if generated.contains(name.as_str()) {
                return Err(format!(
                    "{} declares `{name}`, which the generated `{}` declares too; name one of them \
                     otherwise (overrides.json `names`)",
                    path.display(),
                    module.join("::")
                ));
            }
        }
    }
    Ok(())
}

/// Every file the generator writes, by path relative to the workspace root.
fn files(root: &Path, generated: &Generated<'_>) -> Result<BTreeMap<PathBuf, String>, String> {
    let modules = emit::modules(&generated.ops, &generated.types, generated.hand_modules);
    check_by_hand(root, &modules)?;
    let mut sources: BTreeMap<String, String> = BTreeMap::new();
    let services: BTreeSet<String> = modules.keys().map(|m| m[0].clone()).collect();
    for (module, content) in &modules {
        let dotted = module.iter().map(|m| names::file_stem(m)).collect::<Vec<_>>().join(".");
        let line = format!("Cloudflare's `{dotted}` operations, as its SDKs name them.");
        sources
            .insert(emit::file_of(module, !content.children.is_empty()), emit::module_source(module, content, &line));
    }
    let hand_files: Vec<String> =
        modules.iter().filter(|(_, c)| c.by_hand.is_some()).map(|(m, _)| by_hand_file(m)).collect();
    let formatted = rustfmt(root, &services, &sources, &hand_files)?;
    let mut out: BTreeMap<PathBuf, String> = BTreeMap::new();
    for (file, text) in formatted {
        out.insert(PathBuf::from("endpoints/src").join(file), text);
    }

    let lib_path = root.join("endpoints/src/lib.rs");
    let lib = std::fs::read_to_string(&lib_path).map_err(|e| format!("cannot read {}: {e}", lib_path.display()))?;
    let mut block = String::new();
    for s in &services {
        block.push_str(&format!("#[cfg(feature = \"{0}\")]\npub mod {s};\n", names::file_stem(s)));
    }
    out.insert("endpoints/src/lib.rs".into(), splice(&lib, LIB_BEGIN, LIB_END, &block)?);

    let manifest_path = root.join("endpoints/Cargo.toml");
    let manifest =
        std::fs::read_to_string(&manifest_path).map_err(|e| format!("cannot read {}: {e}", manifest_path.display()))?;
    // Services kept by hand are features too (their modules carry the `cfg` by hand).
    let mut features: BTreeSet<&str> = services.iter().map(|s| names::file_stem(s)).collect();
    features.extend(generated.hand_written.keys().map(String::as_str));
    let mut block = format!("full = [{}]\n", features.iter().map(|f| format!("{f:?}")).collect::<Vec<_>>().join(", "));
    for f in &features {
        block.push_str(&format!("{f} = []\n"));
    }
    out.insert("endpoints/Cargo.toml".into(), splice(&manifest, FEATURES_BEGIN, FEATURES_END, &block)?);
    out.insert(LISTED.into(), rustfmt_text(root, &listed(&modules))?);
    out.insert("COVERAGE.md".into(), coverage::report(generated));
    out.insert(DECODERS.into(), rustfmt_text(root, &decoders(generated))?);
    out.insert(CALLS.into(), rustfmt_text(root, &calls::table(&generated.ops, generated.main, &generated.types))?);
    out.insert(SAMPLES.into(), rustfmt_text(root, &samples::table(&generated.ops, &generated.types))?);
    Ok(out)
}

/// Every generated module's `ENDPOINTS`, which `flarekit::catalog()` reads.
const LISTED: &str = "endpoints/src/listed.rs";

/// `listed.rs`: the generated declarations are `unregistered` (a link-time registration each
/// costs the compiler more than a line in a list), so the catalog reads them from here.
fn listed(modules: &BTreeMap<Module, emit::ModuleContent<'_>>) -> String {
    let mut out = format!(
        "{}\n\n//! The endpoints of flarekit's generated modules, for [`crate::catalog()`]: each module lists its\n\
         //! own, and this file lists the modules of the services this build has.\n\n\
         use crate::EndpointInfo;\n\n\
         pub(crate) static MODULES: &[&[&EndpointInfo]] = &[\n",
        emit::MARKER
    );
    for (module, content) in modules {
        if !content.ops.is_empty() {
            out.push_str(&format!("    #[cfg(feature = {:?})]\n", names::file_stem(&module[0])));
            out.push_str(&format!("    crate::{}::ENDPOINTS,\n", module.join("::")));
        }
    }
    out.push_str("];\n");
    out
}

/// The table of the example-decoding test: each generated operation whose answer is JSON, by
/// method and path template, with its type's decoder.
const DECODERS: &str = "tests/tests/decode_examples/decoders.rs";

/// The table of the Prism test: every generated operation, built.
const CALLS: &str = "tests/tests/prism_generated/calls.rs";

/// The fake's answers to the operations it serves no other way.
const SAMPLES: &str = "fake/src/samples.rs";

fn decoders(generated: &Generated<'_>) -> String {
    let mut out = format!(
        "{}\n\n//! The decoder of every generated operation whose answer is JSON, for `decode_examples.rs`.\n\n\
         // Deprecated operations are decoded too.\n\
         #![allow(deprecated)]\n\n\
         use super::{{decode, Decoder}};\n\n\
         pub const DECODERS: &[(&str, &str, Decoder)] = &[\n",
        emit::MARKER
    );
    for op in &generated.ops {
        if matches!(
            op.response,
            plan::Response::Envelope(..) | plan::Response::EnvelopeOr204(_) | plan::Response::Json(_)
        ) {
            let path: Vec<&str> = std::iter::once("flarekit").chain(op.module.iter().map(String::as_str)).collect();
            out.push_str(&format!(
                "    ({:?}, {:?}, decode::<{}::{}>),\n",
                op.method,
                op.template,
                path.join("::"),
                op.type_name
            ));
        }
    }
    out.push_str("];\n");
    out
}

/// One file's text through rustfmt with the workspace's settings.
fn rustfmt_text(root: &Path, text: &str) -> Result<String, String> {
    use std::io::Write as _;
    let mut child = std::process::Command::new("rustfmt")
        .arg("--edition=2021")
        .arg("--config-path")
        .arg(root.join("rustfmt.toml"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run rustfmt (rustup component add rustfmt): {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(text.as_bytes()).map_err(|e| format!("rustfmt: {e}"))?;
    }
    let output = child.wait_with_output().map_err(|e| format!("rustfmt: {e}"))?;
    if !output.status.success() {
        return Err("rustfmt failed on a generated file".into());
    }
    String::from_utf8(output.stdout).map_err(|e| format!("rustfmt: {e}"))
}

/// Formats the module files with the workspace's rustfmt settings, in one rustfmt run over a
/// scratch copy of the tree.
fn rustfmt(
    root: &Path,
    services: &BTreeSet<String>,
    sources: &BTreeMap<String, String>,
    hand_files: &[String],
) -> Result<BTreeMap<String, String>, String> {
    let scratch = root.join("target/codegen-scratch");
    let _ = std::fs::remove_dir_all(&scratch);
    let io = |e: std::io::Error| format!("scratch tree {}: {e}", scratch.display());
    for (file, text) in sources {
        let path = scratch.join(file);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        std::fs::write(&path, text).map_err(io)?;
    }
    // The hand-written parts, empty here: rustfmt only needs them to exist.
    for file in hand_files {
        let path = scratch.join(file);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        std::fs::write(&path, "").map_err(io)?;
    }
    let lib: String = services.iter().map(|s| format!("pub mod {s};\n")).collect();
    std::fs::write(scratch.join("lib.rs"), lib).map_err(io)?;
    let status = std::process::Command::new("rustfmt")
        .arg("--edition=2021")
        .arg("--config-path")
        .arg(root.join("rustfmt.toml"))
        .arg(scratch.join("lib.rs"))
        .status()
        .map_err(|e| format!("cannot run rustfmt (rustup component add rustfmt): {e}"))?;
    if !status.success() {
        return Err(format!("rustfmt failed on the generated tree in {}", scratch.display()));
    }
    let mut out = BTreeMap::new();
    for file in sources.keys() {
        out.insert(file.clone(), std::fs::read_to_string(scratch.join(file)).map_err(io)?);
    }
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(out)
}

/// Generated files under `endpoints/src` (their first line is the marker).
fn generated_on_disk(root: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let first = std::fs::read_to_string(&path).ok().and_then(|t| t.lines().next().map(str::to_owned));
                if first.as_deref() == Some(emit::MARKER) {
                    out.push(path.strip_prefix(root).unwrap_or(&path).to_path_buf());
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&root.join("endpoints/src"), root, &mut out);
    out
}

fn run() -> Result<(), String> {
    let args = args()?;
    let doc = Doc::read(&args.spec)?;
    let table = input::read_table(&args.table)?;
    let overrides = overrides(&args.overrides)?;
    let mut generated = generate(&doc, &table, &overrides)?;
    let email_security = Doc::read(&args.email_security)?;
    let rows = input::rows_of(&email_security, &table);
    let joined = rows.iter().map(|row| Source { row, doc_path: row.path.clone() }).collect();
    generated.absorb(generate_from(&email_security, &rows, joined, &overrides)?)?;
    for (module, hand) in &overrides.by_hand {
        for id in &hand.operations {
            if generated.by_hand.iter().any(|(_, seen)| seen == id) {
                continue;
            }
            // In the 2026 table only: no document describes it, the module declares it by hand
            // from Cloudflare's published reference.
            if !table.iter().any(|row| &row.operation_id == id) {
                return Err(format!("overrides: `by_hand.{}` lists `{id}`, which no input has", module.join("::")));
            }
            generated.by_hand.push((module.clone(), id.clone()));
        }
    }
    let files = files(&args.root, &generated)?;
    let stale: Vec<PathBuf> = generated_on_disk(&args.root).into_iter().filter(|p| !files.contains_key(p)).collect();
    // What each file holds now, read once; nothing is written over a file written by hand.
    let before: BTreeMap<&PathBuf, Option<String>> =
        files.keys().map(|p| (p, std::fs::read_to_string(args.root.join(p)).ok())).collect();
    let by_hand = |path: &Path, text: &str| {
        path.extension().is_some_and(|e| e == "rs")
            && text.lines().next() != Some(emit::MARKER)
            && !text.contains(LIB_BEGIN)
    };
    if let Some((path, _)) = before.iter().find(|(p, b)| b.as_deref().is_some_and(|b| by_hand(p, b))) {
        return Err(format!("{} is written by hand: move it to the module's by_hand.rs first", path.display()));
    }
    let differ: Vec<&PathBuf> =
        files.iter().filter(|(p, text)| before[p].as_deref() != Some(text.as_str())).map(|(p, _)| p).collect();
    if args.check {
        let mut listed: Vec<String> = differ.iter().map(|p| p.display().to_string()).collect();
        listed.extend(stale.iter().map(|p| format!("{} (no longer generated)", p.display())));
        if !listed.is_empty() {
            let shown: Vec<&str> = listed.iter().take(20).map(String::as_str).collect();
            return Err(format!(
                "{} file(s) differ from what the generator writes; run `cargo run -p flarekit-codegen`:\n  {}",
                listed.len(),
                shown.join("\n  ")
            ));
        }
        println!("flarekit-codegen: {} files up to date ({} operations)", files.len(), generated.ops.len());
        return Ok(());
    }
    for path in &stale {
        std::fs::remove_file(args.root.join(path)).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    }
    for path in &differ {
        let full = args.root.join(path);
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::write(&full, &files[*path]).map_err(|e| format!("cannot write {}: {e}", full.display()))?;
    }
    let written = differ.len();
    println!(
        "flarekit-codegen: {} operations, {} types; {written} file(s) written, {} removed",
        generated.ops.len(),
        generated.types.len(),
        stale.len()
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("flarekit-codegen: {e}");
            ExitCode::FAILURE
        }
    }
}
