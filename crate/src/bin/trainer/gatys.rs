//! `trainer gatys`.

use std::path::PathBuf;

use atelier::error::Result;
use atelier::image::Planar;
use atelier::loss::ContentLoss;
use atelier::train::run::{data, progress_bar};
use atelier::train::{self, fast_style};
use burn::tensor::Device;
use clap::Args;

use crate::common::LossWeights;

/// Optimise one image directly with the same losses (slow; the quality reference).
#[derive(Args)]
pub struct GatysArgs {
    #[arg(long)]
    input: PathBuf,
    #[arg(long)]
    style: PathBuf,
    #[arg(long)]
    output: PathBuf,
    #[arg(long, default_value_t = 256)]
    size: usize,
    #[arg(long, default_value_t = 300)]
    steps: usize,
    #[command(flatten)]
    weights: LossWeights,
}

pub fn run(a: GatysArgs) -> Result<()> {
    let (weights, steps) = (&a.weights, a.steps);
    let device = Device::flex().autodiff();
    let lossnet = train::load_lossnet(weights.lossnet.as_deref(), &device)?;
    let (_, style_loss) = fast_style::style_target(&a.style, weights.style_size, &lossnet, &device)?;
    let content = ContentLoss::new(fast_style::content_tap(&weights.content_tap)?);
    let photo = data::fit_long_side(&Planar::open(&a.input)?, a.size);
    let bar = progress_bar(steps as u64, 0);
    let out = fast_style::gatys::stylize(&lossnet, &photo, &content, &style_loss, &weights.gatys(steps), &device, |_, l| {
        bar.set_message(format!("loss {l:.4}"));
        bar.inc(1);
    })?;
    bar.finish();
    out.save(&a.output)?;
    let s = fast_style::eval::score(&lossnet, &out, &photo, &content, &style_loss, &device);
    println!("{}: content {:.4} style {:.5}", a.output.display(), s.content, s.style);
    Ok(())
}
