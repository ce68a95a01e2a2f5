//! The losses of neural style transfer.
//!
//! * **content** — how far the output's deep features are from the photo's: keeps the objects.
//! * **style** — how far the *Gram matrices* (which features fire together, wherever they are)
//!   are from the painting's: brings its colours, strokes and textures (Gatys et al., 2016).
//! * **total variation** — penalises pixel-to-pixel jumps: removes high-frequency colour speckle.
//! * **adversarial** — a discriminator judges patches real (painting) or fake (output): pushes
//!   textures towards ones a critic cannot tell from the painting (LSGAN, Mao et al., 2017).
//!
//! Content and style are *relative* (divided by the target's energy), so one set of weights
//! works across taps and images: content 1, style 10, TV 1 are sensible starting points.

use std::collections::BTreeMap;

use burn::tensor::Tensor;

use crate::features::Taps;

/// `G = F Fᵀ / (H·W)` per sample: `[N, C, H, W]` → `[N, C, C]`.
pub fn gram_matrix(features: Tensor<4>) -> Tensor<3> {
    let [n, c, h, w] = features.dims();
    let f = features.reshape([n, c, h * w]);
    f.clone().matmul(f.swap_dims(1, 2)) / (h * w) as f64
}

/// `‖a − b‖² / ‖b‖²` as a scalar tensor (`b` is the target).
pub fn relative_squared_error<const D: usize>(a: Tensor<D>, b: Tensor<D>) -> Tensor<1> {
    let energy = b.clone().powi_scalar(2).sum() + 1e-8;
    (a - b).powi_scalar(2).sum() / energy
}

/// Content loss on one tap.
#[derive(Debug, Clone)]
pub struct ContentLoss {
    pub tap: &'static str,
}

impl ContentLoss {
    pub fn new(tap: &'static str) -> Self {
        Self { tap }
    }

    pub fn forward(&self, output: &Taps, target: &Taps) -> Tensor<1> {
        relative_squared_error(output[self.tap].clone(), target[self.tap].clone())
    }
}

/// Gram-matrix style loss over several taps, against fixed target Gram matrices (batch of one,
/// broadcast over the output batch).
#[derive(Debug, Clone)]
pub struct StyleLoss {
    pub targets: BTreeMap<&'static str, Tensor<3>>,
}

impl StyleLoss {
    /// Target Gram matrices from the features of the style image.
    pub fn new(style_taps: &Taps, taps: &[&'static str]) -> Self {
        let targets = taps.iter().filter_map(|&t| style_taps.get(t).map(|f| (t, gram_matrix(f.clone()).detach()))).collect();
        Self { targets }
    }

    /// The relative Gram distance at each tap (which scale of the style is missing).
    /// Ordered shallow to deep.
    pub fn per_tap(&self, output: &Taps) -> Vec<(&'static str, Tensor<1>)> {
        let depth = |tap: &str| crate::features::TAPS.iter().position(|t| *t == tap).unwrap_or(usize::MAX);
        let mut taps: Vec<_> = self.targets.iter().collect();
        taps.sort_by_key(|(tap, _)| depth(tap));
        taps.into_iter()
            .map(|(&tap, target)| {
                let g = gram_matrix(output[tap].clone());
                let [n, c, _] = g.dims();
                (tap, relative_squared_error(g, target.clone().expand([n, c, c])))
            })
            .collect()
    }

    /// Mean over taps of the relative Gram distance.
    pub fn forward(&self, output: &Taps) -> Tensor<1> {
        let mut total: Option<Tensor<1>> = None;
        for (_, l) in self.per_tap(output) {
            total = Some(match total {
                Some(acc) => acc + l,
                None => l,
            });
        }
        match total {
            Some(t) => t / self.targets.len() as f64,
            None => Tensor::zeros([1], &self.device()),
        }
    }

    fn device(&self) -> burn::tensor::Device {
        self.targets.values().next().map(|t| t.device()).unwrap_or_default()
    }
}

/// Anisotropic total variation (L1): mean |∂x| + mean |∂y|.
pub fn total_variation(x: Tensor<4>) -> Tensor<1> {
    let [n, c, h, w] = x.dims();
    let dx = x.clone().slice([0..n, 0..c, 0..h, 1..w]) - x.clone().slice([0..n, 0..c, 0..h, 0..w - 1]);
    let dy = x.clone().slice([0..n, 0..c, 1..h, 0..w]) - x.slice([0..n, 0..c, 0..h - 1, 0..w]);
    dx.abs().mean() + dy.abs().mean()
}

/// Least-squares GAN loss: mean (D(x) − target)², target 1 for "real", 0 for "fake".
pub fn lsgan(scores: Tensor<4>, real: bool) -> Tensor<1> {
    let target = if real { 1.0 } else { 0.0 };
    (scores - target).powi_scalar(2).mean()
}
