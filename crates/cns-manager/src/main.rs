// On Windows a GUI program: the window opens without a console window behind it; the commands
// print to the console they were typed in through windows_console.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

#[cfg(windows)]
mod windows_console;

fn main() -> ExitCode {
    // Held until the command's output is written, then the console's code page is given back.
    #[cfg(windows)]
    let _console = windows_console::attach_parent();
    cns_manager::cli::main()
}
