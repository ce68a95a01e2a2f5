//! What defines a fast-style run and what its folder holds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::models::FastStyleConfig;
use crate::pack::Stage;
use crate::train::run::{cosine_decay, read_json, run_settings};

/// Everything that defines a run (saved in the run folder so `--resume` continues the same run).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FastStyleSettings {
    pub content_dir: PathBuf,
    pub style_image: PathBuf,
    pub config: FastStyleConfig,
    pub steps: u64,
    pub batch: usize,
    /// Training crop side.
    pub size: usize,
    /// Short side the photos are resized to before cropping (sets the scale of objects under
    /// the strokes); default 5/4 of the crop.
    #[serde(default)]
    pub photo_size: Option<usize>,
    /// Long side of the painting when its Gram matrices are taken (sets the stroke scale).
    pub style_size: usize,
    pub lr: f64,
    /// Learning rate at the last step (cosine decay from `lr`); `None` keeps `lr` throughout.
    #[serde(default)]
    pub lr_final: Option<f64>,
    /// Where this run starts: another run's folder (its generator and discriminator) or an
    /// exported model file (its int8 weights, dequantized; a fresh discriminator). Fine-tuning
    /// with new settings, e.g. larger crops or a decaying learning rate.
    #[serde(default)]
    pub init_from: Option<PathBuf>,
    pub content_weight: f64,
    pub style_weight: f64,
    pub tv_weight: f64,
    pub adv_weight: f64,
    pub content_tap: String,
    pub seed: u64,
    pub sample_every: u64,
    pub checkpoint_every: u64,
}

run_settings!(FastStyleSettings);

/// What is saved next to the checkpoint.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunState {
    pub settings: FastStyleSettings,
    pub step: u64,
    /// Steps of the run(s) this one was initialised from, as state files written before
    /// `prior_stages` recorded them (read only: the stages carry the steps now).
    #[serde(default, skip_serializing)]
    pub prior_steps: u64,
    /// The stages of the run(s) this one was initialised from (`init_from`), oldest first.
    #[serde(default)]
    pub prior_stages: Vec<Stage>,
    pub content_images: usize,
    pub last_losses: BTreeMap<String, f64>,
}

impl RunState {
    /// The stages this run started from (state files written before stages were recorded
    /// only have a step count: one stage at this run's crop size).
    pub fn stages_before(&self) -> Vec<Stage> {
        Stage::or_legacy(&self.prior_stages, self.prior_steps, self.settings.size)
    }

    /// Every stage, this run's own included.
    pub fn stages(&self) -> Vec<Stage> {
        let mut stages = self.stages_before();
        stages.push(Stage { steps: self.step, crop: self.settings.size });
        stages
    }
}

pub const CHECKPOINT: &str = "checkpoint.bpk";
pub const DISCRIMINATOR: &str = "discriminator.bpk";

/// Cosine decay from `lr` to `lr_final` over the run, or `lr` throughout.
pub fn learning_rate(s: &FastStyleSettings, step: u64) -> f64 {
    match s.lr_final {
        None => s.lr,
        Some(end) => cosine_decay(s.lr, end, step, s.steps),
    }
}

/// A run's `state.json`.
pub fn read_state(path: &Path) -> Result<RunState> {
    read_json(path)
}
