//! A stub HTTP server on 127.0.0.1 that answers every request with one canned reply and records
//! what it was asked, so `add --arxiv/--doi` is tested without leaving the machine.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server answers.
#[derive(Clone)]
pub enum Reply {
    /// A status, a content type and a body.
    With(u16, &'static str, Vec<u8>),
    /// Accept the connection, read the request, and never answer.
    Never,
}

impl Reply {
    pub fn ok(content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::With(200, content_type, body.into())
    }
}

pub struct Stub {
    pub base: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Stub {
    /// Starts serving `reply` on a free port; the thread ends with the test process.
    pub fn start(reply: Reply) -> Stub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let reply = reply.clone();
                let seen = Arc::clone(&seen);
                std::thread::spawn(move || serve(stream, &reply, &seen));
            }
        });
        Stub { base, requests }
    }

    /// The request heads received so far (request line and headers).
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn serve(mut stream: TcpStream, reply: &Reply, seen: &Mutex<Vec<String>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 64 * 1024 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    seen.lock()
        .unwrap()
        .push(String::from_utf8_lossy(&head).into_owned());
    match reply {
        Reply::Never => std::thread::sleep(Duration::from_secs(60)),
        Reply::With(status, content_type, body) => {
            let head = format!(
                "HTTP/1.1 {status} Stub\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            // The client may stop reading early (a body over its limit): not an error here.
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body);
            let _ = stream.flush();
        }
    }
}
