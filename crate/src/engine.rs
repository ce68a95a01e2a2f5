//! The one stylization API that the browser facade and the native CLI both call.
//!
//! Data path: RGBA bytes → planar f32 → (tiles) → tensor on the chosen device → generator →
//! tensor → planar → colour preservation → strength blend → RGBA bytes.

use burn::tensor::Device;

use crate::error::Result;
use crate::image::{Planar, TilePlan, blend, preserve_colour};
use crate::models::FastStyleNet;
use crate::models::fast_style::SIZE_MULTIPLE;
use crate::nn::NormState;
use crate::pack::{self, ModelMeta};

/// What the user controls.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StyleOptions {
    /// 0 = the photo, 1 = the full effect.
    pub strength: f32,
    /// Keep the photo's colours, take only the painting's texture.
    pub preserve_colour: bool,
    /// Tile side in pixels; images larger than this are processed in overlapping tiles so that
    /// no GPU buffer exceeds WebGPU's default 128 MiB binding limit.
    pub tile: usize,
    /// Overlap between tiles (cross-faded).
    pub overlap: usize,
    /// Long side of the downscaled copy whose instance-norm statistics all tiles share.
    pub stats_size: usize,
}

/// Tile side on the CPU: one pass up to 1024² (tiling a 1024² photo into 768² tiles costs 2.8× the work).
pub const CPU_TILE: usize = 1024;
/// Tile side on WebGPU: keeps every feature map well under the default 128 MiB storage binding.
pub const GPU_TILE: usize = 768;

impl Default for StyleOptions {
    fn default() -> Self {
        Self { strength: 1.0, preserve_colour: false, tile: CPU_TILE, overlap: 64, stats_size: CPU_TILE }
    }
}

/// The user's controls applied to a raw network output: colour preservation, then the strength
/// blend. Cheap, so sliders re-run only this, not the network.
pub fn postprocess(raw: &mut Planar, original: &Planar, options: &StyleOptions) {
    if options.preserve_colour {
        preserve_colour(raw, original);
    }
    blend(raw, original, options.strength);
}

/// A loaded style network on a device.
pub struct Stylizer {
    net: FastStyleNet,
    meta: ModelMeta,
    device: Device,
}

impl Stylizer {
    /// Load a model file (see [`crate::pack`]) onto `device`.
    pub fn new(model: &[u8], device: Device) -> Result<Self> {
        let (net, meta) = pack::load_fast_style(model, &device)?;
        Ok(Self { net, meta, device })
    }

    pub fn meta(&self) -> &ModelMeta {
        &self.meta
    }

    pub fn device(&self) -> &Device {
        &self.device
    }

    pub fn net(&self) -> &FastStyleNet {
        &self.net
    }

    /// Run the raw network on one image (no tiling, no post-processing).
    pub async fn forward(&self, image: &Planar, state: &mut NormState) -> Result<Planar> {
        Planar::from_tensor(self.net.forward(image.to_tensor(&self.device), state)).await
    }

    /// Compile kernels and allocate buffers once, so the user's first image is not the slow one.
    pub async fn warm_up(&self) -> Result<()> {
        self.forward(&Planar::new(64, 64), &mut NormState::own()).await.map(|_| ())
    }

    /// Stylize a whole image: the network's output, then [`postprocess`].
    /// `progress(done, total)` is called after each tile.
    pub async fn stylize(
        &self,
        original: &Planar,
        options: &StyleOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Planar> {
        let mut out = self.stylize_raw(original, options, progress).await?;
        postprocess(&mut out, original, options);
        Ok(out)
    }

    /// The network's output for the whole image (tiled when large), before strength and colour.
    pub async fn stylize_raw(
        &self,
        original: &Planar,
        options: &StyleOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Planar> {
        let (w, h) = (original.width, original.height);
        let plan = TilePlan::new(w, h, options.tile.max(64), options.overlap, SIZE_MULTIPLE);
        let out = if plan.tiles.len() == 1 {
            let y = self.forward(original, &mut NormState::own()).await?;
            progress(1, 1);
            y
        } else {
            // Statistics pass on a downscaled copy, then every tile normalises with them.
            let scale = options.stats_size.max(64) as f64 / w.max(h) as f64;
            let small = original.resize(
                ((w as f64 * scale).round() as usize).max(16),
                ((h as f64 * scale).round() as usize).max(16),
            );
            let mut state = NormState::record();
            self.forward(&small, &mut state).await?;
            let mut state = state.into_shared();
            let mut acc = plan.accumulator();
            for (i, tile) in plan.tiles.iter().enumerate() {
                state.rewind();
                let part = original.crop(tile.x, tile.y, tile.w, tile.h);
                let y = self.forward(&part, &mut state).await?;
                acc.add(&plan, tile, &y);
                progress(i + 1, plan.tiles.len());
            }
            acc.finish()
        };
        Ok(out)
    }

    /// Native convenience: the CPU backends finish reads immediately, so blocking is fine here.
    #[cfg(not(target_family = "wasm"))]
    pub fn stylize_blocking(&self, original: &Planar, options: &StyleOptions) -> Result<Planar> {
        pollster::block_on(self.stylize(original, options, &mut |_, _| {}))
    }
}
