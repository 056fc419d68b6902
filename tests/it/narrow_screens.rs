//! The everyday screens fit an ordinary terminal, in English and Chinese: at 60, 80 and 120
//! columns no line of `list`, `next`, `show`, `note`, `log`, `stats` or `doctor` is wider than the
//! terminal, long notes and titles included, in a real pty. A URL alone on its line is the one
//! exception: it is never broken, so the terminal can still open it.

use crate::common::Lpath;

const LONG_NOTE: &str = "a rather long note that goes on and on about the masked language model objective and next sentence prediction";
const LONG_NOTE_ZH: &str = "掩码语言模型的目标函数和下一句预测任务都值得反复阅读，尤其是预训练和微调之间的关系，以及它们如何影响后来的模型";

#[test]
fn every_everyday_screen_fits_the_terminal_in_english_and_chinese() {
    let lp = Lpath::new();
    lp.write_catalog(
        "mine.toml",
        "format = 1\n[[track]]\nid = \"mine\"\ntitle = \"A track of my own with a title far too long for a narrow terminal to show\"\n\
         [[entry]]\nid = \"mine-a\"\nkind = \"blog\"\ntitle = \"Mine\"\ntrack = \"mine\"\nurl = \"https://example.org/a\"\n",
    );
    for note in [LONG_NOTE, LONG_NOTE_ZH] {
        lp.run(&["note", "bert", note]).success();
    }
    lp.run(&[
        "done",
        "bert",
        "roberta",
        "gpt-1",
        "attention-is-all-you-need",
        "bahdanau-attention",
    ])
    .success();
    lp.run(&["start", "mine-a"]).success();
    let screens: [&[&str]; 8] = [
        &["doctor"],
        &["list"],
        &["next"],
        &["show", "bert"],
        &["show", "lora"],
        &["note", "bert"],
        &["log"],
        &["stats"],
    ];
    let mut wide = Vec::new();
    for columns in [60u16, 80, 120] {
        for lang in ["en", "zh"] {
            for screen in screens {
                let mut args = vec!["--lang", lang];
                args.extend(screen);
                let Some(text) = lp.in_terminal(columns, &args) else {
                    return;
                };
                wide.extend(crate::common::too_wide(
                    &text,
                    usize::from(columns),
                    &format!("{args:?}"),
                ));
            }
        }
    }
    crate::common::assert_none_too_wide(&wide);
}
