//! Fault injection over real loopback TCP: every fault against GET and POST, a refused port
//! that comes back, and a chaos run of mixed operations against a flaky server.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use flarekit_core::{Client, Credentials, Error, ErrorKind, RequestOptions, TransportErrorKind};
use flarekit_tests::faults::{closed_port, Fault, FaultServer, OpResult, ReadOp, SafeWriteOp, WriteOp, RAY};

const DEADLINE: Duration = Duration::from_secs(5);
/// Generous slack for a loaded machine: the assertion is "bounded by the deadline", not a timing.
const MARGIN: Duration = Duration::from_secs(3);

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .credentials(Credentials::api_token("matrix-token"))
        .timeout(Duration::from_millis(500))
        .connect_timeout(Duration::from_millis(500))
        .retry_base_delay(Duration::from_millis(10))
        .retry_max_delay(Duration::from_millis(50))
        .max_body_bytes(64 * 1024)
        .deadline(DEADLINE)
        .build()
        .expect("client")
}

/// What a call must end in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Success,
    Api(u16),
    Decode,
    Transport(TransportErrorKind),
    /// Either outcome is right: hyper may notice a connection reset before it writes the
    /// request (then it resends it on a new connection itself, and the write succeeds once) or
    /// after (then the client cannot know whether the server got it).
    SuccessOrUnknown,
}

fn check(label: &str, result: &Result<OpResult, Error>, expect: Expect) {
    match (result.as_ref().map_err(Error::kind), expect) {
        (Ok(_), Expect::Success) => {}
        (Err(ErrorKind::Api(e)), Expect::Api(status)) => {
            assert_eq!(e.status, status, "{label}: {e}");
            assert_eq!(e.cf_ray.as_deref(), Some(RAY), "{label}: cf-ray kept");
        }
        (Err(ErrorKind::Decode(e)), Expect::Decode) => {
            assert_eq!(e.status, 200, "{label}");
            assert_eq!(e.cf_ray.as_deref(), Some(RAY), "{label}: cf-ray kept");
            assert!(e.body_snippet.len() <= 520, "{label}: bounded snippet");
        }
        (Err(ErrorKind::Transport(e)), Expect::Transport(kind)) => assert_eq!(e.kind, kind, "{label}: {e}"),
        (Ok(_), Expect::SuccessOrUnknown) => {}
        (Err(ErrorKind::Transport(e)), Expect::SuccessOrUnknown) => {
            assert_eq!(e.kind, TransportErrorKind::OutcomeUnknown, "{label}: {e}")
        }
        (_, expect) => panic!("{label}: expected {expect:?}, got {result:?}"),
    }
    if let Err(e) = result {
        assert!(!e.attempts().is_empty(), "{label}: attempts recorded: {e}");
        assert!(e.operation().is_some(), "{label}: operation named: {e}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_against_get_and_post() {
    use Expect::*;
    use TransportErrorKind as K;
    let unknown = Transport(K::OutcomeUnknown);
    // (fault, what a GET ends in, what a POST ends in). Each fault hits the first attempt only,
    // so transient faults on GET end in success after a retry.
    let cases: Vec<(Fault, Expect, Expect)> = vec![
        (Fault::ResetBeforeRead, Success, SuccessOrUnknown),
        (Fault::ResetAfterRead, Success, unknown),
        (Fault::Delay(Duration::from_millis(1500)), Success, unknown),
        (Fault::TooManyRequests("1".into()), Success, Success),
        (Fault::TooManyRequests("0".into()), Success, Success),
        (Fault::TooManyRequestsMs(20), Success, Success),
        (Fault::Html(502), Success, Api(502)),
        (Fault::Html(503), Success, Api(503)),
        (Fault::Status { status: 500, should_retry: None }, Success, Api(500)),
        (Fault::Status { status: 408, should_retry: None }, Success, Api(408)),
        (Fault::Status { status: 409, should_retry: None }, Success, Api(409)),
        (Fault::Status { status: 503, should_retry: Some(true) }, Success, Success),
        (Fault::Status { status: 503, should_retry: Some(false) }, Api(503), Api(503)),
        (Fault::Status { status: 400, should_retry: None }, Api(400), Api(400)),
        (Fault::TruncatedJson, Success, unknown),
        (Fault::ResetMidBody, Success, unknown),
        (Fault::MalformedJson, Decode, Decode),
        (Fault::EmptyBody, Decode, Decode),
        (Fault::MissingResult, Decode, Decode),
        (Fault::SuccessFalse, Api(200), Api(200)),
        (Fault::Oversized(1 << 20), Transport(K::TooLarge), Transport(K::TooLarge)),
        (Fault::OversizedStreamed(1 << 20), Transport(K::TooLarge), Transport(K::TooLarge)),
    ];
    let mut summary = Vec::new();
    for (i, (fault, get_expect, post_expect)) in cases.into_iter().enumerate() {
        // GET
        let server = FaultServer::script(vec![fault.clone()]).await;
        let started = Instant::now();
        let result = client(&server.base_url()).send(ReadOp(format!("r{i}"))).await;
        let elapsed = started.elapsed();
        check(&format!("GET {fault:?}"), &result, get_expect);
        assert!(elapsed < DEADLINE + MARGIN, "GET {fault:?} took {elapsed:?}");
        summary.push(format!("GET  {fault:?} -> {}", outcome(&result)));

        // POST
        let server = FaultServer::script(vec![fault.clone()]).await;
        let op = format!("w{i}");
        let started = Instant::now();
        let result = client(&server.base_url()).send(WriteOp(op.clone())).await;
        let elapsed = started.elapsed();
        check(&format!("POST {fault:?}"), &result, post_expect);
        assert!(elapsed < DEADLINE + MARGIN, "POST {fault:?} took {elapsed:?}");
        // Let a delayed server finish executing before counting.
        tokio::time::sleep(Duration::from_millis(20)).await;
        let executed = server.executions(&op);
        assert!(executed <= 1, "POST {fault:?} executed {executed} times");
        if result.is_ok() {
            assert_eq!(executed, 1, "POST {fault:?} reported done but the server never executed it");
        }
        if let Some(ErrorKind::Transport(e)) = result.as_ref().err().map(Error::kind) {
            if e.kind == TransportErrorKind::OutcomeUnknown {
                assert!(e.to_string().contains("may or may not have taken effect"), "{e}");
            }
        }
        summary.push(format!("POST {fault:?} -> {} (executed {executed}x)", outcome(&result)));
    }
    println!("{}", summary.join("\n"));
}

fn outcome(result: &Result<OpResult, Error>) -> String {
    match result {
        Ok(_) => "ok".into(),
        Err(e) => format!("{e}"),
    }
}

#[tokio::test]
async fn refused_connections_are_retried_for_get_and_post_then_fail_typed() {
    let url = format!("http://127.0.0.1:{}/client/v4", closed_port());
    for result in [client(&url).send(ReadOp("x".into())).await, client(&url).send(WriteOp("y".into())).await] {
        let err = result.expect_err("nothing listens");
        assert_eq!(err.transport_kind(), Some(TransportErrorKind::Connect), "{err}");
        assert_eq!(err.attempts().len(), 3, "1 attempt + 2 retries: {err}");
        assert!(err.to_string().contains("after 3 attempts"), "{err}");
        assert!(err.to_string().contains("connection refused"), "{err}");
        // reqwest's error, down to the OS's, is the source chain.
        let mut chain = Vec::new();
        let mut link = std::error::Error::source(&err);
        while let Some(l) = link {
            chain.push(l.to_string());
            link = l.source();
        }
        assert!(chain.len() >= 2 && chain.last().is_some_and(|os| os.contains("refused")), "{chain:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_to_a_port_that_comes_back_is_sent_exactly_once() {
    let port = closed_port();
    let c = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}/client/v4"))
        .credentials(Credentials::api_token("t"))
        .retry_base_delay(Duration::from_millis(100))
        .retry_max_delay(Duration::from_millis(400))
        .max_retries(6)
        .deadline(DEADLINE)
        .build()
        .expect("client");
    let opener = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(150)).await;
        FaultServer::start_on(port, |_| Fault::Ok).await
    });
    let result = c.send(WriteOp("comeback".into())).await;
    let server = opener.await.expect("server task");
    let value = result.expect("POST succeeds once the port listens");
    assert_eq!(value.executions, 1);
    assert_eq!(server.executions("comeback"), 1);
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_honoured() {
    let date = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(1));
    let server = FaultServer::script(vec![Fault::TooManyRequests(date)]).await;
    let value = client(&server.base_url()).send(WriteOp("dated".into())).await.expect("retried after the date");
    assert_eq!(value.executions, 1);
    assert_eq!(server.stats().received, 2);
}

#[tokio::test]
async fn a_retry_safe_post_is_retried_after_a_lost_response() {
    let server = FaultServer::script(vec![Fault::ResetAfterRead]).await;
    // The write runs twice on the server: that is what declaring it retry-safe accepts.
    client(&server.base_url()).send(SafeWriteOp("safe".into())).await.expect("retried");
    assert_eq!(server.executions("safe"), 2);
}

#[tokio::test]
async fn the_deadline_bounds_waits_and_attempts() {
    // Retry-After of 30 s is honoured, but not past a 1 s deadline: the call fails at once.
    let server = FaultServer::script(vec![Fault::TooManyRequests("30".into())]).await;
    let started = Instant::now();
    let options = RequestOptions::new().deadline(Duration::from_secs(1));
    let err = client(&server.base_url()).send_with_options(ReadOp("d".into()), options).await.expect_err("deadline");
    assert_eq!(err.transport_kind(), Some(TransportErrorKind::Timeout), "{err}");
    assert!(err.to_string().contains("deadline"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(1) + MARGIN);

    // Slow attempts: the deadline cuts the attempts short.
    let server = FaultServer::start(|_| Fault::Delay(Duration::from_secs(10))).await;
    let c = Client::builder()
        .base_url(server.base_url())
        .credentials(Credentials::api_token("t"))
        .retry_base_delay(Duration::from_millis(10))
        .build()
        .expect("client");
    let started = Instant::now();
    let options = RequestOptions::new().deadline(Duration::from_millis(800)).max_retries(10);
    let err = c.send_with_options(ReadOp("slow".into()), options).await.expect_err("deadline");
    assert_eq!(err.transport_kind(), Some(TransportErrorKind::Timeout), "{err}");
    assert!(started.elapsed() < Duration::from_millis(800) + MARGIN, "{:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_limiter_is_shared_by_clones_and_respects_deadlines() {
    let server = FaultServer::start(|_| Fault::Ok).await;
    let c = Client::builder()
        .base_url(server.base_url())
        .credentials(Credentials::api_token("t"))
        .rate_limit(5, Duration::from_secs(60))
        .build()
        .expect("client");
    for i in 0..5 {
        c.clone().send(ReadOp(format!("rl{i}"))).await.expect("within the limit");
    }
    // The sixth would wait a minute: with a short deadline it fails at once, typed, unsent.
    let started = Instant::now();
    let err = c
        .clone()
        .send_with_options(ReadOp("rl5".into()), RequestOptions::new().deadline(Duration::from_millis(300)))
        .await
        .expect_err("rate limited past the deadline");
    assert_eq!(err.transport_kind(), Some(TransportErrorKind::Timeout), "{err}");
    assert!(err.to_string().contains("rate limit"), "{err}");
    assert!(started.elapsed() < Duration::from_millis(300) + MARGIN);
    assert_eq!(server.stats().received, 5);
}

/// A tiny deterministic generator for the chaos plan.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chaos_run_never_duplicates_or_loses_a_write() {
    const OPS: usize = 3000;
    const WORKERS: usize = 16;
    let rng = std::sync::Mutex::new(XorShift(0x5eed_f1a2_e000_0001));
    let server = FaultServer::start(move |_| {
        let roll = rng.lock().unwrap().next() % 100;
        match roll {
            0..=54 => Fault::Ok,
            55..=59 => Fault::ResetBeforeRead,
            60..=64 => Fault::ResetAfterRead,
            65..=69 => Fault::TooManyRequestsMs(1),
            70..=74 => Fault::Html(502),
            75..=79 => Fault::Status { status: 503, should_retry: Some(true) },
            80..=83 => Fault::Status { status: 500, should_retry: None },
            84..=87 => Fault::TruncatedJson,
            88..=90 => Fault::ResetMidBody,
            91..=92 => Fault::Delay(Duration::from_millis(300)),
            93..=94 => Fault::MalformedJson,
            95..=96 => Fault::TooManyRequests("0".into()),
            97 => Fault::EmptyBody,
            98 => Fault::Oversized(200 * 1024),
            _ => Fault::SuccessFalse,
        }
    })
    .await;
    let c = Client::builder()
        .base_url(server.base_url())
        .credentials(Credentials::api_token("chaos"))
        .timeout(Duration::from_millis(150))
        .retry_base_delay(Duration::from_millis(1))
        .retry_max_delay(Duration::from_millis(5))
        .max_retries(3)
        .max_body_bytes(64 * 1024)
        .deadline(Duration::from_secs(3))
        .build()
        .expect("client");
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for w in 0..WORKERS {
        let c = c.clone();
        workers.spawn(async move {
            let mut results = Vec::new();
            for i in (w..OPS).step_by(WORKERS) {
                let write = i % 3 != 0;
                let op = format!("op{i}");
                let t = Instant::now();
                let result = if write { c.send(WriteOp(op.clone())).await } else { c.send(ReadOp(op.clone())).await };
                results.push((op, write, result.map(|_| ()), t.elapsed()));
            }
            results
        });
    }
    let mut all = Vec::new();
    while let Some(r) = workers.join_next().await {
        all.extend(r.expect("worker"));
    }
    tokio::time::sleep(Duration::from_millis(400)).await; // let delayed executions land
    let stats = server.stats();
    let (mut succeeded, mut failed, mut duplicated, mut lost, mut unknown, mut writes) = (0, 0, 0, 0, 0, 0);
    let mut kinds: HashMap<String, usize> = HashMap::new();
    for (op, write, result, took) in &all {
        assert!(*took < Duration::from_secs(3) + MARGIN, "{op} took {took:?}");
        let executed = stats.executions.get(op.as_str()).copied().unwrap_or(0);
        if *write {
            writes += 1;
            if executed > 1 {
                duplicated += 1;
            }
        }
        match result {
            Ok(()) => {
                succeeded += 1;
                if *write && executed == 0 {
                    lost += 1;
                }
            }
            Err(e) => {
                failed += 1;
                let kind = match e.kind() {
                    ErrorKind::Api(a) => format!("api {}", a.status),
                    ErrorKind::Decode(_) => "decode".to_owned(),
                    ErrorKind::Transport(t) => {
                        if t.kind == TransportErrorKind::OutcomeUnknown {
                            unknown += 1;
                        }
                        format!("transport {}", t.kind.as_str())
                    }
                    _ => panic!("{op}: untyped failure {e:?}"),
                };
                *kinds.entry(kind).or_default() += 1;
            }
        }
    }
    let mut kinds: Vec<_> = kinds.into_iter().collect();
    kinds.sort();
    println!(
        "chaos: attempted {}, succeeded {succeeded}, failed with typed errors {failed} ({kinds:?}; {unknown} writes \
         with unknown outcome), duplicated writes {duplicated}, lost writes {lost}; {writes} writes, {} requests \
         received over {} connections, in {:?}",
        all.len(),
        stats.received,
        stats.connections,
        started.elapsed()
    );
    assert_eq!(all.len(), OPS);
    assert_eq!(succeeded + failed, OPS);
    assert_eq!(duplicated, 0, "a write was executed twice");
    assert_eq!(lost, 0, "a write reported done was never executed");
    assert!(succeeded > OPS / 2, "the client should ride out most faults");
}
