//! `trainer cyclegan`: unpaired translation between two folders (Zhu et al., 2017), one step of
//! the paper per batch ([`step`]). LSGAN, Adam 2e-4 (β₁ 0.5), constant then linearly decaying
//! learning rate.
//!
//! Resuming is exact: the random numbers of step `k` come from `(seed, k)`, and the checkpoint
//! holds all four networks, both optimizers and the pools of past fakes.

pub mod card;
pub mod eval;
pub mod pool;
pub mod settings;
pub mod step;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use burn::tensor::Device;
use rand::rngs::StdRng;

pub use self::pool::ImagePool;
use self::pool::{load_pools, save_pools};
use self::settings::POOLS;
pub use self::settings::{CycleGanSettings, CycleGanState, DISCRIMINATORS, Discriminators, GENERATORS, Generators, domain_files, read_state};
pub use self::step::{Losses, Nets, generator_loss, train_step};
use super::Family;
use super::run::data::{ContentSet, sample_inputs};
use super::run::{At, Continued, Report, RunDir, Trainer, contact_sheet, train_loop};
use crate::error::Result;
use crate::image::Planar;
use crate::nn::NormState;

/// A CycleGAN run: both domains' training images and the held-out ones of the sample sheets.
pub struct CycleGanRun {
    s: CycleGanSettings,
    sets: (ContentSet, ContentSet),
    samples: (Vec<Planar>, Vec<Planar>),
    device: Device,
}

impl CycleGanRun {
    pub fn new(s: CycleGanSettings, device: &Device) -> Result<Self> {
        s.generator.validate()?;
        let ((train_a, test_a), (train_b, test_b)) = (domain_files(&s.a, "A")?, domain_files(&s.b, "B")?);
        log::info!(
            "A ({}): {} training, {} held out; B ({}): {} training, {} held out",
            s.a_name,
            train_a.len(),
            test_a.len(),
            s.b_name,
            train_b.len(),
            test_b.len()
        );
        let sets = (ContentSet::load(&train_a, s.schedule.load_size)?, ContentSet::load(&train_b, s.schedule.load_size)?);
        let samples = (sample_inputs(&test_a)?, sample_inputs(&test_b)?);
        Ok(Self { s, sets, samples, device: device.clone() })
    }
}

impl Trainer for CycleGanRun {
    type Settings = CycleGanSettings;
    type Nets = Nets;
    const MARKER: &'static str = GENERATORS;

    fn fresh(&self) -> Result<Nets> {
        Ok(Nets::new(&self.s, &self.device))
    }

    fn restore(&mut self, mut n: Nets, run: &RunDir) -> Result<Nets> {
        n.g = run.load(GENERATORS, n.g)?;
        n.d = run.load(DISCRIMINATORS, n.d)?;
        (n.opt_g, n.opt_d) = run.load_optims((n.opt_g, n.opt_d));
        [n.pool_a, n.pool_b] = load_pools(&run.file(POOLS))?;
        Ok(n)
    }

    fn start(&mut self, n: Nets) -> Result<(Nets, Option<Continued>)> {
        Ok((n.init_from(&self.s, &self.device)?, None))
    }

    fn learning_rate(&self, step: u64) -> f64 {
        self.s.schedule.learning_rate(step)
    }

    fn step(&self, n: Nets, _step: u64, lr: f64, rng: &mut StdRng) -> Result<(Nets, Report)> {
        let s = &self.s;
        let a = self.sets.0.batch(rng, s.schedule.batch, s.schedule.size, &self.device);
        let b = self.sets.1.batch(rng, s.schedule.batch, s.schedule.size, &self.device);
        let (n, l) = train_step(n, s, a, b, lr, rng);
        let losses = BTreeMap::from([
            ("adversarial".to_string(), l.adversarial),
            ("cycle".to_string(), l.cycle),
            ("identity".to_string(), l.identity),
            ("discriminators".to_string(), l.discriminators),
            ("generators".to_string(), l.generators),
        ]);
        let line = format!("adv {:.3} cycle {:.4} id {:.4} D {:.3} lr {lr:.1e}", l.adversarial, l.cycle, l.identity, l.discriminators);
        Ok((n, Report { losses, watched: l.generators, line }))
    }

    /// Rows: held-out A, A → B, A → B → A; then held-out B, B → A, B → A → B.
    fn sample(&self, n: &Nets) -> Result<Planar> {
        let mut rows = Vec::new();
        for (imgs, there, back) in [(&self.samples.0, &n.g.ab, &n.g.ba), (&self.samples.1, &n.g.ba, &n.g.ab)] {
            for img in imgs.iter() {
                let t = there.forward(img.to_tensor(&self.device), &mut NormState::own()).detach();
                let r = back.forward(t.clone(), &mut NormState::own()).detach();
                rows.push(vec![img.clone(), pollster::block_on(Planar::from_tensor(t))?, pollster::block_on(Planar::from_tensor(r))?]);
            }
        }
        Ok(contact_sheet(&rows, 192))
    }

    fn save(&self, n: &Nets, run: &RunDir, at: &At) -> Result<()> {
        save_pools(&run.file(POOLS), &[&n.pool_a, &n.pool_b], [3, self.s.schedule.size, self.s.schedule.size])?;
        let state = CycleGanState {
            family: Family::CycleGan,
            settings: self.s.clone(),
            step: at.step,
            train_images: (self.sets.0.images.len(), self.sets.1.images.len()),
            seconds: at.seconds,
            last_losses: at.losses.clone(),
        };
        run.checkpoint(&[(GENERATORS, &n.g), (DISCRIMINATORS, &n.d)], [&n.opt_g, &n.opt_d], &state)
    }
}

/// Train (or resume) a run in `run_dir`.
pub fn train(settings: CycleGanSettings, run_dir: &Path, resume: bool, device: &Device) -> Result<PathBuf> {
    train_loop(settings, run_dir, resume, device, |s| CycleGanRun::new(s, device))
}
