//! One fast-style step: the discriminator learns that painting patches are real and stylized
//! photos fake; then the generator descends content + style + TV + adversarial losses
//! (Johnson et al., 2016; the PatchGAN term as in LSGAN).

use std::path::Path;

use burn::optim::ModuleOptimizer;
use burn::tensor::{Device, Tensor};

use crate::error::{AtelierError, Result};
use crate::features::{LossNet, STYLE_TAPS, Taps};
use crate::image::Planar;
use crate::loss::{ContentLoss, StyleLoss, lsgan, total_variation};
use crate::models::{FastStyleNet, PatchDiscriminator};
use crate::nn::NormState;
use crate::train::run::data::fit_long_side;
use crate::train::run::{descend, descend_finite, scalar};

/// The generator, the discriminator and their optimizers.
pub struct Nets {
    pub g: FastStyleNet,
    pub d: PatchDiscriminator,
    pub opt_g: ModuleOptimizer,
    pub opt_d: ModuleOptimizer,
}

/// What the generator is measured by: the loss network, the painting's Gram matrices, the
/// weights of each term (`adv_weight` 0: no discriminator).
pub struct Objective {
    pub lossnet: LossNet,
    pub content: ContentLoss,
    pub style: StyleLoss,
    pub content_weight: f64,
    pub style_weight: f64,
    pub tv_weight: f64,
    pub adv_weight: f64,
}

/// The loss-network tap named `name` (`--content-tap`).
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

#[derive(Debug, Clone, Copy, Default)]
pub struct StepLosses {
    pub content: f64,
    pub style: f64,
    pub tv: f64,
    pub adversarial: f64,
    pub discriminator: f64,
    pub total: f64,
}

/// One step on a batch of photos `x` (and, with the adversarial loss, as many painting patches).
/// The generator is not updated when its loss is not a number.
pub fn train_step(mut n: Nets, o: &Objective, x: Tensor<4>, paintings: Option<Tensor<4>>, lr: f64) -> (Nets, StepLosses) {
    let mut l = StepLosses::default();
    let y = n.g.forward(x.clone(), &mut NormState::own());

    // Discriminator: painting patches are real, stylized patches fake.
    let paintings = paintings.filter(|_| o.adv_weight > 0.0);
    if let Some(real) = paintings.clone() {
        let l_d = (lsgan(n.d.forward(real), true) + lsgan(n.d.forward(y.clone().detach()), false)) * 0.5;
        l.discriminator = scalar(l_d.clone());
        n.d = descend(n.d, &mut n.opt_d, lr, l_d);
    }

    // Generator: keep the photo's content, take the painting's style, no speckle, fool D.
    let (f_y, f_x) = (o.lossnet.forward(y.clone()), o.lossnet.forward(x));
    let l_content = o.content.forward(&f_y, &f_x);
    let l_style = o.style.forward(&f_y);
    let l_tv = total_variation(y.clone());
    (l.content, l.style, l.tv) = (scalar(l_content.clone()), scalar(l_style.clone()), scalar(l_tv.clone()));
    let mut loss = l_content * o.content_weight + l_style * o.style_weight + l_tv * o.tv_weight;
    if paintings.is_some() {
        let l_adv = lsgan(n.d.forward(y), true);
        l.adversarial = scalar(l_adv.clone());
        loss = loss + l_adv * o.adv_weight;
    }
    (n.g, l.total) = descend_finite(n.g, &mut n.opt_g, lr, loss);
    (n, l)
}
