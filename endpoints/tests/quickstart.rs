//! The README's first command, `cargo run --example quickstart`, as a fresh clone runs it: no
//! credentials, every step printed. The example's own code is compiled into this test (its
//! `main` only picks the target and passes stdout), so the test drives exactly what the example
//! runs, without building it a second time.

#[allow(dead_code)]
#[path = "../examples/quickstart.rs"]
mod quickstart;

#[tokio::test]
async fn quickstart_walks_a_restriction_through_its_life_on_the_fake() {
    let mut out = Vec::new();
    quickstart::run(None, &mut out).await.expect("the quickstart runs on the fake");
    let stdout = String::from_utf8(out).unwrap();
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
