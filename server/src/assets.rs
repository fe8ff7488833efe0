//! The built assets under /pkg, served from memory with gzip and an ETag. A file handler read the
//! disk on every request (a blocking-pool round trip each time) and sent the wasm uncompressed;
//! these files are few and change only with a new build.
//!
//! Pages link them under `/pkg/<version>/<name>`, where the version is a hash of every file: those
//! URLs change with the content, so browsers may keep them for a year without asking again.
use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

struct Asset {
    body: Bytes,
    /// Made in a background thread at the first request that accepts gzip (that one, and any
    /// before it is ready, get the plain bytes), so that neither the start nor a request waits.
    gzip: Arc<OnceLock<Bytes>>,
    compressing: Arc<AtomicBool>,
    content_type: &'static str,
    etag: HeaderValue,
}

#[derive(Clone, Default)]
pub struct Assets(Arc<HashMap<String, Asset>>, Arc<str>);

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "wasm" => "application/wasm",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

impl Assets {
    /// Read every file of the directory (not recursive). A missing directory gives an empty set:
    /// the pages still work without their script.
    pub fn load(dir: &str) -> Assets {
        let mut files = HashMap::new();
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let (path, Ok(name)) = (e.path(), e.file_name().into_string()) else { continue };
                if name.ends_with(".gz") || !path.is_file() {
                    continue;
                }
                let Ok(body) = std::fs::read(&path) else { continue };
                let etag = HeaderValue::from_str(&format!("\"{:x}-{:x}\"", body.len(), fnv(&body))).unwrap_or(HeaderValue::from_static("\"0\""));
                let asset = Asset { body: Bytes::from(body), gzip: Arc::default(), compressing: Arc::default(), content_type: content_type(&name), etag };
                files.insert(name, asset);
            }
        }
        // Same files, same version on every instance behind a load balancer. Made from the names
        // and ETags, which already hash the content: no second pass over the wasm.
        let mut names: Vec<&String> = files.keys().collect();
        names.sort();
        let mut listing = Vec::new();
        for n in names {
            listing.extend_from_slice(n.as_bytes());
            listing.push(b' ');
            listing.extend_from_slice(files[n].etag.as_bytes());
            listing.push(b'\n');
        }
        let version = format!("{:016x}", fnv(&listing));
        Assets(Arc::new(files), version.into())
    }

    /// The path segment that names this build's assets.
    pub fn version(&self) -> &str {
        &self.1
    }
}

impl Asset {
    fn gzip_or_start(&self) -> Option<Bytes> {
        if let Some(gz) = self.gzip.get() {
            return Some(gz.clone());
        }
        if !self.compressing.swap(true, Ordering::AcqRel) {
            let (body, slot) = (self.body.clone(), self.gzip.clone());
            std::thread::spawn(move || {
                let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                if enc.write_all(&body).is_ok() {
                    if let Ok(gz) = enc.finish() {
                        let _ = slot.set(Bytes::from(gz));
                    }
                }
            });
        }
        None
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325u64, |h, b| (h ^ *b as u64).wrapping_mul(0x100000001b3))
}

/// `/pkg/<name>`: the fixed name, revalidated on every use (an answer of 304 while the ETag holds).
pub async fn serve(State(assets): State<Assets>, Path(name): Path<String>, headers: HeaderMap) -> Response {
    respond(&assets, &name, &headers, false)
}

/// `/pkg/<version>/<name>`: immutable for a year when the version is this build's. A page from
/// another build (an instance not yet updated behind the same load balancer) gets today's file,
/// revalidated, rather than an error.
pub async fn serve_versioned(State(assets): State<Assets>, Path((version, name)): Path<(String, String)>, headers: HeaderMap) -> Response {
    let current = version == assets.version();
    respond(&assets, &name, &headers, current)
}

fn respond(assets: &Assets, name: &str, headers: &HeaderMap, immutable: bool) -> Response {
    let Some(a) = assets.0.get(name) else { return StatusCode::NOT_FOUND.into_response() };
    let mut res = if headers.get(header::IF_NONE_MATCH).is_some_and(|v| v == a.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let gzip_ok = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("gzip"));
        match gzip_ok.then(|| a.gzip_or_start()).flatten() {
            Some(gz) => {
                let mut r = Response::new(Body::from(gz));
                r.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
                r
            }
            None => Response::new(Body::from(a.body.clone())),
        }
    };
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(a.content_type));
    h.insert(header::ETAG, a.etag.clone());
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    let cache = if immutable { "public, max-age=31536000, immutable" } else { "public, no-cache" };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}
