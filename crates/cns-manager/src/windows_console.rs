//! The console of the Windows program.
//!
//! It is a console-subsystem program, so that cmd and PowerShell wait for a command and its PIN
//! prompt reads the keyboard alone. (A GUI-subsystem program would print through its parent's
//! console, but the shell would not wait: the shell and the PIN prompt would read the same
//! keystrokes, and digits could end up in the shell's history.) Started from Explorer or the
//! Start menu, Windows makes it a console window of its own: when the window opens, that console
//! is let go, so no black window stays behind it. Started from a console it shares, it keeps it.
//! The Start menu starts cns-managerw.exe, this program marked for the GUI subsystem
//! (scripts/windows-gui-copy.py): it has no console, and every call here is then a no-op.
// Win32 calls through windows-sys; the library itself stays `forbid(unsafe_code)`.
#![allow(unsafe_code)]

use windows_sys::Win32::System::Console::{
    FreeConsole, GetConsoleOutputCP, GetConsoleProcessList, SetConsoleOutputCP,
};

/// Windows' code page number for UTF-8, the encoding of everything the program writes.
const CP_UTF8: u32 = 65001;

/// The console switched to UTF-8 while the program runs; its code page is given back when
/// dropped, so the user's cmd window is as it was before the command.
pub struct Utf8Output {
    previous_code_page: Option<u32>,
}

/// Switches the console to UTF-8 for accented names and the state lines' symbols.
pub fn utf8_output() -> Utf8Output {
    // SAFETY: no arguments; 0 means no console.
    let previous = unsafe { GetConsoleOutputCP() };
    // SAFETY: a constant argument; a console that refuses keeps its code page.
    if previous == 0 || previous == CP_UTF8 || unsafe { SetConsoleOutputCP(CP_UTF8) } == 0 {
        return Utf8Output { previous_code_page: None };
    }
    Utf8Output { previous_code_page: Some(previous) }
}

impl Drop for Utf8Output {
    fn drop(&mut self) {
        if let Some(code_page) = self.previous_code_page {
            // SAFETY: a code page the console had before; failure leaves UTF-8, which is harmless.
            unsafe { SetConsoleOutputCP(code_page) };
        }
    }
}

/// Before the window opens: lets go of a console that Windows made for this process alone
/// (started from Explorer or the Start menu), so that its black window closes. A console shared
/// with a shell is kept: the shell waits for the window, as for any console program.
pub fn release_console_made_for_the_window() {
    let mut ids = [0u32; 2];
    // SAFETY: a buffer of two process ids and its length; the count of processes attached
    // comes back (0 on failure).
    let attached = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
    if attached == 1 {
        // SAFETY: no arguments; failure leaves the console, which is harmless.
        unsafe { FreeConsole() };
    }
}
