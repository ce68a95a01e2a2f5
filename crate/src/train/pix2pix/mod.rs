//! `trainer pix2pix`: paired image-to-image translation (Isola et al., 2017), one step of the
//! paper per batch ([`step`]). Optionally L1 alone for the first steps (colourisation learns
//! plausible colours first, then the adversarial loss makes them vivid instead of grey-brown
//! averages).

pub mod card;
pub mod eval;
pub mod pairs;
pub mod settings;
pub mod step;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use burn::tensor::Device;
use rand::rngs::StdRng;

use self::pairs::{Pair, PairSet, PairSource};
pub use self::settings::{DISCRIMINATOR, GENERATOR, Pix2PixSettings, Pix2PixState, read_state};
pub use self::step::{LossWeights, Losses, Nets, l1_distance, train_step};
use super::Family;
use super::run::{At, Continued, Report, RunDir, Trainer, contact_sheet, train_loop};
use crate::error::{AtelierError, Result};
use crate::image::Planar;
use crate::models::{InputKind, Pix2PixConfig, UNet};
use crate::nn::NormState;

/// The generator's RGB output for one image (samples, export checks).
pub fn translate(config: &Pix2PixConfig, g: &UNet, img: &Planar, device: &Device) -> Result<Planar> {
    let x = img.to_tensor(device);
    let out = config.output.to_rgb(config.generate(g, x.clone(), &mut NormState::own()), x);
    pollster::block_on(Planar::from_tensor(out.detach()))
}

/// Held-out pairs at the training scale (the fixed inputs of every sample grid).
pub fn held_out(files: &[PathBuf], source: PairSource, load_size: usize, n: usize) -> Result<Vec<Pair>> {
    let set = PairSet::load(&files[..files.len().min(n)], source, load_size)?;
    Ok(set.pairs)
}

/// A pix2pix run: the training pairs and the held-out pairs of the sample sheets.
pub struct Pix2PixRun {
    s: Pix2PixSettings,
    data: PairSet,
    samples: Vec<Pair>,
    device: Device,
}

impl Pix2PixRun {
    pub fn new(s: Pix2PixSettings, device: &Device) -> Result<Self> {
        s.config.validate()?;
        let (train_files, test_files) = PairSet::files(&s.data)?;
        log::info!("{} training pairs, {} held out, from {}", train_files.len(), test_files.len(), s.data.display());
        let data = PairSet::load(&train_files, s.source, s.schedule.load_size)?;
        let samples = held_out(&test_files, s.source, s.schedule.size, 4)?;
        Ok(Self { s, data, samples, device: device.clone() })
    }
}

impl Trainer for Pix2PixRun {
    type Settings = Pix2PixSettings;
    type Nets = Nets;
    const MARKER: &'static str = GENERATOR;

    fn fresh(&self) -> Result<Nets> {
        Ok(Nets::new(&self.s.config, &self.device))
    }

    fn restore(&mut self, mut n: Nets, run: &RunDir) -> Result<Nets> {
        n.g = run.load(GENERATOR, n.g)?;
        n.d = run.load(DISCRIMINATOR, n.d)?;
        (n.opt_g, n.opt_d) = run.load_optims((n.opt_g, n.opt_d));
        Ok(n)
    }

    /// `--init-from`: a lost run continues from its last export (both networks, its step count
    /// and seconds; Adam starts afresh).
    fn start(&mut self, n: Nets) -> Result<(Nets, Option<Continued>)> {
        let Some(parent) = &self.s.init_from else { return Ok((n, None)) };
        let (n, step, seconds) = Nets::from_export(parent, &self.s.config, &self.device)?;
        log::info!("continuing {} from step {step} ({:.1} h of training)", parent.display(), seconds / 3600.0);
        if step >= self.s.schedule.steps {
            return Err(AtelierError::BadConfig(format!("{} already trained {step} steps; pass a larger --steps", parent.display())));
        }
        Ok((n, Some(Continued { step, seconds })))
    }

    fn learning_rate(&self, step: u64) -> f64 {
        self.s.schedule.learning_rate(step)
    }

    fn step(&self, n: Nets, step: u64, lr: f64, rng: &mut StdRng) -> Result<(Nets, Report)> {
        let s = &self.s;
        let thicken = s.config.input == InputKind::Sketch;
        let (x, y) = self.data.batch(rng, s.schedule.batch, s.schedule.size, thicken, &self.device);
        let adversarial = s.adv_weight > 0.0 && step >= s.l1_only_steps;
        let weights = LossWeights { l1: s.l1_weight, adversarial: if adversarial { s.adv_weight } else { 0.0 } };
        let (n, Losses { l1, adversarial: adv, discriminator, total }) = train_step(n, &s.config, x, y, weights, lr);
        let losses = BTreeMap::from([
            ("l1".to_string(), l1),
            ("adversarial".to_string(), adv),
            ("discriminator".to_string(), discriminator),
            ("total".to_string(), total),
        ]);
        let line = format!("L1 {l1:.4} adv {adv:.3} D {discriminator:.3} lr {lr:.1e}{}", if adversarial { "" } else { " (L1 only)" });
        Ok((n, Report { losses, watched: total, line }))
    }

    /// Rows of held-out condition | output | target.
    fn sample(&self, n: &Nets) -> Result<Planar> {
        let rows = self
            .samples
            .iter()
            .map(|p| Ok(vec![p.condition.clone(), translate(&self.s.config, &n.g, &p.condition, &self.device)?, p.target.clone()]))
            .collect::<Result<Vec<_>>>()?;
        Ok(contact_sheet(&rows, self.s.schedule.size.min(256)))
    }

    fn save(&self, n: &Nets, run: &RunDir, at: &At) -> Result<()> {
        let state = Pix2PixState {
            family: Family::Pix2Pix,
            settings: self.s.clone(),
            step: at.step,
            train_pairs: self.data.pairs.len(),
            seconds: at.seconds,
            last_losses: at.losses.clone(),
        };
        run.checkpoint(&[(GENERATOR, &n.g), (DISCRIMINATOR, &n.d)], [&n.opt_g, &n.opt_d], &state)
    }
}

/// Train (or resume) a run in `run_dir`.
pub fn train(settings: Pix2PixSettings, run_dir: &Path, resume: bool, device: &Device) -> Result<PathBuf> {
    train_loop(settings, run_dir, resume, device, |s| Pix2PixRun::new(s, device))
}
