//! `trainer export` of a pix2pix run: both networks (the discriminator is the page's realism
//! map), measured and pictured on the most colourful held-out input.

use std::collections::BTreeMap;

use burn::tensor::Device;

use super::manifest::thumbnail;
use super::meta::gan_meta;
use super::quantize::{on_photo, probe_image, quantize};
use super::request::ExportRequest;
use super::write::{finish, write_model};
use crate::error::Result;
use crate::models::Pix2Pix;
use crate::pack::ModelKind;
use crate::train::pix2pix::{self, card::card, pairs::PairSet};
use crate::train::run::{load_module, metrics::colourfulness};

pub(super) fn export(req: &ExportRequest) -> Result<()> {
    let state = pix2pix::read_state(&req.run)?;
    let s = &state.settings;
    let config = s.config;
    let device = Device::flex();
    let fresh = config.init(&device);
    let net = Pix2Pix {
        generator: load_module(fresh.generator, &req.run.join(pix2pix::GENERATOR))?,
        discriminator: Some(load_module(
            fresh.discriminator.unwrap_or_else(|| config.discriminator.init(&device)),
            &req.run.join(pix2pix::DISCRIMINATOR),
        )?),
    };
    let weights = BTreeMap::from([
        ("l1".into(), s.l1_weight),
        ("adversarial".into(), s.adv_weight),
        ("l1_only_steps".into(), s.l1_only_steps as f64),
        ("batch".into(), s.schedule.batch as f64),
    ]);
    let meta =
        gan_meta(ModelKind::Pix2Pix(config), req, (state.step, s.schedule.size, state.train_pairs), weights, &state.last_losses, state.seconds);
    let (_, test_files) = PairSet::files(&s.data)?;
    // The probe (int8 PSNR, thumbnail): the most colourful of the first held-out targets.
    let held = pix2pix::held_out(&test_files, s.source, s.schedule.size, 16)?;
    let probe = held
        .iter()
        .max_by(|a, b| colourfulness(&a.target).total_cmp(&colourfulness(&b.target)))
        .map(|p| p.condition.clone())
        .unwrap_or_else(probe_image);
    let q = quantize(&net, meta, req.f32, on_photo(&probe))?;
    write_model(req, &q)?;
    // The thumbnail is the model's own output on a held-out input.
    thumbnail(&q.probe_out, &req.folder().join("thumb.jpg"))?;
    finish(req, &q, |previous| card(&q.meta, s, q.bytes.len(), q.f32_bytes.len(), previous))
}
