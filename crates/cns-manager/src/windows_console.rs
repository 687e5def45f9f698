//! The console of the Windows program. It is a GUI-subsystem program (no console window opens
//! behind the window), and Windows gives such a program no console: a command typed in cmd or
//! PowerShell must still print there, so the process attaches to the console of its parent.
//! Output already redirected to a file or a pipe keeps its handles.
// Win32 calls through windows-sys; the library itself stays `forbid(unsafe_code)`.
#![allow(unsafe_code)]

use windows_sys::Win32::Foundation::{HANDLE, INVALID_HANDLE_VALUE};
use windows_sys::Win32::System::Console::{
    ATTACH_PARENT_PROCESS, AttachConsole, GetConsoleOutputCP, GetStdHandle, STD_ERROR_HANDLE, STD_HANDLE,
    STD_OUTPUT_HANDLE, SetConsoleOutputCP, SetStdHandle,
};

/// Windows' code page number for UTF-8, the encoding of everything the program writes.
const CP_UTF8: u32 = 65001;

/// The parent's console while attached; gives the console its code page back when dropped, so
/// the user's cmd window is as it was before the command.
pub struct ParentConsole {
    previous_code_page: Option<u32>,
}

/// Attaches to the parent's console when there is one (the window started from Explorer or the
/// Start menu has none, and stays without), and switches it to UTF-8 for accented names and the
/// state lines' symbols.
pub fn attach_parent() -> ParentConsole {
    let detached = ParentConsole { previous_code_page: None };
    let redirected = [STD_OUTPUT_HANDLE, STD_ERROR_HANDLE].map(|which| (which, std_handle(which)));
    if redirected.iter().all(|(_, handle)| handle.is_some()) {
        return detached;
    }
    // SAFETY: no pointers; it fails harmlessly when there is no parent console.
    if unsafe { AttachConsole(ATTACH_PARENT_PROCESS) } == 0 {
        return detached;
    }
    // Attaching points the standard handles at the console: one redirected to a file or a pipe
    // (`status > out.txt`) is put back.
    for (which, handle) in redirected {
        if let Some(handle) = handle {
            // SAFETY: a handle this process was started with, still open.
            unsafe { SetStdHandle(which, handle) };
        }
    }
    // SAFETY: no arguments; 0 would mean no console.
    let previous = unsafe { GetConsoleOutputCP() };
    // SAFETY: a constant argument; a console that refuses keeps its code page.
    if previous == 0 || previous == CP_UTF8 || unsafe { SetConsoleOutputCP(CP_UTF8) } == 0 {
        return detached;
    }
    ParentConsole { previous_code_page: Some(previous) }
}

/// The standard handle `which` the process was given, if any (a GUI program usually has none).
fn std_handle(which: STD_HANDLE) -> Option<HANDLE> {
    // SAFETY: takes a constant, returns a handle value (or null / INVALID_HANDLE_VALUE).
    let handle = unsafe { GetStdHandle(which) };
    (!handle.is_null() && handle != INVALID_HANDLE_VALUE).then_some(handle)
}

impl Drop for ParentConsole {
    fn drop(&mut self) {
        if let Some(code_page) = self.previous_code_page {
            // SAFETY: a code page the console had before; failure leaves UTF-8, which is harmless.
            unsafe { SetConsoleOutputCP(code_page) };
        }
    }
}
