//! `trainer stylegan`.

use std::path::PathBuf;

use atelier::error::Result;
use atelier::models::StyleGanConfig;
use atelier::train::run::augment::DiffAugment;
use atelier::train::stylegan::{self, StyleGanSettings, critic::CriticKind};
use clap::Args;

use crate::common::RunFlags;

/// Train a small StyleGAN2 (mapping network, modulated convolutions, noise, ToRGB skips;
/// residual discriminator) on a folder of pictures, e.g. the 1 636 Noto emoji at 64².
#[derive(Args)]
pub struct StyleganArgs {
    /// A folder of pictures (resized to --resolution; transparent ones are flattened onto white).
    #[arg(long)]
    data: PathBuf,
    /// Run folder: G, its average, D, both optimizers, samples/, state.json.
    #[arg(long)]
    out: PathBuf,
    /// Output side: 32 or 64 (a power of two from 8 to 256).
    #[arg(long, default_value_t = 64)]
    resolution: usize,
    #[arg(long, default_value_t = 20000)]
    steps: u64,
    #[arg(long, default_value_t = 16)]
    batch: usize,
    /// Channels at resolution r are min(--channel-max, --channel-base / r).
    #[arg(long, default_value_t = 1024)]
    channel_base: usize,
    #[arg(long, default_value_t = 128)]
    channel_max: usize,
    #[arg(long, default_value_t = 0.002)]
    lr: f64,
    /// R1 penalty weight (default: 0.0002 · resolution² / batch, StyleGAN2-ADA's heuristic; 0,
    /// none, with the projected discriminator).
    #[arg(long)]
    r1_gamma: Option<f64>,
    /// Steps between R1 penalties (lazy regularisation).
    #[arg(long, default_value_t = 16)]
    r1_every: u64,
    /// Probability of style mixing in a batch.
    #[arg(long, default_value_t = 0.9)]
    mixing: f64,
    /// Turn DiffAugment (colour, translation, cutout) off.
    #[arg(long)]
    no_augment: bool,
    /// `projected`: score the images on the frozen loss network's features (Projected GAN),
    /// which gives the generator a useful signal much sooner than StyleGAN2's `residual` one.
    #[arg(long, value_enum, default_value_t = Discriminator::Residual)]
    discriminator: Discriminator,
    /// Side the images are resized to before the projected discriminator's feature network.
    #[arg(long, default_value_t = 128)]
    projected_size: usize,
    /// Bilinear instead of nearest ×2 upsampling in the generator (see StyleGanConfig).
    #[arg(long)]
    smooth_upsample: bool,
    /// Half-life of the generator's moving average, thousands of images.
    #[arg(long, default_value_t = 10.0)]
    ema_kimg: f64,
    #[arg(long, default_value_t = 250)]
    sample_every: u64,
    #[command(flatten)]
    run: RunFlags,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Discriminator {
    Residual,
    Projected,
}

impl StyleganArgs {
    pub fn into_settings(self) -> StyleGanSettings {
        let a = self;
        let config = StyleGanConfig {
            channel_base: a.channel_base,
            channel_max: a.channel_max,
            smooth_upsample: a.smooth_upsample,
            ..StyleGanConfig::small(a.resolution)
        };
        StyleGanSettings {
            data: a.data,
            config,
            steps: a.steps,
            batch: a.batch.max(2),
            lr: a.lr,
            // Projected GAN trains without a gradient penalty; StyleGAN2-ADA's heuristic otherwise.
            r1_gamma: a.r1_gamma.unwrap_or(match a.discriminator {
                Discriminator::Projected => 0.0,
                Discriminator::Residual => 0.0002 * (a.resolution * a.resolution) as f64 / a.batch.max(2) as f64,
            }),
            r1_every: a.r1_every,
            mixing: a.mixing,
            augment: if a.no_augment { DiffAugment::NONE } else { DiffAugment::ALL },
            discriminator: match a.discriminator {
                Discriminator::Residual => CriticKind::Residual,
                Discriminator::Projected => CriticKind::Projected { input_size: a.projected_size },
            },
            ema_kimg: a.ema_kimg,
            seed: a.run.seed,
            sample_every: a.sample_every.max(1),
            checkpoint_every: a.run.checkpoint_every.max(1),
        }
    }
}

pub fn run(a: StyleganArgs) -> Result<()> {
    let (out, run) = (a.out.clone(), a.run);
    stylegan::train(a.into_settings(), &out, run.resume, &run.device())?;
    println!(
        "samples: {}/samples/\nnext: trainer export --run {} --name NAME --title \"…\" --artist \"(the data's author)\" --licence \"…\"",
        out.display(),
        out.display()
    );
    Ok(())
}
