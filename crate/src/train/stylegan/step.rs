//! One StyleGAN2 step (Karras et al., 2020): the discriminator learns to score real images above
//! generated ones (non-saturating logistic loss, with a lazy R1 penalty every `r1_every` steps),
//! then the generator learns to raise the score of its images, with style mixing so that no
//! layer relies on its neighbours' w. Every image the discriminator sees goes through
//! DiffAugment. Then the moving average of the generator and `w_avg` follow.
//!
//! R1 (Mescheder et al. 2018) penalises the squared gradient norm of D at real images. burn has
//! no second-order autodiff, so the norm is estimated with central finite differences along a
//! random Gaussian direction v: E_v[((D(x+εv) − D(x−εv)) / 2ε)²] = ‖∇D(x)‖² (to O(ε²)), which
//! needs only first-order gradients with respect to D's weights.

use burn::module::Module;
use burn::optim::{AdamConfig, ModuleOptimizer};
use burn::tensor::activation::softplus;
use burn::tensor::{Device, Tensor, TensorData};
use rand::{Rng, RngCore};

use super::critic::Critic;
use super::settings::StyleGanSettings;
use crate::breed::normal_of_seed;
use crate::models::{NoiseMode, StyleGanConfig, StyleGenerator};
use crate::train::run::{descend_finite, ema, scalar};

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
pub fn train_step(mut n: Nets, s: &StyleGanSettings, real: Tensor<4>, images_seen: u64, r1: bool, rng: &mut impl Rng) -> (Nets, Losses) {
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
    (n.g, l.generator) = descend_finite(n.g, &mut n.opt_g, s.lr, loss_g);
    // The centre of truncation follows the mean w (β 0.995, as in StyleGAN2).
    let batch_mean = w.detach().mean_dim(0).reshape([s.config.w_dim]);
    n.g.w_avg = n.g.w_avg.clone().map(|avg| (avg * 0.995 + batch_mean * 0.005).detach());

    let beta = ema::beta(s.batch, images_seen + s.batch as u64, s.ema_kimg * 1000.0, 0.05);
    n.g_ema = ema::update(n.g_ema, &n.g, beta);
    (n, l)
}
