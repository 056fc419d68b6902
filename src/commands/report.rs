//! What a command answers: text for stdout and, when it failed, the error that follows it.

use crate::error::Error;

/// A command's answer: the text for stdout and, when it failed, the error that follows it. A
/// report that finds problems (`catalog check`, `doctor`) prints all of them, then fails.
pub struct Report {
    pub text: String,
    pub problem: Option<Error>,
}

impl Report {
    pub fn failed(text: String, problem: Error) -> Report {
        Report {
            text,
            problem: Some(problem),
        }
    }

    pub fn error(problem: Error) -> Report {
        Report::failed(String::new(), problem)
    }
}

impl From<String> for Report {
    fn from(text: String) -> Report {
        Report {
            text,
            problem: None,
        }
    }
}
