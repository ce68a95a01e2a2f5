//! `trainer fast-style`.

use std::path::PathBuf;

use atelier::error::Result;
use atelier::train::fast_style::{self, FastStyleSettings};
use clap::Args;

use crate::common::{LossWeights, RunFlags, generator_config};

/// Train a fast style network on a folder of photos and one painting.
#[derive(Args)]
pub struct FastStyleArgs {
    #[arg(long)]
    content: PathBuf,
    #[arg(long)]
    style: PathBuf,
    /// Run folder: checkpoints, samples/, state.json.
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value_t = 1500)]
    steps: u64,
    #[arg(long, default_value_t = 4)]
    batch: usize,
    /// Training crop side in pixels.
    #[arg(long, default_value_t = 128)]
    size: usize,
    /// Short side the photos are resized to before cropping (default: 5/4 of --size).
    #[arg(long)]
    photo_size: Option<usize>,
    #[arg(long, default_value_t = 1e-3)]
    lr: f64,
    /// Learning rate at the last step (cosine decay from --lr); default: constant.
    #[arg(long)]
    lr_final: Option<f64>,
    /// Start from another run's folder or an exported model file (fine-tuning with these
    /// settings, e.g. --size 256 --lr 5e-4 --lr-final 1e-5).
    #[arg(long, conflicts_with = "resume")]
    init_from: Option<PathBuf>,
    /// Weight of the adversarial (PatchGAN, LSGAN) loss; 0 turns the discriminator off.
    #[arg(long, default_value_t = 0.02)]
    adv_weight: f64,
    #[command(flatten)]
    weights: LossWeights,
    /// Channels at full, half and quarter resolution.
    #[arg(long, value_delimiter = ',', default_value = "16,32,64")]
    channels: Vec<usize>,
    #[arg(long, default_value_t = 5)]
    res_blocks: usize,
    #[arg(long, default_value_t = 250)]
    sample_every: u64,
    #[command(flatten)]
    run: RunFlags,
}

impl FastStyleArgs {
    pub fn into_settings(self) -> Result<FastStyleSettings> {
        let w = self.weights;
        Ok(FastStyleSettings {
            content_dir: self.content,
            style_image: self.style,
            config: generator_config(&self.channels, self.res_blocks)?,
            steps: self.steps,
            batch: self.batch,
            size: self.size,
            photo_size: self.photo_size,
            style_size: w.style_size,
            lr: self.lr,
            lr_final: self.lr_final,
            init_from: self.init_from,
            content_weight: w.content_weight,
            style_weight: w.style_weight,
            tv_weight: w.tv_weight,
            adv_weight: self.adv_weight,
            content_tap: w.content_tap,
            seed: self.run.seed,
            sample_every: self.sample_every.max(1),
            checkpoint_every: self.run.checkpoint_every.max(1),
        })
    }
}

pub fn run(a: FastStyleArgs) -> Result<()> {
    let (out, run, lossnet) = (a.out.clone(), a.run, a.weights.lossnet.clone());
    let ckpt = fast_style::train(a.into_settings()?, &out, run.resume, lossnet.as_deref(), &run.device())?;
    println!(
        "checkpoint: {}\nnext: trainer export --run {} --name NAME --title \"…\" --artist \"…\" --licence \"public domain\" --source \"…\"",
        ckpt.display(),
        out.display()
    );
    Ok(())
}
