//! The fuzzers' regression inputs, replayed through each target's own check
//! (`tests/fuzz/shared/`): every input a fuzz target crashed on, kept in
//! `tests/fuzz/regressions/TARGET/` once fixed, and a sample of each
//! target's minimised corpus. How to run the fuzzers: `tests/fuzz/README.md`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

#[allow(dead_code)]
#[path = "../fuzz/shared/mod.rs"]
mod shared;

#[test]
fn every_saved_fuzz_input_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/regressions");
    let mut failed = Vec::new();
    let mut replayed = 0;
    for target in shared::TARGETS {
        let dir = root.join(target);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{}: no inputs", dir.display());
        for file in files {
            let data = std::fs::read(&file).unwrap();
            replayed += 1;
            if catch_unwind(AssertUnwindSafe(|| shared::run(target, &data))).is_err() {
                failed.push(file.display().to_string());
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {replayed} failed: {failed:#?}",
        failed.len()
    );
}
