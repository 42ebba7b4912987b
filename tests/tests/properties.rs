//! Properties over arbitrary input: path and query encoding round-trip and never escape their
//! place; the envelope decoder never panics.

use flarekit_core::encode::{push_segment, query_string};
use flarekit_core::transport::HeaderValue;
use flarekit_core::{decode_envelope, error_from_response, HttpResponse};
use percent_encoding::percent_decode_str;
use proptest::prelude::*;

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8().expect("encoded UTF-8 decodes").into_owned()
}

fn response(status: u16, body: Vec<u8>) -> HttpResponse {
    let mut response = HttpResponse::new(status, body);
    response.headers.insert("cf-ray", HeaderValue::from_static("8f00-LHR"));
    response
}

/// Bodies that look like envelopes, to reach deeper than random bytes do.
fn envelope_like() -> impl Strategy<Value = Vec<u8>> {
    let json = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
        ".*".prop_map(|s| serde_json::Value::String(s).to_string()),
        Just("[]".to_owned()),
        Just("{}".to_owned()),
        Just(r#"[{"code":1,"message":"m"}]"#.to_owned()),
        Just(r#"["text", null, 3]"#.to_owned()),
        Just(r#"{"page":1,"per_page":-1,"cursor":7}"#.to_owned()),
    ];
    let field = prop_oneof![
        Just("success"),
        Just("errors"),
        Just("messages"),
        Just("result"),
        Just("result_info"),
        Just("other")
    ];
    (proptest::collection::vec((field, json), 0..6), any::<usize>(), any::<u8>()).prop_map(|(members, cut, byte)| {
        let body = format!("{{{}}}", members.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect::<Vec<_>>().join(","));
        let mut bytes = body.into_bytes();
        // Sometimes truncate or corrupt it.
        match byte % 4 {
            0 => bytes.truncate(cut % (bytes.len() + 1)),
            1 => {
                let i = cut % bytes.len().max(1);
                if let Some(b) = bytes.get_mut(i) {
                    *b = byte;
                }
            }
            _ => {}
        }
        bytes
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_path_value_stays_one_segment_and_round_trips(value in any::<String>()) {
        let mut path = String::from("/zones/");
        push_segment(&mut path, &value);
        let segment = &path["/zones/".len()..];
        prop_assert!(!segment.contains(['/', '?', '#', ' ']), "{segment}");
        prop_assert!(segment.bytes().all(|b| b.is_ascii_graphic()), "{segment}");
        prop_assert_eq!(decode(segment), value);
    }

    #[test]
    fn query_pairs_round_trip(pairs in proptest::collection::vec((any::<String>(), any::<String>()), 0..5)) {
        let borrowed: Vec<(&str, String)> = pairs.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
        let query = query_string(&borrowed);
        prop_assert!(!query.contains(['#', ' ', '?']), "{query}");
        let parsed: Vec<(String, String)> = if query.is_empty() {
            Vec::new()
        } else {
            query
                .split('&')
                .map(|pair| {
                    let (n, v) = pair.split_once('=').expect("name=value");
                    (decode(n), decode(v))
                })
                .collect()
        };
        prop_assert_eq!(parsed, pairs);
    }

    #[test]
    fn the_envelope_decoder_never_panics_on_bytes(body in proptest::collection::vec(any::<u8>(), 0..512), status in 100u16..600) {
        let r = response(status, body);
        let _ = decode_envelope::<serde_json::Value>(&r);
        let _ = decode_envelope::<Vec<String>>(&r);
        let _ = decode_envelope::<()>(&r);
        let e = error_from_response(&r);
        let _ = (e.to_string(), format!("{e:?}"));
        if let Some(s) = &e.body_snippet {
            prop_assert!(s.chars().count() <= 512 + 1, "snippet of {} chars", s.chars().count());
        }
    }

    #[test]
    fn the_envelope_decoder_never_panics_on_envelope_like_bodies(body in envelope_like(), status in 100u16..600) {
        let r = response(status, body);
        if let Err(e) = decode_envelope::<serde_json::Value>(&r) {
            let _ = (e.to_string(), format!("{e:?}"), e.status(), e.cf_ray());
        }
        let _ = decode_envelope::<std::collections::HashMap<String, u8>>(&r);
        let _ = error_from_response(&r).to_string();
    }
}
