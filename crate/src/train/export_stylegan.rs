//! `trainer export` of a StyleGAN run: the average generator, `w_avg`, and the principal
//! directions of w (GANSpace, Härkönen et al. 2020: PCA of the w of many random seeds), int8,
//! with a thumbnail, a card and the manifest entry.

use std::collections::BTreeMap;

use burn::module::Param;
use burn::tensor::{Device, Tensor, TensorData};

use super::export::{ExportRequest, finish, quantize, write_model};
use super::{publish, run, stylegan, util};
use crate::breed::{Breeder, latents_of_seeds};
use crate::error::{AtelierError, Result};
use crate::image::Planar;
use crate::models::{GENES, StyleGan, StyleGenerator};
use crate::pack::{ModelKind, ModelMeta, Stage, TrainInfo};

/// Seeds whose w the principal directions are computed from.
const PCA_SEEDS: u64 = 10_000;
/// Seeds of the probe grid (4 × 4 at ψ 0.7): the int8 check, `seeds.png` and the thumbnail.
const PROBE_SEEDS: u64 = 16;

/// The `GENES` principal directions of w (rows, unit length, largest variance first) and the
/// standard deviation along each.
pub fn principal_directions(g: &StyleGenerator, seeds: u64, device: &Device) -> Result<(Vec<f32>, Vec<f32>)> {
    let w_dim = g.w_avg.dims()[0];
    let mut ws: Vec<f64> = Vec::with_capacity(seeds as usize * w_dim);
    for chunk in (1_000_000..1_000_000 + seeds).collect::<Vec<_>>().chunks(1000) {
        let w = g.map(latents_of_seeds(chunk, g.z_dim(), device));
        ws.extend(pollster::block_on(crate::image::read_f32(w))?.into_iter().map(f64::from));
    }
    let n = ws.len() / w_dim;
    let samples = nalgebra::DMatrix::from_row_slice(n, w_dim, &ws);
    let mean = samples.row_mean();
    let centred = nalgebra::DMatrix::from_fn(n, w_dim, |i, j| samples[(i, j)] - mean[j]);
    let cov = centred.transpose() * &centred / (n as f64 - 1.0).max(1.0);
    let eigen = nalgebra::SymmetricEigen::new(cov);
    let mut order: Vec<usize> = (0..w_dim).collect();
    order.sort_by(|&a, &b| eigen.eigenvalues[b].total_cmp(&eigen.eigenvalues[a]));
    let k = GENES.min(w_dim);
    let directions = order[..k].iter().flat_map(|&i| eigen.eigenvectors.column(i).iter().map(|&v| v as f32).collect::<Vec<_>>()).collect();
    let spread = order[..k].iter().map(|&i| eigen.eigenvalues[i].max(0.0).sqrt() as f32).collect();
    Ok((directions, spread))
}

/// What a StyleGAN file draws for the probe seeds: one 4 × 4 grid.
fn probe_grid(bytes: &[u8]) -> Result<Planar> {
    let breeder = pollster::block_on(Breeder::new(bytes, Device::flex()))?;
    let images = breeder.seeds_blocking(&(0..PROBE_SEEDS).collect::<Vec<_>>(), 0.7)?;
    let rows: Vec<Vec<Planar>> = images.chunks(4).map(|r| r.to_vec()).collect();
    Ok(util::contact_sheet(&rows, breeder.config().resolution))
}

/// A parameter that never trains.
fn fixed<const D: usize>(t: Tensor<D>) -> Param<Tensor<D>> {
    Param::from_tensor(t).set_require_grad(false)
}

pub fn export(req: &ExportRequest) -> Result<()> {
    let state = stylegan::read_state(&req.run)?;
    let s = &state.settings;
    let device = Device::flex();
    let generator = run::load_module(s.config.init(&device), &req.run.join(stylegan::GENERATOR_EMA))?;
    let (directions, spread) = principal_directions(&generator, PCA_SEEDS, &device)?;
    let k = spread.len();
    let net = StyleGan {
        generator,
        directions: fixed(Tensor::from_data(TensorData::new(directions, [k, s.config.w_dim]), &device)),
        spread: fixed(Tensor::from_data(TensorData::new(spread, [k]), &device)),
    };
    let meta = ModelMeta {
        kind: ModelKind::StyleGan(s.config),
        name: req.name.clone(),
        style: req.credit.clone(),
        train: TrainInfo {
            steps: state.step,
            image_size: s.config.resolution,
            stages: vec![Stage { steps: state.step, crop: s.config.resolution }],
            content_images: state.train_images,
            weights: BTreeMap::from([
                ("batch".into(), s.batch as f64),
                ("r1_gamma".into(), s.r1_gamma),
                ("mixing".into(), s.mixing),
                ("ema_kimg".into(), s.ema_kimg),
            ]),
            final_losses: state.last_losses.clone(),
            seconds: Some(state.seconds.round()),
            ..TrainInfo::default()
        },
        weights: String::new(),
    };
    let q = quantize(&net, meta, req.f32, probe_grid)?;
    if q.probe_out.data.iter().any(|v| !v.is_finite()) {
        return Err(AtelierError::BadConfig("the exported generator draws non-finite pixels; export an earlier checkpoint".into()));
    }
    write_model(req, &q)?;
    // The thumbnail: the grid's top-left 2 × 2 images (cells of `resolution` with 4 px gutters).
    let side = 2 * (s.config.resolution + 4) + 4;
    publish::thumbnail(&q.probe_out.crop(0, 0, side, side), &req.models.join(&req.name).join("thumb.jpg"))?;
    q.probe_out.save(&req.models.join(&req.name).join("seeds.png"))?;
    finish(req, &q, |previous| publish::stylegan_card(&q.meta, s, q.bytes.len(), q.f32_bytes.len(), previous))
}
