//! Training and evaluation photos.

use std::path::{Path, PathBuf};

use burn::tensor::{Device, Tensor, TensorData};
use rand::Rng;

use crate::error::{AtelierError, Result};
use crate::image::Planar;

/// Image files of a folder, sorted by name.
pub fn list_images(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| AtelierError::Io(format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            matches!(ext.as_str(), "jpg" | "jpeg" | "png" | "webp")
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(AtelierError::Io(format!("no JPEG/PNG images in {}", dir.display())));
    }
    Ok(files)
}

/// Held-out evaluation photos: every sixth file by name (never used for training).
pub fn split(files: Vec<PathBuf>) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (mut train, mut held) = (Vec::new(), Vec::new());
    for (i, f) in files.into_iter().enumerate() {
        if i % 6 == 5 { held.push(f) } else { train.push(f) }
    }
    (train, held)
}

/// Resize so the short side is `short` (keeps the aspect ratio).
pub fn fit_short_side(img: &Planar, short: usize) -> Planar {
    let s = short as f64 / img.width.min(img.height) as f64;
    img.resize(((img.width as f64 * s).round() as usize).max(short), ((img.height as f64 * s).round() as usize).max(short))
}

pub use crate::image::fit_long_side;

/// The first three of `files` at 256 px long side: the fixed inputs of every sample sheet.
pub fn sample_inputs(files: &[PathBuf]) -> Result<Vec<Planar>> {
    files.iter().take(3).map(|f| Planar::open(f).map(|p| fit_long_side(&p, 256))).collect()
}

/// Photos kept in memory at a working scale; batches are random crops with random flips.
pub struct ContentSet {
    pub images: Vec<Planar>,
}

impl ContentSet {
    pub fn load(files: &[PathBuf], short_side: usize) -> Result<Self> {
        let images = files.iter().map(|f| Planar::open(f).map(|img| fit_short_side(&img, short_side))).collect::<Result<Vec<_>>>()?;
        Ok(Self { images })
    }

    pub fn batch(&self, rng: &mut impl Rng, n: usize, crop: usize, device: &Device) -> Tensor<4> {
        let mut data = Vec::with_capacity(n * 3 * crop * crop);
        for _ in 0..n {
            let img = &self.images[rng.random_range(0..self.images.len())];
            data.extend(random_crop(img, rng, crop).data);
        }
        Tensor::from_data(TensorData::new(data, [n, 3, crop, crop]), device)
    }
}

pub fn random_crop(img: &Planar, rng: &mut impl Rng, crop: usize) -> Planar {
    let x = rng.random_range(0..=img.width.saturating_sub(crop));
    let y = rng.random_range(0..=img.height.saturating_sub(crop));
    let mut out = img.crop(x, y, crop.min(img.width), crop.min(img.height));
    if out.width != crop || out.height != crop {
        out = out.resize(crop, crop);
    }
    if rng.random_bool(0.5) {
        out.flip_horizontal();
    }
    out
}
