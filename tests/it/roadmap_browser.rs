//! The roadmap page in a real browser: headless Chromium loads it from a file with the network
//! cut off, takes screenshots at 1,280 and 360 px, and nothing leaves the file and nothing goes
//! wrong in its console; at 360 px the page itself is no wider than the screen. Chromium runs with
//! a HOME and profile of its own under the test's temp dir, and everything it writes goes there.
//! Where Chromium is not installed it fails in CI and elsewhere skips, saying so on the terminal.

use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::Lpath;

/// The names Chromium goes by; `.ci/run` accepts the same ones.
const CHROMIUM: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];

fn chromium() -> Option<PathBuf> {
    let found = CHROMIUM
        .iter()
        .find(|name| crate::common::have(name))
        .map(PathBuf::from);
    if found.is_none() {
        crate::common::missing(&format!(
            "none of {CHROMIUM:?} is installed (Debian: apt-get install chromium)"
        ));
    }
    found
}

/// A stand-in for the network: the browser's only proxy, which answers nothing and notes the
/// first line of every request sent to it.
struct Net {
    address: String,
    seen: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Net {
    fn start() -> Net {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
        listener.set_nonblocking(true).unwrap();
        let address = listener.local_addr().unwrap().to_string();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (seen.clone(), stop.clone());
        thread::spawn(move || {
            while !st.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((mut conn, _)) => {
                        conn.set_nonblocking(false).ok();
                        conn.set_read_timeout(Some(Duration::from_secs(2))).ok();
                        let mut buf = [0u8; 512];
                        let n = conn.read(&mut buf).unwrap_or(0);
                        let text = String::from_utf8_lossy(&buf[..n]);
                        let line = text.lines().next().unwrap_or("").to_string();
                        s.lock().unwrap().push(line);
                    }
                    Err(_) => thread::sleep(Duration::from_millis(20)),
                }
            }
        });
        Net {
            address,
            seen,
            stop,
        }
    }

    /// Requests the page made: everything but the browser's own calls home (its clock, account
    /// and update services), which no flag turns off entirely and which the proxy swallows.
    fn by_the_page(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|line| {
                let target = line.split(' ').nth(1).unwrap_or("");
                let host = target
                    .trim_start_matches("http://")
                    .split(['/', ':'])
                    .next()
                    .unwrap_or("");
                !(host == "google.com"
                    || host.ends_with(".google.com")
                    || host.ends_with(".googleapis.com")
                    || host.ends_with(".gvt1.com")
                    || host.ends_with(".gstatic.com"))
            })
            .cloned()
            .collect()
    }
}

impl Drop for Net {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// What one headless run printed: (stdout, the browser's log on stderr).
fn browse(browser: &Path, net: &Net, profile: &Path, args: &[&str]) -> (String, String) {
    // Everything the browser writes stays under the test's temp dir: its profile, and a HOME
    // of its own (else it writes ~/.config/chromium-headless and ~/.cache).
    let home = profile.with_extension("home");
    std::fs::create_dir_all(&home).unwrap();
    let mut child = Command::new(browser)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .current_dir(&home)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            // The network is cut off: no name resolves, and everything goes to the dead proxy.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            &format!("--proxy-server=http://{}", net.address),
            &format!("--user-data-dir={}", profile.display()),
        ])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the browser");
    // Read both pipes while waiting, so a full pipe cannot stall the browser.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = thread::spawn(move || {
        let mut s = String::new();
        out.read_to_string(&mut s).ok();
        s
    });
    let err_reader = thread::spawn(move || {
        let mut s = String::new();
        err.read_to_string(&mut s).ok();
        s
    });
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            child.kill().ok();
            child.wait().ok();
            panic!("the browser did not finish in 120 s");
        }
        thread::sleep(Duration::from_millis(50));
    }
    (out_reader.join().unwrap(), err_reader.join().unwrap())
}

/// Console messages and failed loads in the browser's log.
fn problems(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("net::ERR_") || l.contains("Refused to"))
        .collect()
}

/// The width of a PNG image, from its header.
fn png_width(path: &Path) -> u32 {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(&bytes[1..4], b"PNG", "{} is a PNG", path.display());
    u32::from_be_bytes(bytes[16..20].try_into().unwrap())
}

fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn the_page_loads_offline_in_chromium_with_no_request_and_no_console_error() {
    let Some(browser) = chromium() else {
        return;
    };
    let lp = Lpath::new();
    lp.write_progress(crate::common::LEARNER);
    let page = lp.root().join("path.html");
    lp.run(&[
        "export",
        "--format",
        "html",
        "--notes",
        "-o",
        page.to_str().unwrap(),
    ])
    .success();
    let net = Net::start();

    // First a page that does fetch and does log, to show that both would be seen.
    let control = lp.root().join("control.html");
    std::fs::write(
        &control,
        r#"<!DOCTYPE html><html><body><img src="http://lpath-control.invalid/x.png"><script>console.error("lpath-control")</script></body></html>"#,
    )
    .unwrap();
    let (_, log) = browse(
        &browser,
        &net,
        &lp.root().join("profile-control"),
        &["--dump-dom", &url(&control)],
    );
    assert!(
        log.contains("lpath-control"),
        "a console error shows in the log:\n{log}"
    );
    assert!(
        net.by_the_page()
            .iter()
            .any(|r| r.contains("lpath-control.invalid")),
        "a request from a page reaches the stand-in network: {:?}",
        net.seen.lock().unwrap()
    );
    net.seen.lock().unwrap().clear();

    let (dom, log) = browse(
        &browser,
        &net,
        &lp.root().join("profile"),
        &["--dump-dom", &url(&page)],
    );
    assert!(
        dom.contains("<h1>Reading path</h1>"),
        "the page loaded:\n{dom}"
    );
    let ids = crate::common::ids(&lp.run(&["list", "--json"]).success().json());
    for id in &ids {
        assert!(
            dom.contains(&format!("id=\"e-{id}\"")),
            "`{id}` is on the page"
        );
    }
    for (width, name) in [(1280, "roadmap-1280.png"), (360, "roadmap-360.png")] {
        // In this run's own temp dir, so two runs at once never share a file.
        let shot = lp.root().join(name);
        let (_, shot_log) = browse(
            &browser,
            &net,
            &lp.root().join(format!("profile-{width}")),
            &[
                &format!("--window-size={width},2400"),
                &format!("--screenshot={}", shot.display()),
                &url(&page),
            ],
        );
        assert_eq!(png_width(&shot), width, "{shot_log}");
        assert_eq!(problems(&shot_log), Vec::<&str>::new());
    }
    assert_eq!(problems(&log), Vec::<&str>::new(), "console:\n{log}");
    // The control page's own requests (its image, a favicon) may reach the stand-in network
    // after it was cleared, on a loaded machine: they are not the roadmap page's.
    let from_the_page: Vec<String> = net
        .by_the_page()
        .into_iter()
        .filter(|line| !line.contains("lpath-control.invalid"))
        .collect();
    assert_eq!(
        from_the_page,
        Vec::<String>::new(),
        "no request left the file"
    );
}

/// The page's own widths in Chromium, in CSS px, in a viewport `width` px wide: the viewport's
/// inner width, and the scroll width of the document and of its body (the page's own width, which
/// a horizontal scroll bar would show). Headless Chromium will not make a window narrower than
/// 500 px, so the page is shown in a frame `width` px wide, a viewport as a phone's is. A probe
/// script added to a copy of the page (whose policy is widened by `script-src` alone, with no
/// style or layout change) posts the figures to the frame's parent, which writes them down.
fn page_widths(browser: &Path, lp: &Lpath, page: &Path, width: u32) -> [u32; 3] {
    let html = std::fs::read_to_string(page).unwrap();
    let policy = "content=\"default-src 'none';";
    assert!(html.contains(policy), "the page keeps its own policy");
    let probe = "<script>parent.postMessage([innerWidth, document.documentElement.scrollWidth, \
        document.body.scrollWidth].join(' '), '*')</script>";
    let html = html
        .replacen(
            policy,
            "content=\"script-src 'unsafe-inline'; default-src 'none';",
            1,
        )
        .replacen("</body>", &format!("{probe}</body>"), 1);
    let copy = lp.root().join(format!("probe-{width}.html"));
    std::fs::write(&copy, html).unwrap();
    let frame = lp.root().join(format!("frame-{width}.html"));
    std::fs::write(
        &frame,
        format!(
            "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"{}\" \
             style=\"width:{width}px;height:2400px;border:0\"></iframe><script>\
             addEventListener('message', e => document.body.setAttribute('data-widths', e.data))\
             </script></body></html>",
            url(&copy)
        ),
    )
    .unwrap();
    let net = Net::start();
    let (dom, log) = browse(
        browser,
        &net,
        &lp.root().join(format!("profile-probe-{width}")),
        &["--virtual-time-budget=10000", "--dump-dom", &url(&frame)],
    );
    let at = dom
        .find("data-widths=\"")
        .unwrap_or_else(|| panic!("the probe ran:\n{log}\n{dom}"));
    let rest = &dom[at + "data-widths=\"".len()..];
    let figures: Vec<u32> = rest[..rest.find('"').unwrap()]
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    figures.try_into().unwrap()
}

#[test]
fn at_360_px_the_page_itself_is_no_wider_than_the_screen() {
    let Some(browser) = chromium() else {
        return;
    };
    let lp = Lpath::new();
    lp.write_progress(crate::common::LEARNER);
    let page = lp.root().join("path.html");
    let path = page.to_str().unwrap();
    lp.run(&["export", "--format", "html", "--notes", "-o", path])
        .success();
    let [inner, document, body] = page_widths(&browser, &lp, &page, 360);
    assert_eq!(inner, 360, "the viewport is 360 px wide");
    assert!(
        document <= 360 && body <= 360,
        "at 360 px the page is {document} px wide (its body {body} px)"
    );
    // The same in Chinese, whose lines have no spaces to break at.
    lp.run(&[
        "--lang", "zh", "export", "--format", "html", "--notes", "-o", path,
    ])
    .success();
    let [_, document, body] = page_widths(&browser, &lp, &page, 360);
    assert!(
        document <= 360 && body <= 360,
        "in Chinese, at 360 px the page is {document} px wide (its body {body} px)"
    );
}
