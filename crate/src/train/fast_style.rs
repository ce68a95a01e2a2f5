//! `trainer fast-style`: train a feed-forward style network (Johnson et al., 2016) on a folder
//! of photos and one painting, with content + Gram style + TV + adversarial (PatchGAN) losses.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use burn::optim::{AdamConfig, GradientsParams};
use burn::tensor::{Device, Tensor};
use rand::SeedableRng;
use rand::rngs::StdRng;
use serde::{Deserialize, Serialize};

use super::data::{ContentSet, fit_long_side, list_images, random_crop, split};
pub use super::run::load_module;
use super::run::{Progress, RunDir, check_finite, due, load_module_bytes, module_bytes};
use super::util::contact_sheet;
use crate::error::{AtelierError, Result};
use crate::features::{LossNet, STYLE_TAPS, Taps};
use crate::image::Planar;
use crate::loss::{ContentLoss, StyleLoss, lsgan, total_variation};
use crate::models::{FastStyleConfig, FastStyleNet, Generator, PatchDiscriminator, PatchDiscriminatorConfig};
use crate::nn::NormState;
use crate::pack::{ModelKind, ModelMeta, Stage};

/// Everything that defines a run (saved in the run folder so `--resume` continues the same run).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FastStyleSettings {
    pub content_dir: PathBuf,
    pub style_image: PathBuf,
    pub config: FastStyleConfig,
    pub steps: u64,
    pub batch: usize,
    /// Training crop side.
    pub size: usize,
    /// Short side the photos are resized to before cropping (sets the scale of objects under
    /// the strokes); default 5/4 of the crop.
    #[serde(default)]
    pub photo_size: Option<usize>,
    /// Long side of the painting when its Gram matrices are taken (sets the stroke scale).
    pub style_size: usize,
    pub lr: f64,
    /// Learning rate at the last step (cosine decay from `lr`); `None` keeps `lr` throughout.
    #[serde(default)]
    pub lr_final: Option<f64>,
    /// Where this run starts: another run's folder (its generator and discriminator) or an
    /// exported model file (its int8 weights, dequantized; a fresh discriminator). Fine-tuning
    /// with new settings, e.g. larger crops or a decaying learning rate.
    #[serde(default)]
    pub init_from: Option<PathBuf>,
    pub content_weight: f64,
    pub style_weight: f64,
    pub tv_weight: f64,
    pub adv_weight: f64,
    pub content_tap: String,
    pub seed: u64,
    pub sample_every: u64,
    pub checkpoint_every: u64,
}

/// What is saved next to the checkpoint.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunState {
    pub settings: FastStyleSettings,
    pub step: u64,
    /// Steps of the run(s) this one was initialised from, as state files written before
    /// `prior_stages` recorded them (read only: the stages carry the steps now).
    #[serde(default, skip_serializing)]
    pub prior_steps: u64,
    /// The stages of the run(s) this one was initialised from (`init_from`), oldest first.
    #[serde(default)]
    pub prior_stages: Vec<Stage>,
    pub content_images: usize,
    pub last_losses: BTreeMap<String, f64>,
}

impl RunState {
    /// The stages this run started from (state files written before stages were recorded
    /// only have a step count: one stage at this run's crop size).
    pub fn stages_before(&self) -> Vec<Stage> {
        Stage::or_legacy(&self.prior_stages, self.prior_steps, self.settings.size)
    }

    /// Every stage, this run's own included.
    pub fn stages(&self) -> Vec<Stage> {
        let mut stages = self.stages_before();
        stages.push(Stage { steps: self.step, crop: self.settings.size });
        stages
    }
}

pub const CHECKPOINT: &str = "checkpoint.bpk";
pub const DISCRIMINATOR: &str = "discriminator.bpk";
const OPTIM_G: &str = "optim_g.bpk";
const OPTIM_D: &str = "optim_d.bpk";
pub use super::run::STATE;

pub fn content_tap(name: &str) -> Result<&'static str> {
    crate::features::TAPS
        .iter()
        .copied()
        .find(|t| *t == name)
        .ok_or_else(|| AtelierError::BadConfig(format!("unknown content tap `{name}`; use one of {:?}", crate::features::TAPS)))
}

/// The painting at its working scale, and its features.
pub fn style_target(path: &Path, style_size: usize, lossnet: &LossNet, device: &Device) -> Result<(Planar, StyleLoss)> {
    let style = fit_long_side(&Planar::open(path)?, style_size);
    let taps: Taps = lossnet.forward(style.to_tensor(device));
    Ok((style.clone(), StyleLoss::new(&taps, &STYLE_TAPS)))
}

/// The weights a fine-tune starts from, and the training stages behind them.
struct Parent {
    generator: FastStyleNet,
    discriminator: Option<PatchDiscriminator>,
    stages: Vec<Stage>,
}

fn mismatch(file: &Path, found: impl std::fmt::Debug, config: &FastStyleConfig) -> AtelierError {
    AtelierError::BadConfig(format!(
        "{} holds a {found:?} network; this run asks for {config:?}: use the same --channels and --res-blocks",
        file.display()
    ))
}

/// The ResNet generator of a model file (a fast-style model, or one direction of a CycleGAN: the
/// same network), ready to train on `device`: dequantized on the CPU, then written as f32 and read
/// into a network on `device`, so its parameters take part in autodiff. Used by `--init-from`
/// here and by `trainer cyclegan --init-ab/--init-ba`.
pub fn generator_from_model_file(file: &Path, config: &FastStyleConfig, device: &Device) -> Result<(FastStyleNet, ModelMeta)> {
    let bytes = std::fs::read(file).map_err(|e| AtelierError::Io(format!("{}: {e}", file.display())))?;
    let (generator, meta) = crate::pack::load(&bytes, &Device::flex())?;
    let net = match (generator, &meta.kind) {
        (Generator::FastStyle(net), ModelKind::FastStyle(found)) if found == config => net,
        (Generator::CycleGan(found, net), _) if found.generator == *config => net.generator,
        (_, kind) => return Err(mismatch(file, kind, config)),
    };
    Ok((load_module_bytes(config.init(device), module_bytes(&net)?)?, meta))
}

/// Read `--init-from`: a run folder (checkpoints) or an exported model file (`.bpk`).
fn load_parent(parent: &Path, config: &FastStyleConfig, device: &Device) -> Result<Parent> {
    if parent.is_file() {
        let (generator, meta) = generator_from_model_file(parent, config, device)?;
        return Ok(Parent { generator, discriminator: None, stages: meta.train.schedule() });
    }
    let p = read_state(&parent.join(STATE))?;
    if p.settings.config != *config {
        return Err(mismatch(parent, p.settings.config, config));
    }
    let stages = p.stages();
    let generator = load_module(config.init(device), &parent.join(CHECKPOINT))?;
    let d_path = parent.join(DISCRIMINATOR);
    let discriminator = if d_path.exists() {
        Some(load_module(PatchDiscriminatorConfig::default().init(device), &d_path)?)
    } else {
        None
    };
    Ok(Parent { generator, discriminator, stages })
}

/// Cosine decay from `lr` to `lr_final` over the run (Loshchilov & Hutter, 2017): large steps
/// early, then small ones that settle into a minimum instead of bouncing around it.
pub fn learning_rate(s: &FastStyleSettings, step: u64) -> f64 {
    match s.lr_final {
        None => s.lr,
        Some(end) => {
            let t = step as f64 / s.steps.max(1) as f64;
            end + 0.5 * (s.lr - end) * (1.0 + (std::f64::consts::PI * t.min(1.0)).cos())
        }
    }
}

/// A run's `state.json`.
pub fn read_state(path: &Path) -> Result<RunState> {
    super::run::read_json(path)
}

fn scalar(t: Tensor<1>) -> f64 {
    t.into_scalar::<f32>() as f64
}

/// Train (or resume) a run in `run_dir`.
pub fn train(settings: FastStyleSettings, run_dir: &Path, resume: bool, lossnet_path: Option<&Path>, device: &Device) -> Result<PathBuf> {
    let (run, previous) = RunDir::open::<RunState>(run_dir, resume, CHECKPOINT)?;
    let (settings, start, mut prior_stages) = match previous {
        Some(p) => {
            log::info!("resuming {} at step {}", run_dir.display(), p.step);
            (FastStyleSettings { steps: settings.steps.max(p.settings.steps), ..p.settings.clone() }, p.step, p.stages_before())
        }
        None => (settings, 0, Vec::new()),
    };
    let s = &settings;
    settings.config.validate()?;
    let tap = content_tap(&s.content_tap)?;

    let lossnet = super::load_lossnet(lossnet_path, device)?;
    let (train_files, held_out) = split(list_images(&s.content_dir)?);
    let content = ContentSet::load(&train_files, s.photo_size.unwrap_or(s.size + s.size / 4).max(s.size))?;
    let (style, style_loss) = style_target(&s.style_image, s.style_size, &lossnet, device)?;
    let content_loss = ContentLoss::new(tap);
    let samples: Vec<Planar> = held_out.iter().take(3).map(|f| Planar::open(f).map(|p| fit_long_side(&p, 256))).collect::<Result<_>>()?;

    let mut rng = StdRng::seed_from_u64(s.seed.wrapping_add(start));
    device.seed(s.seed);
    let mut g: FastStyleNet = s.config.init(device);
    let mut d: PatchDiscriminator = PatchDiscriminatorConfig::default().init(device);
    if start > 0 {
        g = run.load(CHECKPOINT, g)?;
        if run.file(DISCRIMINATOR).exists() {
            d = run.load(DISCRIMINATOR, d)?;
        }
    } else if let Some(parent) = &s.init_from {
        let p = load_parent(parent, &s.config, device)?;
        g = p.generator;
        d = p.discriminator.unwrap_or(d);
        prior_stages = p.stages;
        log::info!("starting from {} ({} steps)", parent.display(), prior_stages.iter().map(|s| s.steps).sum::<u64>());
    }
    let mut opt_g = AdamConfig::new().init();
    let mut opt_d = AdamConfig::new().with_beta_1(0.5).init();
    if start > 0 {
        opt_g = run.load_optim(OPTIM_G, opt_g);
        opt_d = run.load_optim(OPTIM_D, opt_d);
    }

    let bar = Progress::new(s.steps, start);
    let mut last = BTreeMap::new();
    for step in start..s.steps {
        let x = content.batch(&mut rng, s.batch, s.size, device);
        let y = g.forward(x.clone(), &mut NormState::own());
        let f_y = lossnet.forward(y.clone());
        let f_x = lossnet.forward(x);
        let l_content = content_loss.forward(&f_y, &f_x);
        let l_style = style_loss.forward(&f_y);
        let l_tv = total_variation(y.clone());
        let mut loss = l_content.clone() * s.content_weight + l_style.clone() * s.style_weight + l_tv.clone() * s.tv_weight;

        let mut l_adv_v = 0.0;
        let mut l_d_v = 0.0;
        if s.adv_weight > 0.0 {
            // Discriminator: painting patches are real, stylized patches fake.
            let real = {
                let mut data = Vec::new();
                for _ in 0..s.batch {
                    data.extend(random_crop(&style, &mut rng, s.size).data);
                }
                Tensor::<4>::from_data(burn::tensor::TensorData::new(data, [s.batch, 3, s.size, s.size]), device)
            };
            let l_d = (lsgan(d.forward(real), true) + lsgan(d.forward(y.clone().detach()), false)) * 0.5;
            l_d_v = scalar(l_d.clone());
            let grads = GradientsParams::from_grads(l_d.backward(), &d);
            d = opt_d.step(learning_rate(s, step), d, grads);
            let l_adv = lsgan(d.forward(y.clone()), true);
            l_adv_v = scalar(l_adv.clone());
            loss = loss + l_adv * s.adv_weight;
        }

        let total = scalar(loss.clone());
        check_finite(total, step)?;
        let grads = GradientsParams::from_grads(loss.backward(), &g);
        g = opt_g.step(learning_rate(s, step), g, grads);

        last = BTreeMap::from([
            ("content".to_string(), scalar(l_content)),
            ("style".to_string(), scalar(l_style)),
            ("tv".to_string(), scalar(l_tv)),
            ("adversarial".to_string(), l_adv_v),
            ("discriminator".to_string(), l_d_v),
            ("total".to_string(), total),
        ]);
        let done = step + 1;
        bar.step(done, format!(
            "content {:.3} style {:.4} tv {:.4} adv {:.3} D {:.3} lr {:.1e}",
            last["content"], last["style"], last["tv"], l_adv_v, l_d_v, learning_rate(s, step)
        ));

        if due(done, s.sample_every, s.steps) {
            let rows = samples
                .iter()
                .map(|p| {
                    let out = pollster::block_on(Planar::from_tensor(g.forward(p.to_tensor(device), &mut NormState::own()).detach()))?;
                    Ok(vec![p.clone(), out])
                })
                .collect::<Result<Vec<_>>>()?;
            contact_sheet(&rows, 256).save(&run.sample_path(done))?;
        }
        if due(done, s.checkpoint_every, s.steps) {
            let state = RunState { settings: settings.clone(), step: done, prior_steps: 0, prior_stages: prior_stages.clone(), content_images: train_files.len(), last_losses: last.clone() };
            run.checkpoint(&[(CHECKPOINT, &g), (DISCRIMINATOR, &d)], &[(OPTIM_G, &opt_g), (OPTIM_D, &opt_d)], &state)?;
        }
    }
    bar.finish();
    log::info!("final losses {last:?}");
    Ok(run_dir.join(CHECKPOINT))
}
