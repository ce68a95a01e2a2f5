//! Paired training data for pix2pix: (condition, target) images, from a folder of pairs in the
//! pix2pix `A|B` side-by-side layout, or from a folder of plain pictures with the condition made
//! on the fly (Canny edges for "sketch → picture", the picture itself for colourisation, where
//! the model takes its luminance).

use std::path::{Path, PathBuf};

use burn::tensor::{Device, Tensor, TensorData};
use image::{GrayImage, Luma};
use imageproc::distance_transform::Norm;
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::error::{AtelierError, Result};
use crate::image::Planar;
use crate::train::run::data::{fit_short_side, list_images, split};

/// Where the condition image comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum PairSource {
    /// Each file holds the condition (left half) and the target (right half).
    Ab,
    /// Canny edges of each picture, drawn black on white.
    Edges,
    /// The picture itself (a grayscale model takes its luminance).
    Gray,
}

/// One (condition, target) pair, both RGB.
#[derive(Debug, Clone)]
pub struct Pair {
    pub condition: Planar,
    pub target: Planar,
}

/// Canny edges of a picture as a black-on-white drawing (imageproc's detector, Gaussian σ 1.4;
/// thresholds on the Sobel gradient of 0–255 luminance).
pub fn edges(img: &Planar) -> Planar {
    let p = img.width * img.height;
    let gray = GrayImage::from_fn(img.width as u32, img.height as u32, |x, y| {
        let i = y as usize * img.width + x as usize;
        let l = 0.299 * img.data[i] + 0.587 * img.data[p + i] + 0.114 * img.data[2 * p + i];
        Luma([(l.clamp(0.0, 1.0) * 255.0).round() as u8])
    });
    let lines = imageproc::edges::canny(&gray, 40.0, 100.0);
    let mut out = Planar::new(img.width, img.height);
    for (x, y, v) in lines.enumerate_pixels() {
        let i = y as usize * img.width + x as usize;
        let ink = if v.0[0] > 0 { 0.0 } else { 1.0 };
        for c in 0..3 {
            out.data[c * p + i] = ink;
        }
    }
    out
}

/// A drawing's dark lines made `radius` pixels thicker (users draw with thicker pens than an
/// edge detector's one-pixel lines).
pub fn thicken(drawing: &Planar, radius: u8) -> Planar {
    let p = drawing.width * drawing.height;
    let ink = GrayImage::from_fn(drawing.width as u32, drawing.height as u32, |x, y| {
        let i = y as usize * drawing.width + x as usize;
        Luma([if drawing.data[i] < 0.5 { 255 } else { 0 }])
    });
    let thick = imageproc::morphology::dilate(&ink, Norm::LInf, radius);
    let mut out = drawing.clone();
    for (x, y, v) in thick.enumerate_pixels() {
        let i = y as usize * drawing.width + x as usize;
        if v.0[0] > 0 {
            for c in 0..3 {
                out.data[c * p + i] = out.data[c * p + i].min(0.0);
            }
        }
    }
    out
}

fn split_ab(img: &Planar, file: &Path) -> Result<Pair> {
    if img.width < 2 * crate::image::MIN_SIDE as usize || !img.width.is_multiple_of(2) {
        return Err(AtelierError::BadImage(format!(
            "{}: a pair file holds the condition and the target side by side (an even width, e.g. 512×256), not {}×{}",
            file.display(),
            img.width,
            img.height
        )));
    }
    let half = img.width / 2;
    Ok(Pair { condition: img.crop(0, 0, half, img.height), target: img.crop(half, 0, half, img.height) })
}

/// Pairs held in memory, every picture at `load_size` (short side).
pub struct PairSet {
    pub pairs: Vec<Pair>,
}

impl PairSet {
    /// Training and held-out files of a data folder: its `train/` and `test/` subfolders when it
    /// has them (the pix2pix layout), else every sixth file held out.
    pub fn files(dir: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
        let (train, test) = (dir.join("train"), dir.join("test"));
        if train.is_dir() && test.is_dir() { Ok((list_images(&train)?, list_images(&test)?)) } else { Ok(split(list_images(dir)?)) }
    }

    pub fn load_pair(file: &Path, source: PairSource) -> Result<Pair> {
        let img = Planar::open(file)?;
        Ok(match source {
            PairSource::Ab => split_ab(&img, file)?,
            PairSource::Edges => Pair { condition: edges(&img), target: img },
            PairSource::Gray => Pair { condition: img.clone(), target: img },
        })
    }

    pub fn load(files: &[PathBuf], source: PairSource, load_size: usize) -> Result<Self> {
        let pairs = files
            .iter()
            .map(|f| {
                let p = Self::load_pair(f, source)?;
                Ok(Pair { condition: fit_short_side(&p.condition, load_size), target: fit_short_side(&p.target, load_size) })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self { pairs })
    }

    /// A batch of random `crop`² windows (the same window of condition and target), flipped at
    /// random; sketches get their lines thickened at random (0–2 px) when `thicken_lines`.
    pub fn batch(&self, rng: &mut impl Rng, n: usize, crop: usize, thicken_lines: bool, device: &Device) -> (Tensor<4>, Tensor<4>) {
        let (mut cond, mut target) = (Vec::with_capacity(n * 3 * crop * crop), Vec::with_capacity(n * 3 * crop * crop));
        for _ in 0..n {
            let pair = &self.pairs[rng.random_range(0..self.pairs.len())];
            let (w, h) = (pair.target.width, pair.target.height);
            let (x, y) = (rng.random_range(0..=w.saturating_sub(crop)), rng.random_range(0..=h.saturating_sub(crop)));
            let flip = rng.random_bool(0.5);
            let window = |img: &Planar| {
                let mut out = img.crop(x, y, crop.min(w), crop.min(h));
                if (out.width, out.height) != (crop, crop) {
                    out = out.resize(crop, crop);
                }
                if flip {
                    out.flip_horizontal();
                }
                out
            };
            let mut c = window(&pair.condition);
            if thicken_lines {
                let r = rng.random_range(0..3u8);
                if r > 0 {
                    c = thicken(&c, r);
                }
            }
            cond.extend(c.data);
            target.extend(window(&pair.target).data);
        }
        let t = |data: Vec<f32>| Tensor::<4>::from_data(TensorData::new(data, [n, 3, crop, crop]), device);
        (t(cond), t(target))
    }
}
