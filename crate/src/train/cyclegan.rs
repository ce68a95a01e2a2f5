//! `trainer cyclegan`: unpaired translation between two folders (Zhu et al., 2017). Each step is
//! the paper's: both discriminators learn to tell their domain's real images from the
//! generators' fakes (drawn from a pool of past fakes), then both generators learn to fool them
//! while A → B → A and B → A → B return the images they started from (cycle loss) and an image
//! already in the target domain passes unchanged (identity loss). LSGAN, Adam 2e-4 (β₁ 0.5),
//! constant then linearly decaying learning rate.
//!
//! Resuming is exact: the random numbers of step `k` come from `(seed, k)`, and the checkpoint
//! holds all four networks, both optimizers and the pools of past fakes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use burn::module::Module;
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::tensor::{Device, Tensor, TensorData};
use rand::Rng;
use serde::{Deserialize, Serialize};

use super::augment::DiffAugment;
use super::fast_style::generator_from_model_file;
use super::data::{ContentSet, fit_long_side, list_images, split};
use super::run::{Progress, RunDir, check_finite, due, step_rng};
use super::util::{contact_sheet, write_atomic};
use crate::error::{AtelierError, Result};
use crate::image::Planar;
use crate::loss::lsgan;
use crate::models::{PatchDiscriminator, PatchDiscriminatorConfig, ResnetGenerator, ResnetGeneratorConfig};
use crate::nn::NormState;

pub const GENERATORS: &str = "generators.bpk";
pub const DISCRIMINATORS: &str = "discriminators.bpk";
const OPTIM_G: &str = "optim_g.bpk";
const OPTIM_D: &str = "optim_d.bpk";
const POOLS: &str = "pools.safetensors";

/// Both generators: `ab` carries A into B, `ba` B into A (one optimizer for both, as in the paper).
#[derive(Module, Debug)]
pub struct Generators {
    pub ab: ResnetGenerator,
    pub ba: ResnetGenerator,
}

/// `a` judges domain A, `b` domain B.
#[derive(Module, Debug)]
pub struct Discriminators {
    pub a: PatchDiscriminator,
    pub b: PatchDiscriminator,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CycleGanSettings {
    pub a: PathBuf,
    pub b: PathBuf,
    /// Names of the domains ("photo", "painting").
    pub a_name: String,
    pub b_name: String,
    pub generator: ResnetGeneratorConfig,
    pub discriminator: PatchDiscriminatorConfig,
    pub steps: u64,
    pub batch: usize,
    pub size: usize,
    /// Short side images are resized to before the random crop.
    pub load_size: usize,
    pub lr: f64,
    pub decay_from: u64,
    pub cycle_weight: f64,
    /// Relative to the cycle weight (the paper: 0.5).
    pub identity_weight: f64,
    pub pool_size: usize,
    /// DiffAugment on every image the discriminators see (small sets); off in older runs.
    #[serde(default)]
    pub augment: DiffAugment,
    /// Model files the generators start from (a fast-style model, or one direction of a
    /// CycleGAN) instead of random weights: transfer learning for a small CPU budget.
    #[serde(default)]
    pub init_ab: Option<PathBuf>,
    #[serde(default)]
    pub init_ba: Option<PathBuf>,
    pub seed: u64,
    pub sample_every: u64,
    pub checkpoint_every: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CycleGanState {
    /// Always `"cyclegan"`.
    pub family: String,
    pub settings: CycleGanSettings,
    pub step: u64,
    pub train_images: (usize, usize),
    pub seconds: f64,
    pub last_losses: BTreeMap<String, f64>,
}

pub fn read_state(run: &Path) -> Result<CycleGanState> {
    super::run::read_json(&run.join(super::run::STATE))
}

/// A domain's training and held-out files: its `train/` and `test/` subfolders, the junyanz
/// layout's `trainA`/`testA` (`domain` = "A"), or every sixth file held out.
pub fn domain_files(dir: &Path, domain: &str) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    for (train, test) in [("train".to_string(), "test".to_string()), (format!("train{domain}"), format!("test{domain}"))] {
        if dir.join(&train).is_dir() && dir.join(&test).is_dir() {
            return Ok((list_images(&dir.join(train))?, list_images(&dir.join(test))?));
        }
    }
    Ok(split(list_images(dir)?))
}

/// The pool of past fakes of Shrivastava et al. (2017): the discriminator sees a fake from an
/// older generator half of the time, so it does not chase the newest one in circles.
#[derive(Debug, Default)]
pub struct ImagePool {
    pub images: Vec<Vec<f32>>,
}

impl ImagePool {
    /// For each image of the batch: itself, or (half the time, once the pool is full) a past
    /// fake that it replaces.
    pub fn query(&mut self, fakes: &Tensor<4>, capacity: usize, rng: &mut impl Rng) -> Tensor<4> {
        let [n, c, h, w] = fakes.dims();
        let data = fakes.clone().detach().into_data().try_into_vec::<f32>().unwrap_or_default();
        let per = c * h * w;
        let mut out = Vec::with_capacity(data.len());
        for i in 0..n {
            let img = data[i * per..(i + 1) * per].to_vec();
            if self.images.len() < capacity {
                self.images.push(img.clone());
                out.extend(img);
            } else if rng.random_bool(0.5) {
                let k = rng.random_range(0..self.images.len());
                out.extend(std::mem::replace(&mut self.images[k], img));
            } else {
                out.extend(img);
            }
        }
        Tensor::from_data(TensorData::new(out, [n, c, h, w]), &fakes.device())
    }
}

fn save_pools(path: &Path, pools: &[&ImagePool; 2], shape: [usize; 3]) -> Result<()> {
    let bytes: Vec<(String, Vec<u8>)> = pools
        .iter()
        .enumerate()
        .flat_map(|(p, pool)| pool.images.iter().enumerate().map(move |(i, img)| (format!("{p}.{i}"), img.iter().flat_map(|v| v.to_le_bytes()).collect())))
        .collect();
    let views: Vec<(String, safetensors::tensor::TensorView)> = bytes
        .iter()
        .map(|(k, b)| safetensors::tensor::TensorView::new(safetensors::Dtype::F32, shape.to_vec(), b).map(|v| (k.clone(), v)))
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| AtelierError::Io(format!("pool of fakes: {e}")))?;
    let data = safetensors::serialize(views, None).map_err(|e| AtelierError::Io(format!("pool of fakes: {e}")))?;
    write_atomic(path, &data)
}

fn load_pools(path: &Path) -> Result<[ImagePool; 2]> {
    let mut pools = [ImagePool::default(), ImagePool::default()];
    let Ok(bytes) = std::fs::read(path) else { return Ok(pools) };
    let st = safetensors::SafeTensors::deserialize(&bytes).map_err(|e| AtelierError::CorruptModel(format!("{}: {e}", path.display())))?;
    let mut names: Vec<(usize, usize, String)> = st
        .names()
        .into_iter()
        .filter_map(|n| n.split_once('.').and_then(|(p, i)| Some((p.parse().ok()?, i.parse().ok()?, n.to_string()))))
        .collect();
    names.sort();
    for (p, _, name) in names {
        let t = st.tensor(&name).map_err(|e| AtelierError::CorruptModel(e.to_string()))?;
        let img = t.data().chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
        if let Some(pool) = pools.get_mut(p) {
            pool.images.push(img);
        }
    }
    Ok(pools)
}

/// Everything that changes during training.
pub struct Nets {
    pub g: Generators,
    pub d: Discriminators,
    pub opt_g: ModuleOptimizer,
    pub opt_d: ModuleOptimizer,
    pub pool_a: ImagePool,
    pub pool_b: ImagePool,
}

impl Nets {
    /// Random weights.
    pub fn new(s: &CycleGanSettings, device: &Device) -> Self {
        Self {
            g: Generators { ab: s.generator.init(device), ba: s.generator.init(device) },
            d: Discriminators { a: s.discriminator.init(device), b: s.discriminator.init(device) },
            opt_g: AdamConfig::new().with_beta_1(0.5).init(),
            opt_d: AdamConfig::new().with_beta_1(0.5).init(),
            pool_a: ImagePool::default(),
            pool_b: ImagePool::default(),
        }
    }

    /// A new run's networks: random, but for the generators given by `--init-ab`/`--init-ba`.
    pub fn start(s: &CycleGanSettings, device: &Device) -> Result<Self> {
        let mut n = Self::new(s, device);
        if let Some(file) = &s.init_ab {
            n.g.ab = generator_from_model_file(file, &s.generator, device)?.0;
        }
        if let Some(file) = &s.init_ba {
            n.g.ba = generator_from_model_file(file, &s.generator, device)?.0;
        }
        Ok(n)
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Losses {
    pub adversarial: f64,
    pub cycle: f64,
    pub identity: f64,
    pub discriminators: f64,
    pub generators: f64,
}

fn scalar(t: Tensor<1>) -> f64 {
    t.into_scalar::<f32>() as f64
}

/// The discriminators see images in `[-1, 1]`.
fn judge(d: &PatchDiscriminator, rgb: Tensor<4>) -> Tensor<4> {
    d.forward(rgb * 2.0 - 1.0)
}

/// The generators' loss (adversarial + cycle + identity) on a batch, without training.
pub fn generator_loss(g: &Generators, d: &Discriminators, s: &CycleGanSettings, a: Tensor<4>, b: Tensor<4>) -> f64 {
    let own = || NormState::own();
    let (fake_b, fake_a) = (g.ab.forward(a.clone(), &mut own()), g.ba.forward(b.clone(), &mut own()));
    let adv = lsgan(judge(&d.b, fake_b.clone()), true) + lsgan(judge(&d.a, fake_a.clone()), true);
    let cycle = (g.ba.forward(fake_b, &mut own()) - a.clone()).abs().mean() + (g.ab.forward(fake_a, &mut own()) - b.clone()).abs().mean();
    let identity = (g.ab.forward(b.clone(), &mut own()) - b).abs().mean() + (g.ba.forward(a.clone(), &mut own()) - a).abs().mean();
    scalar(adv + cycle * s.cycle_weight + identity * (s.cycle_weight * s.identity_weight))
}

/// One step of the paper on batches `a` and `b` (RGB in `[0, 1]`).
pub fn train_step(mut n: Nets, s: &CycleGanSettings, a: Tensor<4>, b: Tensor<4>, lr: f64, rng: &mut impl Rng) -> (Nets, Losses) {
    let mut l = Losses::default();
    let own = || NormState::own();
    let fake_b = n.g.ab.forward(a.clone(), &mut own());
    let fake_a = n.g.ba.forward(b.clone(), &mut own());

    // Discriminators: real images of their domain against (pooled) fakes.
    let past_b = n.pool_b.query(&fake_b, s.pool_size, rng);
    let past_a = n.pool_a.query(&fake_a, s.pool_size, rng);
    // With DiffAugment, every image a discriminator sees is augmented, in both steps.
    let mut seen = |d: &PatchDiscriminator, x: Tensor<4>| d.forward(s.augment.apply(x * 2.0 - 1.0, rng));
    let l_d = (lsgan(seen(&n.d.b, b.clone()), true) + lsgan(seen(&n.d.b, past_b), false)) * 0.5
        + (lsgan(seen(&n.d.a, a.clone()), true) + lsgan(seen(&n.d.a, past_a), false)) * 0.5;
    l.discriminators = scalar(l_d.clone());
    let grads = GradientsParams::from_grads(l_d.backward(), &n.d);
    n.d = n.opt_d.step(lr, n.d, grads);

    // Generators: fool the discriminators, close both cycles, leave the target domain alone.
    let adv = lsgan(seen(&n.d.b, fake_b.clone()), true) + lsgan(seen(&n.d.a, fake_a.clone()), true);
    let cycle = (n.g.ba.forward(fake_b, &mut own()) - a.clone()).abs().mean() + (n.g.ab.forward(fake_a, &mut own()) - b.clone()).abs().mean();
    let mut loss = adv.clone() + cycle.clone() * s.cycle_weight;
    if s.identity_weight > 0.0 {
        let identity = (n.g.ab.forward(b.clone(), &mut own()) - b).abs().mean() + (n.g.ba.forward(a.clone(), &mut own()) - a).abs().mean();
        l.identity = scalar(identity.clone());
        loss = loss + identity * (s.cycle_weight * s.identity_weight);
    }
    l.adversarial = scalar(adv);
    l.cycle = scalar(cycle);
    l.generators = scalar(loss.clone());
    if l.generators.is_finite() {
        let grads = GradientsParams::from_grads(loss.backward(), &n.g);
        n.g = n.opt_g.step(lr, n.g, grads);
    }
    (n, l)
}

pub fn learning_rate(s: &CycleGanSettings, step: u64) -> f64 {
    super::run::linear_decay(s.lr, step, s.decay_from, s.steps)
}

/// Train (or resume) a run in `run_dir`.
pub fn train(settings: CycleGanSettings, run_dir: &Path, resume: bool, device: &Device) -> Result<PathBuf> {
    let (run, previous) = RunDir::open::<CycleGanState>(run_dir, resume, GENERATORS)?;
    let (s, start, mut seconds) = match previous {
        Some(p) => {
            log::info!("resuming {} at step {}", run_dir.display(), p.step);
            let steps = settings.steps.max(p.settings.steps);
            (CycleGanSettings { steps, decay_from: settings.decay_from.max(p.settings.decay_from), ..p.settings }, p.step, p.seconds)
        }
        None => (settings, 0, 0.0),
    };
    s.generator.validate()?;
    let ((train_a, test_a), (train_b, test_b)) = (domain_files(&s.a, "A")?, domain_files(&s.b, "B")?);
    log::info!("A ({}): {} training, {} held out; B ({}): {} training, {} held out", s.a_name, train_a.len(), test_a.len(), s.b_name, train_b.len(), test_b.len());
    let (set_a, set_b) = (ContentSet::load(&train_a, s.load_size)?, ContentSet::load(&train_b, s.load_size)?);
    let sample = |files: &[PathBuf]| files.iter().take(3).map(|f| Planar::open(f).map(|p| fit_long_side(&p, 256))).collect::<Result<Vec<_>>>();
    let (samples_a, samples_b) = (sample(&test_a)?, sample(&test_b)?);

    // Seeded initial weights: a run is reproducible from its settings.
    device.seed(s.seed);
    let mut n = if start > 0 { Nets::new(&s, device) } else { Nets::start(&s, device)? };
    if start > 0 {
        n.g = run.load(GENERATORS, n.g)?;
        n.d = run.load(DISCRIMINATORS, n.d)?;
        n.opt_g = run.load_optim(OPTIM_G, n.opt_g);
        n.opt_d = run.load_optim(OPTIM_D, n.opt_d);
        [n.pool_a, n.pool_b] = load_pools(&run.file(POOLS))?;
    }
    let bar = Progress::new(s.steps, start);
    let mut last = BTreeMap::new();
    let mut clock = std::time::Instant::now();
    for step in start..s.steps {
        let mut rng = step_rng(s.seed, step);
        let (a, b) = (set_a.batch(&mut rng, s.batch, s.size, device), set_b.batch(&mut rng, s.batch, s.size, device));
        let lr = learning_rate(&s, step);
        let l;
        (n, l) = train_step(n, &s, a, b, lr, &mut rng);
        check_finite(l.generators, step)?;
        last = BTreeMap::from([
            ("adversarial".to_string(), l.adversarial),
            ("cycle".to_string(), l.cycle),
            ("identity".to_string(), l.identity),
            ("discriminators".to_string(), l.discriminators),
            ("generators".to_string(), l.generators),
        ]);
        let done = step + 1;
        bar.step(done, format!("adv {:.3} cycle {:.4} id {:.4} D {:.3} lr {lr:.1e}", l.adversarial, l.cycle, l.identity, l.discriminators));
        if due(done, s.sample_every, s.steps) {
            // Rows: held-out A, A → B, A → B → A; then held-out B, B → A, B → A → B.
            let mut rows = Vec::new();
            for (imgs, there, back) in [(&samples_a, &n.g.ab, &n.g.ba), (&samples_b, &n.g.ba, &n.g.ab)] {
                for img in imgs.iter() {
                    let t = there.forward(img.to_tensor(device), &mut NormState::own()).detach();
                    let r = back.forward(t.clone(), &mut NormState::own()).detach();
                    rows.push(vec![img.clone(), pollster::block_on(Planar::from_tensor(t))?, pollster::block_on(Planar::from_tensor(r))?]);
                }
            }
            contact_sheet(&rows, 192).save(&run.sample_path(done))?;
        }
        if due(done, s.checkpoint_every, s.steps) {
            save_pools(&run.file(POOLS), &[&n.pool_a, &n.pool_b], [3, s.size, s.size])?;
            seconds += clock.elapsed().as_secs_f64();
            clock = std::time::Instant::now();
            let state = CycleGanState {
                family: "cyclegan".into(),
                settings: s.clone(),
                step: done,
                train_images: (set_a.images.len(), set_b.images.len()),
                seconds,
                last_losses: last.clone(),
            };
            run.checkpoint(&[(GENERATORS, &n.g), (DISCRIMINATORS, &n.d)], &[(OPTIM_G, &n.opt_g), (OPTIM_D, &n.opt_d)], &state)?;
        }
    }
    bar.finish();
    log::info!("final losses {last:?}");
    Ok(run.file(GENERATORS))
}
