//! The `protracted` command: parse, dispatch, exit with 0 (success), 2 (bad input) or 1.

fn main() {
    std::process::exit(protracted::cli::main());
}
