//! Compile-time behaviour of `#[endpoint]`: declarations that must compile (and run), and
//! mistakes that must be reported with a clear error at the right place.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
