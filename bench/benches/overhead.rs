//! Per-request overhead of flarekit's generated code against a hand-written equivalent, with no
//! network: build (validate, percent-encode the path, serialize the JSON body) and decode (the
//! envelope of a canned `201` create response).
//!
//! `cargo bench -p flarekit-bench --bench overhead`; `bench/run.sh` turns the medians into ratios.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use flarekit::email_security::settings::sending_domain_restrictions::CreateSendingDomainRestriction;
use flarekit::Endpoint;

use flarekit_bench::common::{self, canned_create_response, flarekit_create, hand_decode, HandCreate};

fn overhead(c: &mut Criterion) {
    let fk = flarekit_create();
    let hand = HandCreate::sample();
    let response = canned_create_response();

    common::assert_same_work();

    let mut build = c.benchmark_group("build");
    build.bench_function("flarekit", |b| b.iter(|| black_box(black_box(&fk).to_request().expect("request"))));
    build.bench_function("hand-written", |b| b.iter(|| black_box(black_box(&hand).to_request().expect("request"))));
    build.finish();

    let mut decode = c.benchmark_group("decode");
    decode.bench_function("flarekit", |b| {
        b.iter(|| black_box(CreateSendingDomainRestriction::decode(black_box(&response)).expect("decode")))
    });
    decode.bench_function("hand-written", |b| {
        b.iter(|| black_box(hand_decode(black_box(&response.body)).expect("decode")))
    });
    // The hand-written decode plus what flarekit's `ApiResponse` carries beyond the result
    // (status, `cf-ray` copied out of the headers, messages): isolates the cost of that metadata.
    decode.bench_function("hand-written+meta", |b| {
        b.iter(|| {
            let response = black_box(&response);
            let (result, messages) = hand_decode(&response.body).expect("decode");
            let cf_ray = response.header("cf-ray").map(str::to_owned);
            black_box((result, messages, response.status, cf_ray))
        })
    });
    decode.finish();

    // The whole per-request path: build the value, build the request, decode the response.
    let mut both = c.benchmark_group("build_and_decode");
    both.bench_function("flarekit", |b| {
        b.iter(|| {
            let request = black_box(flarekit_create()).to_request().expect("request");
            black_box(request);
            black_box(CreateSendingDomainRestriction::decode(black_box(&response)).expect("decode"))
        })
    });
    both.bench_function("hand-written", |b| {
        b.iter(|| {
            let request = black_box(HandCreate::sample()).to_request().expect("request");
            black_box(request);
            black_box(hand_decode(black_box(&response.body)).expect("decode"))
        })
    });
    both.finish();
}

/// Median over `pairs` of the ratio time(a) / time(b), each measured over `batch` iterations
/// back to back (a b, then b a): on a shared, noisy machine the two sides of one pair see the
/// same neighbours, which criterion's one-benchmark-after-the-other cannot ensure. Returns the
/// median ratio and each side's median ns per iteration.
fn paired(mut a: impl FnMut(), mut b: impl FnMut(), batch: u32, pairs: usize) -> (f64, f64, f64) {
    fn ns(f: &mut dyn FnMut(), batch: u32) -> f64 {
        let t = Instant::now();
        for _ in 0..batch {
            f();
        }
        t.elapsed().as_secs_f64() * 1e9 / f64::from(batch)
    }
    fn median(mut xs: Vec<f64>) -> f64 {
        xs.sort_by(f64::total_cmp);
        xs[xs.len() / 2]
    }
    let (mut ratios, mut ta, mut tb) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..pairs {
        let (x, y) = if i % 2 == 0 {
            let x = ns(&mut a, batch);
            (x, ns(&mut b, batch))
        } else {
            let y = ns(&mut b, batch);
            (ns(&mut a, batch), y)
        };
        ratios.push(x / y);
        ta.push(x);
        tb.push(y);
    }
    (median(ratios), median(ta), median(tb))
}

/// With `BENCH_PAIRED_JSON=path`: the paired, interleaved ratios of every group, written there.
fn paired_ratios() {
    let Some(path) = std::env::var_os("BENCH_PAIRED_JSON") else { return };
    let fk = flarekit_create();
    let hand = HandCreate::sample();
    let response = canned_create_response();
    let fk_build = || {
        black_box(black_box(&fk).to_request().expect("request"));
    };
    let hand_build = || {
        black_box(black_box(&hand).to_request().expect("request"));
    };
    let fk_decode = || {
        black_box(CreateSendingDomainRestriction::decode(black_box(&response)).expect("decode"));
    };
    let hand_decode_ = || {
        black_box(hand_decode(black_box(&response.body)).expect("decode"));
    };
    let fk_both = || {
        black_box(black_box(flarekit_create()).to_request().expect("request"));
        black_box(CreateSendingDomainRestriction::decode(black_box(&response)).expect("decode"));
    };
    let hand_both = || {
        black_box(black_box(HandCreate::sample()).to_request().expect("request"));
        black_box(hand_decode(black_box(&response.body)).expect("decode"));
    };
    let (batch, pairs) = (2000, 300);
    let results = [
        ("build/flarekit", paired(fk_build, hand_build, batch, pairs)),
        ("decode/flarekit", paired(fk_decode, hand_decode_, batch, pairs)),
        ("build_and_decode/flarekit", paired(fk_both, hand_both, batch, pairs)),
    ];
    let mut json = String::from("{");
    for (i, (name, (ratio, a, b))) in results.iter().enumerate() {
        println!("paired {name:<36} {a:8.1} ns vs hand-written {b:8.1} ns: ratio {ratio:.3}");
        if i > 0 {
            json.push(',');
        }
        json.push_str(&format!(r#""{name}":{{"ratio":{ratio:.4},"ns":{a:.1},"hand_ns":{b:.1}}}"#));
    }
    json.push('}');
    std::fs::write(path, json).expect("write BENCH_PAIRED_JSON");
}

fn all(c: &mut Criterion) {
    overhead(c);
    paired_ratios();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = all
}
criterion_main!(benches);
