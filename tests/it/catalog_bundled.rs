//! The bundled catalog: the whole LLM reading path, checked like code.

use crate::common::{Lpath, ids};
use lpath::catalog::entry::{Entry, Kind};
use lpath::catalog::model::Catalog;

fn bundled() -> Catalog {
    Catalog::bundled()
        .unwrap_or_else(|problems| panic!("bundled catalog is invalid: {problems:#?}"))
}

fn papers(catalog: &Catalog) -> impl Iterator<Item = &Entry> {
    catalog.entries.iter().filter(|e| e.kind == Kind::Paper)
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Every URL of the seed document, as the seed gives it.
const SEED_URLS: &[&str] = &[
    "https://magazine.sebastianraschka.com/",
    "http://jalammar.github.io/illustrated-transformer/",
    "https://lilianweng.github.io/posts/2020-04-07-the-transformer-family/",
    "https://amatriain.net/blog/transformer-models-an-introduction-and-catalog-2d1e9039f376/",
    "https://github.com/karpathy/nanoGPT",
    "https://sebastianraschka.com/blog/2021/dl-course.html#l19-self-attention-and-transformer-networks",
    "https://github.com/rasbt/machine-learning-book/tree/main/ch16",
    "https://arxiv.org/abs/1409.0473",
    "https://zhuanlan.zhihu.com/p/37212011",
    "https://blog.51cto.com/u_15995006/6109244",
    "https://arxiv.org/abs/1706.03762",
    "https://zhuanlan.zhihu.com/p/350739760",
    "https://zhuanlan.zhihu.com/p/62397974",
    "https://zhuanlan.zhihu.com/p/44731789",
    "https://arxiv.org/abs/1810.04805",
    "https://github.com/codertimo/BERT-pytorch",
    "https://blog.csdn.net/wireless_com/article/details/130798925",
];

#[test]
fn every_url_of_the_seed_appears_verbatim() {
    let catalog = bundled();
    for url in SEED_URLS {
        assert!(
            catalog.entries.iter().any(|e| e.url == *url),
            "seed URL missing: {url}"
        );
    }
}

#[test]
fn the_three_core_papers_have_their_ids_arxiv_and_requires() {
    let catalog = bundled();
    let get =
        |id: &str| &catalog.entries[catalog.get(id).unwrap_or_else(|| panic!("{id} missing"))];
    assert_eq!(
        get("bahdanau-attention").arxiv.as_deref(),
        Some("1409.0473")
    );
    assert_eq!(
        get("attention-is-all-you-need").arxiv.as_deref(),
        Some("1706.03762")
    );
    assert_eq!(
        get("attention-is-all-you-need").requires,
        ["bahdanau-attention"]
    );
    assert_eq!(get("bert").arxiv.as_deref(), Some("1810.04805"));
    assert_eq!(get("bert").requires, ["attention-is-all-you-need"]);
}

#[test]
fn tracks_come_in_path_order_with_english_and_chinese_titles() {
    let catalog = bundled();
    let tracks: Vec<&str> = catalog.tracks.iter().map(|t| t.id.as_str()).collect();
    // The RLHF background comes before alignment: InstructGPT applies what it develops.
    assert_eq!(
        tracks,
        [
            "start",
            "foundations",
            "scaling",
            "rlhf",
            "alignment",
            "frontier"
        ]
    );
    for track in &catalog.tracks {
        assert!(!track.title.is_empty());
        assert!(
            track.title_zh.as_deref().is_some_and(has_chinese),
            "{}",
            track.id
        );
    }
}

#[test]
fn each_track_holds_its_papers_in_order() {
    let catalog = bundled();
    let in_track = |track: &str| -> Vec<&str> {
        catalog
            .path()
            .iter()
            .map(|&i| &catalog.entries[i])
            .filter(|e| e.track == track && e.kind == Kind::Paper)
            .map(|e| e.title.as_str())
            .collect()
    };
    let expect = |track: &str, starts: &[&str]| {
        let titles = in_track(track);
        assert_eq!(titles.len(), starts.len(), "{track}: {titles:#?}");
        for (title, start) in titles.iter().zip(starts) {
            assert!(
                title.starts_with(start),
                "{track}: `{title}` should start `{start}`"
            );
        }
    };
    expect(
        "foundations",
        &[
            "Neural Machine Translation by Jointly Learning to Align and Translate",
            "Attention Is All You Need",
            "On Layer Normalization in the Transformer Architecture",
            "Learning to Control Fast-Weight Memories",
            "Universal Language Model Fine-tuning for Text Classification",
            "BERT: Pre-training of Deep Bidirectional Transformers",
            "RoBERTa: A Robustly Optimized BERT Pretraining Approach",
            "Improving Language Understanding by Generative Pre-Training",
            "Language Models are Unsupervised Multitask Learners",
            "Language Models are Few-Shot Learners",
            "BART: Denoising Sequence-to-Sequence Pre-training",
            "Harnessing the Power of LLMs in Practice",
        ],
    );
    expect(
        "scaling",
        &[
            "FlashAttention",
            "Cramming",
            "LoRA",
            "Scaling Down to Scale Up",
            "Scaling Laws for Neural Language Models",
            "Scaling Language Models: Methods, Analysis & Insights from Training Gopher",
            "Training Compute-Optimal Large Language Models",
            "Pythia",
        ],
    );
    expect(
        "rlhf",
        &[
            "Asynchronous Methods for Deep Reinforcement Learning",
            "Proximal Policy Optimization Algorithms",
            "Fine-Tuning Language Models from Human Preferences",
            "Learning to summarize from human feedback",
        ],
    );
    expect(
        "alignment",
        &[
            "Training language models to follow instructions with human feedback",
            "Constitutional AI",
            "Self-Instruct",
        ],
    );
    expect(
        "frontier",
        &[
            "RoFormer",
            "Chain-of-Thought Prompting",
            "LLaMA: Open and Efficient",
            "GQA",
            "FlashAttention-2",
            "Llama 2",
            "Direct Preference Optimization",
            "QLoRA",
            "Efficient Memory Management for Large Language Model Serving with PagedAttention",
            "Mixtral of Experts",
            "DeepSeekMath",
            "The Llama 3 Herd of Models",
            "Scaling LLM Test-Time Compute Optimally",
            "DeepSeek-V3 Technical Report",
            "DeepSeek-R1",
        ],
    );
    assert!(
        in_track("start").is_empty(),
        "the start track holds general resources, not papers"
    );
}

#[test]
fn every_arxiv_id_is_well_formed_and_its_url_is_the_abs_page() {
    let catalog = bundled();
    for entry in &catalog.entries {
        if let Some(id) = &entry.arxiv {
            let (yymm, num) = id.split_once('.').unwrap_or_else(|| panic!("{id}"));
            assert!(
                yymm.len() == 4 && yymm.bytes().all(|b| b.is_ascii_digit()),
                "{id}"
            );
            assert!(
                (4..=5).contains(&num.len()) && num.bytes().all(|b| b.is_ascii_digit()),
                "{id}"
            );
            assert_eq!(
                entry.url,
                format!("https://arxiv.org/abs/{id}"),
                "{}",
                entry.id
            );
            let year = 2000 + yymm[..2].parse::<i32>().unwrap();
            assert_eq!(
                entry.year,
                Some(year),
                "{}: year should match the arXiv id",
                entry.id
            );
        }
    }
}

#[test]
fn papers_without_arxiv_point_to_their_official_homes() {
    let catalog = bundled();
    let get = |id: &str| &catalog.entries[catalog.get(id).unwrap()];
    let gpt1 = get("gpt-1");
    assert_eq!(gpt1.arxiv, None);
    assert_eq!(
        gpt1.url,
        "https://cdn.openai.com/research-covers/language-unsupervised/language_understanding_paper.pdf"
    );
    let gpt2 = get("gpt-2");
    assert_eq!(gpt2.arxiv, None);
    assert_eq!(
        gpt2.url,
        "https://cdn.openai.com/better-language-models/language_models_are_unsupervised_multitask_learners.pdf"
    );
    assert_eq!(gpt2.year, Some(2019));
    let fast = get("fast-weight-memories");
    assert_eq!(fast.arxiv, None);
    assert_eq!(fast.url, "https://doi.org/10.1162/neco.1992.4.1.131");
    assert_eq!(fast.year, Some(1992));
}

#[test]
fn every_paper_has_summaries_year_authors_and_minutes() {
    let catalog = bundled();
    let mut count = 0;
    for paper in papers(&catalog) {
        count += 1;
        let id = &paper.id;
        assert!(
            paper.summary.as_deref().is_some_and(|s| s.len() > 20),
            "{id}: summary"
        );
        assert!(
            paper.summary_zh.as_deref().is_some_and(has_chinese),
            "{id}: summary_zh"
        );
        assert!(paper.year.is_some(), "{id}: year");
        assert!(
            !paper.authors.is_empty() && paper.authors[0] != "others",
            "{id}: authors"
        );
        assert!(paper.minutes.is_some(), "{id}: minutes");
    }
    assert_eq!(count, 42, "the path holds 42 papers");
}

/// (id, year, arXiv id, first author, how the title starts), each confirmed in a stored copy.
const NEW_PAPERS: &[(&str, i32, &str, &str, &str)] = &[
    (
        "gpt-3",
        2020,
        "2005.14165",
        "Tom B. Brown",
        "Language Models are Few-Shot Learners",
    ),
    (
        "scaling-laws",
        2020,
        "2001.08361",
        "Jared Kaplan",
        "Scaling Laws for Neural Language Models",
    ),
    (
        "roformer",
        2021,
        "2104.09864",
        "Jianlin Su",
        "RoFormer: Enhanced Transformer",
    ),
    (
        "chain-of-thought",
        2022,
        "2201.11903",
        "Jason Wei",
        "Chain-of-Thought Prompting",
    ),
    (
        "llama",
        2023,
        "2302.13971",
        "Hugo Touvron",
        "LLaMA: Open and Efficient",
    ),
    (
        "gqa",
        2023,
        "2305.13245",
        "Joshua Ainslie",
        "GQA: Training Generalized",
    ),
    (
        "flashattention-2",
        2023,
        "2307.08691",
        "Tri Dao",
        "FlashAttention-2: Faster",
    ),
    (
        "llama-2",
        2023,
        "2307.09288",
        "Hugo Touvron",
        "Llama 2: Open Foundation",
    ),
    (
        "dpo",
        2023,
        "2305.18290",
        "Rafael Rafailov",
        "Direct Preference Optimization",
    ),
    (
        "qlora",
        2023,
        "2305.14314",
        "Tim Dettmers",
        "QLoRA: Efficient Finetuning",
    ),
    (
        "paged-attention",
        2023,
        "2309.06180",
        "Woosuk Kwon",
        "Efficient Memory Management",
    ),
    (
        "mixtral",
        2024,
        "2401.04088",
        "Albert Q. Jiang",
        "Mixtral of Experts",
    ),
    (
        "deepseekmath",
        2024,
        "2402.03300",
        "Zhihong Shao",
        "DeepSeekMath: Pushing",
    ),
    (
        "llama-3",
        2024,
        "2407.21783",
        "Abhimanyu Dubey",
        "The Llama 3 Herd of Models",
    ),
    (
        "test-time-compute",
        2024,
        "2408.03314",
        "Charlie Snell",
        "Scaling LLM Test-Time Compute",
    ),
    (
        "deepseek-v3",
        2024,
        "2412.19437",
        "DeepSeek-AI",
        "DeepSeek-V3 Technical Report",
    ),
    (
        "deepseek-r1",
        2025,
        "2501.12948",
        "DeepSeek-AI",
        "DeepSeek-R1: Incentivizing",
    ),
];

#[test]
fn the_new_papers_have_their_ids_years_arxiv_ids_and_first_authors() {
    let catalog = bundled();
    for &(id, year, arxiv, author, title) in NEW_PAPERS {
        let paper = &catalog.entries[catalog.get(id).unwrap_or_else(|| panic!("{id} missing"))];
        assert_eq!(paper.kind, Kind::Paper, "{id}");
        assert_eq!(paper.year, Some(year), "{id}");
        assert_eq!(paper.arxiv.as_deref(), Some(arxiv), "{id}");
        assert_eq!(paper.authors[0], author, "{id}");
        assert!(paper.title.starts_with(title), "{id}: {}", paper.title);
    }
    let gpt2 = &catalog.entries[catalog.get("gpt-2").unwrap()];
    assert_eq!(gpt2.authors[0], "Alec Radford");
    assert_eq!(
        gpt2.title,
        "Language Models are Unsupervised Multitask Learners"
    );
}

#[test]
fn every_entry_has_an_english_and_a_chinese_summary() {
    let catalog = bundled();
    for entry in catalog.entries.iter() {
        assert!(
            entry.summary.as_deref().is_some_and(|s| s.len() > 20),
            "{}: summary",
            entry.id
        );
        assert!(
            entry.summary_zh.as_deref().is_some_and(has_chinese),
            "{}: summary_zh",
            entry.id
        );
    }
}

/// Papers of the four original paper tracks for which no companion could be confirmed in a
/// stored copy of its source; each needs a reason, and leaves this list when one is found.
const NO_COMPANION_FOUND: &[(&str, &str)] = &[
    (
        "layer-norm-transformer",
        "explainers of pre- and post-norm exist, but none that could be confirmed explains this paper",
    ),
    (
        "gpt-3",
        "no walkthrough of the paper itself could be confirmed",
    ),
    (
        "scaling-laws",
        "no walkthrough of the paper itself could be confirmed",
    ),
];

#[test]
fn every_paper_of_the_four_paper_tracks_has_a_companion_or_a_reason_why_not() {
    let catalog = bundled();
    for paper in papers(&catalog) {
        if !["foundations", "scaling", "rlhf", "alignment"].contains(&paper.track.as_str()) {
            continue;
        }
        let index = catalog.get(&paper.id).unwrap();
        let allowed = NO_COMPANION_FOUND.iter().any(|(id, _)| *id == paper.id);
        let has = !catalog.companions(index).is_empty();
        assert!(
            has != allowed,
            "{}: {}",
            paper.id,
            if has {
                "has a companion now: take it off NO_COMPANION_FOUND"
            } else {
                "needs a companion, or a reason in NO_COMPANION_FOUND"
            }
        );
    }
}

#[test]
fn every_companion_explains_a_paper_and_is_labelled() {
    let catalog = bundled();
    let companions: Vec<&Entry> = catalog
        .entries
        .iter()
        .filter(|e| e.is_companion())
        .collect();
    assert!(companions.len() >= 30, "{}", companions.len());
    for companion in companions {
        let paper = &catalog.entries[catalog
            .get(companion.companion_of.as_deref().unwrap())
            .unwrap()];
        assert_eq!(
            paper.kind,
            Kind::Paper,
            "{} explains a non-paper",
            companion.id
        );
        assert!(
            matches!(companion.kind, Kind::Blog | Kind::Code),
            "{}",
            companion.id
        );
        let label = companion.label.as_deref().unwrap_or_default();
        assert!(!label.is_empty(), "{}: label", companion.id);
        if has_chinese(label) {
            assert!(companion.label_en.is_some(), "{}: label_en", companion.id);
        }
        assert!(companion.minutes.is_some(), "{}", companion.id);
        if has_chinese(label) || companion.url.contains("zhihu") || companion.url.contains("51cto")
        {
            assert_eq!(companion.lang.as_deref(), Some("zh"), "{}", companion.id);
        }
    }
}

#[test]
fn the_seed_labels_are_kept() {
    let catalog = bundled();
    let label = |url: &str| {
        catalog
            .entries
            .iter()
            .find(|e| e.url == url)
            .and_then(|e| e.label.clone())
            .unwrap()
    };
    assert_eq!(label("https://zhuanlan.zhihu.com/p/37212011"), "论文解读");
    assert_eq!(
        label("https://blog.51cto.com/u_15995006/6109244"),
        "逻辑解析"
    );
    assert_eq!(label("https://zhuanlan.zhihu.com/p/350739760"), "论文解读");
    assert_eq!(label("https://zhuanlan.zhihu.com/p/62397974"), "逻辑解析");
    assert_eq!(label("https://zhuanlan.zhihu.com/p/44731789"), "逻辑解析");
}

#[test]
fn requires_form_a_graph_not_one_long_chain() {
    let catalog = bundled();
    let roots = papers(&catalog).filter(|p| p.requires.is_empty()).count();
    assert!(roots >= 3, "several papers should need nothing first");
    let needed: std::collections::HashMap<&str, usize> = papers(&catalog)
        .flat_map(|p| p.requires.iter())
        .fold(Default::default(), |mut m, r| {
            *m.entry(r.as_str()).or_default() += 1;
            m
        });
    assert!(
        needed.values().any(|&n| n >= 3),
        "some paper should open several others"
    );
}

#[test]
fn doing_whatever_next_offers_reaches_every_entry() {
    let lp = Lpath::new();
    let all = ids(&lp.run(&["list", "--json"]).success().json());
    for _round in 0..all.len() {
        let next = lp.run(&["next", "-n", "1000", "--json"]).success().json();
        let offered: Vec<String> = next
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|step| {
                std::iter::once(step["id"].as_str().unwrap().to_string())
                    .chain(ids(&step["companions"]))
            })
            .collect();
        if offered.is_empty() {
            break;
        }
        let mut args = vec!["done"];
        args.extend(offered.iter().map(String::as_str));
        lp.run(&args).success();
    }
    let json = lp.run(&["list", "--json"]).success().json();
    let undone: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["status"] != "done")
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(undone.is_empty(), "never offered: {undone:?}");
    assert!(lp.run(&["next"]).success().stdout.contains("whole path"));
}

#[test]
fn next_starts_at_the_start_and_moves_on_when_the_first_track_is_done() {
    let lp = Lpath::new();
    let catalog = bundled();
    let first_track: Vec<String> = catalog
        .path()
        .iter()
        .map(|&i| &catalog.entries[i])
        .filter(|e| e.track == "start")
        .map(|e| e.id.clone())
        .collect();
    let first = ids(&lp.run(&["next", "-n", "1", "--json"]).success().json());
    assert_eq!(first, [catalog.entries[catalog.path()[0]].id.clone()]);

    let mut args = vec!["done"];
    args.extend(first_track.iter().map(String::as_str));
    lp.run(&args).success();
    let next = ids(&lp.run(&["next", "-n", "1", "--json"]).success().json());
    assert_eq!(next, ["bahdanau-attention"]);
}

#[test]
fn following_next_from_a_fresh_store_offers_a_paper_within_five_suggestions() {
    let lp = Lpath::new();
    let mut offered = Vec::new();
    for _ in 0..5 {
        let next = lp.run(&["next", "-n", "1", "--json"]).success().json();
        let step = &next[0];
        offered.push(step["id"].as_str().unwrap().to_string());
        if step["kind"] == "paper" {
            return;
        }
        lp.run(&["done", step["id"].as_str().unwrap()]).success();
    }
    panic!("no paper among the first five suggestions: {offered:?}");
}

#[test]
fn a_fresh_store_is_offered_short_reads_and_the_first_paper_only() {
    let lp = Lpath::new();
    let ready = ids(&lp.run(&["next", "-n", "100", "--json"]).success().json());
    for id in [
        "illustrated-transformer",
        "csdn-20-papers",
        "bahdanau-attention",
    ] {
        assert!(ready.contains(&id.to_string()), "{id}: {ready:?}");
    }
    // Entries that build on papers wait for them: the decoder code, the model catalog, the
    // newsletter, and the scaling papers that study decoder models.
    for id in [
        "nanogpt",
        "transformer-catalog",
        "ahead-of-ai",
        "transformer-family",
        "gopher",
        "pythia",
        "attention-is-all-you-need",
    ] {
        assert!(!ready.contains(&id.to_string()), "{id}: {ready:?}");
    }
}

#[test]
fn requires_name_what_each_paper_builds_on() {
    let catalog = bundled();
    let requires = |id: &str| catalog.entries[catalog.get(id).unwrap()].requires.clone();
    // ULMFiT is historical context, not a prerequisite of the GPT line.
    assert_eq!(requires("gpt-1"), ["attention-is-all-you-need"]);
    assert_eq!(requires("gpt-2"), ["gpt-1"]);
    assert_eq!(requires("gpt-3"), ["gpt-2"]);
    // PPO builds on policy gradients and TRPO, which A3C is not; its companion covers them.
    assert!(requires("ppo").is_empty());
    // InstructGPT fine-tunes GPT-3 with the method of the RLHF papers before it.
    assert_eq!(
        requires("instructgpt"),
        ["gpt-3", "summarize-human-feedback"]
    );
    // Chinchilla answers Kaplan's scaling laws, with Gopher's models.
    assert_eq!(requires("chinchilla"), ["gopher", "scaling-laws"]);
    assert_eq!(requires("gopher"), ["gpt-3"]);
    assert_eq!(requires("pythia"), ["scaling-laws"]);
    for (id, _, _, _, _) in NEW_PAPERS {
        assert!(!requires(id).is_empty(), "{id} builds on earlier papers");
    }
}

#[test]
fn list_groups_the_path_by_track() {
    let lp = Lpath::new();
    let table = lp.run(&["list"]).success().stdout;
    let headings: Vec<usize> = [
        "Getting started",
        "Architecture and tasks",
        "Scaling laws",
        "RLHF background",
        "Alignment",
        "After the list",
    ]
    .iter()
    .map(|t| {
        table
            .find(&format!("▸ {t}"))
            .unwrap_or_else(|| panic!("no heading {t}\n{table}"))
    })
    .collect();
    assert!(headings.windows(2).all(|w| w[0] < w[1]));
}
