//! `trainer generate`: images from a StyleGAN model.

use std::path::PathBuf;

use atelier::breed::Breeder;
use atelier::error::{AtelierError, Result};
use atelier::image::Planar;
use atelier::train::run::contact_sheet;
use burn::tensor::Device;
use clap::Args;

use crate::common::read;

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

pub fn run(a: GenerateArgs) -> Result<()> {
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
        contact_sheet(&rows, cell).save(&a.output)?;
    }
    println!("{}: {} images, ψ {}, {:.1} images/s", a.output.display(), images.len(), a.truncation, images.len() as f64 / secs);
    Ok(())
}
