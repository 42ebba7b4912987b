//! The README's first command, `cargo run -p flarekit-fake --example quickstart`, as a fresh
//! clone runs it: no credentials, every step printed.
//!
//! `cargo test` builds the example next to this test (`target/<profile>/examples/quickstart`);
//! that binary is run when it is at least as new as this test. Otherwise (a filtered run such as
//! `cargo test --test quickstart`, which builds no examples) it is built with `cargo run` into a
//! target directory of its own, since the `cargo test` running this holds the main one's lock.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The example built by this `cargo test`, if it is not older than this test binary.
fn fresh_example() -> Option<PathBuf> {
    let me = std::env::current_exe().ok()?;
    let profile_dir = me.parent()?.parent()?;
    let example = profile_dir.join("examples").join(format!("quickstart{}", std::env::consts::EXE_SUFFIX));
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    (modified(&example)? >= modified(&me)?).then_some(example)
}

#[test]
fn quickstart_walks_a_restriction_through_its_life_on_the_fake() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut cmd = match fresh_example() {
        Some(example) => Command::new(example),
        None => {
            let mut cmd = Command::new(env!("CARGO"));
            cmd.args(["run", "-q", "-p", "flarekit-fake", "--example", "quickstart", "--target-dir"])
                .arg(workspace.join("target").join("quickstart-test"));
            cmd
        }
    };
    cmd.current_dir(workspace).env_clear();
    for keep in ["PATH", "HOME", "CARGO_HOME", "RUSTUP_HOME", "RUSTUP_TOOLCHAIN"] {
        if let Some(v) = std::env::var_os(keep) {
            cmd.env(keep, v);
        }
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "stdout: {stdout}\nstderr: {}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 7, "{stdout}");
    assert!(lines[0].starts_with("Using the embedded fake API at http://127.0.0.1:"), "{}", lines[0]);
    assert!(lines[0].ends_with("/client/v4 (set CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID to use Cloudflare's)"));
    let id = lines[1].strip_prefix("1. created  ").and_then(|rest| rest.split(' ').next()).unwrap_or_default();
    assert_eq!(id.len(), 36, "{}", lines[1]);
    let domain = "domain=flarekit-quickstart.example.com";
    let first = "exclude=[legacy.flarekit-quickstart.example.com]";
    let both = "exclude=[legacy.flarekit-quickstart.example.com, old.flarekit-quickstart.example.com]";
    let expected = [
        format!("1. created  {id} {domain} {first} comments=\"created by the flarekit quickstart\""),
        "2. listed   1 restriction(s) matching \"flarekit-quickstart\", ours among them: true".to_owned(),
        format!("3. got      {id} {domain} {first} comments=\"created by the flarekit quickstart\""),
        format!("4. edited   {id} {domain} {both} comments=\"two legacy senders\""),
        format!("5. cleared  {id} {domain} {both} comments=none"),
        format!("6. deleted  {id}"),
    ];
    assert_eq!(lines[1..], expected);
}
