//! Feeds arbitrary bytes to the envelope decoder as the body of a response of any status:
//! it must return, never panic.
//!
//! Run with `cargo +nightly fuzz run envelope` from `core/`.
#![no_main]

use flarekit_core::{decode_envelope, error_from_response, HttpResponse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [a, b, rest @ ..] => (100 + u16::from_le_bytes([*a, *b]) % 500, rest.to_vec()),
        _ => (200, data.to_vec()),
    };
    let mut response = HttpResponse::new(status, body);
    response.headers.insert("cf-ray", flarekit_core::transport::HeaderValue::from_static("fuzz-LHR"));
    if let Err(e) = decode_envelope::<serde_json::Value>(&response) {
        let _ = e.to_string();
    }
    let _ = decode_envelope::<Vec<String>>(&response);
    let _ = error_from_response(&response, &["Fuzz: Read"]).to_string();
});
