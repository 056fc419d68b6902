//! The binary: lpath is its library; this hands it the command line and returns its exit code.

fn main() -> std::process::ExitCode {
    lpath::main()
}
