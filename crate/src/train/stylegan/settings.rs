//! What defines a StyleGAN run and what its folder holds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::critic::CriticKind;
use crate::error::Result;
use crate::models::StyleGanConfig;
use crate::train::Family;
use crate::train::run::augment::DiffAugment;
use crate::train::run::{STATE, read_json, run_settings};

pub const GENERATOR: &str = "generator.bpk";
pub const GENERATOR_EMA: &str = "generator_ema.bpk";
pub const DISCRIMINATOR: &str = "discriminator.bpk";
/// Seeds of the sample grids (the same images at every checkpoint, so progress is visible).
pub const SAMPLE_SEEDS: std::ops::Range<u64> = 0..32;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StyleGanSettings {
    pub data: PathBuf,
    pub config: StyleGanConfig,
    pub steps: u64,
    pub batch: usize,
    pub lr: f64,
    pub r1_gamma: f64,
    pub r1_every: u64,
    /// Probability that a batch mixes two latents at a random layer.
    pub mixing: f64,
    pub augment: DiffAugment,
    /// The discriminator (runs from before this setting used the residual one).
    #[serde(default)]
    pub discriminator: CriticKind,
    /// Half-life of the generator average, in thousands of images.
    pub ema_kimg: f64,
    pub seed: u64,
    pub sample_every: u64,
    pub checkpoint_every: u64,
}

run_settings!(StyleGanSettings);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StyleGanState {
    /// Always StyleGAN.
    pub family: Family,
    pub settings: StyleGanSettings,
    pub step: u64,
    pub train_images: usize,
    pub seconds: f64,
    pub last_losses: BTreeMap<String, f64>,
}

pub fn read_state(run: &Path) -> Result<StyleGanState> {
    read_json(&run.join(STATE))
}
