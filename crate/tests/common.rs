#![allow(dead_code)]
use std::path::PathBuf;

/// A path in the repository. Uses the directory cargo gives the test at run time: the one baked
/// in at compile time is stale when a shared build cache was filled from another checkout.
pub fn repo(rel: &str) -> PathBuf {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    dir.join("..").join(rel)
}
