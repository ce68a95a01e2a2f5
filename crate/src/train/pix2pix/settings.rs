//! What defines a pix2pix run and what its folder holds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::pairs::PairSource;
use crate::error::Result;
use crate::models::Pix2PixConfig;
use crate::train::Family;
use crate::train::run::{STATE, Schedule, read_json, run_settings};

pub const GENERATOR: &str = "generator.bpk";
pub const DISCRIMINATOR: &str = "discriminator.bpk";

/// Everything that defines a run (saved in the run folder so `--resume` continues the same run).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pix2PixSettings {
    pub data: PathBuf,
    pub source: PairSource,
    pub config: Pix2PixConfig,
    #[serde(flatten)]
    pub schedule: Schedule,
    pub l1_weight: f64,
    pub adv_weight: f64,
    /// Steps of L1 alone before the adversarial loss starts.
    pub l1_only_steps: u64,
    pub seed: u64,
    pub sample_every: u64,
    pub checkpoint_every: u64,
    /// An exported model file the run starts from (a lost run continues from its last export:
    /// both networks, its step count and hours; Adam starts afresh).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub init_from: Option<PathBuf>,
}

run_settings!(Pix2PixSettings, schedule);

/// What is saved next to the checkpoint.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pix2PixState {
    /// Always pix2pix (tells `trainer export` which family a run folder holds).
    pub family: Family,
    pub settings: Pix2PixSettings,
    pub step: u64,
    pub train_pairs: usize,
    /// Seconds of training, all sessions together.
    #[serde(default)]
    pub seconds: f64,
    pub last_losses: BTreeMap<String, f64>,
}

pub fn read_state(run: &Path) -> Result<Pix2PixState> {
    read_json(&run.join(STATE))
}
