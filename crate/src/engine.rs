//! The one image-to-image API that the browser facade and the native CLI both call, for every
//! model kind (fast style, pix2pix, …; see [`Generator`]).
//!
//! Data path: pixels (RGBA bytes or planar f32, see [`Pixels`]) → (working size) → tiles →
//! tensor on the chosen device → generator → tensor → feathered rows → (full-resolution luminance
//! for colour-only models) → colour preservation → strength blend → RGBA bytes.
//!
//! Nothing the size of the whole photo is made in floats: tiles are read from the source as
//! they are needed and the output leaves in bands of rows as soon as they are final, so a
//! 36-megapixel photo costs its RGBA bytes, the output's, and about one tile's worth of work.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

use burn::tensor::Device;

use crate::bands::BandWorkers;
use crate::error::Result;
use crate::image::{Pixels, Planar, RgbaImage, RowResizer, TilePlan, blend, fit_long_side, preserve_colour};
use crate::models::{CpuGenerator, Generator};
use crate::nn::NormState;
use crate::pack::{self, ModelMeta};

/// What the user controls.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StyleOptions {
    /// 0 = the photo, 1 = the full effect.
    pub strength: f32,
    /// Keep the photo's colours, take only the painting's texture.
    pub preserve_colour: bool,
    /// Largest side done in one pass; larger images are processed in overlapping tiles of
    /// `split` so that no GPU buffer exceeds WebGPU's default 128 MiB binding limit and memory
    /// stays bounded on the CPU.
    pub tile: usize,
    /// Tile side when an image is split (at most `tile`).
    pub split: usize,
    /// Overlap between tiles (cross-faded).
    pub overlap: usize,
    /// Long side of the downscaled copy whose instance-norm statistics all tiles share.
    pub stats_size: usize,
}

/// Tile side on the CPU: one pass up to 1024² (tiling a 1024² photo into 768² tiles costs 2.8× the work).
pub const CPU_TILE: usize = 1024;
/// Tile side on the CPU once an image is split. Smaller tiles waste fewer pixels on overlaps and
/// fit the caches: measured natively (one thread), a 2048² photo took 34 s and 214 MB peak in
/// 512² tiles against 58 s and 494 MB in 1024² ones; a 36 MP photo is the same work either way.
pub const CPU_SPLIT: usize = 512;
/// Tile side on WebGPU: keeps every feature map well under the default 128 MiB storage binding.
pub const GPU_TILE: usize = 768;

impl StyleOptions {
    /// The defaults with `tile` as the one-pass limit (split into tiles of at most [`CPU_SPLIT`]).
    pub fn with_tile(tile: usize) -> Self {
        Self { tile, split: tile.min(CPU_SPLIT), stats_size: tile, ..Self::default() }
    }
}

/// Rows handed over per band when a working-size output is laid under a large photo.
const BAND_ROWS: usize = 256;

/// Where finished rows of an output go: `(first row, full-width band of rows)`, top to bottom.
pub type RowSink<'a> = &'a mut dyn FnMut(usize, &Planar);

/// Told `(tiles done, tiles in all)` after each tile.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

impl Default for StyleOptions {
    fn default() -> Self {
        Self { strength: 1.0, preserve_colour: false, tile: CPU_TILE, split: CPU_SPLIT, overlap: 64, stats_size: CPU_TILE }
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

/// [`postprocess`] on RGBA bytes (the upload and the engine's raw output, both the same size),
/// rows `rows` only (the page asks for a large result a band at a time, so no copy of the whole
/// of it is ever in flight), computed a band of rows at a time: the page calls it on every
/// slider move, and a 36-megapixel photo as floats would be 864 MB for the two images.
pub fn postprocess_rgba(original: &RgbaImage<'_>, raw: &RgbaImage<'_>, options: &StyleOptions, rows: std::ops::Range<usize>) -> Vec<u8> {
    let (w, end) = (original.width(), rows.end.min(original.height()));
    let start = rows.start.min(end);
    let mut out = vec![0u8; w * (end - start) * 4];
    for y0 in (start..end).step_by(BAND_ROWS) {
        let n = BAND_ROWS.min(end - y0);
        let photo = original.crop(0, y0, w, n);
        let mut band = raw.crop(0, y0, w, n);
        postprocess(&mut band, &photo, options);
        out[(y0 - start) * w * 4..][..w * n * 4].copy_from_slice(&band.to_rgba(Some(original.rows(y0, y0 + n))));
    }
    out
}

/// A loaded image-to-image network (any kind) on a device.
pub struct Stylizer {
    net: Generator,
    meta: ModelMeta,
    device: Device,
    /// On the CPU: the network on the CPU inference path ([`crate::nn::cpu`]), made on first
    /// use (`None` inside when the network has no CPU path, or [`Stylizer::reference`] asked
    /// for burn's).
    cpu: OnceLock<Option<CpuGenerator>>,
    /// Helper workers that take bands of each pass on the CPU path (the page's other cores).
    workers: RefCell<Option<Rc<dyn BandWorkers>>>,
    /// The WebGPU device and the network on it ([`crate::gpu`]), made on first use.
    #[cfg(feature = "webgpu")]
    gpu: Option<(Rc<crate::gpu::Gpu>, std::cell::OnceCell<Option<crate::models::GpuGenerator>>)>,
}

impl Stylizer {
    /// Load a model file of any known kind (see [`crate::pack`]) onto `device`.
    pub fn new(model: &[u8], device: Device) -> Result<Self> {
        let (net, meta) = pack::load(model, &device)?;
        let cpu = OnceLock::new();
        if device != Device::flex() {
            let _ = cpu.set(None);
        }
        Ok(Self {
            net,
            meta,
            device,
            cpu,
            workers: RefCell::new(None),
            #[cfg(feature = "webgpu")]
            gpu: None,
        })
    }

    /// Load a model file to run on a WebGPU device (the CPU takes what the GPU kernels do not:
    /// the discriminator's realism map, sides under a network's minimum).
    #[cfg(feature = "webgpu")]
    pub fn on_gpu(model: &[u8], gpu: Rc<crate::gpu::Gpu>) -> Result<Self> {
        Ok(Self { gpu: Some((gpu, std::cell::OnceCell::new())), ..Self::new(model, Device::flex())? })
    }

    /// The network on the WebGPU device, made on first use.
    #[cfg(feature = "webgpu")]
    async fn gpu_net(&self) -> Result<Option<&crate::models::GpuGenerator>> {
        let Some((gpu, net)) = &self.gpu else { return Ok(None) };
        if net.get().is_none() {
            let made = self.net.to_gpu(gpu).await?;
            let _ = net.set(made);
        }
        Ok(net.get().and_then(|n| n.as_ref()))
    }

    /// Split each pass over `workers` as well as this one (CPU path, fast-style and CycleGAN
    /// networks), or stop doing so (`None`).
    pub fn set_workers(&self, workers: Option<Rc<dyn BandWorkers>>) {
        *self.workers.borrow_mut() = workers;
    }

    /// The network on the CPU inference path, made on first use.
    pub async fn cpu_net(&self) -> Result<Option<&CpuGenerator>> {
        if self.cpu.get().is_none() {
            let net = self.net.to_cpu().await?;
            let _ = self.cpu.set(net);
        }
        Ok(self.cpu.get().and_then(|f| f.as_ref()))
    }

    /// Run on burn's generic kernels even on the CPU (the reference the CPU path is tested
    /// and benchmarked against).
    pub fn reference(self) -> Self {
        let cpu = OnceLock::new();
        let _ = cpu.set(None);
        Self { cpu, workers: RefCell::new(None), ..self }
    }

    /// Whether the CPU inference path runs this model (known after the first forward pass).
    pub fn on_cpu_path(&self) -> bool {
        matches!(self.cpu.get(), Some(Some(_)))
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
        #[cfg(feature = "webgpu")]
        if let Some(net) = self.gpu_net().await?
            && let Some(out) = net.forward(image, state).await?
        {
            return Ok(out);
        }
        let workers = self.workers.borrow().clone();
        if let Some(cpu) = self.cpu_net().await? {
            if let Some(workers) = workers
                && let Some(out) = cpu.forward_bands(workers.as_ref(), image, state).await?
            {
                return Ok(out);
            }
            if let Some(out) = cpu.forward(image, state).await? {
                return Ok(out);
            }
        }
        Planar::from_tensor(self.net.forward(image.to_tensor(&self.device), state)).await
    }

    /// Compile kernels and allocate buffers once, so the user's first image is not the slow one.
    pub async fn warm_up(&self) -> Result<()> {
        self.forward(&Planar::new(64, 64), &mut NormState::own()).await.map(|_| ())
    }

    /// Stylize a whole image: the network's output, then [`postprocess`].
    /// `progress(done, total)` is called after each tile.
    pub async fn stylize(&self, original: &Planar, options: &StyleOptions, progress: Progress<'_>) -> Result<Planar> {
        let mut out = self.stylize_raw(original, options, progress).await?;
        postprocess(&mut out, original, options);
        Ok(out)
    }

    /// The network's output for the whole image (tiled when large), before strength and colour.
    pub async fn stylize_raw<P: Pixels + ?Sized>(&self, original: &P, options: &StyleOptions, progress: Progress<'_>) -> Result<Planar> {
        let mut out = Planar::new(original.width(), original.height());
        self.stylize_rows(original, options, progress, &mut |y0, band| out.paste_rows(y0, band)).await?;
        Ok(out)
    }

    /// The raw output of an upload as RGBA bytes, its alpha copied from the upload (what the
    /// browser shows; no float copy of the whole photo is made).
    pub async fn stylize_rgba(&self, upload: &RgbaImage<'_>, options: &StyleOptions, progress: Progress<'_>) -> Result<Vec<u8>> {
        let width = upload.width();
        // Made when the first rows arrive, after the statistics pass has freed its memory.
        let mut out = Vec::new();
        self.stylize_rows(upload, options, progress, &mut |y0, band| {
            if out.is_empty() {
                out = vec![0u8; width * upload.height() * 4];
            }
            let bytes = band.to_rgba(Some(upload.rows(y0, y0 + band.height)));
            out[y0 * width * 4..][..bytes.len()].copy_from_slice(&bytes);
        })
        .await?;
        Ok(out)
    }

    /// The network's output, handed to `sink` in bands of rows, top to bottom.
    pub async fn stylize_rows<P: Pixels + ?Sized>(
        &self,
        original: &P,
        options: &StyleOptions,
        progress: Progress<'_>,
        sink: RowSink<'_>,
    ) -> Result<()> {
        let (w, h) = (original.width(), original.height());
        // Models with a working size see a downscaled copy; colour-only models then lay their
        // colour under the full-resolution luminance, so no detail is lost.
        let size = match self.net.work_size() {
            Some(size) if w.max(h) > size => size,
            _ => return self.tiled(original, options, progress, sink).await,
        };
        let work = fit_long_side(original, size);
        let mut out = Planar::new(work.width, work.height);
        self.tiled(&work, options, progress, &mut |y0, band| out.paste_rows(y0, band)).await?;
        let resizer = RowResizer::new(&out, w, h);
        for y0 in (0..h).step_by(BAND_ROWS) {
            let y1 = (y0 + BAND_ROWS).min(h);
            let colour = resizer.rows(y0, y1);
            if self.net.keeps_luminance() {
                // `preserve_colour(a, b)` keeps a's luminance and takes b's colour.
                let mut band = original.crop(0, y0, w, y1 - y0);
                preserve_colour(&mut band, &colour);
                sink(y0, &band);
            } else {
                sink(y0, &colour);
            }
        }
        Ok(())
    }

    /// The network over an image in overlapping tiles that share one set of normalisation
    /// statistics (one pass when it fits in a tile).
    async fn tiled<P: Pixels + ?Sized>(&self, original: &P, options: &StyleOptions, progress: Progress<'_>, sink: RowSink<'_>) -> Result<()> {
        let (w, h) = (original.width(), original.height());
        let multiple = self.net.size_multiple();
        let tile = if w.max(h) <= options.tile { options.tile } else { options.split.min(options.tile) };
        let plan = TilePlan::new(w, h, tile.max(64).max(2 * multiple), options.overlap, multiple);
        if plan.tiles.len() == 1 {
            let y = self.forward(&original.crop(0, 0, w, h), &mut NormState::own()).await?;
            progress(1, 1);
            sink(0, &y);
            return Ok(());
        }
        // Statistics pass on a downscaled copy, then every tile normalises with them.
        let small = fit_long_side(original, options.stats_size.max(64));
        let mut state = NormState::record();
        self.forward(&small, &mut state).await?;
        drop(small);
        let mut state = state.into_shared();
        let mut acc = plan.accumulator();
        for (i, tile) in plan.tiles.iter().enumerate() {
            state.rewind();
            let part = original.crop(tile.x, tile.y, tile.w, tile.h);
            let y = self.forward(&part, &mut state).await?;
            acc.add(&plan, tile, &y, sink);
            progress(i + 1, plan.tiles.len());
        }
        acc.finish(sink);
        Ok(())
    }

    /// The discriminator's realism scores for `output` as a translation of `original` (both
    /// the same size), one per patch, `(width, height, scores in [0, 1])`; `None` for models
    /// without a discriminator. Runs at the network's working size.
    pub async fn realism<P: Pixels + ?Sized, Q: Pixels + ?Sized>(&self, original: &P, output: &Q) -> Result<Option<(usize, usize, Vec<f32>)>> {
        let size = self.net.work_size().unwrap_or(CPU_TILE);
        let (w, h) = (original.width(), original.height());
        let (a, b) = if w.max(h) > size {
            (fit_long_side(original, size), fit_long_side(output, size))
        } else {
            (original.crop(0, 0, w, h), output.crop(0, 0, w, h))
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
