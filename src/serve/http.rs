//! The HTTP side of `protracted serve` (axum): routes, the guards every request passes, and
//! the bounds on work.
//!
//! Guards: the `Host` header must name the address the server was started on (`127.0.0.1`,
//! `localhost` or `[::1]` with its port, or the `--host` given), which stops DNS rebinding; a
//! request with an `Origin` must come from the same; every answer carries a
//! Content-Security-Policy (`default-src 'self'`: the page's script and style are files of
//! this server, nothing inline), `nosniff` and no CORS headers. Files served are the ones
//! embedded in the binary ([`ASSETS`]); scenarios are named, never given by path
//! ([`super::library`]). Bodies are capped at [`BODY_LIMIT`] bytes, ensembles at [`ENSEMBLES`]
//! at a time (a request that waits longer than [`QUEUE_WAIT`] gets 503), and every ensemble
//! runs on a blocking thread so a slow one never stalls the others; a panic there becomes a
//! 500, never a dead server.

use super::library::Library;
use super::live::{self, Base, LiveError, LiveRequest};
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Largest request body accepted, bytes.
pub const BODY_LIMIT: usize = 16 * 1024;
/// Ensembles running at the same time.
pub const ENSEMBLES: usize = 2;
/// How long a request waits for an ensemble slot before it gets 503.
pub const QUEUE_WAIT: Duration = Duration::from_secs(20);
/// Cached unchanged scenarios (scenario × seed) kept at most.
pub const CACHE: usize = 16;

/// The files the server serves, embedded: (path, content type, bytes).
pub const ASSETS: [(&str, &str, &str); 2] = [
    ("/app.js", "text/javascript; charset=utf-8", include_str!("../../assets/serve.js")),
    ("/app.css", "text/css; charset=utf-8", include_str!("../../assets/serve.css")),
];

/// The Content-Security-Policy of every answer.
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// What the server knows.
pub struct Server {
    /// The scenarios it may read.
    pub library: Library,
    /// The scenario the page opens with.
    pub initial: String,
    /// Runs per ensemble.
    pub runs: usize,
    /// Worker threads per ensemble (0 = all cores).
    pub threads: usize,
    /// Accepted `Host` header values (`host:port`).
    pub hosts: Vec<String>,
    /// Unchanged scenarios already run, by (name, seed).
    cache: Mutex<HashMap<(String, u64), Arc<Base>>>,
    permits: Semaphore,
}

impl Server {
    /// A server for `library`, accepting the `Host` names `hosts` (each with its port).
    pub fn new(library: Library, initial: String, runs: usize, threads: usize, hosts: Vec<String>) -> Server {
        Server {
            library,
            initial,
            runs,
            threads,
            hosts,
            cache: Mutex::new(HashMap::new()),
            permits: Semaphore::new(ENSEMBLES),
        }
    }
}

/// The `Host` values a server bound to `host:port` accepts.
pub fn allowed_hosts(host: &str, port: u16) -> Vec<String> {
    let mut v: Vec<String> = ["127.0.0.1", "localhost", "[::1]"].iter().map(|h| format!("{h}:{port}")).collect();
    let given = if host.contains(':') && !host.starts_with('[') { format!("[{host}]") } else { host.to_string() };
    let g = format!("{given}:{port}");
    if !v.contains(&g) && host != "0.0.0.0" && host != "::" {
        v.push(g);
    }
    v
}

/// The router with its guards.
pub fn router(server: Arc<Server>) -> Router {
    let mut r = Router::new()
        .route("/", get(index))
        .route("/api/scenarios", get(scenarios))
        .route("/api/scenario", get(scenario))
        .route("/api/run", post(run))
        .route("/api/save", post(save))
        .route("/api/report", post(report));
    for (path, ctype, body) in ASSETS {
        r = r.route(path, get(move || async move { ([(header::CONTENT_TYPE, ctype)], body) }));
    }
    r.fallback(|| async { (StatusCode::NOT_FOUND, "not found: this server has only its page and its API") })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(server.clone(), guard))
        .with_state(server)
}

fn refuse(status: StatusCode, why: &str) -> Response {
    (status, why.to_string()).into_response()
}

/// Host and Origin checks, and the security headers on every answer.
async fn guard(State(s): State<Arc<Server>>, req: Request, next: Next) -> Response {
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    let mut res = if !s.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        refuse(
            StatusCode::FORBIDDEN,
            "forbidden: unexpected Host header (this server answers only on the address it was started on)",
        )
    } else if let Some(origin) = req.headers().get(header::ORIGIN) {
        let ok = origin
            .to_str()
            .ok()
            .and_then(|o| o.strip_prefix("http://"))
            .is_some_and(|o| s.hosts.iter().any(|h| h.eq_ignore_ascii_case(o)));
        if ok { next.run(req).await } else { refuse(StatusCode::FORBIDDEN, "forbidden: cross-origin request") }
    } else {
        next.run(req).await
    };
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

async fn index(State(s): State<Arc<Server>>) -> Html<String> {
    Html(super::page::index(&s.library, &s.initial, s.runs).into_string())
}

async fn scenarios(State(s): State<Arc<Server>>) -> Response {
    let list: Vec<serde_json::Value> = s
        .library
        .entries
        .iter()
        .map(|e| serde_json::json!({ "name": e.name, "title": e.title, "description": e.description }))
        .collect();
    Json(list).into_response()
}

#[derive(Deserialize)]
struct Named {
    name: String,
}

fn lever_json(l: &crate::scenario::levers::Lever) -> serde_json::Value {
    serde_json::json!({
        "id": l.id, "label": l.label, "path": l.path, "min": l.min, "max": l.max, "step": l.step,
        "unit": l.unit, "scale": l.scale, "initial": l.initial,
    })
}

async fn scenario(State(s): State<Arc<Server>>, Query(q): Query<Named>) -> Response {
    let Some(entry) = s.library.get(&q.name).cloned() else {
        return refuse(StatusCode::NOT_FOUND, "not a scenario of this server's library");
    };
    let sc = match tokio::task::spawn_blocking(move || crate::scenario::load(&entry.path, &[])).await {
        Ok(Ok(sc)) => sc,
        Ok(Err(e)) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, &format!("the scenario no longer loads: {e}")),
        Err(_) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, "loading the scenario failed"),
    };
    let t = &sc.teaching;
    let variables: Vec<serde_json::Value> = match sc.model {
        crate::scenario::ModelKind::War => crate::model::war::columns(),
        crate::scenario::ModelKind::Lanchester => crate::model::lanchester::columns(),
    }
    .iter()
    .map(|(v, side)| {
        let key = match side {
            Some(i) => format!("{}@{i}", v.name),
            None => v.name.to_string(),
        };
        let who = side.map(|i| format!("{}: ", sc.sides[i].label)).unwrap_or_default();
        serde_json::json!({ "key": key, "label": format!("{who}{} ({})", v.name, v.unit) })
    })
    .collect();
    Json(serde_json::json!({
        "name": q.name, "title": sc.name, "description": sc.description,
        "declared": sc.levers.declared,
        "levers": sc.levers.list.iter().map(lever_json).collect::<Vec<_>>(),
        "teaching": { "what_it_shows": t.what_it_shows, "things_to_notice": t.things_to_notice,
                      "things_to_try": t.things_to_try, "questions": t.questions },
        "variables": variables,
        "runs": s.runs, "seed": sc.seed,
    }))
    .into_response()
}

fn error_response(e: LiveError) -> Response {
    let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(e)).into_response()
}

/// Run `work` with the base of `req` on a blocking thread, holding an ensemble slot.
async fn with_base<T: Send + 'static>(
    s: Arc<Server>,
    req: LiveRequest,
    work: impl FnOnce(&Server, &Base, &LiveRequest) -> Result<T, LiveError> + Send + 'static,
) -> Result<T, Response> {
    let Some(entry) = s.library.get(&req.scenario).cloned() else {
        return Err(refuse(StatusCode::NOT_FOUND, "not a scenario of this server's library"));
    };
    let permit = match tokio::time::timeout(QUEUE_WAIT, s.permits.acquire()).await {
        Ok(Ok(p)) => p,
        _ => return Err(refuse(StatusCode::SERVICE_UNAVAILABLE, "busy: too many ensembles are running; try again")),
    };
    let s2 = s.clone();
    let done = tokio::task::spawn_blocking(move || {
        let key = (entry.name.clone(), req.seed.unwrap_or(0));
        let cached = s2.cache.lock().ok().and_then(|c| c.get(&key).cloned());
        let base = match cached {
            Some(b) => b,
            None => {
                let b = Arc::new(live::base(&entry, s2.runs, s2.threads, req.seed)?);
                if let Ok(mut c) = s2.cache.lock() {
                    if c.len() >= CACHE {
                        c.clear();
                    }
                    c.insert(key, b.clone());
                }
                b
            }
        };
        work(&s2, &base, &req)
    })
    .await;
    drop(permit);
    match done {
        Ok(Ok(t)) => Ok(t),
        Ok(Err(e)) => Err(error_response(e)),
        Err(_) => Err(refuse(StatusCode::INTERNAL_SERVER_ERROR, "the ensemble failed")),
    }
}

async fn run(State(s): State<Arc<Server>>, Json(req): Json<LiveRequest>) -> Response {
    match with_base(s, req, |_, base, req| {
        let v = live::variant(base, &req.levers)?;
        live::answer(base, &v, req.variable.as_deref(), base.options)
    })
    .await
    {
        Ok(a) => Json(a).into_response(),
        Err(r) => r,
    }
}

fn attachment(name: &str, ctype: &'static str, body: String) -> Response {
    let mut h = HeaderMap::new();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    let safe: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c)).collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    (h, body).into_response()
}

async fn save(State(s): State<Arc<Server>>, Json(req): Json<LiveRequest>) -> Response {
    match with_base(s, req, |_, base, req| {
        let v = live::variant(base, &req.levers)?;
        Ok(live::save(base, &v))
    })
    .await
    {
        Ok((name, text)) => attachment(&name, "application/toml; charset=utf-8", text),
        Err(r) => r,
    }
}

async fn report(State(s): State<Arc<Server>>, Json(req): Json<LiveRequest>) -> Response {
    match with_base(s, req, |_, base, req| {
        let v = live::variant(base, &req.levers)?;
        live::report(base, &v, base.options)
    })
    .await
    {
        Ok((name, html)) => attachment(&name, "text/html; charset=utf-8", html),
        Err(r) => r,
    }
}
