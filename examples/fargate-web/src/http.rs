//! The container apps' HTTP: a small server on `std::net`, enough for the load balancers' `/health` checks and
//! one page. Each request is answered by [`route`], which the tests call directly.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

/// A response: status code, content type and body.
#[derive(Debug, PartialEq, Eq)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// Body.
    pub body: String,
}

/// Answers a request line (`GET /health HTTP/1.1`) for the tier named `tier`.
pub fn route(request_line: &str, tier: &str, was_url: Option<&str>) -> Response {
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    match (method, path) {
        ("GET", "/health") => Response {
            status: 200,
            content_type: "text/plain",
            body: "ok".into(),
        },
        ("GET", "/") => {
            let backend = was_url
                .map(|u| format!("<p>WAS: {u}</p>"))
                .unwrap_or_default();
            Response {
                status: 200,
                content_type: "text/html",
                body: format!("<h1>app-{tier}</h1>{backend}"),
            }
        }
        ("GET", _) => Response {
            status: 404,
            content_type: "text/plain",
            body: "not found".into(),
        },
        _ => Response {
            status: 405,
            content_type: "text/plain",
            body: "method not allowed".into(),
        },
    }
}

/// Serves `tier` on `0.0.0.0:port` until the process ends.
pub fn serve(port: u16, tier: &str) -> std::io::Result<()> {
    let was_url = std::env::var("WAS_URL").ok();
    let listener = TcpListener::bind(("0.0.0.0", port))?;
    for stream in listener.incoming() {
        let mut stream = stream?;
        let mut line = String::new();
        BufReader::new(&stream).read_line(&mut line)?;
        let r = route(&line, tier, was_url.as_deref());
        let reason = match r.status {
            200 => "OK",
            404 => "Not Found",
            _ => "Method Not Allowed",
        };
        write!(
            stream,
            "HTTP/1.1 {} {reason}\r\ncontent-type: {}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{}",
            r.status,
            r.content_type,
            r.body.len(),
            r.body
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_page_and_errors() {
        assert_eq!(route("GET /health HTTP/1.1", "web", None).body, "ok");
        assert_eq!(
            route("GET / HTTP/1.1", "web", Some("http://was.internal")).body,
            "<h1>app-web</h1><p>WAS: http://was.internal</p>"
        );
        assert_eq!(route("GET /nope HTTP/1.1", "was", None).status, 404);
        assert_eq!(route("POST /health HTTP/1.1", "was", None).status, 405);
    }

    #[test]
    fn serves_over_tcp() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        std::thread::spawn(move || serve_local(port));
        let mut body = String::new();
        for _ in 0..50 {
            if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
                s.write_all(b"GET /health HTTP/1.1\r\n\r\n").unwrap();
                std::io::Read::read_to_string(&mut s, &mut body).unwrap();
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert!(
            body.starts_with("HTTP/1.1 200 OK\r\n") && body.ends_with("\r\n\r\nok"),
            "{body:?}"
        );
    }

    fn serve_local(port: u16) {
        let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
        let mut stream = listener.incoming().next().unwrap().unwrap();
        let mut line = String::new();
        BufReader::new(&stream).read_line(&mut line).unwrap();
        let r = route(&line, "web", None);
        write!(
            stream,
            "HTTP/1.1 {} OK\r\ncontent-length: {}\r\n\r\n{}",
            r.status,
            r.body.len(),
            r.body
        )
        .unwrap();
    }
}
