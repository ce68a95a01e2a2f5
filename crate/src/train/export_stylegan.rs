//! `trainer export` of a StyleGAN run: the average generator, `w_avg`, and the principal
//! directions of w (GANSpace, Härkönen et al. 2020: PCA of the w of many random seeds), int8,
//! with a thumbnail, a card and the manifest entry.

use std::collections::BTreeMap;

use burn::module::Param;
use burn::tensor::{Device, Tensor, TensorData};

use super::export::{ExportRequest, Quantized, finish, write_model};
use super::{publish, run, stylegan, util};
use crate::breed::{Breeder, normal_of_seed};
use crate::error::{AtelierError, Result};
use crate::image::{Planar, psnr};
use crate::models::{GENES, StyleGan, StyleGenerator};
use crate::pack::{self, ModelKind, ModelMeta, Stage, TrainInfo};

/// Seeds whose w the principal directions are computed from.
const PCA_SEEDS: u64 = 10_000;

/// The `GENES` principal directions of w (rows, unit length, largest variance first) and the
/// standard deviation along each.
pub fn principal_directions(g: &StyleGenerator, seeds: u64, device: &Device) -> Result<(Vec<f32>, Vec<f32>)> {
    let z_dim = g.mapping.layers.first().map(|l| l.weight.dims()[0]).unwrap_or(0);
    let w_dim = g.w_avg.dims()[0];
    let mut ws: Vec<f64> = Vec::with_capacity(seeds as usize * w_dim);
    for chunk in (0..seeds).collect::<Vec<_>>().chunks(1000) {
        let z: Vec<f32> = chunk.iter().flat_map(|&s| normal_of_seed(1_000_000 + s, z_dim)).collect();
        let w = g.map(Tensor::from_data(TensorData::new(z, [chunk.len(), z_dim]), device));
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

/// The images of seeds 0..16 at ψ 0.7 as one grid (the int8 check and the thumbnail).
fn probe_grid(bytes: &[u8]) -> Result<(Planar, Planar)> {
    let breeder = pollster::block_on(Breeder::new(bytes, Device::flex()))?;
    let images = breeder.seeds_blocking(&(0..16).collect::<Vec<_>>(), 0.7)?;
    let rows: Vec<Vec<Planar>> = images.chunks(4).map(|r| r.to_vec()).collect();
    let r = breeder.config().resolution;
    let thumb = util::contact_sheet(&rows[..2.min(rows.len())].iter().map(|r| r[..2.min(r.len())].to_vec()).collect::<Vec<_>>(), r);
    Ok((util::contact_sheet(&rows, r), thumb))
}

pub fn export(req: &ExportRequest) -> Result<()> {
    let state = stylegan::read_state(&req.run)?;
    let s = &state.settings;
    let device = Device::flex();
    let generator = run::load_module(s.config.init(&device), &req.run.join(stylegan::GENERATOR_EMA))?;
    let (directions, spread) = principal_directions(&generator, PCA_SEEDS, &device)?;
    let k = spread.len();
    let fixed = |t: Tensor<2>| Param::from_tensor(t).set_require_grad(false);
    let net = StyleGan {
        generator,
        directions: fixed(Tensor::from_data(TensorData::new(directions, [k, s.config.w_dim]), &device)),
        spread: Param::from_tensor(Tensor::from_data(TensorData::new(spread, [k]), &device)).set_require_grad(false),
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
        weights: "f32".into(),
    };
    let f32_bytes = pack::to_bytes(&net, &meta)?;
    let (f32_grid, _) = probe_grid(&f32_bytes)?;
    let mut q_meta = ModelMeta { weights: "q8s-per-channel".into(), ..meta.clone() };
    let q_net = pack::quantize_per_channel(net.clone());
    let (q_grid, _) = probe_grid(&pack::to_bytes(&q_net, &q_meta)?)?;
    let db = (psnr(&f32_grid.data, &q_grid.data) * 10.0).round() / 10.0;
    let (bytes, mut final_meta) = if req.f32 { (None, meta) } else { (Some(()), { q_meta.train.int8_psnr_db = Some(db); q_meta }) };
    final_meta.train.int8_psnr_db = Some(db);
    let bytes = match bytes {
        Some(()) => pack::to_bytes(&q_net, &final_meta)?,
        None => pack::to_bytes(&net, &final_meta)?,
    };
    let (grid, thumb) = probe_grid(&bytes)?;
    if grid.data.iter().any(|v| !v.is_finite()) {
        return Err(AtelierError::BadConfig("the exported generator draws non-finite pixels; export an earlier checkpoint".into()));
    }
    let q = Quantized { f32_bytes, bytes, meta: final_meta, probe_out: grid };
    write_model(req, &q)?;
    publish::thumbnail(&thumb, &req.models.join(&req.name).join("thumb.jpg"))?;
    q.probe_out.save(&req.models.join(&req.name).join("seeds.png"))?;
    finish(req, &q, |previous| publish::stylegan_card(&q.meta, s, q.bytes.len(), q.f32_bytes.len(), previous))
}
