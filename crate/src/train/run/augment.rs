//! DiffAugment (Zhao et al. 2020): the same differentiable colour, translation and cutout
//! augmentation applied to every image the discriminator sees, real and fake, in both the D and
//! the G step. The discriminator can no longer memorise a small training set, and because the
//! augmentation is differentiable the generator still learns through it (it never learns to
//! draw the augmentations themselves).
//!
//! Images are in `[-1, 1]`. The random numbers come from the step's generator, so a resumed
//! run augments exactly as an uninterrupted one.

use burn::tensor::{Tensor, TensorData};
use rand::Rng;

/// Which parts of the policy run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DiffAugment {
    pub colour: bool,
    pub translation: bool,
    pub cutout: bool,
}

impl DiffAugment {
    /// The paper's `color,translation,cutout`.
    pub const ALL: Self = Self { colour: true, translation: true, cutout: true };
    pub const NONE: Self = Self { colour: false, translation: false, cutout: false };

    /// "colour, translation, cutout" (or "off").
    pub fn describe(&self) -> String {
        let parts: Vec<&str> = [(self.colour, "colour"), (self.translation, "translation"), (self.cutout, "cutout")]
            .iter()
            .filter_map(|(on, name)| on.then_some(*name))
            .collect();
        if parts.is_empty() { "off".into() } else { parts.join(", ") }
    }

    pub fn apply(&self, x: Tensor<4>, rng: &mut impl Rng) -> Tensor<4> {
        let mut x = x;
        if self.colour {
            x = colour(x, rng);
        }
        if self.translation {
            x = translation(x, 0.125, rng);
        }
        if self.cutout {
            x = cutout(x, 0.5, rng);
        }
        x
    }
}

/// One random number per sample, broadcast over `[N, 1, 1, 1]`.
fn per_sample(x: &Tensor<4>, rng: &mut impl Rng, f: impl Fn(f32) -> f32) -> Tensor<4> {
    let n = x.dims()[0];
    let v: Vec<f32> = (0..n).map(|_| f(rng.random::<f32>())).collect();
    Tensor::from_data(TensorData::new(v, [n, 1, 1, 1]), &x.device())
}

/// Random brightness (±0.5), saturation (×0–2) and contrast (×0.5–1.5).
fn colour(x: Tensor<4>, rng: &mut impl Rng) -> Tensor<4> {
    let x = x.clone() + per_sample(&x, rng, |u| u - 0.5);
    let mean = x.clone().mean_dim(1);
    let x = (x.clone() - mean.clone()) * per_sample(&x, rng, |u| u * 2.0) + mean;
    let [n, c, h, w] = x.dims();
    let mean = x.clone().reshape([n, c * h * w]).mean_dim(1).reshape([n, 1, 1, 1]);
    (x.clone() - mean.clone()) * per_sample(&x, rng, |u| u + 0.5) + mean
}

/// Shift each sample by up to `ratio` of its size in x and y, filling with zeros.
fn translation(x: Tensor<4>, ratio: f64, rng: &mut impl Rng) -> Tensor<4> {
    let [n, c, h, w] = x.dims();
    let (mh, mw) = (((h as f64) * ratio).round() as usize, ((w as f64) * ratio).round() as usize);
    if mh == 0 && mw == 0 {
        return x;
    }
    let padded = x.pad([(mh, mh), (mw, mw)], burn::tensor::ops::PadMode::Constant(0.0));
    let parts = (0..n)
        .map(|i| {
            let (dy, dx) = (rng.random_range(0..=2 * mh), rng.random_range(0..=2 * mw));
            padded.clone().slice([i..i + 1, 0..c, dy..dy + h, dx..dx + w])
        })
        .collect();
    Tensor::cat(parts, 0)
}

/// Zero one square of `ratio` × the image's side at a random place in each sample.
fn cutout(x: Tensor<4>, ratio: f64, rng: &mut impl Rng) -> Tensor<4> {
    let [n, _, h, w] = x.dims();
    let (ch, cw) = (((h as f64) * ratio) as usize, ((w as f64) * ratio) as usize);
    let mut mask = vec![1.0f32; n * h * w];
    for i in 0..n {
        let (cy, cx) = (rng.random_range(0..h) as isize, rng.random_range(0..w) as isize);
        for y in (cy - ch as isize / 2).max(0)..(cy + ch as isize / 2).min(h as isize) {
            for xx in (cx - cw as isize / 2).max(0)..(cx + cw as isize / 2).min(w as isize) {
                mask[i * h * w + y as usize * w + xx as usize] = 0.0;
            }
        }
    }
    x.clone() * Tensor::<4>::from_data(TensorData::new(mask, [n, 1, h, w]), &x.device())
}
