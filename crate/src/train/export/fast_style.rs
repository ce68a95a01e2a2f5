//! `trainer export` of a fast-style run: the generator, measured on a held-out photo.

use std::collections::BTreeMap;

use burn::tensor::Device;

use super::manifest::thumbnail;
use super::quantize::{on_photo, probe_image, quantize};
use super::request::ExportRequest;
use super::write::{finish, write_model};
use crate::error::Result;
use crate::image::Planar;
use crate::pack::{ModelKind, ModelMeta, TrainInfo};
use crate::train::fast_style::{self, card::card};
use crate::train::run::data;

pub(super) fn export(req: &ExportRequest) -> Result<()> {
    let state = fast_style::read_state(&req.run.join(fast_style::STATE))?;
    let device = Device::flex();
    let net = fast_style::load_module(state.settings.config.init(&device), &req.run.join(fast_style::CHECKPOINT))?;
    let s = &state.settings;
    let stages = state.stages();
    let meta = ModelMeta {
        kind: ModelKind::FastStyle(s.config),
        name: req.name.clone(),
        style: req.credit.clone(),
        train: TrainInfo {
            steps: stages.iter().map(|s| s.steps).sum(),
            image_size: s.size,
            stages,
            content_images: state.content_images,
            weights: BTreeMap::from([
                ("content".into(), s.content_weight),
                ("style".into(), s.style_weight),
                ("tv".into(), s.tv_weight),
                ("adversarial".into(), s.adv_weight),
                ("style_size".into(), s.style_size as f64),
            ]),
            final_losses: state.last_losses.clone(),
            ..TrainInfo::default()
        },
        weights: String::new(),
    };
    // Quality of the int8 weights: both versions on a held-out photo (else a test card).
    let probe = data::list_images(&s.content_dir)
        .ok()
        .and_then(|files| data::split(files).1.first().and_then(|f| Planar::open(f).ok()))
        .unwrap_or_else(probe_image);
    let q = quantize(&net, meta, req.f32, on_photo(&probe))?;
    write_model(req, &q)?;
    thumbnail(&Planar::open(&s.style_image)?, &req.folder().join("thumb.jpg"))?;
    let db = q.meta.train.int8_psnr_db.unwrap_or(f64::NAN);
    finish(req, &q, |previous| card(&q.meta, &s.style_image, q.bytes.len(), q.f32_bytes.len(), db, previous))
}
