//! `trainer fast-style`: train a feed-forward style network (Johnson et al., 2016) on a folder
//! of photos and one painting, with content + Gram style + TV + adversarial (PatchGAN) losses.
//! `trainer gatys` (the optimisation-based reference) and the style figures of `trainer eval`
//! live here too.

pub mod card;
pub mod eval;
pub mod gatys;
mod parent;
pub mod settings;
pub mod step;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use burn::optim::AdamConfig;
use burn::tensor::{Device, Tensor, TensorData};
use rand::rngs::StdRng;

pub use self::parent::generator_from_model_file;
use self::parent::load_parent;
pub use self::settings::{CHECKPOINT, DISCRIMINATOR, FastStyleSettings, RunState, learning_rate, read_state};
pub use self::step::{Nets, Objective, StepLosses, content_tap, style_target, train_step};
use super::run::data::{ContentSet, list_images, random_crop, sample_inputs, split};
use super::run::{At, Continued, Report, RunDir, Seeding, Trainer, contact_sheet, train_loop};
pub use super::run::{STATE, load_module};
use crate::error::Result;
use crate::image::Planar;
use crate::loss::ContentLoss;
use crate::models::PatchDiscriminatorConfig;
use crate::nn::NormState;
use crate::pack::Stage;

/// A fast-style run: the photos, the painting, the loss network and the held-out photos of the
/// sample sheets.
pub struct FastStyleRun {
    settings: FastStyleSettings,
    objective: Objective,
    content: ContentSet,
    train_images: usize,
    style: Planar,
    samples: Vec<Planar>,
    prior_stages: Vec<Stage>,
    device: Device,
}

impl FastStyleRun {
    pub fn new(s: FastStyleSettings, lossnet_path: Option<&Path>, device: &Device) -> Result<Self> {
        s.config.validate()?;
        let tap = content_tap(&s.content_tap)?;
        let lossnet = super::load_lossnet(lossnet_path, device)?;
        let (train_files, held_out) = split(list_images(&s.content_dir)?);
        let content = ContentSet::load(&train_files, s.photo_size.unwrap_or(s.size + s.size / 4).max(s.size))?;
        let (style, style_loss) = style_target(&s.style_image, s.style_size, &lossnet, device)?;
        let samples = sample_inputs(&held_out)?;
        let objective = Objective {
            lossnet,
            content: ContentLoss::new(tap),
            style: style_loss,
            content_weight: s.content_weight,
            style_weight: s.style_weight,
            tv_weight: s.tv_weight,
            adv_weight: s.adv_weight,
        };
        Ok(Self {
            objective,
            content,
            train_images: train_files.len(),
            style,
            samples,
            prior_stages: Vec::new(),
            device: device.clone(),
            settings: s,
        })
    }

    /// `batch` random crops of the painting: what the discriminator learns is real.
    fn painting_patches(&self, rng: &mut StdRng) -> Tensor<4> {
        let (n, size) = (self.settings.batch, self.settings.size);
        let data: Vec<f32> = (0..n).flat_map(|_| random_crop(&self.style, rng, size).data).collect();
        Tensor::from_data(TensorData::new(data, [n, 3, size, size]), &self.device)
    }
}

impl Trainer for FastStyleRun {
    type Settings = FastStyleSettings;
    type Nets = Nets;
    const MARKER: &'static str = CHECKPOINT;
    const SEEDING: Seeding = Seeding::Stream;

    fn fresh(&self) -> Result<Nets> {
        Ok(Nets {
            g: self.settings.config.init(&self.device),
            d: PatchDiscriminatorConfig::default().init(&self.device),
            opt_g: AdamConfig::new().init(),
            opt_d: AdamConfig::new().with_beta_1(0.5).init(),
        })
    }

    /// Also the stages this run started from, as its `state.json` records them.
    fn restore(&mut self, mut n: Nets, run: &RunDir) -> Result<Nets> {
        self.prior_stages = read_state(&run.file(STATE))?.stages_before();
        n.g = run.load(CHECKPOINT, n.g)?;
        if run.file(DISCRIMINATOR).exists() {
            n.d = run.load(DISCRIMINATOR, n.d)?;
        }
        (n.opt_g, n.opt_d) = run.load_optims((n.opt_g, n.opt_d));
        Ok(n)
    }

    fn start(&mut self, mut n: Nets) -> Result<(Nets, Option<Continued>)> {
        if let Some(parent) = &self.settings.init_from {
            let p = load_parent(parent, &self.settings.config, &self.device)?;
            n.g = p.generator;
            n.d = p.discriminator.unwrap_or(n.d);
            self.prior_stages = p.stages;
            log::info!("starting from {} ({} steps)", parent.display(), self.prior_stages.iter().map(|s| s.steps).sum::<u64>());
        }
        Ok((n, None))
    }

    fn learning_rate(&self, step: u64) -> f64 {
        learning_rate(&self.settings, step)
    }

    fn step(&self, n: Nets, _step: u64, lr: f64, rng: &mut StdRng) -> Result<(Nets, Report)> {
        let s = &self.settings;
        let x = self.content.batch(rng, s.batch, s.size, &self.device);
        let paintings = (s.adv_weight > 0.0).then(|| self.painting_patches(rng));
        let (n, l) = train_step(n, &self.objective, x, paintings, lr);
        let line =
            format!("content {:.3} style {:.4} tv {:.4} adv {:.3} D {:.3} lr {lr:.1e}", l.content, l.style, l.tv, l.adversarial, l.discriminator);
        let losses = BTreeMap::from([
            ("content".to_string(), l.content),
            ("style".to_string(), l.style),
            ("tv".to_string(), l.tv),
            ("adversarial".to_string(), l.adversarial),
            ("discriminator".to_string(), l.discriminator),
            ("total".to_string(), l.total),
        ]);
        Ok((n, Report { losses, watched: l.total, line }))
    }

    /// Rows of held-out photo | stylized.
    fn sample(&self, n: &Nets) -> Result<Planar> {
        let rows = self
            .samples
            .iter()
            .map(|p| {
                let out = pollster::block_on(Planar::from_tensor(n.g.forward(p.to_tensor(&self.device), &mut NormState::own()).detach()))?;
                Ok(vec![p.clone(), out])
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(contact_sheet(&rows, 256))
    }

    fn save(&self, n: &Nets, run: &RunDir, at: &At) -> Result<()> {
        let state = RunState {
            settings: self.settings.clone(),
            step: at.step,
            prior_steps: 0,
            prior_stages: self.prior_stages.clone(),
            content_images: self.train_images,
            last_losses: at.losses.clone(),
        };
        run.checkpoint(&[(CHECKPOINT, &n.g), (DISCRIMINATOR, &n.d)], [&n.opt_g, &n.opt_d], &state)
    }
}

/// Train (or resume) a run in `run_dir`.
pub fn train(settings: FastStyleSettings, run_dir: &Path, resume: bool, lossnet_path: Option<&Path>, device: &Device) -> Result<PathBuf> {
    train_loop(settings, run_dir, resume, device, |s| FastStyleRun::new(s, lossnet_path, device))
}
