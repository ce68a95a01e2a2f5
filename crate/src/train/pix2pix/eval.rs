//! `trainer eval` for translation models (pix2pix) on held-out pairs: L1 and PSNR against the
//! ground truth, a colourfulness measure (so grey averages do not win on L1), and KID between
//! outputs and real targets — each next to trivial baselines measured the same way: the input
//! itself, the mean training target and, as the floor, real training targets.

use std::path::{Path, PathBuf};

use burn::tensor::Device;

use super::pairs::{Pair, PairSet, PairSource};
use crate::engine::{StyleOptions, Stylizer};
use crate::error::{AtelierError, Result};
use crate::features::LossNet;
use crate::image::{Planar, psnr};
use crate::models::InputKind;
use crate::train::run::metrics::{colourfulness, features, kid, l1};

/// The figures of one column of the table (a model or a baseline).
#[derive(Debug, Clone, Default)]
pub struct Column {
    pub name: String,
    pub l1: f64,
    pub psnr: f64,
    pub colourfulness: f64,
    pub kid: f64,
}

/// The input as a picture (a sketch as drawn, a photo in grey): the "do nothing" baseline.
fn input_as_image(kind: InputKind, condition: &Planar) -> Planar {
    match kind {
        InputKind::Photo | InputKind::Sketch => condition.clone(),
        InputKind::Gray => {
            let p = condition.width * condition.height;
            let mut out = condition.clone();
            for i in 0..p {
                let y = 0.299 * condition.data[i] + 0.587 * condition.data[p + i] + 0.114 * condition.data[2 * p + i];
                for c in 0..3 {
                    out.data[c * p + i] = y;
                }
            }
            out
        }
    }
}

pub struct TranslationEval {
    pub held_out: usize,
    pub columns: Vec<Column>,
    /// Mean colourfulness of the real targets.
    pub target_colourfulness: f64,
    /// The first held-out pairs: input (as the model sees it), the model's output, the target.
    pub examples: Vec<Vec<Planar>>,
}

/// Evaluate `model` on the held-out pairs of `data` (at most `max`).
pub fn evaluate(model: &[u8], data: &Path, source: Option<PairSource>, max: usize, lossnet: &LossNet, device: &Device) -> Result<TranslationEval> {
    let stylizer = Stylizer::new(model, Device::flex())?;
    let input = stylizer.meta().kind.input().unwrap_or(InputKind::Photo);
    let source = source.unwrap_or(if input == InputKind::Gray { PairSource::Gray } else { PairSource::Ab });
    let (train_files, test_files) = PairSet::files(data)?;
    if test_files.len() < 2 {
        return Err(AtelierError::BadConfig(format!("{} has fewer than 2 held-out pairs", data.display())));
    }
    let test: Vec<_> = test_files.iter().take(max).map(|f| PairSet::load_pair(f, source)).collect::<Result<_>>()?;
    // The mean training target, at a common size (resized to each held-out pair below).
    let (mw, mh) = (test[0].target.width, test[0].target.height);
    let mut mean = Planar::new(mw, mh);
    let sample: Vec<&PathBuf> = train_files.iter().step_by((train_files.len() / 200).max(1)).collect();
    let mut real_train = Vec::new();
    for f in &sample {
        let t = PairSet::load_pair(f, source)?.target.resize(mw, mh);
        for (m, v) in mean.data.iter_mut().zip(&t.data) {
            *m += v / sample.len() as f32;
        }
        if real_train.len() < test.len() {
            real_train.push(features(lossnet, &t, device));
        }
    }
    let real: Vec<Vec<f64>> = test.iter().map(|p| features(lossnet, &p.target, device)).collect();
    let mut columns = Vec::new();
    let mut column = |name: &str, make: &mut dyn FnMut(&Pair) -> Result<Planar>| -> Result<()> {
        let (mut c, mut feats) = (Column { name: name.into(), ..Column::default() }, Vec::new());
        for p in &test {
            let out = make(p)?;
            c.l1 += l1(&out, &p.target) / test.len() as f64;
            c.psnr += psnr(&out.data, &p.target.data) / test.len() as f64;
            c.colourfulness += colourfulness(&out) / test.len() as f64;
            feats.push(features(lossnet, &out, device));
        }
        c.kid = kid(&feats, &real);
        columns.push(c);
        Ok(())
    };
    let mut examples = Vec::new();
    column(&stylizer.meta().name, &mut |p| {
        let out = stylizer.stylize_blocking(&p.condition, &StyleOptions::default())?;
        if examples.len() < 12 {
            examples.push(vec![input_as_image(input, &p.condition), out.clone(), p.target.clone()]);
        }
        Ok(out)
    })?;
    column("baseline: the input", &mut |p| Ok(input_as_image(input, &p.condition)))?;
    column("baseline: mean training target", &mut |p| Ok(mean.resize(p.target.width, p.target.height)))?;
    let target_colourfulness = test.iter().map(|p| colourfulness(&p.target)).sum::<f64>() / test.len() as f64;
    columns.push(Column { name: "floor: real training targets (KID only)".into(), kid: kid(&real_train, &real), ..Column::default() });
    Ok(TranslationEval { held_out: test.len(), columns, target_colourfulness, examples })
}

impl TranslationEval {
    /// The table as Markdown (pasted into the model card).
    pub fn markdown(&self) -> String {
        let mut s = format!(
            "| held-out pairs: {n} | L1 ↓ | PSNR dB ↑ | colourfulness (targets {:.1}) | KID ↓ (n = {n} vs {n}) |\n|---|---|---|---|---|\n",
            self.target_colourfulness,
            n = self.held_out
        );
        for c in &self.columns {
            if c.name.starts_with("floor") {
                s += &format!("| {} | — | — | — | {:.3} |\n", c.name, c.kid);
            } else {
                s += &format!("| {} | {:.4} | {:.2} | {:.1} | {:.3} |\n", c.name, c.l1, c.psnr, c.colourfulness, c.kid);
            }
        }
        s
    }
}
