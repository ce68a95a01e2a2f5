//! What several commands share: the run flags, the loss weights, the generator's shape, reading
//! a file. A leaf: it imports no command.

use std::path::{Path, PathBuf};

use atelier::error::{AtelierError, Result};
use atelier::models::FastStyleConfig;
use atelier::train::fast_style::gatys::GatysSettings;
use atelier::train::run::Schedule;
use clap::Args;

/// A file's bytes, with its path in the error.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| AtelierError::Io(format!("{}: {e}", path.display())))
}

/// The schedule of `--steps`, `--batch`, `--size`, `--load-size`, `--lr` and `--decay-from`
/// (pix2pix, CycleGAN). Without `--load-size`, pictures are resized to 1.12 × `size` before the
/// random crop (random jitter, as in the GAN papers); without `--decay-from`, the learning rate
/// starts to fall at half of `steps`.
pub fn schedule(steps: u64, batch: usize, size: usize, load_size: Option<usize>, lr: f64, decay_from: Option<u64>) -> Schedule {
    let load_size = load_size.unwrap_or(size + size / 8).max(size);
    Schedule { steps, batch: batch.max(1), size, load_size, lr, decay_from: decay_from.unwrap_or(steps / 2) }
}

/// The ResNet generator of `--channels` (three numbers) and `--res-blocks`.
pub fn generator_config(channels: &[usize], res_blocks: usize) -> Result<FastStyleConfig> {
    let channels: [usize; 3] = channels.try_into().map_err(|_| AtelierError::BadConfig("--channels takes three numbers, e.g. 16,32,64".into()))?;
    Ok(FastStyleConfig { channels, res_blocks })
}

#[derive(Args, Clone)]
pub struct LossWeights {
    /// Weight of the content loss (keeps the photo's objects).
    #[arg(long, default_value_t = 1.0)]
    pub content_weight: f64,
    /// Weight of the Gram style loss (brings the painting's colours and strokes). 4 keeps faces
    /// and buildings readable; 10 is stronger and loses them (see the model cards).
    #[arg(long, default_value_t = 4.0)]
    pub style_weight: f64,
    /// Weight of total variation (removes colour speckle).
    #[arg(long, default_value_t = 1.0)]
    pub tv_weight: f64,
    /// Loss-network tap compared for content (`b3.exp` crisper, `b5.exp` more painterly).
    #[arg(long, default_value = "b3.exp")]
    pub content_tap: String,
    /// Long side of the painting when its style is measured (larger = smaller strokes).
    #[arg(long, default_value_t = 256)]
    pub style_size: usize,
    /// The loss network (default: models/lossnet/…).
    #[arg(long)]
    pub lossnet: Option<PathBuf>,
}

/// What every trainer's run takes.
#[derive(Args, Clone, Copy)]
pub struct RunFlags {
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Steps between checkpoints (both networks, optimizers, state.json; atomic).
    #[arg(long, default_value_t = 100)]
    pub checkpoint_every: u64,
    /// Continue the run in --out from its last checkpoint (a larger --steps extends it).
    #[arg(long)]
    pub resume: bool,
    /// Train on the CPU even when a GPU is present.
    #[arg(long)]
    pub cpu: bool,
}

impl LossWeights {
    /// `trainer gatys` with these weights for `steps` steps.
    pub fn gatys(&self, steps: usize) -> GatysSettings {
        GatysSettings {
            steps,
            content_weight: self.content_weight,
            style_weight: self.style_weight,
            tv_weight: self.tv_weight,
            ..GatysSettings::default()
        }
    }
}

impl RunFlags {
    /// The training device (`--cpu`: the CPU even when a GPU is present).
    pub fn device(&self) -> burn::tensor::Device {
        atelier::train::train_device(self.cpu)
    }
}
