//! `trainer export` of a StyleGAN run: the average generator, `w_avg`, and the principal
//! directions of w (its genes), int8, with a thumbnail, the probe grid, a card and the manifest
//! entry.

use std::collections::BTreeMap;

use burn::module::Param;
use burn::tensor::{Device, Tensor, TensorData};

use super::manifest::thumbnail;
use super::meta::gan_meta;
use super::quantize::quantize;
use super::request::ExportRequest;
use super::write::{finish, write_model};
use crate::breed::Breeder;
use crate::error::{AtelierError, Result};
use crate::image::Planar;
use crate::models::StyleGan;
use crate::pack::ModelKind;
use crate::train::run::{contact_sheet, load_module};
use crate::train::stylegan::{self, card::card, genes::principal_directions};

/// Seeds whose w the principal directions are computed from.
const PCA_SEEDS: u64 = 10_000;
/// Seeds of the probe grid (4 × 4 at ψ 0.7): the int8 check, `seeds.png` and the thumbnail.
const PROBE_SEEDS: u64 = 16;

/// What a StyleGAN file draws for the probe seeds: one 4 × 4 grid.
fn probe_grid(bytes: &[u8]) -> Result<Planar> {
    let breeder = pollster::block_on(Breeder::new(bytes, Device::flex()))?;
    let images = breeder.seeds_blocking(&(0..PROBE_SEEDS).collect::<Vec<_>>(), 0.7)?;
    let rows: Vec<Vec<Planar>> = images.chunks(4).map(|r| r.to_vec()).collect();
    Ok(contact_sheet(&rows, breeder.config().resolution))
}

/// A parameter that never trains.
fn fixed<const D: usize>(t: Tensor<D>) -> Param<Tensor<D>> {
    Param::from_tensor(t).set_require_grad(false)
}

pub(super) fn export(req: &ExportRequest) -> Result<()> {
    let state = stylegan::read_state(&req.run)?;
    let s = &state.settings;
    let device = Device::flex();
    let generator = load_module(s.config.init(&device), &req.run.join(stylegan::GENERATOR_EMA))?;
    let (directions, spread) = principal_directions(&generator, PCA_SEEDS, &device)?;
    let k = spread.len();
    let net = StyleGan {
        generator,
        directions: fixed(Tensor::from_data(TensorData::new(directions, [k, s.config.w_dim]), &device)),
        spread: fixed(Tensor::from_data(TensorData::new(spread, [k]), &device)),
    };
    let weights = BTreeMap::from([
        ("batch".into(), s.batch as f64),
        ("r1_gamma".into(), s.r1_gamma),
        ("mixing".into(), s.mixing),
        ("ema_kimg".into(), s.ema_kimg),
    ]);
    let size = s.config.resolution;
    let meta = gan_meta(ModelKind::StyleGan(s.config), req, (state.step, size, state.train_images), weights, &state.last_losses, state.seconds);
    let q = quantize(&net, meta, req.f32, probe_grid)?;
    if q.probe_out.data.iter().any(|v| !v.is_finite()) {
        return Err(AtelierError::BadConfig("the exported generator draws non-finite pixels; export an earlier checkpoint".into()));
    }
    write_model(req, &q)?;
    // The thumbnail: the grid's top-left 2 × 2 images (cells of `resolution` with 4 px gutters).
    let side = 2 * (s.config.resolution + 4) + 4;
    thumbnail(&q.probe_out.crop(0, 0, side, side), &req.folder().join("thumb.jpg"))?;
    q.probe_out.save(&req.folder().join("seeds.png"))?;
    finish(req, &q, |previous| card(&q.meta, s, q.bytes.len(), q.f32_bytes.len(), previous))
}
