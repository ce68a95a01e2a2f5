//! `trainer cyclegan`.

use std::path::PathBuf;

use atelier::error::Result;
use atelier::models::PatchDiscriminatorConfig;
use atelier::train::cyclegan::{self, CycleGanSettings};
use atelier::train::run::augment::DiffAugment;
use clap::Args;

use crate::common::{RunFlags, generator_config, schedule};

/// Train a CycleGAN (two ResNet generators, two PatchGANs; LSGAN + cycle + identity) on two
/// unpaired folders of pictures of any size (random crops and flips are taken on the fly).
#[derive(Args)]
pub struct CycleganArgs {
    /// Domain A: a folder of pictures (with `train/` and `test/`, or `trainA/` and `testA/`
    /// subfolders those are used; else every sixth file is held out).
    #[arg(long)]
    a: PathBuf,
    /// Domain B (`trainB/` and `testB/` in the junyanz layout).
    #[arg(long)]
    b: PathBuf,
    #[arg(long, default_value = "photo")]
    a_name: String,
    #[arg(long, default_value = "painting")]
    b_name: String,
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value_t = 30000)]
    steps: u64,
    #[arg(long, default_value_t = 1)]
    batch: usize,
    /// Training crop side.
    #[arg(long, default_value_t = 128)]
    size: usize,
    /// Short side pictures are resized to before the random crop (default: 1.12 × --size).
    #[arg(long)]
    load_size: Option<usize>,
    /// Generator channels at full, half and quarter resolution.
    #[arg(long, value_delimiter = ',', default_value = "16,32,64")]
    channels: Vec<usize>,
    #[arg(long, default_value_t = 6)]
    res_blocks: usize,
    /// Discriminator channels of the first layer.
    #[arg(long, default_value_t = 32)]
    d_base: usize,
    #[arg(long, default_value_t = 2e-4)]
    lr: f64,
    /// Constant learning rate until this step, then linear decay to 0 (default: half of --steps).
    #[arg(long)]
    decay_from: Option<u64>,
    #[arg(long, default_value_t = 10.0)]
    cycle_weight: f64,
    /// Identity loss, relative to the cycle weight (0 turns it off).
    #[arg(long, default_value_t = 0.5)]
    identity_weight: f64,
    /// Past fakes the discriminators also see.
    #[arg(long, default_value_t = 50)]
    pool_size: usize,
    /// DiffAugment (colour, translation, cutout) on every image the discriminators see:
    /// for small sets (a few hundred pictures per domain).
    #[arg(long)]
    diff_augment: bool,
    /// Start the A → B generator from this model file instead of random weights: a
    /// fast-style model (e.g. models/starry_night/starry_night.bpk for photo → Van Gogh) or
    /// one direction of a CycleGAN, with the same --channels and --res-blocks.
    #[arg(long)]
    init_ab: Option<PathBuf>,
    /// Start the B → A generator from this model file (as --init-ab).
    #[arg(long)]
    init_ba: Option<PathBuf>,
    #[arg(long, default_value_t = 500)]
    sample_every: u64,
    #[command(flatten)]
    run: RunFlags,
}

impl CycleganArgs {
    pub fn into_settings(self) -> Result<CycleGanSettings> {
        Ok(CycleGanSettings {
            a: self.a,
            b: self.b,
            a_name: self.a_name,
            b_name: self.b_name,
            generator: generator_config(&self.channels, self.res_blocks)?,
            discriminator: PatchDiscriminatorConfig { in_channels: 3, base: self.d_base, layers: 3 },
            schedule: schedule(self.steps, self.batch, self.size, self.load_size, self.lr, self.decay_from),
            cycle_weight: self.cycle_weight,
            identity_weight: self.identity_weight,
            pool_size: self.pool_size,
            augment: if self.diff_augment { DiffAugment::ALL } else { DiffAugment::NONE },
            init_ab: self.init_ab,
            init_ba: self.init_ba,
            seed: self.run.seed,
            sample_every: self.sample_every.max(1),
            checkpoint_every: self.run.checkpoint_every.max(1),
        })
    }
}

pub fn run(a: CycleganArgs) -> Result<()> {
    let (out, run) = (a.out.clone(), a.run);
    let ckpt = cyclegan::train(a.into_settings()?, &out, run.resume, &run.device())?;
    println!(
        "checkpoint: {}\nnext: trainer export --run {} --name NAME --title \"…\" --artist \"…\" --licence \"…\" --source \"…\"",
        ckpt.display(),
        out.display()
    );
    Ok(())
}
