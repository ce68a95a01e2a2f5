//! Native training, export and evaluation (cargo feature `train`).
//!
//! - [`run`]: what every trainer shares (run folder, data, augmentation, EMA, checkpoints,
//!   progress, samples, the one training loop);
//! - [`fast_style`], [`pix2pix`], [`cyclegan`], [`stylegan`]: each family's step, eval and card;
//! - [`export`]: run folder → model file, card and manifest entry, by [`Family`].

pub mod bench;
pub mod cyclegan;
pub mod export;
mod family;
pub mod fast_style;
pub mod lossnet_import;
pub mod pix2pix;
pub mod run;
pub mod stylegan;

pub use family::Family;

use std::path::{Path, PathBuf};

use burn::tensor::Device;

use crate::error::{AtelierError, Result};
use crate::features::LossNet;

/// The loss network committed in the repository (stem + blocks 0–8, batch norm folded).
pub const LOSSNET_FILE: &str = "models/lossnet/efficientnet_lite0_b0-8.safetensors";

/// Find the loss network: an explicit path, else `models/lossnet/…` from the current directory
/// or the repository this binary was built from.
pub fn lossnet_path(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    let candidates = [PathBuf::from(LOSSNET_FILE), Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(LOSSNET_FILE)];
    candidates.into_iter().find(|p| p.exists()).ok_or_else(|| {
        AtelierError::Io(format!(
            "loss network not found at {LOSSNET_FILE}; run from the repository root, pass --lossnet, \
             or rebuild it with `make lossnet`"
        ))
    })
}

pub fn load_lossnet(explicit: Option<&Path>, device: &Device) -> Result<LossNet> {
    let path = lossnet_path(explicit)?;
    let bytes = std::fs::read(&path).map_err(|e| AtelierError::Io(format!("{}: {e}", path.display())))?;
    LossNet::load(bytes, device)
}

/// The training device: a GPU through wgpu when built with `gpu` and one is present, else the
/// CPU (`flex`). Autodiff is enabled on it.
pub fn train_device(force_cpu: bool) -> Device {
    #[cfg(feature = "gpu")]
    if !force_cpu {
        if let Ok(d) = Device::wgpu_options().init() {
            log::info!("training on the GPU ({d:?})");
            return d.autodiff();
        }
        log::warn!("no GPU adapter found; training on the CPU");
    }
    let _ = force_cpu;
    Device::flex().autodiff()
}
