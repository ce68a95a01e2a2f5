//! `trainer import-lossnet`.

use std::path::PathBuf;

use atelier::error::Result;
use atelier::train;
use atelier::train::run::write_atomic;
use clap::Args;

use crate::common::read;

/// Fold and subset the full EfficientNet-Lite0 safetensors into the loss-network file.
#[derive(Args)]
pub struct ImportLossnetArgs {
    #[arg(long)]
    from: PathBuf,
    #[arg(long, default_value = train::LOSSNET_FILE)]
    out: PathBuf,
}

pub fn run(a: ImportLossnetArgs) -> Result<()> {
    let bytes = train::lossnet_import::import(&read(&a.from)?)?;
    if let Some(dir) = a.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    write_atomic(&a.out, &bytes)?;
    println!("wrote {} ({} bytes)", a.out.display(), bytes.len());
    Ok(())
}
