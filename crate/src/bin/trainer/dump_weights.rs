//! `trainer dump-weights`: a model file's weights as f32 SafeTensors (int8 weights dequantized
//! exactly as the engine does when it loads them) with the file's metadata, for tools outside
//! Atelier. `make bench` builds ONNX Runtime's graph of the same network from it
//! (`tools/onnx_from_model.py`), so the peer runs the very weights the page runs.

use std::path::PathBuf;

use atelier::error::{AtelierError, Result};
use atelier::models::Generator;
use atelier::pack::{self, KEY_META};
use burn::store::{ModuleSnapshot, SafetensorsStore};
use burn::tensor::Device;
use clap::Args;

use crate::common::read;

/// Write a model file's weights (dequantized to f32) and metadata as SafeTensors (for the
/// peers in `make bench`).
#[derive(Args)]
pub struct DumpWeightsArgs {
    /// A model file (.bpk) of an image-to-image kind.
    pub model: PathBuf,
    /// The SafeTensors file to write (metadata key `atelier.meta`: kind, config, credit).
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(a: DumpWeightsArgs) -> Result<()> {
    let (model, out) = (a.model.as_path(), a.out.as_path());
    let bytes = read(model)?;
    let (generator, meta) = pack::load(&bytes, &Device::flex()).map_err(|e| AtelierError::Io(format!("{}: {e}", model.display())))?;
    let json = serde_json::to_string(&meta).map_err(|e| AtelierError::Io(e.to_string()))?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| AtelierError::Io(format!("{}: {e}", dir.display())))?;
    }
    let mut store = SafetensorsStore::from_file(out).overwrite(true).metadata(KEY_META, json).metadata("atelier.source", model.display().to_string());
    let saved = match &generator {
        Generator::FastStyle(net) => net.save_into(&mut store),
        Generator::Pix2Pix(_, net) => net.save_into(&mut store),
        Generator::CycleGan(_, net) => net.save_into(&mut store),
    };
    saved.map_err(|e| AtelierError::Io(format!("could not write {}: {e}", out.display())))?;
    println!("{}: {} model `{}`, f32 weights and metadata (`{KEY_META}`)", out.display(), meta.kind.name(), meta.name);
    Ok(())
}
