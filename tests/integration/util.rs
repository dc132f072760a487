//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::PathBuf;

/// The five real forms shipped as fixtures, by file stem.
pub const SEEDS: [&str; 5] = [
    "000_67ecfe3c12e4f28c",
    "001_c36fd2931944160a",
    "002_7dd651adceaafbf1",
    "003_a8faf5e3924ac3ee",
    "004_7444e9ac6383849b",
];

/// Path of a file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// Bytes of a file under `tests/fixtures/`.
pub fn read_fixture(name: &str) -> Vec<u8> {
    let path = fixture(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Whether golden files should be rewritten (`SCHEDA_BLESS=1`).
pub fn bless() -> bool {
    std::env::var_os("SCHEDA_BLESS").is_some_and(|v| v != "0")
}

/// Compare `actual` with the golden file `name` under `tests/fixtures/`,
/// rewriting it instead when blessing.
pub fn assert_golden(name: &str, actual: &str) {
    let path = fixture(name);
    if bless() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read golden file {} ({e}); run with SCHEDA_BLESS=1 to create it, then review it by hand",
            path.display()
        )
    });
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(10)
            .map(|(i, (a, b))| format!("line {}:\n  - {a}\n  + {b}", i + 1))
            .collect();
        panic!(
            "{} differs from the output ({} vs {} lines):\n{}\nrerun with SCHEDA_BLESS=1 and review the change by hand",
            path.display(),
            expected.lines().count(),
            actual.lines().count(),
            diff.join("\n")
        );
    }
}

/// A Decimal from a literal.
pub fn dec(s: &str) -> rust_decimal::Decimal {
    s.parse().unwrap()
}
