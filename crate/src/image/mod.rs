//! Pixels in and out: RGBA bytes ↔ planar RGB tensors, size limits, tiling with feathered seams,
//! colour preservation and the strength blend.

mod colour;
mod source;
mod tiles;

pub use colour::{blend, luma, preserve_colour, rgb_of_ycbcr};
pub use source::{Pixels, RgbaImage, RowResizer};
pub use tiles::{Tile, TilePlan};

use burn::tensor::{Device, Tensor, TensorData};

use crate::error::{AtelierError, Result};

/// Largest image accepted: 40 megapixels and 12 000 px a side (a 4096×3072 photo is 12.6 MP).
pub const MAX_PIXELS: u64 = 40_000_000;
pub const MAX_SIDE: u32 = 12_000;
/// The network halves the size twice and pads with reflection: below this it cannot work.
pub const MIN_SIDE: u32 = 16;

pub fn check_size(width: u32, height: u32) -> Result<()> {
    let pixels = width as u64 * height as u64;
    if pixels > MAX_PIXELS || width > MAX_SIDE || height > MAX_SIDE {
        return Err(AtelierError::ImageTooLarge {
            width,
            height,
            mpx: pixels as f64 / 1e6,
            limit_mpx: (MAX_PIXELS / 1_000_000) as u32,
            limit_side: MAX_SIDE,
        });
    }
    if width < MIN_SIDE || height < MIN_SIDE {
        return Err(AtelierError::ImageTooSmall { width, height, min: MIN_SIDE });
    }
    Ok(())
}

/// A tensor's values, read back from the device (async: on WebGPU a sync read would block the page).
pub async fn read_f32<const D: usize>(t: Tensor<D>) -> Result<Vec<f32>> {
    t.into_data_async()
        .await
        .map_err(|e| AtelierError::Device(format!("{e:?}")))?
        .try_into_vec::<f32>()
        .map_err(|e| AtelierError::Device(format!("{e:?}")))
}

/// An RGB image as three planes of f32 in `[0, 1]` (the layout tensors use: C, H, W).
#[derive(Debug, Clone, PartialEq)]
pub struct Planar {
    pub width: usize,
    pub height: usize,
    pub data: Vec<f32>,
}

impl Planar {
    pub fn new(width: usize, height: usize) -> Self {
        Self { width, height, data: vec![0.0; 3 * width * height] }
    }

    /// An image from RGBA bytes (an upload), flattened onto white where it is transparent.
    pub fn from_rgba(rgba: &[u8], width: u32, height: u32) -> Result<Self> {
        Ok(RgbaImage::upload(rgba, width, height)?.crop(0, 0, width as usize, height as usize))
    }

    /// The RGB of RGBA bytes, alpha ignored (an output of the engine, whose alpha was copied
    /// from the upload: flattening it again would lighten half-transparent pixels twice).
    pub fn from_rgb_of_rgba(rgba: &[u8], width: u32, height: u32) -> Result<Self> {
        Ok(RgbaImage::output(rgba, width, height)?.crop(0, 0, width as usize, height as usize))
    }

    /// RGBA bytes; alpha copied from `alpha_from` (the original upload) or opaque. (The browser
    /// hands over straight, not premultiplied, alpha: `getImageData` un-premultiplies.)
    pub fn to_rgba(&self, alpha_from: Option<&[u8]>) -> Vec<u8> {
        let plane = self.width * self.height;
        let mut out = vec![255u8; plane * 4];
        for i in 0..plane {
            for c in 0..3 {
                out[i * 4 + c] = (self.data[c * plane + i].clamp(0.0, 1.0) * 255.0).round() as u8;
            }
            if let Some(a) = alpha_from.and_then(|a| a.get(i * 4 + 3)) {
                out[i * 4 + 3] = *a;
            }
        }
        out
    }

    pub fn crop(&self, x: usize, y: usize, w: usize, h: usize) -> Self {
        Pixels::crop(self, x, y, w, h)
    }

    /// Copy `band` (full width) into rows `y0..` of this image.
    pub fn paste_rows(&mut self, y0: usize, band: &Planar) {
        let (plane, band_plane) = (self.width * self.height, band.width * band.height);
        for c in 0..3 {
            let dst = c * plane + y0 * self.width;
            self.data[dst..dst + band_plane].copy_from_slice(&band.data[c * band_plane..(c + 1) * band_plane]);
        }
    }

    /// Mirror left ↔ right.
    pub fn flip_horizontal(&mut self) {
        let w = self.width;
        for row in self.data.chunks_exact_mut(w) {
            row.reverse();
        }
    }

    /// Area-averaging resize (triangle filter).
    pub fn resize(&self, width: usize, height: usize) -> Self {
        Pixels::resize(self, width, height)
    }

    pub fn to_tensor(&self, device: &Device) -> Tensor<4> {
        Tensor::from_data(TensorData::new(self.data.clone(), [1, 3, self.height, self.width]), device)
    }

    /// Read an `[N, 3, H, W]` batch back as N images (one read for the whole batch).
    pub async fn batch_from_tensor(t: Tensor<4>) -> Result<Vec<Self>> {
        let [_, c, h, w] = t.dims();
        if c != 3 {
            return Err(AtelierError::Device(format!("expected 3 channels, got {c}")));
        }
        let data = read_f32(t).await?;
        Ok(data.chunks_exact(3 * h * w).map(|d| Self { width: w, height: h, data: d.to_vec() }).collect())
    }

    /// Read a `[1, 3, H, W]` tensor back (async: on WebGPU a sync read would block the page).
    pub async fn from_tensor(t: Tensor<4>) -> Result<Self> {
        let [_, c, h, w] = t.dims();
        if c != 3 {
            return Err(AtelierError::Device(format!("expected 3 channels, got {c}")));
        }
        Ok(Self { width: w, height: h, data: read_f32(t).await? })
    }

    /// Decode an encoded image (PNG, JPEG) with size limits, then check Atelier's limits.
    pub fn decode(bytes: &[u8]) -> Result<Self> {
        let mut reader =
            image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format().map_err(|e| AtelierError::BadImage(e.to_string()))?;
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
        limits.max_alloc = Some(MAX_PIXELS * 16);
        reader.limits(limits);
        let img = reader.decode().map_err(|e| AtelierError::BadImage(e.to_string()))?;
        let rgba = img.to_rgba8();
        Self::from_rgba(rgba.as_raw(), rgba.width(), rgba.height())
    }

    #[cfg(not(target_family = "wasm"))]
    pub fn open(path: &std::path::Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| AtelierError::Io(format!("{}: {e}", path.display())))?;
        Self::decode(&bytes).map_err(|e| match e {
            AtelierError::BadImage(m) => AtelierError::BadImage(format!("{}: {m}", path.display())),
            other => other,
        })
    }

    /// Save as PNG, or JPEG (quality 90) when the path ends in `.jpg`/`.jpeg`.
    #[cfg(not(target_family = "wasm"))]
    pub fn save(&self, path: &std::path::Path) -> Result<()> {
        let err = |e: image::ImageError| AtelierError::Io(format!("{}: {e}", path.display()));
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        let (w, h) = (self.width as u32, self.height as u32);
        if ext == "jpg" || ext == "jpeg" {
            let rgb: Vec<u8> = self.to_rgba(None).chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
            let file = std::fs::File::create(path).map_err(|e| AtelierError::Io(format!("{}: {e}", path.display())))?;
            image::codecs::jpeg::JpegEncoder::new_with_quality(file, 90).encode(&rgb, w, h, image::ExtendedColorType::Rgb8).map_err(err)
        } else {
            image::save_buffer(path, &self.to_rgba(None), w, h, image::ColorType::Rgba8).map_err(err)
        }
    }
}

/// Resize so the long side is `long` (area-averaged; at least 16 px a side).
pub fn fit_long_side<P: Pixels + ?Sized>(img: &P, long: usize) -> Planar {
    let s = long as f64 / img.width().max(img.height()) as f64;
    img.resize(((img.width() as f64 * s).round() as usize).max(16), ((img.height() as f64 * s).round() as usize).max(16))
}

/// Peak signal-to-noise ratio in dB between two images of the same size (values in `[0, 1]`).
pub fn psnr(a: &[f32], b: &[f32]) -> f64 {
    let n = a.len().min(b.len()).max(1);
    let mse: f64 = a.iter().zip(b).map(|(x, y)| ((x - y) as f64).powi(2)).sum::<f64>() / n as f64;
    if mse == 0.0 { f64::INFINITY } else { 10.0 * (1.0 / mse).log10() }
}
