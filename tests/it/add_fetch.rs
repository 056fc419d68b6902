//! `lpath add --arxiv/--doi` without `--title`: metadata fetched from a stub server on 127.0.0.1,
//! and every way a fetch can fail ends in one clear error, nothing written, exit 1.

use crate::common::Lpath;
use crate::common::stub::{Reply, Stub};

/// The shape of arXiv's answer for one id (trimmed), with the title wrapped over lines as arXiv does.
fn atom(title: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title type="html">ArXiv Query: search_query=&amp;id_list=2305.18290</title>
  <opensearch:totalResults>1</opensearch:totalResults>
  <entry>
    <id>http://arxiv.org/abs/2305.18290v3</id>
    <updated>2024-07-29T22:26:36Z</updated>
    <published>2023-05-29T17:57:46Z</published>
    <title>{title}</title>
    <summary>  A stub abstract, wrapped
  over two lines.
</summary>
    <author><name>Rafael Rafailov</name></author>
    <author><name>Archit   Sharma</name></author>
    <author><name>Eric Mitchell</name></author>
    <author><name>Stefano Ermon</name></author>
    <author><name>Christopher D. Manning</name></author>
    <author><name>Chelsea Finn</name></author>
    <arxiv:primary_category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
</feed>
"#
    )
    .into_bytes()
}

const DPO_TITLE: &str =
    "Direct Preference Optimization: Your Language Model is Secretly a Reward\n  Model";

/// The shape of doi.org's CSL JSON answer (trimmed).
const CSL: &str = r#"{"type":"article-journal","DOI":"10.1162/neco.1992.4.1.131","URL":"https://doi.org/10.1162/neco.1992.4.1.131","title":"Learning to Control Fast-Weight Memories: An Alternative to Dynamic Recurrent Networks","author":[{"given":"Jürgen","family":"Schmidhuber","sequence":"first"}],"issued":{"date-parts":[[1992,1]]},"container-title":"Neural Computation","abstract":"<jats:p>A stub abstract.</jats:p>"}"#;

const ATOM_TYPE: &str = "application/atom+xml";
const CSL_TYPE: &str = "application/vnd.citationstyles.csl+json";

fn arxiv_at(stub: &Stub) -> (&'static str, String) {
    ("LPATH_ARXIV_API", format!("{}/api/query", stub.base))
}

fn doi_at(stub: &Stub) -> (&'static str, String) {
    ("LPATH_DOI_RESOLVER", stub.base.clone())
}

/// Runs lpath with the lookups pointed at a stub. The papers fetched here are on the bundled path,
/// so an `add` that is to succeed says `--force`.
fn run(lp: &Lpath, var: &(&str, String), args: &[&str]) -> crate::common::Run {
    lp.run_with(
        &[(var.0, var.1.as_str()), ("LPATH_HTTP_TIMEOUT", "5")],
        args,
    )
}

#[test]
fn arxiv_fills_title_authors_and_year_derives_the_id_and_shows_the_abstract_without_storing_it() {
    let stub = Stub::start(Reply::ok(ATOM_TYPE, atom(DPO_TITLE)));
    let lp = Lpath::new();
    let out = run(
        &lp,
        &arxiv_at(&stub),
        &["add", "--arxiv", "2305.18290", "--force"],
    )
    .success();
    assert!(
        out.stdout.starts_with(
            "fetched arXiv 2305.18290:\n\
             \x20 Direct Preference Optimization: Your Language Model is Secretly a Reward Model\n\
             \x20 Rafael Rafailov, Archit Sharma, Eric Mitchell, Stefano Ermon, Christopher D. Manning, Chelsea Finn · 2023\n\
             \x20 A stub abstract, wrapped over two lines.\n\
             added `direct-preference-optimization-2023` to catalog.d/local.toml, in track `local` (new), row "
        ),
        "{}",
        out.stdout
    );
    // The bundled path has this paper as `dpo` (alias `direct-preference-optimization`): the
    // derived id stays unique by taking the year.
    let entry = lp.entry_json("direct-preference-optimization-2023");
    assert_eq!(
        entry["title"],
        "Direct Preference Optimization: Your Language Model is Secretly a Reward Model"
    );
    assert_eq!(entry["authors"][1], "Archit Sharma");
    assert_eq!(entry["year"], 2023);
    assert_eq!(entry["arxiv"], "2305.18290");
    assert_eq!(entry["url"], "https://arxiv.org/abs/2305.18290");
    assert!(!lp.local_catalog().unwrap().contains("summary"));
    let requests = stub.requests();
    assert_eq!(requests.len(), 1);
    assert!(
        requests[0].starts_with("GET /api/query?id_list=2305.18290 HTTP/1.1\r\n"),
        "{}",
        requests[0]
    );
    let lower = requests[0].to_ascii_lowercase();
    assert!(
        lower.contains(&format!(
            "user-agent: lpath/{}\r\n",
            env!("CARGO_PKG_VERSION")
        )),
        "{}",
        requests[0]
    );
}

#[test]
fn the_same_paper_added_twice_is_refused_and_forced_gets_a_second_unique_id() {
    let stub = Stub::start(Reply::ok(ATOM_TYPE, atom(DPO_TITLE)));
    let lp = Lpath::new();
    run(
        &lp,
        &arxiv_at(&stub),
        &["add", "--arxiv", "2305.18290", "--force"],
    )
    .success();
    run(
        &lp,
        &arxiv_at(&stub),
        &["add", "--arxiv", "arXiv:2305.18290"],
    )
    .failure(2)
    .stderr_has("entry `dpo` in the bundled catalog already has arXiv 2305.18290");
    run(
        &lp,
        &arxiv_at(&stub),
        &["add", "--arxiv", "arXiv:2305.18290", "--force"],
    )
    .success()
    .stdout_has("added `direct-preference-optimization-2`");
}

#[test]
fn options_given_win_over_fetched_values() {
    let stub = Stub::start(Reply::ok(ATOM_TYPE, atom(DPO_TITLE)));
    let lp = Lpath::new();
    run(
        &lp,
        &arxiv_at(&stub),
        &[
            "add",
            "my-dpo",
            "--arxiv",
            "2305.18290",
            "--year",
            "2024",
            "--author",
            "R. Rafailov",
            "--author",
            "others",
            "--summary",
            "My words.",
            "--url",
            "https://example.org/dpo",
            "--requires",
            "instructgpt",
            "--force",
        ],
    )
    .success();
    let entry = lp.entry_json("my-dpo");
    assert_eq!(entry["year"], 2024);
    assert_eq!(
        entry["authors"],
        serde_json::json!(["R. Rafailov", "others"])
    );
    assert_eq!(entry["summary"], "My words.");
    assert_eq!(entry["url"], "https://example.org/dpo");
    assert_eq!(
        entry["title"],
        "Direct Preference Optimization: Your Language Model is Secretly a Reward Model"
    );
    // A title given means nothing to fetch.
    run(
        &lp,
        &arxiv_at(&stub),
        &[
            "add",
            "my-dpo-mine",
            "--arxiv",
            "2305.18290",
            "--title",
            "Mine",
            "--force",
        ],
    )
    .success();
    assert_eq!(stub.requests().len(), 1);
}

#[test]
fn a_doi_is_fetched_as_csl_json_by_content_negotiation() {
    let stub = Stub::start(Reply::ok(CSL_TYPE, CSL));
    let lp = Lpath::new();
    run(
        &lp,
        &doi_at(&stub),
        &[
            "add",
            "--doi",
            "https://doi.org/10.1162/neco.1992.4.1.131",
            "--no-bundled",
        ],
    )
    .success()
    .stdout_has("fetched DOI 10.1162/neco.1992.4.1.131:\n")
    .stdout_has("  Jürgen Schmidhuber · 1992\n  A stub abstract.\n");
    let json = lp.run(&["--no-bundled", "list", "--json"]).success().json();
    let entry = &json[0];
    assert_eq!(entry["id"], "learning-control-fast-weight");
    assert_eq!(
        entry["title"],
        "Learning to Control Fast-Weight Memories: An Alternative to Dynamic Recurrent Networks"
    );
    assert_eq!(entry["url"], "https://doi.org/10.1162/neco.1992.4.1.131");
    let request = &stub.requests()[0];
    assert!(
        request.starts_with("GET /10.1162/neco.1992.4.1.131 HTTP/1.1\r\n"),
        "{request}"
    );
    assert!(
        request
            .to_ascii_lowercase()
            .contains("accept: application/vnd.citationstyles.csl+json\r\n"),
        "{request}"
    );
}

/// Runs `add` against a stub serving `reply`, expects exit 1 with `message` and the `--title`
/// hint, and checks that nothing was written.
fn fails(reply: Reply, doi: bool, timeout: &str, message: &str) {
    let stub = Stub::start(reply);
    let lp = Lpath::new();
    let (var, args): (_, &[&str]) = if doi {
        (
            doi_at(&stub),
            &["add", "--doi", "10.1162/neco.1992.4.1.131"],
        )
    } else {
        (arxiv_at(&stub), &["add", "--arxiv", "2305.18290"])
    };
    let out = lp
        .run_with(
            &[(var.0, var.1.as_str()), ("LPATH_HTTP_TIMEOUT", timeout)],
            args,
        )
        .failure(1);
    out.stderr_has(message).stderr_has("`--title \"...\"`");
    assert!(
        !out.stderr.contains('\u{1b}') && !out.stderr.contains('\u{9b}'),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 2, "{}", out.stderr);
    assert!(!lp.config_dir().exists(), "nothing written for {message}");
}

#[test]
fn not_found_is_an_error_that_suggests_adding_by_hand() {
    fails(
        Reply::With(404, "text/plain", b"no".to_vec()),
        false,
        "5",
        "arXiv 2305.18290: not found at http://127.0.0.1:",
    );
    fails(
        Reply::With(404, "text/html", b"<html>".to_vec()),
        true,
        "5",
        "DOI 10.1162/neco.1992.4.1.131: not found at ",
    );
}

#[test]
fn a_server_error_names_the_status() {
    fails(
        Reply::With(500, "text/plain", b"oops".to_vec()),
        false,
        "5",
        "answered HTTP 500",
    );
    fails(
        Reply::With(503, "text/plain", b"busy".to_vec()),
        true,
        "5",
        "answered HTTP 503",
    );
}

#[test]
fn a_server_that_never_answers_times_out_after_the_time_set() {
    fails(
        Reply::Never,
        false,
        "0.5",
        "no answer from http://127.0.0.1:",
    );
    fails(Reply::Never, true, "0.5", "within 0.5 s");
}

#[test]
fn malformed_answers_are_reported_as_such() {
    fails(
        Reply::ok(ATOM_TYPE, "<feed><entry>"),
        false,
        "5",
        "the answer is not what lpath expects",
    );
    fails(
        Reply::ok(ATOM_TYPE, "{\"json\": true}"),
        false,
        "5",
        "the answer is not what lpath expects",
    );
    fails(
        Reply::ok(CSL_TYPE, "{\"title\": "),
        true,
        "5",
        "not CSL JSON",
    );
    fails(
        Reply::ok(CSL_TYPE, "<html>hi</html>"),
        true,
        "5",
        "not CSL JSON",
    );
}

#[test]
fn entity_expansion_in_a_hostile_answer_is_refused_not_expanded() {
    let mut laughs =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE feed [\n<!ENTITY l0 \"lol\">\n");
    for n in 1..10 {
        let prev = format!("&l{};", n - 1).repeat(10);
        laughs.push_str(&format!("<!ENTITY l{n} \"{prev}\">\n"));
    }
    laughs.push_str("]>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>x</id><title>&l9;</title></entry></feed>");
    fails(
        Reply::ok(ATOM_TYPE, laughs),
        false,
        "5",
        "the answer is not what lpath expects",
    );
}

#[test]
fn a_20_mb_answer_is_cut_off_and_refused() {
    let huge = vec![b'a'; 20 * 1024 * 1024];
    fails(
        Reply::ok(ATOM_TYPE, huge.clone()),
        false,
        "20",
        "is larger than 2 MiB",
    );
    fails(
        Reply::ok(CSL_TYPE, huge),
        true,
        "20",
        "is larger than 2 MiB",
    );
}

#[test]
fn markup_or_control_characters_in_a_fetched_title_are_refused() {
    fails(
        Reply::ok(
            ATOM_TYPE,
            atom("Attention &lt;script&gt;alert(1)&lt;/script&gt;"),
        ),
        false,
        "5",
        "the title in the answer holds markup",
    );
    fails(
        Reply::ok(ATOM_TYPE, atom("Attention &#x9b;2J")),
        false,
        "5",
        "the title in the answer holds control characters",
    );
    fails(
        Reply::ok(
            CSL_TYPE,
            CSL.replace("Learning to", "\\u001b[2JLearning to"),
        ),
        true,
        "5",
        "holds control characters",
    );
    fails(
        Reply::ok(CSL_TYPE, CSL.replace("Learning to", "<i>Learning</i> to")),
        true,
        "5",
        "holds markup",
    );
}

#[test]
fn an_id_arxiv_does_not_know_is_no_such_paper() {
    let empty = r#"<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>ArXiv Query</title></feed>"#;
    fails(
        Reply::ok(ATOM_TYPE, empty),
        false,
        "5",
        "arXiv 2305.18290: no such paper",
    );
    let error = r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_2305.18290</id><title>Error</title><summary>incorrect id format for 2305.18290</summary></entry></feed>"#;
    fails(
        Reply::ok(ATOM_TYPE, error),
        false,
        "5",
        "(the answer says: incorrect id format for 2305.18290)",
    );
}

#[test]
fn offline_the_network_is_unreachable_and_the_error_says_so() {
    // The harness points both endpoints at a port where nothing listens.
    let lp = Lpath::new();
    lp.run(&["add", "--arxiv", "2305.18290"])
        .failure(1)
        .stderr_has(
            "arXiv 2305.18290: cannot reach http://127.0.0.1:9/api/query?id_list=2305.18290: the connection was refused (",
        )
        .stderr_has("hint: add it by hand with `--title \"...\"`");
    assert!(!lp.config_dir().exists());
}

#[test]
fn why_a_fetch_could_not_connect_is_said_in_the_learners_language() {
    let lp = Lpath::new();
    let run = lp
        .run(&["--lang", "zh", "add", "--arxiv", "2305.18290"])
        .failure(1);
    let first = run.stderr.lines().next().unwrap_or("");
    // The cause in Chinese, the library's English words only as a detail in brackets after it.
    let (said, detail) = first
        .split_once("：连接被拒绝（")
        .unwrap_or_else(|| panic!("no cause in Chinese: {first}"));
    assert!(said.contains("无法连接"), "{first}");
    assert!(detail.ends_with('）'), "{first}");
    assert!(!said.contains("io:"), "{first}");
}

#[test]
fn offline_flag_never_touches_the_network() {
    let stub = Stub::start(Reply::ok(ATOM_TYPE, atom(DPO_TITLE)));
    let lp = Lpath::new();
    run(
        &lp,
        &arxiv_at(&stub),
        &["add", "--offline", "--arxiv", "2305.18290"],
    )
    .failure(2)
    .stderr_has("`--offline`: lpath will not fetch arXiv 2305.18290");
    run(
        &lp,
        &arxiv_at(&stub),
        &[
            "add",
            "--offline",
            "--arxiv",
            "2305.18290",
            "--title",
            "My DPO",
            "--force",
        ],
    )
    .success()
    .stdout_has("added `my-dpo`");
    assert!(stub.requests().is_empty());
}

#[test]
fn a_bad_doi_or_timeout_setting_is_a_usage_error() {
    let lp = Lpath::new();
    lp.run(&["add", "--doi", "not-a-doi"])
        .failure(2)
        .stderr_has("is not a DOI");
    // A `..` segment would climb out of a resolver mounted under a path.
    lp.run(&["add", "--doi", "10.1/../../../etc/passwd"])
        .failure(2)
        .stderr_has("is not a DOI");
    lp.run_with(
        &[("LPATH_HTTP_TIMEOUT", "soon")],
        &["add", "--arxiv", "2305.18290"],
    )
    .failure(2)
    .stderr_has("LPATH_HTTP_TIMEOUT is not a number of seconds");
}

#[test]
fn fetch_errors_are_in_chinese_too() {
    let stub = Stub::start(Reply::With(500, "text/plain", b"x".to_vec()));
    let lp = Lpath::new();
    run(
        &lp,
        &arxiv_at(&stub),
        &["--lang", "zh", "add", "--arxiv", "2305.18290"],
    )
    .failure(1)
    .stderr_has("返回 HTTP 500");
}
