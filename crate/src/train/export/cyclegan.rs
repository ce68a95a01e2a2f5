//! `trainer export` of a CycleGAN run: both directions, `NAME` (A → B) and `NAME_reverse`
//! (B → A), each with the discriminator of its target domain.

use std::collections::BTreeMap;

use burn::tensor::Device;

use super::manifest::thumbnail;
use super::meta::gan_meta;
use super::quantize::{on_photo, probe_image, quantize};
use super::request::ExportRequest;
use super::write::{finish, write_model};
use crate::error::Result;
use crate::image::Planar;
use crate::models::{CycleGan, CycleGanConfig};
use crate::pack::{ModelKind, StyleCredit};
use crate::train::cyclegan::{self, Nets, card::card, domain_files};
use crate::train::run::load_module;

pub(super) fn export(req: &ExportRequest) -> Result<()> {
    let state = cyclegan::read_state(&req.run)?;
    let s = &state.settings;
    let device = Device::flex();
    let fresh = Nets::new(s, &device);
    let g = load_module(fresh.g, &req.run.join(cyclegan::GENERATORS))?;
    let d = load_module(fresh.d, &req.run.join(cyclegan::DISCRIMINATORS))?;
    let (test_a, test_b) = (domain_files(&s.a, "A")?.1, domain_files(&s.b, "B")?.1);
    let directions = [
        (req.name.clone(), &s.a_name, &s.b_name, CycleGan { generator: g.ab, discriminator: Some(d.b) }, &test_a),
        (format!("{}_reverse", req.name), &s.b_name, &s.a_name, CycleGan { generator: g.ba, discriminator: Some(d.a) }, &test_b),
    ];
    for (name, from, to, net, test) in directions {
        let config = CycleGanConfig { generator: s.generator, discriminator: s.discriminator, from: from.clone(), to: to.clone() };
        let credit = StyleCredit { title: format!("{}: {from} → {to}", req.credit.title), ..req.credit.clone() };
        let one = ExportRequest { name, run: req.run.clone(), models: req.models.clone(), credit, f32: req.f32 };
        let weights = BTreeMap::from([("cycle".into(), s.cycle_weight), ("identity".into(), s.identity_weight), ("pool".into(), s.pool_size as f64)]);
        let images = state.train_images.0 + state.train_images.1;
        let meta = gan_meta(ModelKind::CycleGan(config), &one, (state.step, s.schedule.size, images), weights, &state.last_losses, state.seconds);
        let probe = test.first().map(|f| Planar::open(f)).transpose()?.unwrap_or_else(probe_image);
        let q = quantize(&net, meta, req.f32, on_photo(&probe))?;
        write_model(&one, &q)?;
        thumbnail(&q.probe_out, &one.folder().join("thumb.jpg"))?;
        finish(&one, &q, |previous| card(&q.meta, s, state.train_images, q.bytes.len(), q.f32_bytes.len(), previous))?;
    }
    Ok(())
}
