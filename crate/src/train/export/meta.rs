//! The metadata a model file carries about its training.

use std::collections::BTreeMap;

use super::request::ExportRequest;
use crate::pack::{ModelKind, ModelMeta, Stage, TrainInfo};

/// The metadata of a model from a run: a GAN's single stage of `steps` at `size`², trained on
/// `images` images for `seconds`, with its loss weights and last losses.
pub fn gan_meta(
    kind: ModelKind,
    req: &ExportRequest,
    (steps, size, images): (u64, usize, usize),
    weights: BTreeMap<String, f64>,
    final_losses: &BTreeMap<String, f64>,
    seconds: f64,
) -> ModelMeta {
    let train = TrainInfo {
        steps,
        image_size: size,
        stages: vec![Stage { steps, crop: size }],
        content_images: images,
        weights,
        final_losses: final_losses.clone(),
        seconds: Some(seconds.round()),
        ..TrainInfo::default()
    };
    ModelMeta { kind, name: req.name.clone(), style: req.credit.clone(), train, weights: String::new() }
}
