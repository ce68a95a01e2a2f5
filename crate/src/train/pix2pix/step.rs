//! One pix2pix step (Isola et al., 2017): the conditional discriminator learns that
//! (condition, target) is real and (condition, G(condition)) fake; then the generator learns to
//! fool it while staying close to the target in L1.

use std::path::Path;

use burn::optim::{AdamConfig, ModuleOptimizer};
use burn::tensor::{Device, Tensor};

use crate::error::{AtelierError, Result};
use crate::loss::lsgan;
use crate::models::{PatchDiscriminator, Pix2Pix, Pix2PixConfig, UNet};
use crate::nn::NormState;
use crate::train::run::{descend, descend_finite, load_module_bytes, module_bytes, scalar};

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

/// One step of the paper on a batch of RGB conditions `x` and targets `y`. The generator is not
/// updated when its loss is not a number.
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
        nets.d = descend(nets.d, &mut nets.opt_d, lr, l_d);
    }

    let l_l1 = (fake.clone() - real).abs().mean();
    losses.l1 = scalar(l_l1.clone());
    let mut loss = l_l1 * w.l1;
    if w.adversarial > 0.0 {
        let l_adv = lsgan(nets.d.forward(config.pair(condition, fake)), true);
        losses.adversarial = scalar(l_adv.clone());
        loss = loss + l_adv * w.adversarial;
    }
    (nets.g, losses.total) = descend_finite(nets.g, &mut nets.opt_g, lr, loss);
    (nets, losses)
}
