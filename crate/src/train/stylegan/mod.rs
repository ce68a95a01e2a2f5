//! `trainer stylegan`: a small StyleGAN2 on a folder of same-sized pictures (the 64² Noto
//! emoji), one step of the paper per batch ([`step`]). An exponential moving average of the
//! generator is what gets sampled and exported, and `w_avg` is tracked for truncation.
//!
//! Resuming is exact: every random number of step k (latents, noise, augmentation) comes from
//! `(seed, k)`, and the checkpoint holds G, its average, D and both optimizers.

pub mod card;
pub mod critic;
pub mod eval;
pub mod genes;
pub mod settings;
pub mod step;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use burn::tensor::{Device, Tensor, TensorData};
use rand::rngs::StdRng;
use rand::{Rng, RngCore};

use self::critic::Critic;
pub use self::settings::{DISCRIMINATOR, GENERATOR, GENERATOR_EMA, SAMPLE_SEEDS, StyleGanSettings, StyleGanState, read_state};
pub use self::step::{Losses, Nets, latents, train_step};
use super::Family;
use super::run::data::list_images;
use super::run::{At, Checkpointed, Report, RunDir, Trainer, contact_sheet, train_loop};
use crate::breed::latents_of_seeds;
use crate::error::Result;
use crate::image::Planar;
use crate::models::StyleGenerator;

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

/// The average generator's images of [`SAMPLE_SEEDS`] in a grid (8 per row).
pub fn sample_grid(g: &StyleGenerator, psi: f64, device: &Device) -> Result<Planar> {
    let seeds: Vec<u64> = SAMPLE_SEEDS.collect();
    let images = pollster::block_on(Planar::batch_from_tensor(g.generate(latents_of_seeds(&seeds, g.z_dim(), device), psi)))?;
    let rows: Vec<Vec<Planar>> = images.chunks(8).map(|r| r.to_vec()).collect();
    Ok(contact_sheet(&rows, rows.first().and_then(|r| r.first()).map_or(64, |i| i.width)))
}

/// A StyleGAN run: the training images.
pub struct StyleGanRun {
    s: StyleGanSettings,
    set: ImageSet,
    device: Device,
    /// The device without autodiff (the average generator, the samples).
    plain: Device,
}

impl StyleGanRun {
    pub fn new(s: StyleGanSettings, device: &Device) -> Result<Self> {
        s.config.validate()?;
        let set = ImageSet::load(&s.data, s.config.resolution)?;
        log::info!("{} training images at {}²", set.images.len(), s.config.resolution);
        log::info!("discriminator: {}", s.discriminator.describe());
        Ok(Self { s, set, device: device.clone(), plain: device.clone().inner() })
    }
}

impl Trainer for StyleGanRun {
    type Settings = StyleGanSettings;
    type Nets = Nets;
    const MARKER: &'static str = GENERATOR;
    const OUTPUT: &'static str = GENERATOR_EMA;

    fn fresh(&self) -> Result<Nets> {
        Ok(Nets::against(&self.s.config, Critic::new(self.s.discriminator, &self.s.config, &self.device)?, &self.device))
    }

    fn restore(&mut self, mut n: Nets, run: &RunDir) -> Result<Nets> {
        n.g = run.load(GENERATOR, n.g)?;
        n.d = n.d.load(run, DISCRIMINATOR)?;
        n.g_ema = run.load(GENERATOR_EMA, self.s.config.init(&self.plain))?;
        (n.opt_g, n.opt_d) = run.load_optims((n.opt_g, n.opt_d));
        Ok(n)
    }

    fn learning_rate(&self, _step: u64) -> f64 {
        self.s.lr
    }

    fn step(&self, n: Nets, step: u64, _lr: f64, rng: &mut StdRng) -> Result<(Nets, Report)> {
        let s = &self.s;
        self.device.seed(rng.next_u64()); // the per-pixel noise of this step
        let real = self.set.batch(rng, s.batch, &self.device);
        let r1 = s.r1_every > 0 && s.r1_gamma > 0.0 && step.is_multiple_of(s.r1_every);
        let (n, l) = train_step(n, s, real, step * s.batch as u64, r1, rng);
        let mut losses = BTreeMap::from([("d_real".to_string(), l.d_real), ("d_fake".to_string(), l.d_fake), ("generator".to_string(), l.generator)]);
        if let Some(r) = l.r1 {
            losses.insert("r1".to_string(), r);
        }
        let kimg = ((step + 1) * s.batch as u64) as f64 / 1000.0;
        let line = format!("{kimg:.1} kimg  D real {:.3} fake {:.3}  G {:.3}", l.d_real, l.d_fake, l.generator);
        Ok((n, Report { losses, watched: l.generator + l.d_real + l.d_fake, line }))
    }

    fn sample(&self, n: &Nets) -> Result<Planar> {
        sample_grid(&n.g_ema, 1.0, &self.plain)
    }

    fn save(&self, n: &Nets, run: &RunDir, at: &At) -> Result<()> {
        let state = StyleGanState {
            family: Family::StyleGan,
            settings: self.s.clone(),
            step: at.step,
            train_images: self.set.images.len(),
            seconds: at.seconds,
            last_losses: at.losses.clone(),
        };
        let nets: [(&str, &dyn Checkpointed); 3] = [(GENERATOR, &n.g), (GENERATOR_EMA, &n.g_ema), (DISCRIMINATOR, &n.d)];
        run.checkpoint(&nets, [&n.opt_g, &n.opt_d], &state)
    }
}

/// Train (or resume) a run in `run_dir`.
pub fn train(settings: StyleGanSettings, run_dir: &Path, resume: bool, device: &Device) -> Result<PathBuf> {
    train_loop(settings, run_dir, resume, device, |s| StyleGanRun::new(s, device))
}
