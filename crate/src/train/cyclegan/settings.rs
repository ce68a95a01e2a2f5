//! What defines a CycleGAN run and what its folder holds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use burn::module::Module;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::models::{PatchDiscriminator, PatchDiscriminatorConfig, ResnetGenerator, ResnetGeneratorConfig};
use crate::train::Family;
use crate::train::run::augment::DiffAugment;
use crate::train::run::data::{list_images, split};
use crate::train::run::{STATE, Schedule, read_json, run_settings};

pub const GENERATORS: &str = "generators.bpk";
pub const DISCRIMINATORS: &str = "discriminators.bpk";
pub(super) const POOLS: &str = "pools.safetensors";

/// Both generators: `ab` carries A into B, `ba` B into A (one optimizer for both, as in the paper).
#[derive(Module, Debug)]
pub struct Generators {
    pub ab: ResnetGenerator,
    pub ba: ResnetGenerator,
}

/// `a` judges domain A, `b` domain B.
#[derive(Module, Debug)]
pub struct Discriminators {
    pub a: PatchDiscriminator,
    pub b: PatchDiscriminator,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CycleGanSettings {
    pub a: PathBuf,
    pub b: PathBuf,
    /// Names of the domains ("photo", "painting").
    pub a_name: String,
    pub b_name: String,
    pub generator: ResnetGeneratorConfig,
    pub discriminator: PatchDiscriminatorConfig,
    #[serde(flatten)]
    pub schedule: Schedule,
    pub cycle_weight: f64,
    /// Relative to the cycle weight (the paper: 0.5).
    pub identity_weight: f64,
    pub pool_size: usize,
    /// DiffAugment on every image the discriminators see (small sets); off in older runs.
    #[serde(default)]
    pub augment: DiffAugment,
    /// Model files the generators start from (a fast-style model, or one direction of a
    /// CycleGAN) instead of random weights: transfer learning for a small CPU budget.
    #[serde(default)]
    pub init_ab: Option<PathBuf>,
    #[serde(default)]
    pub init_ba: Option<PathBuf>,
    pub seed: u64,
    pub sample_every: u64,
    pub checkpoint_every: u64,
}

run_settings!(CycleGanSettings, schedule);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CycleGanState {
    /// Always CycleGAN.
    pub family: Family,
    pub settings: CycleGanSettings,
    pub step: u64,
    pub train_images: (usize, usize),
    pub seconds: f64,
    pub last_losses: BTreeMap<String, f64>,
}

pub fn read_state(run: &Path) -> Result<CycleGanState> {
    read_json(&run.join(STATE))
}

/// A domain's training and held-out files: its `train/` and `test/` subfolders, the junyanz
/// layout's `trainA`/`testA` (`domain` = "A"), or every sixth file held out.
pub fn domain_files(dir: &Path, domain: &str) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    for (train, test) in [("train".to_string(), "test".to_string()), (format!("train{domain}"), format!("test{domain}"))] {
        if dir.join(&train).is_dir() && dir.join(&test).is_dir() {
            return Ok((list_images(&dir.join(train))?, list_images(&dir.join(test))?));
        }
    }
    Ok(split(list_images(dir)?))
}
