//! What frames every page: the top bar, the reader list (a side panel or a strip), the demo
//! band and the demo controls, the notice bar, counter mode's switch and its tally. Like the
//! pages, each part reads the window through [`Ctx`](super::page::Ctx) and returns what the
//! user asked for as actions; none imports the app.

pub(crate) mod counter_setting;
pub(crate) mod demo_band;
pub(crate) mod demo_panel;
pub(crate) mod notice_bar;
pub(crate) mod readers;
pub(crate) mod session_line;
pub(crate) mod top_bar;
