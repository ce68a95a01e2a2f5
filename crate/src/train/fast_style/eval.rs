//! `trainer eval`: content and style losses of a model's outputs on held-out photos, next to the
//! photo itself (no stylization) and to `trainer gatys` on the same photos.

use burn::tensor::Device;

use crate::features::LossNet;
use crate::image::Planar;
use crate::loss::{ContentLoss, StyleLoss};

/// Relative content and style losses of one output.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub content: f64,
    pub style: f64,
    /// The style loss at each tap, shallow to deep.
    pub per_tap: Vec<(&'static str, f64)>,
}

pub fn score(lossnet: &LossNet, output: &Planar, photo: &Planar, content: &ContentLoss, style: &StyleLoss, device: &Device) -> Scores {
    let f_out = lossnet.forward(output.to_tensor(device));
    let f_photo = lossnet.forward(photo.to_tensor(device));
    let per_tap: Vec<(&'static str, f64)> = style.per_tap(&f_out).into_iter().map(|(t, l)| (t, l.into_scalar::<f32>() as f64)).collect();
    Scores {
        content: content.forward(&f_out, &f_photo).into_scalar::<f32>() as f64,
        style: per_tap.iter().map(|(_, l)| l).sum::<f64>() / per_tap.len().max(1) as f64,
        per_tap,
    }
}

pub fn mean(scores: &[Scores]) -> Scores {
    let n = scores.len().max(1) as f64;
    let taps = scores.first().map(|s| s.per_tap.iter().map(|(t, _)| *t).collect::<Vec<_>>()).unwrap_or_default();
    Scores {
        content: scores.iter().map(|s| s.content).sum::<f64>() / n,
        style: scores.iter().map(|s| s.style).sum::<f64>() / n,
        per_tap: taps
            .iter()
            .enumerate()
            .map(|(i, &t)| (t, scores.iter().filter_map(|s| s.per_tap.get(i)).map(|(_, l)| l).sum::<f64>() / n))
            .collect(),
    }
}
