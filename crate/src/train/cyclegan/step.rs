//! One CycleGAN step (Zhu et al., 2017): both discriminators learn to tell their domain's real
//! images from the generators' fakes (drawn from a pool of past fakes), then both generators
//! learn to fool them while A → B → A and B → A → B return the images they started from (cycle
//! loss) and an image already in the target domain passes unchanged (identity loss).

use burn::optim::{AdamConfig, ModuleOptimizer};
use burn::tensor::{Device, Tensor};
use rand::Rng;

use super::pool::ImagePool;
use super::settings::{CycleGanSettings, Discriminators, Generators};
use crate::error::Result;
use crate::loss::lsgan;
use crate::models::PatchDiscriminator;
use crate::nn::NormState;
use crate::train::fast_style::generator_from_model_file;
use crate::train::run::{descend, descend_finite, scalar};

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
        Self::new(s, device).init_from(s, device)
    }

    /// The generators given by `--init-ab`/`--init-ba` put in.
    pub fn init_from(mut self, s: &CycleGanSettings, device: &Device) -> Result<Self> {
        if let Some(file) = &s.init_ab {
            self.g.ab = generator_from_model_file(file, &s.generator, device)?.0;
        }
        if let Some(file) = &s.init_ba {
            self.g.ba = generator_from_model_file(file, &s.generator, device)?.0;
        }
        Ok(self)
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

/// The generators' loss terms; `total` is what they descend.
struct GeneratorTerms {
    adversarial: Tensor<1>,
    cycle: Tensor<1>,
    /// `None` when the identity weight is 0 (the term is off, not computed).
    identity: Option<Tensor<1>>,
    total: Tensor<1>,
}

/// The generators' loss on batches `a`, `b` (RGB in `[0, 1]`) and their translations
/// `fake_b = G_ab(a)`, `fake_a = G_ba(b)`: fool the discriminators (each image they see goes
/// through `judge`), close both cycles, leave the target domain alone.
fn generator_terms(
    g: &Generators,
    d: &Discriminators,
    s: &CycleGanSettings,
    (a, b): (Tensor<4>, Tensor<4>),
    (fake_b, fake_a): (Tensor<4>, Tensor<4>),
    judge: &mut impl FnMut(&PatchDiscriminator, Tensor<4>) -> Tensor<4>,
) -> GeneratorTerms {
    let own = || NormState::own();
    let adversarial = lsgan(judge(&d.b, fake_b.clone()), true) + lsgan(judge(&d.a, fake_a.clone()), true);
    let cycle = (g.ba.forward(fake_b, &mut own()) - a.clone()).abs().mean() + (g.ab.forward(fake_a, &mut own()) - b.clone()).abs().mean();
    let mut total = adversarial.clone() + cycle.clone() * s.cycle_weight;
    let identity = (s.identity_weight > 0.0)
        .then(|| (g.ab.forward(b.clone(), &mut own()) - b).abs().mean() + (g.ba.forward(a.clone(), &mut own()) - a).abs().mean());
    if let Some(identity) = &identity {
        total = total + identity.clone() * (s.cycle_weight * s.identity_weight);
    }
    GeneratorTerms { adversarial, cycle, identity, total }
}

/// The generators' loss (adversarial + cycle + identity) on a batch, without training and
/// without augmentation: the figure a step lowers.
pub fn generator_loss(g: &Generators, d: &Discriminators, s: &CycleGanSettings, a: Tensor<4>, b: Tensor<4>) -> f64 {
    let fakes = (g.ab.forward(a.clone(), &mut NormState::own()), g.ba.forward(b.clone(), &mut NormState::own()));
    scalar(generator_terms(g, d, s, (a, b), fakes, &mut |d: &PatchDiscriminator, x: Tensor<4>| d.forward(x * 2.0 - 1.0)).total)
}

/// One step of the paper on batches `a` and `b` (RGB in `[0, 1]`). The generators are not
/// updated when their loss is not a number.
pub fn train_step(mut n: Nets, s: &CycleGanSettings, a: Tensor<4>, b: Tensor<4>, lr: f64, rng: &mut impl Rng) -> (Nets, Losses) {
    let mut l = Losses::default();
    let fake_b = n.g.ab.forward(a.clone(), &mut NormState::own());
    let fake_a = n.g.ba.forward(b.clone(), &mut NormState::own());

    // Discriminators: real images of their domain against (pooled) fakes.
    let past_b = n.pool_b.query(&fake_b, s.pool_size, rng);
    let past_a = n.pool_a.query(&fake_a, s.pool_size, rng);
    // With DiffAugment, every image a discriminator sees is augmented, in both steps; the
    // discriminators see images in `[-1, 1]`.
    let mut seen = |d: &PatchDiscriminator, x: Tensor<4>| d.forward(s.augment.apply(x * 2.0 - 1.0, rng));
    let l_d = (lsgan(seen(&n.d.b, b.clone()), true) + lsgan(seen(&n.d.b, past_b), false)) * 0.5
        + (lsgan(seen(&n.d.a, a.clone()), true) + lsgan(seen(&n.d.a, past_a), false)) * 0.5;
    l.discriminators = scalar(l_d.clone());
    n.d = descend(n.d, &mut n.opt_d, lr, l_d);

    // Generators: judged by the updated discriminators.
    let t = generator_terms(&n.g, &n.d, s, (a, b), (fake_b, fake_a), &mut seen);
    l.adversarial = scalar(t.adversarial);
    l.cycle = scalar(t.cycle);
    l.identity = t.identity.map_or(0.0, scalar);
    (n.g, l.generators) = descend_finite(n.g, &mut n.opt_g, lr, t.total);
    (n, l)
}
