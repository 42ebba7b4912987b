//! [`WorkerTransport`]: one attempt through the Workers runtime's `fetch`, inside a Cloudflare
//! Worker (the `worker` feature on wasm32).

use bytes::Bytes;
use worker::wasm_bindgen::JsValue;
use worker::{js_sys, Fetch, Headers, Request, RequestInit};

use super::{BoxFuture, HeaderMap, HeaderName, HeaderValue, HttpRequest, HttpResponse, Transport};
use crate::response::{TransportError, TransportErrorKind};

/// Sends each attempt with the Workers runtime's `fetch`, the one way out of a Worker.
///
/// What differs from `HyperTransport` on an operating system:
/// - the body is read whole (`execute_stream` is the trait's default, one chunk), refused
///   beyond `max_body_bytes` once read;
/// - `fetch` takes no timeout of its own: the client's timer races it, and a lost race leaves
///   the subrequest to the runtime, which ends it with the invocation;
/// - redirects are followed by `fetch` (the API does not redirect).
#[derive(Debug, Clone)]
pub struct WorkerTransport {
    max_body_bytes: usize,
}

impl WorkerTransport {
    /// A transport that refuses response bodies over `max_body_bytes`.
    pub fn new(max_body_bytes: usize) -> Self {
        WorkerTransport { max_body_bytes }
    }

    async fn run(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let failed = |kind, e: worker::Error| TransportError::new(kind, format!("fetch: {e}"));
        let headers = Headers::new();
        for h in &request.headers {
            headers.set(&h.name, &h.value).map_err(|e| failed(TransportErrorKind::Other, e))?;
        }
        let mut init = RequestInit::new();
        init.with_method(worker::Method::from(request.method.as_str().to_owned()));
        if let Some(body) = &request.body {
            headers.set("content-type", body.content_type()).map_err(|e| failed(TransportErrorKind::Other, e))?;
            let bytes = body.to_bytes();
            init.with_body(Some(JsValue::from(js_sys::Uint8Array::from(&bytes[..]))));
        }
        init.with_headers(headers);
        let outgoing = Request::new_with_init(&request.url, &init).map_err(|e| failed(TransportErrorKind::Other, e))?;
        // A request `fetch` refused before sending, or whose answer was lost: which one is
        // not told apart, so nothing may be assumed about whether it arrived.
        let mut response = Fetch::Request(outgoing).send().await.map_err(|e| failed(TransportErrorKind::Other, e))?;
        let status = response.status_code();
        let mut headers = HeaderMap::new();
        for (name, value) in response.headers().entries() {
            // `fetch` checked both already (a name is a token, a value a byte string), so
            // neither is refused here in practice; one that were would be left out.
            if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(&value)) {
                headers.append(name, value);
            }
        }
        let body = response.bytes().await.map_err(|e| failed(TransportErrorKind::Body, e))?;
        if body.len() > self.max_body_bytes {
            return Err(TransportError::new(
                TransportErrorKind::TooLarge,
                format!("the response body has {} bytes, over the limit of {}", body.len(), self.max_body_bytes),
            ));
        }
        Ok(HttpResponse { status, headers, body: Bytes::from(body) })
    }
}

impl Transport for WorkerTransport {
    fn execute(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.run(request))
    }
}
