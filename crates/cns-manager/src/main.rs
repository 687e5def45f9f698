use std::process::ExitCode;

fn main() -> ExitCode {
    cns_manager::cli::main()
}
