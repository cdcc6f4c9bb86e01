//! The `comentarios` app's HTTP side: the seed's `/health-check` endpoint, in Rust.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use serde_json::{Value, json};

/// `GET /health-check`: the seed's Flask `api_health_check`.
pub fn health_check() -> Value {
    json!({ "status": "SUCCESS", "message": "its ok!" })
}

/// Status and JSON body for a request line such as `GET /health-check HTTP/1.1`.
pub fn handle(request_line: &str) -> (u16, Value) {
    match request_line.split_whitespace().take(2).collect::<Vec<_>>()[..] {
        ["GET", "/health-check"] => (200, health_check()),
        ["GET", _] => (404, json!({ "status": "ERROR", "message": "not found" })),
        _ => (
            405,
            json!({ "status": "ERROR", "message": "method not allowed" }),
        ),
    }
}

/// Serves on `0.0.0.0:8000`, the port the load balancer forwards to.
pub fn serve() -> std::io::Result<()> {
    for stream in TcpListener::bind(("0.0.0.0", 8000))?.incoming() {
        let mut stream = stream?;
        let mut line = String::new();
        BufReader::new(&stream).read_line(&mut line)?;
        let (status, body) = handle(&line);
        let body = body.to_string();
        write!(
            stream,
            "HTTP/1.1 {status} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            if status == 200 { "OK" } else { "Error" },
            body.len()
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_health_check_answers_as_in_the_seed() {
        assert_eq!(
            handle("GET /health-check HTTP/1.1"),
            (200, json!({"status": "SUCCESS", "message": "its ok!"}))
        );
        assert_eq!(handle("GET /other HTTP/1.1").0, 404);
        assert_eq!(handle("DELETE /health-check HTTP/1.1").0, 405);
    }
}
