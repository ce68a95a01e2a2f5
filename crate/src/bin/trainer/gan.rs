//! `trainer stylegan` and `trainer generate`: train a small StyleGAN2 and draw from it.

use std::path::PathBuf;

use atelier::breed::Breeder;
use atelier::error::{AtelierError, Result};
use atelier::image::Planar;
use atelier::models::StyleGanConfig;
use atelier::train::{self, augment::DiffAugment, critic::CriticKind, stylegan, util};
use burn::tensor::Device;
use clap::Args;

use crate::cli::RunFlags;
use crate::read;

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

/// Images from a StyleGAN model: a grid of seeds (`0-63`, `1,5,9`) or one image per seed.
#[derive(Args)]
pub struct GenerateArgs {
    #[arg(long)]
    model: PathBuf,
    /// Seeds: `0-63`, `7`, or `1,5,9`.
    #[arg(long, default_value = "0-15")]
    seeds: String,
    /// ψ: 1 = the whole variety, towards 0 = towards the average image.
    #[arg(long, default_value_t = 0.7)]
    truncation: f32,
    /// A PNG: one grid of all seeds (8 per row), or with --each a folder of seed_N.png.
    #[arg(long)]
    output: PathBuf,
    #[arg(long)]
    each: bool,
    /// Pixels per image in the grid (upscaled, nearest).
    #[arg(long, default_value_t = 128)]
    cell: usize,
    /// Render on burn's generic kernels instead of the CPU inference path (the reference the
    /// fast path is tested and benchmarked against).
    #[arg(long)]
    reference: bool,
}

pub fn parse_seeds(text: &str) -> Result<Vec<u64>> {
    let bad = || AtelierError::BadConfig(format!("--seeds `{text}`: write 0-63, 7 or 1,5,9"));
    let mut seeds = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b): (u64, u64) = (a.trim().parse().map_err(|_| bad())?, b.trim().parse().map_err(|_| bad())?);
                if b < a || b - a >= 10_000 {
                    return Err(bad());
                }
                seeds.extend(a..=b);
            }
            None => seeds.push(part.parse().map_err(|_| bad())?),
        }
    }
    if seeds.is_empty() { Err(bad()) } else { Ok(seeds) }
}

pub fn train_stylegan(a: StyleganArgs) -> Result<()> {
    let config = StyleGanConfig { channel_base: a.channel_base, channel_max: a.channel_max, smooth_upsample: a.smooth_upsample, ..StyleGanConfig::small(a.resolution) };
    let settings = stylegan::StyleGanSettings {
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
    };
    let device = train::train_device(a.run.cpu);
    stylegan::train(settings, &a.out, a.run.resume, &device)?;
    println!(
        "samples: {}/samples/\nnext: trainer export --run {} --name NAME --title \"…\" --artist \"(the data's author)\" --licence \"…\"",
        a.out.display(),
        a.out.display()
    );
    Ok(())
}

pub fn generate(a: GenerateArgs) -> Result<()> {
    let seeds = parse_seeds(&a.seeds)?;
    let mut breeder = pollster::block_on(Breeder::new(&read(&a.model)?, Device::flex()))?;
    if a.reference {
        breeder = breeder.reference();
    }
    let t = std::time::Instant::now();
    let images = breeder.seeds_blocking(&seeds, a.truncation)?;
    let secs = t.elapsed().as_secs_f64();
    if a.each {
        std::fs::create_dir_all(&a.output)?;
        for (s, img) in seeds.iter().zip(&images) {
            img.save(&a.output.join(format!("seed_{s}.png")))?;
        }
    } else {
        let cell = a.cell.max(breeder.config().resolution);
        let rows: Vec<Vec<Planar>> = images.chunks(8).map(|r| r.iter().map(|i| i.resize(cell, cell)).collect()).collect();
        util::contact_sheet(&rows, cell).save(&a.output)?;
    }
    println!("{}: {} images, ψ {}, {:.1} images/s", a.output.display(), images.len(), a.truncation, images.len() as f64 / secs);
    Ok(())
}
