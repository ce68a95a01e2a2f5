//! `trainer pix2pix`: paired image-to-image translation (Isola et al., 2017). Each step is the
//! paper's: the conditional discriminator learns to tell (condition, target) from (condition,
//! G(condition)), then the generator learns to fool it while staying close to the target in L1.
//! Optionally L1 alone for the first steps (colourisation learns plausible colours first, then
//! the adversarial loss makes them vivid instead of grey-brown averages).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::tensor::{Device, Tensor};
use serde::{Deserialize, Serialize};

use super::pairs::{Pair, PairSet, PairSource};
use super::run::{Progress, RunDir, check_finite, due, load_module_bytes, module_bytes, step_rng};
use super::util::contact_sheet;
use crate::error::{AtelierError, Result};
use crate::image::Planar;
use crate::loss::lsgan;
use crate::models::{InputKind, PatchDiscriminator, Pix2Pix, Pix2PixConfig, UNet};
use crate::nn::NormState;

pub const GENERATOR: &str = "generator.bpk";
pub const DISCRIMINATOR: &str = "discriminator.bpk";
const OPTIM_G: &str = "optim_g.bpk";
const OPTIM_D: &str = "optim_d.bpk";

/// Everything that defines a run (saved in the run folder so `--resume` continues the same run).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pix2PixSettings {
    pub data: PathBuf,
    pub source: PairSource,
    pub config: Pix2PixConfig,
    pub steps: u64,
    pub batch: usize,
    /// Training crop side.
    pub size: usize,
    /// Short side every picture is resized to before the random crop (a little larger than
    /// `size`: random jitter, as in the paper).
    pub load_size: usize,
    pub lr: f64,
    /// The learning rate stays at `lr` until this step, then falls linearly to 0 at `steps`.
    pub decay_from: u64,
    pub l1_weight: f64,
    pub adv_weight: f64,
    /// Steps of L1 alone before the adversarial loss starts.
    pub l1_only_steps: u64,
    pub seed: u64,
    pub sample_every: u64,
    pub checkpoint_every: u64,
    /// An exported model file the run starts from (a lost run continues from its last export:
    /// both networks, its step count and hours; Adam starts afresh).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub init_from: Option<PathBuf>,
}

/// What is saved next to the checkpoint.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pix2PixState {
    /// Always `"pix2pix"` (tells `trainer export` which family a run folder holds).
    pub family: String,
    pub settings: Pix2PixSettings,
    pub step: u64,
    pub train_pairs: usize,
    /// Seconds of training, all sessions together.
    #[serde(default)]
    pub seconds: f64,
    pub last_losses: BTreeMap<String, f64>,
}

pub fn learning_rate(s: &Pix2PixSettings, step: u64) -> f64 {
    super::run::linear_decay(s.lr, step, s.decay_from, s.steps)
}

pub fn read_state(run: &Path) -> Result<Pix2PixState> {
    super::run::read_json(&run.join(super::run::STATE))
}

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

fn scalar(t: Tensor<1>) -> f64 {
    t.into_scalar::<f32>() as f64
}

/// The two networks and their optimizers (Adam, β₁ 0.5, as in the paper).
pub struct Nets {
    pub g: UNet,
    pub d: PatchDiscriminator,
    pub opt_g: ModuleOptimizer,
    pub opt_d: ModuleOptimizer,
}

impl Nets {
    /// Both networks of an exported model file (int8 weights dequantized, then read into
    /// networks on the training device), its steps and seconds of training.
    pub fn from_export(path: &Path, config: &Pix2PixConfig, device: &Device) -> Result<(Self, u64, f64)> {
        let bytes = std::fs::read(path).map_err(|e| AtelierError::Io(format!("{}: {e}", path.display())))?;
        let (net, meta) = match crate::pack::load(&bytes, &Device::flex())? {
            // The working size is not a weight shape: a model may continue at another one.
            (crate::models::Generator::Pix2Pix(found, net), meta) if Pix2PixConfig { work_size: config.work_size, ..found } == *config => (net, meta),
            (_, meta) => {
                return Err(AtelierError::BadConfig(format!(
                    "{} holds {:?}; this run asks for {config:?}: use the same --input, --base and --depth",
                    path.display(),
                    meta.kind
                )));
            }
        };
        let mut nets = Self::new(config, device);
        nets.g = load_module_bytes(nets.g, module_bytes(&net.generator)?)?;
        if let Some(d) = &net.discriminator {
            nets.d = load_module_bytes(nets.d, module_bytes(d)?)?;
        }
        Ok((nets, meta.train.steps, meta.train.seconds.unwrap_or(0.0)))
    }

    pub fn new(config: &Pix2PixConfig, device: &Device) -> Self {
        let Pix2Pix { generator, discriminator } = config.init(device);
        Self {
            g: generator,
            d: discriminator.unwrap_or_else(|| config.discriminator.init(device)),
            opt_g: AdamConfig::new().with_beta_1(0.5).init(),
            opt_d: AdamConfig::new().with_beta_1(0.5).init(),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct LossWeights {
    pub l1: f64,
    /// 0 skips the discriminator (L1 alone).
    pub adversarial: f64,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Losses {
    pub l1: f64,
    pub adversarial: f64,
    pub discriminator: f64,
    pub total: f64,
}

/// The generator's L1 distance to the target on a batch (output space), without training.
pub fn l1_distance(config: &Pix2PixConfig, g: &UNet, x: Tensor<4>, y: Tensor<4>) -> f64 {
    let fake = config.generate(g, x, &mut NormState::own());
    scalar((fake - config.output.represent(y)).abs().mean())
}

/// One step of the paper on a batch of RGB conditions `x` and targets `y`: the discriminator
/// learns that (condition, target) is real and (condition, G(condition)) fake; then the
/// generator learns to fool it while staying close to the target in L1.
pub fn train_step(mut nets: Nets, config: &Pix2PixConfig, x: Tensor<4>, y: Tensor<4>, w: LossWeights, lr: f64) -> (Nets, Losses) {
    let condition = config.input.prepare(x);
    let real = config.output.represent(y);
    let fake = config.output.activate(nets.g.forward(condition.clone(), &mut NormState::own()));
    let mut losses = Losses::default();

    if w.adversarial > 0.0 {
        let l_real = lsgan(nets.d.forward(config.pair(condition.clone(), real.clone())), true);
        let l_fake = lsgan(nets.d.forward(config.pair(condition.clone(), fake.clone().detach())), false);
        let l_d = (l_real + l_fake) * 0.5;
        losses.discriminator = scalar(l_d.clone());
        let grads = GradientsParams::from_grads(l_d.backward(), &nets.d);
        nets.d = nets.opt_d.step(lr, nets.d, grads);
    }

    let l_l1 = (fake.clone() - real).abs().mean();
    losses.l1 = scalar(l_l1.clone());
    let mut loss = l_l1 * w.l1;
    if w.adversarial > 0.0 {
        let l_adv = lsgan(nets.d.forward(config.pair(condition, fake)), true);
        losses.adversarial = scalar(l_adv.clone());
        loss = loss + l_adv * w.adversarial;
    }
    losses.total = scalar(loss.clone());
    if losses.total.is_finite() {
        let grads = GradientsParams::from_grads(loss.backward(), &nets.g);
        nets.g = nets.opt_g.step(lr, nets.g, grads);
    }
    (nets, losses)
}

/// Train (or resume) a run in `run_dir`.
pub fn train(settings: Pix2PixSettings, run_dir: &Path, resume: bool, device: &Device) -> Result<PathBuf> {
    let (run, previous) = RunDir::open::<Pix2PixState>(run_dir, resume, GENERATOR)?;
    let (s, start, mut seconds) = match previous {
        Some(p) => {
            log::info!("resuming {} at step {}", run_dir.display(), p.step);
            let steps = settings.steps.max(p.settings.steps);
            (Pix2PixSettings { steps, decay_from: settings.decay_from.max(p.settings.decay_from), ..p.settings }, p.step, p.seconds)
        }
        None => (settings, 0, 0.0),
    };
    s.config.validate()?;
    let config = s.config;
    let (train_files, test_files) = PairSet::files(&s.data)?;
    log::info!("{} training pairs, {} held out, from {}", train_files.len(), test_files.len(), s.data.display());
    let data = PairSet::load(&train_files, s.source, s.load_size)?;
    let samples = held_out(&test_files, s.source, s.size, 4)?;
    let thicken = config.input == InputKind::Sketch;

    device.seed(s.seed);
    let mut nets = Nets::new(&config, device);
    let mut start = start;
    if start > 0 {
        nets.g = run.load(GENERATOR, nets.g)?;
        nets.d = run.load(DISCRIMINATOR, nets.d)?;
        nets.opt_g = run.load_optim(OPTIM_G, nets.opt_g);
        nets.opt_d = run.load_optim(OPTIM_D, nets.opt_d);
    } else if let Some(parent) = &s.init_from {
        (nets, start, seconds) = Nets::from_export(parent, &config, device)?;
        log::info!("continuing {} from step {start} ({:.1} h of training)", parent.display(), seconds / 3600.0);
        if start >= s.steps {
            return Err(AtelierError::BadConfig(format!("{} already trained {start} steps; pass a larger --steps", parent.display())));
        }
    }

    let bar = Progress::new(s.steps, start);
    let mut last = BTreeMap::new();
    let mut clock = std::time::Instant::now();
    for step in start..s.steps {
        let lr = learning_rate(&s, step);
        let (x, y) = data.batch(&mut step_rng(s.seed, step), s.batch, s.size, thicken, device);
        let adversarial = s.adv_weight > 0.0 && step >= s.l1_only_steps;
        let weights = LossWeights { l1: s.l1_weight, adversarial: if adversarial { s.adv_weight } else { 0.0 } };
        let losses;
        (nets, losses) = train_step(nets, &config, x, y, weights, lr);
        check_finite(losses.total, step)?;
        let Losses { l1: l1_v, adversarial: l_adv_v, discriminator: l_d_v, total } = losses;
        last = BTreeMap::from([
            ("l1".to_string(), l1_v),
            ("adversarial".to_string(), l_adv_v),
            ("discriminator".to_string(), l_d_v),
            ("total".to_string(), total),
        ]);
        let done = step + 1;
        bar.step(done, format!("L1 {l1_v:.4} adv {l_adv_v:.3} D {l_d_v:.3} lr {lr:.1e}{}", if adversarial { "" } else { " (L1 only)" }));

        if due(done, s.sample_every, s.steps) {
            let rows = samples
                .iter()
                .map(|p| Ok(vec![p.condition.clone(), translate(&config, &nets.g, &p.condition, device)?, p.target.clone()]))
                .collect::<Result<Vec<_>>>()?;
            contact_sheet(&rows, s.size.min(256)).save(&run.sample_path(done))?;
        }
        if due(done, s.checkpoint_every, s.steps) {
            seconds += clock.elapsed().as_secs_f64();
            clock = std::time::Instant::now();
            let state = Pix2PixState {
                family: "pix2pix".into(),
                settings: s.clone(),
                step: done,
                train_pairs: data.pairs.len(),
                seconds,
                last_losses: last.clone(),
            };
            run.checkpoint(&[(GENERATOR, &nets.g), (DISCRIMINATOR, &nets.d)], &[(OPTIM_G, &nets.opt_g), (OPTIM_D, &nets.opt_d)], &state)?;
        }
    }
    bar.finish();
    log::info!("final losses {last:?}");
    Ok(run.file(GENERATOR))
}
