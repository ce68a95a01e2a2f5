//! `trainer pix2pix`.

use std::path::PathBuf;

use atelier::error::Result;
use atelier::models::{InputKind, OutputKind, Pix2PixConfig};
use atelier::train::pix2pix::{self, Pix2PixSettings, pairs::PairSource};
use clap::Args;

use crate::common::{RunFlags, schedule};

/// Train a pix2pix model (U-Net + conditional PatchGAN, L1 + adversarial) on paired images:
/// a folder of A|B pairs, or any folder of pictures with the input made from each
/// (`--input edges`: sketch → picture; `--input gray`: colourisation).
#[derive(Args)]
pub struct Pix2pixArgs {
    /// A folder of pictures, or of pairs; with `train/` and `test/` subfolders those are
    /// used, else every sixth file is held out.
    #[arg(long)]
    data: PathBuf,
    /// Where each training input comes from.
    #[arg(long, value_enum, default_value_t = PairSource::Ab)]
    input: PairSource,
    /// What the left half of an A|B pair is (with `--input ab`).
    #[arg(long, value_enum, default_value_t = Condition::Sketch)]
    pair_input: Condition,
    /// Run folder: checkpoints of both networks and their optimizers, samples/, state.json.
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value_t = 20000)]
    steps: u64,
    #[arg(long, default_value_t = 1)]
    batch: usize,
    /// Training crop side.
    #[arg(long, default_value_t = 256)]
    size: usize,
    /// Short side pictures are resized to before the random crop (default: 1.12 × --size).
    #[arg(long)]
    load_size: Option<usize>,
    /// U-Net channels at the first level (doubled per level, at most 8×).
    #[arg(long, default_value_t = 16)]
    base: usize,
    /// U-Net levels (inputs are padded to a multiple of 2^depth).
    #[arg(long, default_value_t = 6)]
    depth: usize,
    #[arg(long, default_value_t = 2e-4)]
    lr: f64,
    /// Constant learning rate until this step, then linear decay to 0 (default: half of --steps).
    #[arg(long)]
    decay_from: Option<u64>,
    #[arg(long, default_value_t = 100.0)]
    l1_weight: f64,
    #[arg(long, default_value_t = 1.0)]
    adv_weight: f64,
    /// L1 alone for this many steps before the adversarial loss starts.
    #[arg(long, default_value_t = 0)]
    l1_only_steps: u64,
    /// Long side the model works at: larger inputs are downscaled for it. A colourisation
    /// model (default 512) lays its colour under the full-resolution photo; other models
    /// (default: none, full resolution in tiles) have their output upscaled.
    #[arg(long)]
    work_size: Option<usize>,
    /// Continue from an exported model file (`models/x/x.bpk`): both networks, its steps and
    /// hours; for a run whose folder was lost.
    #[arg(long, conflicts_with = "resume")]
    init_from: Option<PathBuf>,
    #[arg(long, default_value_t = 500)]
    sample_every: u64,
    #[command(flatten)]
    run: RunFlags,
}

/// What the left half of an A|B pair shows.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Condition {
    Sketch,
    Gray,
    Photo,
}

impl Pix2pixArgs {
    pub fn into_settings(self) -> Pix2PixSettings {
        let model_input = match (self.input, self.pair_input) {
            (PairSource::Edges, _) | (PairSource::Ab, Condition::Sketch) => InputKind::Sketch,
            (PairSource::Gray, _) | (PairSource::Ab, Condition::Gray) => InputKind::Gray,
            (PairSource::Ab, Condition::Photo) => InputKind::Photo,
        };
        let output = if model_input == InputKind::Gray { OutputKind::Chroma } else { OutputKind::Rgb };
        let mut config = Pix2PixConfig::new(model_input, output, self.base, self.depth);
        config.work_size = self.work_size.or(config.work_size);
        Pix2PixSettings {
            data: self.data,
            source: self.input,
            config,
            schedule: schedule(self.steps, self.batch, self.size, self.load_size, self.lr, self.decay_from),
            l1_weight: self.l1_weight,
            adv_weight: self.adv_weight,
            l1_only_steps: self.l1_only_steps,
            init_from: self.init_from,
            seed: self.run.seed,
            sample_every: self.sample_every.max(1),
            checkpoint_every: self.run.checkpoint_every.max(1),
        }
    }
}

pub fn run(a: Pix2pixArgs) -> Result<()> {
    let (out, run) = (a.out.clone(), a.run);
    let ckpt = pix2pix::train(a.into_settings(), &out, run.resume, &run.device())?;
    println!(
        "checkpoint: {}\nnext: trainer export --run {} --name NAME --title \"…\" --artist \"(the data's author)\" --licence \"…\" --source \"…\"",
        ckpt.display(),
        out.display()
    );
    Ok(())
}
