//! The `ecom` binary: see `ecom --help`.

fn main() -> std::process::ExitCode {
    ecom_server::cli::main()
}
