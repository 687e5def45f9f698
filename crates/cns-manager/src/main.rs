use std::process::ExitCode;

#[cfg(windows)]
mod windows_console;

fn main() -> ExitCode {
    // Held until the command's output is written, then the console's code page is given back.
    #[cfg(windows)]
    let _console = windows_console::utf8_output();
    cns_manager::cli::main_with(|| {
        #[cfg(windows)]
        windows_console::release_console_made_for_the_window();
    })
}
