//! `trainer eval` for CycleGAN: both directions on held-out images of both domains. Cycle
//! reconstruction PSNR (A → B → A, B → A → B), and KID of EfficientNet-Lite0 pooled features
//! between the translations of held-out inputs and the target domain (its training images, an
//! even spread of at most `max`: every painting of the set, where a held-out split may hold only
//! two), next to the same KID for the untranslated inputs (the baseline to beat) and for the
//! target domain's held-out images (the floor: unseen images of the domain itself).

use std::path::Path;

use burn::tensor::Device;

use super::settings::domain_files;
use crate::engine::{StyleOptions, Stylizer};
use crate::error::{AtelierError, Result};
use crate::features::LossNet;
use crate::image::{Planar, psnr};
use crate::pack::ModelKind;
use crate::train::run::data::fit_long_side;
use crate::train::run::metrics::{features, kid};

/// One direction's figures.
#[derive(Debug, Clone)]
pub struct Direction {
    pub from: String,
    pub to: String,
    /// Held-out inputs, and the target domain's images they are compared with.
    pub n: (usize, usize),
    pub cycle_psnr: f64,
    pub kid_translated: f64,
    pub kid_untranslated: f64,
    pub kid_floor: f64,
    /// Held-out input | translated | translated back.
    pub examples: Vec<Vec<Planar>>,
}

/// At most `max` of `files`, evenly spread over the list (so over every picture a set was cut
/// from, not the first few), at `size` px long side.
fn load(files: &[std::path::PathBuf], max: usize, size: usize) -> Result<Vec<Planar>> {
    let n = files.len().min(max);
    (0..n).map(|i| Planar::open(&files[i * files.len() / n]).map(|p| fit_long_side(&p, size))).collect()
}

/// Evaluate a pair of model files (`forward`: A → B, `back`: B → A) on the held-out images of
/// folders `a` and `b` (the layout `trainer cyclegan` reads), at most `max` per domain, at `size`
/// px long side.
pub fn evaluate(
    [forward, back]: [&[u8]; 2],
    [a, b]: [&Path; 2],
    (max, size): (usize, usize),
    lossnet: &LossNet,
    device: &Device,
) -> Result<[Direction; 2]> {
    let (ab, ba) = (Stylizer::new(forward, Device::flex())?, Stylizer::new(back, Device::flex())?);
    let names = |s: &Stylizer| match &s.meta().kind {
        ModelKind::CycleGan(c) => Ok((c.from.clone(), c.to.clone())),
        other => Err(AtelierError::WrongKind { expected: "cyclegan".into(), found: other.name().into() }),
    };
    let ((from_a, to_b), (from_b, to_a)) = (names(&ab)?, names(&ba)?);
    if (from_a.as_str(), to_b.as_str()) != (to_a.as_str(), from_b.as_str()) {
        return Err(AtelierError::BadConfig(format!("the two models are not one CycleGAN's directions ({from_a} → {to_b}, {from_b} → {to_a})")));
    }
    let ((train_a, test_a), (train_b, test_b)) = (domain_files(a, "A")?, domain_files(b, "B")?);
    let (held_a, held_b) = (load(&test_a, max, size)?, load(&test_b, max, size)?);
    let (seen_a, seen_b) = (load(&train_a, max, size)?, load(&train_b, max, size)?);
    let feats = |imgs: &[Planar]| imgs.iter().map(|i| features(lossnet, i, device)).collect::<Vec<_>>();
    let one = |there: &Stylizer,
               back: &Stylizer,
               inputs: &[Planar],
               target: &[Planar],
               target_held: &[Planar],
               from: &str,
               to: &str|
     -> Result<Direction> {
        let opts = StyleOptions::default();
        let (mut translated, mut examples, mut cycle) = (Vec::new(), Vec::new(), 0.0);
        for img in inputs {
            let t = there.stylize_blocking(img, &opts)?;
            let r = back.stylize_blocking(&t, &opts)?;
            cycle += psnr(&r.data, &img.data) / inputs.len() as f64;
            if examples.len() < 8 {
                examples.push(vec![img.clone(), t.clone(), r]);
            }
            translated.push(t);
        }
        let real = feats(target);
        Ok(Direction {
            from: from.into(),
            to: to.into(),
            n: (inputs.len(), target.len()),
            cycle_psnr: cycle,
            kid_translated: kid(&feats(&translated), &real),
            kid_untranslated: kid(&feats(inputs), &real),
            kid_floor: kid(&feats(target_held), &real),
            examples,
        })
    };
    Ok([one(&ab, &ba, &held_a, &seen_b, &held_b, &from_a, &to_b)?, one(&ba, &ab, &held_b, &seen_a, &held_a, &from_b, &to_a)?])
}

/// The table as Markdown (pasted into the model cards).
pub fn markdown(dirs: &[Direction]) -> String {
    let mut s = String::from(
        "| direction | held-out inputs / target images | cycle PSNR dB ↑ | KID translated ↓ | KID untranslated | KID floor (target held-out) |\n|---|---|---|---|---|---|\n",
    );
    for d in dirs {
        s += &format!(
            "| {} → {} | {} / {} | {:.2} | {:.3} | {:.3} | {:.3} |\n",
            d.from, d.to, d.n.0, d.n.1, d.cycle_psnr, d.kid_translated, d.kid_untranslated, d.kid_floor
        );
    }
    s
}
