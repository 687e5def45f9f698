//! A minimal blocking HTTP/1.0 GET over `std::net::TcpStream`, for CRL distribution points
//! (`http://` only: CRLs are signed, so they need no TLS). Used only when the user asks.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// The largest CRL we accept: regional CNS CRLs are a few MB.
pub const MAX_CRL: u64 = 64 * 1024 * 1024;
const TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("only http:// addresses are supported: {0}")]
    Scheme(String),
    #[error("bad address: {0}")]
    Url(String),
    #[error("network error: {0}")]
    Io(#[from] std::io::Error),
    #[error("the server answered {0}")]
    Status(String),
    #[error("the answer is larger than {MAX_CRL} bytes")]
    TooLarge,
}

/// GETs `url` (http://host[:port]/path) and returns the body.
pub fn get(url: &str) -> Result<Vec<u8>, HttpError> {
    let rest = url.strip_prefix("http://").ok_or_else(|| HttpError::Scheme(url.into()))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if authority.is_empty() || authority.contains('@') || path.contains(['\r', '\n', ' ']) {
        return Err(HttpError::Url(url.into()));
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, p.parse::<u16>().map_err(|_| HttpError::Url(url.into()))?),
        None => (authority, 80),
    };
    let addr = (host, port).to_socket_addrs()?.next().ok_or_else(|| HttpError::Url(url.into()))?;
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT)?;
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    let request = format!(
        "GET {path} HTTP/1.0\r\nHost: {authority}\r\nUser-Agent: cns-manager\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes())?;
    let mut raw = Vec::new();
    stream.take(MAX_CRL + 64 * 1024).read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| HttpError::Status("no HTTP header".into()))?;
    let head = String::from_utf8_lossy(&raw[..split]);
    let status = head.lines().next().unwrap_or_default().to_string();
    if status.split_whitespace().nth(1) != Some("200") {
        return Err(HttpError::Status(status));
    }
    let body = raw.split_off(split + 4);
    if body.len() as u64 > MAX_CRL {
        return Err(HttpError::TooLarge);
    }
    Ok(body)
}
