//! `trainer stylegan`: a small StyleGAN2 on a folder of same-sized pictures (the 64² Noto
//! emoji). Each step is the paper's: the discriminator learns to score real images above
//! generated ones (non-saturating logistic loss, with a lazy R1 penalty every `r1_every` steps),
//! then the generator learns to raise the score of its images, with style mixing so that no
//! layer relies on its neighbours' w. Every image the discriminator sees goes through
//! DiffAugment. An exponential moving average of the generator is what gets sampled and
//! exported, and `w_avg` is tracked for truncation.
//!
//! R1 (Mescheder et al. 2018) penalises the squared gradient norm of D at real images. burn has
//! no second-order autodiff, so the norm is estimated with central finite differences along a
//! random Gaussian direction v: E_v[((D(x+εv) − D(x−εv)) / 2ε)²] = ‖∇D(x)‖² (to O(ε²)), which
//! needs only first-order gradients with respect to D's weights.
//!
//! Resuming is exact: every random number of step k (latents, noise, augmentation) comes from
//! `(seed, k)`, and the checkpoint holds G, its average, D and both optimizers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use burn::module::Module;
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::tensor::activation::softplus;
use burn::tensor::{Device, Tensor, TensorData};
use rand::{Rng, RngCore};
use serde::{Deserialize, Serialize};

use super::augment::DiffAugment;
use super::critic::{Critic, CriticKind};
use super::data::list_images;
use super::run::{Progress, RunDir, check_finite, due, step_rng};
use super::util::contact_sheet;
use crate::breed::{latents_of_seeds, normal_of_seed};
use crate::error::Result;
use crate::image::Planar;
use crate::models::{NoiseMode, StyleGanConfig, StyleGenerator};

pub const GENERATOR: &str = "generator.bpk";
pub const GENERATOR_EMA: &str = "generator_ema.bpk";
pub const DISCRIMINATOR: &str = "discriminator.bpk";
const OPTIM_G: &str = "optim_g.bpk";
const OPTIM_D: &str = "optim_d.bpk";
/// Seeds of the sample grids (the same images at every checkpoint, so progress is visible).
pub const SAMPLE_SEEDS: std::ops::Range<u64> = 0..32;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StyleGanSettings {
    pub data: PathBuf,
    pub config: StyleGanConfig,
    pub steps: u64,
    pub batch: usize,
    pub lr: f64,
    pub r1_gamma: f64,
    pub r1_every: u64,
    /// Probability that a batch mixes two latents at a random layer.
    pub mixing: f64,
    pub augment: DiffAugment,
    /// The discriminator (runs from before this setting used the residual one).
    #[serde(default)]
    pub discriminator: CriticKind,
    /// Half-life of the generator average, in thousands of images.
    pub ema_kimg: f64,
    pub seed: u64,
    pub sample_every: u64,
    pub checkpoint_every: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StyleGanState {
    /// Always `"stylegan"`.
    pub family: String,
    pub settings: StyleGanSettings,
    pub step: u64,
    pub train_images: usize,
    pub seconds: f64,
    pub last_losses: BTreeMap<String, f64>,
}

pub fn read_state(run: &Path) -> Result<StyleGanState> {
    super::run::read_json(&run.join(super::run::STATE))
}

/// The training pictures at the model's resolution, RGB in `[-1, 1]`, flattened.
pub struct ImageSet {
    pub images: Vec<Vec<f32>>,
    pub resolution: usize,
}

impl ImageSet {
    pub fn load(dir: &Path, resolution: usize) -> Result<Self> {
        let images = list_images(dir)?
            .iter()
            .map(|f| Planar::open(f).map(|p| p.resize(resolution, resolution).data.iter().map(|v| v * 2.0 - 1.0).collect()))
            .collect::<Result<Vec<_>>>()?;
        Ok(Self { images, resolution })
    }

    /// A random batch with random horizontal flips.
    pub fn batch(&self, rng: &mut impl Rng, n: usize, device: &Device) -> Tensor<4> {
        let r = self.resolution;
        let mut data = Vec::with_capacity(n * 3 * r * r);
        for _ in 0..n {
            let img = &self.images[rng.random_range(0..self.images.len())];
            if rng.random_bool(0.5) {
                data.extend(img.chunks_exact(r).flat_map(|row| row.iter().rev()));
            } else {
                data.extend_from_slice(img);
            }
        }
        Tensor::from_data(TensorData::new(data, [n, 3, r, r]), device)
    }
}

/// Everything that changes during training.
pub struct Nets {
    pub g: StyleGenerator,
    /// The moving average of `g` (a plain, non-training copy).
    pub g_ema: StyleGenerator,
    pub d: Critic,
    pub opt_g: ModuleOptimizer,
    pub opt_d: ModuleOptimizer,
}

impl Nets {
    /// A new generator against StyleGAN2's residual discriminator.
    pub fn new(config: &StyleGanConfig, device: &Device) -> Self {
        Self::against(config, Critic::Residual(crate::models::ResidualDiscriminator::new(config, device)), device)
    }

    pub fn against(config: &StyleGanConfig, d: Critic, device: &Device) -> Self {
        let g = config.init(device);
        let g_ema = g.valid();
        let adam = || AdamConfig::new().with_beta_1(0.0).with_beta_2(0.99).with_epsilon(1e-8).init();
        Self { g, g_ema, d, opt_g: adam(), opt_d: adam() }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Losses {
    pub d_real: f64,
    pub d_fake: f64,
    pub generator: f64,
    pub r1: Option<f64>,
}

fn scalar(t: Tensor<1>) -> f64 {
    t.into_scalar::<f32>() as f64
}

/// Latents `[n, z_dim]` from the step's generator.
pub fn latents(rng: &mut impl RngCore, n: usize, z_dim: usize, device: &Device) -> Tensor<2> {
    Tensor::from_data(TensorData::new(normal_of_seed(rng.next_u64(), n * z_dim), [n, z_dim]), device)
}

/// Per-layer ws for a training batch, mixed at a random layer with probability `mixing`, and
/// the unmixed w (for `w_avg`).
fn training_ws(g: &StyleGenerator, s: &StyleGanSettings, rng: &mut impl Rng, device: &Device) -> (Tensor<3>, Tensor<2>) {
    let (n, z) = (s.batch, s.config.z_dim);
    let w = g.map(latents(rng, n, z, device));
    let ws = g.broadcast(w.clone());
    if rng.random_bool(s.mixing.clamp(0.0, 1.0)) {
        let other = g.broadcast(g.map(latents(rng, n, z, device)));
        let cut = rng.random_range(1..g.num_ws());
        (g.mix(ws, other, cut), w)
    } else {
        (ws, w)
    }
}

/// ‖∇D(x)‖² per sample, estimated by central differences along a random direction.
fn r1_estimate(d: &Critic, real: Tensor<4>, rng: &mut impl RngCore) -> Tensor<1> {
    const EPS: f64 = 1e-2;
    let dims = real.dims();
    let v = Tensor::<4>::from_data(TensorData::new(normal_of_seed(rng.next_u64(), dims.iter().product()), dims), &real.device());
    let diff = (d.forward(real.clone() + v.clone() * EPS) - d.forward(real - v * EPS)) / (2.0 * EPS);
    diff.powf_scalar(2.0).mean()
}

/// One step of the paper: D (with lazy R1 when `r1` is set), then G, then the average.
pub fn train_step(mut n: Nets, s: &StyleGanSettings, real: Tensor<4>, images_seen: u64, r1: bool, rng: &mut (impl Rng + RngCore)) -> (Nets, Losses) {
    let device = real.device();
    let mut l = Losses::default();

    // Discriminator: real images up, generated ones down.
    let (ws, _) = training_ws(&n.g, s, rng, &device);
    let fake = n.g.synthesis(ws, NoiseMode::Random).detach();
    let real_scores = n.d.forward(s.augment.apply(real.clone(), rng));
    let fake_scores = n.d.forward(s.augment.apply(fake, rng));
    let (loss_real, loss_fake) = (softplus(-real_scores, 1.0).mean(), softplus(fake_scores, 1.0).mean());
    l.d_real = scalar(loss_real.clone());
    l.d_fake = scalar(loss_fake.clone());
    let mut loss_d = loss_real + loss_fake;
    if r1 {
        let penalty = r1_estimate(&n.d, s.augment.apply(real, rng), rng);
        l.r1 = Some(scalar(penalty.clone()));
        loss_d = loss_d + penalty * (s.r1_gamma / 2.0 * s.r1_every as f64);
    }
    n.d = n.d.step(&mut n.opt_d, s.lr, loss_d);

    // Generator: make the discriminator score its images as real.
    let (ws, w) = training_ws(&n.g, s, rng, &device);
    let fake = n.g.synthesis(ws, NoiseMode::Random);
    let loss_g = softplus(-n.d.forward(s.augment.apply(fake, rng)), 1.0).mean();
    l.generator = scalar(loss_g.clone());
    if l.generator.is_finite() {
        let grads = GradientsParams::from_grads(loss_g.backward(), &n.g);
        n.g = n.opt_g.step(s.lr, n.g, grads);
    }
    // The centre of truncation follows the mean w (β 0.995, as in StyleGAN2).
    let batch_mean = w.detach().mean_dim(0).reshape([s.config.w_dim]);
    n.g.w_avg = n.g.w_avg.clone().map(|avg| (avg * 0.995 + batch_mean * 0.005).detach());

    let beta = super::ema::beta(s.batch, images_seen + s.batch as u64, s.ema_kimg * 1000.0, 0.05);
    n.g_ema = super::ema::update(n.g_ema, &n.g, beta);
    (n, l)
}

/// The average generator's images of [`SAMPLE_SEEDS`] in a grid (8 per row).
pub fn sample_grid(g: &StyleGenerator, psi: f64, device: &Device) -> Result<Planar> {
    let seeds: Vec<u64> = SAMPLE_SEEDS.collect();
    let images = pollster::block_on(Planar::batch_from_tensor(g.generate(latents_of_seeds(&seeds, g.z_dim(), device), psi)))?;
    let rows: Vec<Vec<Planar>> = images.chunks(8).map(|r| r.to_vec()).collect();
    Ok(contact_sheet(&rows, rows.first().and_then(|r| r.first()).map_or(64, |i| i.width)))
}

/// Train (or resume) a run in `run_dir`.
pub fn train(settings: StyleGanSettings, run_dir: &Path, resume: bool, device: &Device) -> Result<PathBuf> {
    let (run, previous) = RunDir::open::<StyleGanState>(run_dir, resume, GENERATOR)?;
    let (s, start, mut seconds) = match previous {
        Some(p) => {
            log::info!("resuming {} at step {}", run_dir.display(), p.step);
            (StyleGanSettings { steps: settings.steps.max(p.settings.steps), ..p.settings }, p.step, p.seconds)
        }
        None => (settings, 0, 0.0),
    };
    s.config.validate()?;
    let set = ImageSet::load(&s.data, s.config.resolution)?;
    log::info!("{} training images at {}²", set.images.len(), s.config.resolution);
    let plain = device.clone().inner();

    log::info!("discriminator: {}", s.discriminator.describe());

    device.seed(s.seed);
    let mut n = Nets::against(&s.config, Critic::new(s.discriminator, &s.config, device)?, device);
    if start > 0 {
        n.g = run.load(GENERATOR, n.g)?;
        n.d = n.d.load(&run, DISCRIMINATOR)?;
        n.g_ema = run.load(GENERATOR_EMA, s.config.init(&plain))?;
        n.opt_g = run.load_optim(OPTIM_G, n.opt_g);
        n.opt_d = run.load_optim(OPTIM_D, n.opt_d);
    }
    let bar = Progress::new(s.steps, start);
    let mut last = BTreeMap::new();
    let mut clock = std::time::Instant::now();
    for step in start..s.steps {
        let mut rng = step_rng(s.seed, step);
        device.seed(rng.next_u64()); // the per-pixel noise of this step
        let real = set.batch(&mut rng, s.batch, device);
        let r1 = s.r1_every > 0 && s.r1_gamma > 0.0 && step % s.r1_every == 0;
        let l;
        (n, l) = train_step(n, &s, real, step * s.batch as u64, r1, &mut rng);
        check_finite(l.generator + l.d_real + l.d_fake, step)?;
        last = BTreeMap::from([
            ("d_real".to_string(), l.d_real),
            ("d_fake".to_string(), l.d_fake),
            ("generator".to_string(), l.generator),
        ]);
        if let Some(r) = l.r1 {
            last.insert("r1".to_string(), r);
        }
        let done = step + 1;
        let kimg = (done * s.batch as u64) as f64 / 1000.0;
        bar.step(done, format!("{kimg:.1} kimg  D real {:.3} fake {:.3}  G {:.3}", l.d_real, l.d_fake, l.generator));
        if due(done, s.sample_every, s.steps) {
            sample_grid(&n.g_ema, 1.0, &plain)?.save(&run.sample_path(done))?;
        }
        if due(done, s.checkpoint_every, s.steps) {
            seconds += clock.elapsed().as_secs_f64();
            clock = std::time::Instant::now();
            let state = StyleGanState {
                family: "stylegan".into(),
                settings: s.clone(),
                step: done,
                train_images: set.images.len(),
                seconds,
                last_losses: last.clone(),
            };
            let nets: [(&str, &dyn super::run::Checkpointed); 3] = [(GENERATOR, &n.g), (GENERATOR_EMA, &n.g_ema), (DISCRIMINATOR, &n.d)];
            run.checkpoint(&nets, &[(OPTIM_G, &n.opt_g), (OPTIM_D, &n.opt_d)], &state)?;
        }
    }
    bar.finish();
    log::info!("final losses {last:?}");
    Ok(run.file(GENERATOR_EMA))
}
