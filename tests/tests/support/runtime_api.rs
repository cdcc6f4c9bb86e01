//! A Lambda Runtime API (2018-06-01) emulator on 127.0.0.1: a function's binary takes one event from it and
//! posts its answer back, as on Lambda.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

/// What the function posted back for the one invocation.
#[derive(Debug)]
pub struct Posted {
    /// `response` or `error`.
    pub kind: String,
    /// `Lambda-Runtime-Function-Error-Type`, for errors.
    pub error_type: Option<String>,
    pub body: Value,
}

/// A Lambda Runtime API (2018-06-01) serving one event: `GET .../invocation/next` answers it, a `POST` of
/// `.../response` or `.../error` is captured, and later polls are held open until the process is stopped.
pub struct RuntimeApi {
    /// `127.0.0.1:<port>`, for `AWS_LAMBDA_RUNTIME_API`.
    pub addr: String,
    /// What the function posted.
    pub posted: mpsc::Receiver<Posted>,
}

impl RuntimeApi {
    /// Serves `event` to the first poll.
    pub fn start(event: Value) -> RuntimeApi {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let (tx, posted) = mpsc::channel();
        std::thread::spawn(move || {
            let mut served = false;
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let (event, tx) = (event.clone(), tx.clone());
                let first = !served;
                served = true;
                std::thread::spawn(move || serve(stream, event, first, tx));
            }
        });
        RuntimeApi { addr, posted }
    }
}

/// One request: method, path, headers (lower-case names), body (de-chunked).
type Request = (String, String, Vec<(String, String)>, Vec<u8>);

/// Reads one request.
fn read_request(r: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    if r.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        r.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
    }
    let header = |n: &str| headers.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
    let mut body = Vec::new();
    if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            let mut size = String::new();
            r.read_line(&mut size).ok()?;
            let n = usize::from_str_radix(size.trim(), 16).ok()?;
            let mut chunk = vec![0; n + 2];
            r.read_exact(&mut chunk).ok()?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
        }
    } else if let Some(n) = header("content-length").and_then(|v| v.parse::<usize>().ok()) {
        body.resize(n, 0);
        r.read_exact(&mut body).ok()?;
    }
    Some((method, path, headers, body))
}

fn serve(stream: TcpStream, event: Value, mut first: bool, tx: mpsc::Sender<Posted>) {
    let mut w = stream.try_clone().unwrap();
    let mut r = BufReader::new(stream);
    while let Some((method, path, headers, body)) = read_request(&mut r) {
        if method == "GET" && path.ends_with("/runtime/invocation/next") {
            if !first {
                std::thread::sleep(Duration::from_secs(3600)); // hold the next poll: one event only
            }
            first = false;
            let body = event.to_string();
            let deadline = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_millis()
                + 60_000;
            let _ = write!(
                w,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nlambda-runtime-aws-request-id: req-1\r\n\
                 lambda-runtime-deadline-ms: {deadline}\r\nlambda-runtime-invoked-function-arn: arn:aws:lambda:us-east-1:123456789012:function:f\r\n\
                 lambda-runtime-trace-id: Root=1-00000000-000000000000000000000000\r\ncontent-length: {}\r\n\r\n{body}",
                body.len()
            );
        } else if method == "POST" {
            let kind = path.rsplit('/').next().unwrap_or_default().to_owned();
            let error_type = headers
                .iter()
                .find(|(k, _)| k == "lambda-runtime-function-error-type")
                .map(|(_, v)| v.clone());
            let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let _ = tx.send(Posted {
                kind,
                error_type,
                body,
            });
            let _ = write!(w, "HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\n\r\n");
        }
    }
}

/// Kills the function's process on drop, whatever happens in the test.
struct Function(Child);

impl Drop for Function {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `bin` in the environment Lambda gives a function (and nothing else), polling `api`.
pub fn lambda_command(bin: &Path, handler: &str, api: &str) -> Command {
    let mut cmd = Command::new(bin);
    cmd.env_clear()
        .env("_HANDLER", handler)
        .env("AWS_LAMBDA_RUNTIME_API", api)
        .env("AWS_LAMBDA_FUNCTION_NAME", "f")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_LAMBDA_LOG_STREAM_NAME", "s")
        .env("AWS_LAMBDA_LOG_GROUP_NAME", "g")
        .env("AWS_EC2_METADATA_DISABLED", "true");
    cmd
}

/// Runs `bin` as Lambda would, with `_HANDLER=handler`, on one event, and returns what it posted.
pub fn invoke(bin: &Path, handler: &str, event: Value) -> Posted {
    let api = RuntimeApi::start(event);
    let child = lambda_command(bin, handler, &api.addr)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _f = Function(child);
    api.posted
        .recv_timeout(Duration::from_secs(60))
        .expect("the function posted no result within 60 s")
}
