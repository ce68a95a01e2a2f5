//! `trainer eval` for StyleGAN models: KID (unbiased, with n) between generated and real
//! images, next to the untrained generator (the baseline) and the real set against itself (the
//! floor). The features are EfficientNet-Lite0's pooled `b8.exp` at 224² — not Inception, so
//! the figures are not FID or Inception KID and compare only with each other.

use std::path::Path;

use burn::tensor::Device;

use crate::breed::Breeder;
use crate::error::Result;
use crate::features::LossNet;
use crate::image::Planar;
use crate::models::StyleGan;
use crate::pack::{self, ModelKind};
use crate::train::run::data::list_images;
use crate::train::run::metrics::{features, kid};

#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub n: usize,
    pub kid: f64,
}

/// The table: KID of each row against `n_real` real images.
#[derive(Debug, Clone)]
pub struct StyleGanEval {
    pub n_real: usize,
    pub rows: Vec<Row>,
}

/// Rows: the model at ψ 1 and ψ 0.7, the untrained generator, the floor (real halves).
pub fn evaluate(model: &[u8], real_dir: &Path, max: usize, lossnet: &LossNet, device: &Device) -> Result<StyleGanEval> {
    let files = list_images(real_dir)?;
    let step = (files.len() / max.max(1)).max(1);
    let real: Vec<Planar> = files.iter().step_by(step).take(max).map(|f| Planar::open(f)).collect::<Result<_>>()?;
    let feats = |imgs: &[Planar]| imgs.iter().map(|i| features(lossnet, i, device)).collect::<Vec<_>>();
    let real_f = feats(&real);
    let seeds: Vec<u64> = (0..real.len() as u64).map(|s| 10_000 + s).collect();

    let breeder = pollster::block_on(Breeder::new(model, Device::flex()))?;
    let meta = breeder.meta().clone();
    let ModelKind::StyleGan(config) = meta.kind else {
        return Err(crate::error::AtelierError::WrongKind { expected: "stylegan".into(), found: meta.kind.name().into() });
    };
    let mut rows = Vec::new();
    for psi in [1.0f32, 0.7] {
        let generated = breeder.seeds_blocking(&seeds, psi)?;
        rows.push(Row {
            name: format!("{} ({} steps), ψ {psi}", meta.name, meta.train.steps),
            n: generated.len(),
            kid: kid(&feats(&generated), &real_f),
        });
    }
    let cpu = Device::flex();
    cpu.seed(0);
    let untrained = pack::to_bytes(&StyleGan::init(&config, &cpu), &pack::ModelMeta { weights: "f32".into(), ..meta.clone() })?;
    let generated = pollster::block_on(Breeder::new(&untrained, Device::flex()))?.seeds_blocking(&seeds, 1.0)?;
    rows.push(Row { name: "baseline: the untrained generator".into(), n: generated.len(), kid: kid(&feats(&generated), &real_f) });
    let (even, odd): (Vec<_>, Vec<_>) = real_f.iter().cloned().enumerate().partition(|(i, _)| i % 2 == 0);
    let (a, b): (Vec<_>, Vec<_>) = (even.into_iter().map(|x| x.1).collect(), odd.into_iter().map(|x| x.1).collect());
    rows.push(Row { name: "floor: real images, one half against the other".into(), n: a.len(), kid: kid(&a, &b) });
    Ok(StyleGanEval { n_real: real.len(), rows })
}

impl StyleGanEval {
    pub fn markdown(&self) -> String {
        let mut s = format!("| against {} real images | n | KID ↓ |\n|---|---|---|\n", self.n_real);
        for r in &self.rows {
            s += &format!("| {} | {} | {:.3} |\n", r.name, r.n, r.kid);
        }
        s
    }
}
