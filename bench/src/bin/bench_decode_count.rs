//! Runs one side of the build + decode comparison `n` times, for `decode_instructions.py` to
//! count under callgrind (a run of `n` and one of `2n`: the difference is `n` calls, free of the
//! start-up).
//!
//!     bench_decode_count <flarekit|hand> <build|decode|both> <n>
//!
//! `both` constructs the params value, builds the request and decodes the canned `201`, as a
//! caller does; the hand-written side is `bench/src/common.rs`'s. The values are checked once
//! before the loop, so a side that stopped doing the work cannot be counted.

use std::hint::black_box;
use std::process::ExitCode;

use flarekit::email_security::settings::sending_domain_restrictions::CreateSendingDomainRestriction;
use flarekit::Endpoint;
use flarekit_bench::common::{assert_same_work, canned_create_response, flarekit_create, hand_decode, HandCreate};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [side, part, n] = args.as_slice() else {
        eprintln!("usage: bench_decode_count <flarekit|hand> <build|decode|both> <n>");
        return ExitCode::FAILURE;
    };
    let Ok(n) = n.parse::<u64>() else {
        eprintln!("n: not a number: {n}");
        return ExitCode::FAILURE;
    };
    assert_same_work();
    let response = canned_create_response();
    let flarekit = |build: bool, decode: bool| {
        if build {
            black_box(black_box(flarekit_create()).to_request().expect("request"));
        }
        if decode {
            black_box(CreateSendingDomainRestriction::decode(black_box(&response)).expect("decode"));
        }
    };
    let hand = |build: bool, decode: bool| {
        if build {
            black_box(black_box(HandCreate::sample()).to_request().expect("request"));
        }
        if decode {
            black_box(hand_decode(black_box(&response.body)).expect("decode"));
        }
    };
    let (build, decode) = match part.as_str() {
        "build" => (true, false),
        "decode" => (false, true),
        "both" => (true, true),
        other => {
            eprintln!("part: build, decode or both, not {other}");
            return ExitCode::FAILURE;
        }
    };
    let call: &dyn Fn(bool, bool) = match side.as_str() {
        "flarekit" => &flarekit,
        "hand" => &hand,
        other => {
            eprintln!("side: flarekit or hand, not {other}");
            return ExitCode::FAILURE;
        }
    };
    for _ in 0..n {
        call(build, decode);
    }
    ExitCode::SUCCESS
}
