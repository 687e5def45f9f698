//! Image snapshots of the main screens (needs a GPU stack: lavapipe or llvmpipe). Run with
//! `cargo test -p cns-manager --features snapshot --test gui_snapshots`; refresh the reference
//! images with `UPDATE_SNAPSHOTS=1`.

#![cfg(feature = "snapshot")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use cns_manager::backend::Backend;
use cns_manager::gui::{AppConfig, CnsApp};
use cns_manager::i18n::Lang;
use cns_sim::SimHandle;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn app(handle: &SimHandle, lang: Lang) -> Harness<'static, CnsApp> {
    let backend = Backend::Demo(handle.clone());
    Harness::builder()
        .with_size([960.0, 640.0])
        .wgpu()
        .build_eframe(move |cc| CnsApp::new(&cc.egui_ctx, AppConfig::new(backend, lang, false)))
}

fn settle(h: &mut Harness<'_, CnsApp>, label: &'static str) {
    let start = Instant::now();
    while h.query_by_label_contains(label).is_none() {
        assert!(start.elapsed() < Duration::from_secs(10), "waiting for {label}");
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    h.run_steps(3);
}

#[test]
fn status_screen() {
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::It);
    settle(&mut h, "GIULIA BIANCHI");
    h.snapshot("status_it");
}

#[test]
fn status_screen_english() {
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::En);
    settle(&mut h, "GIULIA BIANCHI");
    h.snapshot("status_en");
}
