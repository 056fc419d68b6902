//! The roadmap page in a real browser: headless Chromium loads it from a file with the network
//! cut off, takes screenshots at 1,280 and 375 px in light and dark (kept under the target dir),
//! and nothing leaves the file and nothing goes wrong in its console; at 375 px the page itself
//! is no wider than the screen while the graph scrolls sideways in its box; the hide-done switch
//! hides what is done and skipped. Chromium runs with
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

/// The flags that make Chromium prefer a dark colour scheme, as a system in dark mode does.
const DARK: [&str; 2] = [
    "--force-dark-mode",
    "--blink-settings=preferredColorScheme=0",
];

/// Where the screenshots are kept after the run: under the target dir, one folder a process, so
/// two runs at once never share a file.
fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("roadmap-screenshots")
        .join(std::process::id().to_string());
    std::fs::create_dir_all(&dir).unwrap();
    dir
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
    // Kept after the run, for a person to look at: light and dark, on a desktop and a phone.
    let shots = screenshot_dir();
    for (width, scheme) in [
        (1280, "light"),
        (375, "light"),
        (1280, "dark"),
        (375, "dark"),
    ] {
        let shot = shots.join(format!("roadmap-{width}-{scheme}.png"));
        let size = format!("--window-size={width},2400");
        let target = format!("--screenshot={}", shot.display());
        let mut args = vec![size.as_str(), target.as_str()];
        if scheme == "dark" {
            args.extend(DARK);
        }
        let page_url = url(&page);
        args.push(&page_url);
        let (_, shot_log) = browse(
            &browser,
            &net,
            &lp.root().join(format!("profile-{width}-{scheme}")),
            &args,
        );
        assert_eq!(png_width(&shot), width, "{shot_log}");
        assert_eq!(problems(&shot_log), Vec::<&str>::new());
    }
    eprintln!("roadmap screenshots: {}", shots.display());
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

/// What `expression` (JavaScript) says about the page in Chromium, in a viewport `width` px wide,
/// with `flags` added. Headless Chromium will not make a window narrower than 500 px, so the page
/// is shown in a frame `width` px wide, a viewport as a phone's is. A probe script added to a copy
/// of the page (whose policy is widened by `script-src` alone, with no style or layout change)
/// posts the answer to the frame's parent, which writes it down.
fn probe(
    browser: &Path,
    lp: &Lpath,
    page: &Path,
    width: u32,
    flags: &[&str],
    expression: &str,
) -> String {
    let html = std::fs::read_to_string(page).unwrap();
    let policy = "content=\"default-src 'none';";
    assert!(html.contains(policy), "the page keeps its own policy");
    let probe = format!("<script>parent.postMessage(String({expression}), '*')</script>");
    let html = html
        .replacen(
            policy,
            "content=\"script-src 'unsafe-inline'; default-src 'none';",
            1,
        )
        .replacen("</body>", &format!("{probe}</body>"), 1);
    let n = PROBES.fetch_add(1, Ordering::Relaxed);
    let copy = lp.root().join(format!("probe-{n}.html"));
    std::fs::write(&copy, html).unwrap();
    let frame = lp.root().join(format!("frame-{n}.html"));
    std::fs::write(
        &frame,
        format!(
            "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"{}\" \
             style=\"width:{width}px;height:2400px;border:0\"></iframe><script>\
             addEventListener('message', e => document.body.setAttribute('data-answer', e.data))\
             </script></body></html>",
            url(&copy)
        ),
    )
    .unwrap();
    let net = Net::start();
    let mut args = flags.to_vec();
    let frame_url = url(&frame);
    args.extend(["--virtual-time-budget=10000", "--dump-dom", &frame_url]);
    let (dom, log) = browse(
        browser,
        &net,
        &lp.root().join(format!("profile-probe-{n}")),
        &args,
    );
    let at = dom
        .find("data-answer=\"")
        .unwrap_or_else(|| panic!("the probe ran:\n{log}\n{dom}"));
    let rest = &dom[at + "data-answer=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

static PROBES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The page's own widths in a viewport `width` px wide, in CSS px: the viewport's inner width,
/// the scroll width of the document and of its body (the page's own width, which a horizontal
/// scroll bar would show), and the graph's box and what scrolls in it.
fn page_widths(browser: &Path, lp: &Lpath, page: &Path, width: u32) -> [u32; 5] {
    let answer = probe(
        browser,
        lp,
        page,
        width,
        &[],
        "[innerWidth, document.documentElement.scrollWidth, document.body.scrollWidth, \
         document.querySelector('.graph-scroll').clientWidth, \
         document.querySelector('.graph-scroll').scrollWidth].join(' ')",
    );
    let figures: Vec<u32> = answer.split(' ').map(|n| n.parse().unwrap()).collect();
    figures.try_into().unwrap()
}

#[test]
fn at_375_px_the_page_itself_is_no_wider_than_the_screen_and_the_graph_scrolls_sideways() {
    let Some(browser) = chromium() else {
        return;
    };
    let lp = Lpath::new();
    lp.write_progress(crate::common::LEARNER);
    let page = lp.root().join("path.html");
    let path = page.to_str().unwrap();
    lp.run(&["export", "--format", "html", "--notes", "-o", path])
        .success();
    let [inner, document, body, graph, drawing] = page_widths(&browser, &lp, &page, 375);
    assert_eq!(inner, 375, "the viewport is 375 px wide");
    assert!(
        document <= 375 && body <= 375,
        "at 375 px the page is {document} px wide (its body {body} px)"
    );
    assert!(
        graph <= 375 && drawing > graph,
        "the graph scrolls in its box: {graph} {drawing}"
    );
    // On a desktop it takes the page's width, as far as it can shrink.
    let [_, document, _, graph, _] = page_widths(&browser, &lp, &page, 1280);
    assert!(document <= 1280 && graph > 1000, "{document} {graph}");
    // The same in Chinese, whose lines have no spaces to break at.
    lp.run(&[
        "--lang", "zh", "export", "--format", "html", "--notes", "-o", path,
    ])
    .success();
    let [_, document, body, _, _] = page_widths(&browser, &lp, &page, 375);
    assert!(
        document <= 375 && body <= 375,
        "in Chinese, at 375 px the page is {document} px wide (its body {body} px)"
    );
}

#[test]
fn the_hide_done_switch_hides_done_and_skipped_cards_with_no_script_of_the_page() {
    let Some(browser) = chromium() else {
        return;
    };
    let lp = Lpath::new();
    lp.write_progress(crate::common::LEARNER);
    let page = lp.root().join("path.html");
    lp.run(&["export", "--format", "html", "-o", page.to_str().unwrap()])
        .success();
    // Which cards show before and after a click on the switch's label, as a reader would.
    let answer = probe(
        &browser,
        &lp,
        &page,
        1280,
        &[],
        "(() => { \
            const shown = () => [...document.querySelectorAll('li.card')] \
                .filter(c => getComputedStyle(c).display !== 'none') \
                .map(c => c.id.slice(2)).join(','); \
            const before = shown(); \
            document.querySelector('label[for=hide-done]').click(); \
            const after = shown(); \
            return [before, after, document.getElementById('hide-done').checked].join(' '); \
        })()",
    );
    let parts: Vec<&str> = answer.split(' ').collect();
    let [before, after, checked] = parts[..] else {
        panic!("{answer}");
    };
    assert_eq!(checked, "true", "the label works the switch");
    let list = lp.run(&["list", "--json"]).success().json();
    let before: Vec<&str> = before.split(',').collect();
    let after: Vec<&str> = after.split(',').collect();
    assert!(before.contains(&"attention-is-all-you-need") && before.contains(&"gopher"));
    for id in &before {
        let status = crate::common::by_id(&list, id)["status"].as_str().unwrap();
        let covered = matches!(status, "done" | "skipped");
        assert_eq!(after.contains(id), !covered, "`{id}` is {status}");
    }
}

#[test]
fn in_dark_mode_the_page_is_dark_and_the_screenshots_show_it() {
    let Some(browser) = chromium() else {
        return;
    };
    let lp = Lpath::new();
    let page = lp.root().join("path.html");
    lp.run(&["export", "--format", "html", "-o", page.to_str().unwrap()])
        .success();
    let colour = "getComputedStyle(document.body).backgroundColor";
    assert_eq!(
        probe(&browser, &lp, &page, 1280, &[], colour),
        "rgb(246, 248, 250)"
    );
    assert_eq!(
        probe(&browser, &lp, &page, 1280, &DARK, colour),
        "rgb(13, 17, 23)"
    );
}
