//! `trainer bench`.

use atelier::error::{AtelierError, Result};
use atelier::train;
use clap::Args;

use crate::common::{LossWeights, read};

/// Native speed: generator forward and a training step, ours vs Johnson's full width (JSON).
#[derive(Args)]
pub struct BenchArgs {
    #[arg(long, default_value_t = 5)]
    repeats: usize,
    #[command(flatten)]
    weights: LossWeights,
}

pub fn run(a: BenchArgs) -> Result<()> {
    let bytes = read(&train::lossnet_path(a.weights.lossnet.as_deref())?)?;
    let report = train::bench::run(&bytes, a.repeats.max(1))?;
    println!("{}", serde_json::to_string_pretty(&report).map_err(|e| AtelierError::Io(e.to_string()))?);
    Ok(())
}
