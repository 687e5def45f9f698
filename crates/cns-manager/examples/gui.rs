//! Opens the desktop app in demo mode (the simulated card), for screenshots and trying it out:
//! `cargo run -p cns-manager --example gui`. `CNS_GUI_COUNTER=1` starts it in counter mode,
//! `CNS_GUI_LANG=en` in English, `CNS_GUI_REAL=1` with real readers.

use cns_manager::gui::{GuiOptions, run};

fn main() -> Result<(), String> {
    let flag = |name: &str| std::env::var_os(name).is_some_and(|v| v != "0");
    run(GuiOptions {
        demo: !flag("CNS_GUI_REAL"),
        counter: flag("CNS_GUI_COUNTER"),
        lang: std::env::var("CNS_GUI_LANG").ok().and_then(|l| l.parse().ok()),
        ..GuiOptions::default()
    })
}
