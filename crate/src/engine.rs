//! The one image-to-image API that the browser facade and the native CLI both call, for every
//! model kind (fast style, pix2pix, …; see [`Generator`]).
//!
//! Data path: RGBA bytes → planar f32 → (working size) → (tiles) → tensor on the chosen device →
//! generator → tensor → planar → (full-resolution luminance for colour-only models) → colour
//! preservation → strength blend → RGBA bytes.

use burn::tensor::Device;

use crate::error::Result;
use crate::image::{Planar, TilePlan, blend, fit_long_side, preserve_colour};
use crate::models::Generator;
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

/// `original`'s luminance with the colour (Cb, Cr) of `coloured`, which may be smaller
/// (its colour is scaled up bilinearly): full-resolution detail under a colour predicted at a
/// working size.
pub fn keep_luminance(original: &Planar, coloured: &Planar) -> Planar {
    let colour = if (coloured.width, coloured.height) == (original.width, original.height) {
        std::borrow::Cow::Borrowed(coloured)
    } else {
        std::borrow::Cow::Owned(coloured.resize(original.width, original.height))
    };
    // `preserve_colour(a, b)` keeps a's luminance and takes b's colour.
    let mut out = original.clone();
    preserve_colour(&mut out, &colour);
    out
}

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

/// A loaded image-to-image network (any kind) on a device.
pub struct Stylizer {
    net: Generator,
    meta: ModelMeta,
    device: Device,
}

impl Stylizer {
    /// Load a model file of any known kind (see [`crate::pack`]) onto `device`.
    pub fn new(model: &[u8], device: Device) -> Result<Self> {
        let (net, meta) = pack::load(model, &device)?;
        Ok(Self { net, meta, device })
    }

    pub fn meta(&self) -> &ModelMeta {
        &self.meta
    }

    pub fn device(&self) -> &Device {
        &self.device
    }

    pub fn net(&self) -> &Generator {
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
        // Models with a working size see a downscaled copy; colour-only models then lay their
        // colour under the full-resolution luminance, so no detail is lost.
        let work = match self.net.work_size() {
            Some(size) if original.width.max(original.height) > size => Some(fit_long_side(original, size)),
            _ => None,
        };
        let out = self.tiled(work.as_ref().unwrap_or(original), options, progress).await?;
        Ok(match work {
            None => out,
            Some(_) if self.net.keeps_luminance() => keep_luminance(original, &out),
            Some(_) => out.resize(original.width, original.height),
        })
    }

    /// The network over an image in overlapping tiles that share one set of normalisation
    /// statistics (one pass when it fits in a tile).
    async fn tiled(&self, original: &Planar, options: &StyleOptions, progress: &mut dyn FnMut(usize, usize)) -> Result<Planar> {
        let (w, h) = (original.width, original.height);
        let multiple = self.net.size_multiple();
        let plan = TilePlan::new(w, h, options.tile.max(64).max(2 * multiple), options.overlap, multiple);
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

    /// The discriminator's realism scores for `output` as a translation of `original` (both
    /// the same size), one per patch, `(width, height, scores in [0, 1])`; `None` for models
    /// without a discriminator. Runs at the network's working size.
    pub async fn realism(&self, original: &Planar, output: &Planar) -> Result<Option<(usize, usize, Vec<f32>)>> {
        let size = self.net.work_size().unwrap_or(CPU_TILE);
        let (a, b) = if original.width.max(original.height) > size {
            (fit_long_side(original, size), fit_long_side(output, size))
        } else {
            (original.clone(), output.clone())
        };
        let Some(map) = self.net.realism(a.to_tensor(&self.device), b.to_tensor(&self.device)) else {
            return Ok(None);
        };
        let [_, _, mh, mw] = map.dims();
        Ok(Some((mw, mh, crate::image::read_f32(map).await?)))
    }

    /// Native convenience: the CPU backends finish reads immediately, so blocking is fine here.
    #[cfg(not(target_family = "wasm"))]
    pub fn stylize_blocking(&self, original: &Planar, options: &StyleOptions) -> Result<Planar> {
        pollster::block_on(self.stylize(original, options, &mut |_, _| {}))
    }
}
