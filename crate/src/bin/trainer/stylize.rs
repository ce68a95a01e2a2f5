//! `trainer stylize`.

use std::path::PathBuf;

use atelier::error::Result;
use atelier::image::Planar;
use atelier::{StyleOptions, Stylizer};
use burn::tensor::Device;
use clap::Args;

use crate::common::read;

/// Stylize one image with a model file (the reference the browser is compared with).
#[derive(Args)]
pub struct StylizeArgs {
    #[arg(long)]
    model: PathBuf,
    #[arg(long)]
    input: PathBuf,
    #[arg(long)]
    output: PathBuf,
    #[arg(long, default_value_t = 1.0)]
    strength: f32,
    #[arg(long)]
    preserve_colour: bool,
    /// Largest side done in one pass; larger images go in overlapping tiles of at most 512 (as in the browser)
    #[arg(long, default_value_t = StyleOptions::default().tile)]
    tile: usize,
    /// Tile side once an image is split (default: the smaller of --tile and 512; the
    /// browser's WebGPU path uses 768 for both)
    #[arg(long)]
    split: Option<usize>,
}

pub fn run(a: StylizeArgs) -> Result<()> {
    let stylizer = Stylizer::new(&read(&a.model)?, Device::flex())?;
    let photo = Planar::open(&a.input)?;
    let t = std::time::Instant::now();
    let defaults = StyleOptions::with_tile(a.tile);
    let options =
        StyleOptions { strength: a.strength, preserve_colour: a.preserve_colour, split: a.split.unwrap_or(defaults.split).min(a.tile), ..defaults };
    let out = stylizer.stylize_blocking(&photo, &options)?;
    out.save(&a.output)?;
    println!("{} ({}×{}) in {:.2} s", a.output.display(), out.width, out.height, t.elapsed().as_secs_f64());
    Ok(())
}
