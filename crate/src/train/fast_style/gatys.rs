//! `trainer gatys`: optimise the pixels of one image directly (Gatys, Ecker & Bethge, 2016) with
//! the same losses. Slow, but the best a loss can do: the quality reference for `trainer eval`.

use burn::module::{Module, Param};
use burn::optim::AdamConfig;
use burn::tensor::{Device, Tensor};

use crate::error::Result;
use crate::features::LossNet;
use crate::image::Planar;
use crate::loss::{ContentLoss, StyleLoss, total_variation};
use crate::train::run::descend;

#[derive(Module, Debug)]
struct Pixels {
    x: Param<Tensor<4>>,
}

#[derive(Debug, Clone, Copy)]
pub struct GatysSettings {
    pub steps: usize,
    pub lr: f64,
    pub content_weight: f64,
    pub style_weight: f64,
    pub tv_weight: f64,
}

impl Default for GatysSettings {
    fn default() -> Self {
        Self { steps: 300, lr: 0.02, content_weight: 1.0, style_weight: 4.0, tv_weight: 1.0 }
    }
}

/// Start from the photo and descend on content + style + TV with Adam, clamping to `[0, 1]`.
pub fn stylize(
    lossnet: &LossNet,
    photo: &Planar,
    content_loss: &ContentLoss,
    style_loss: &StyleLoss,
    settings: &GatysSettings,
    device: &Device,
    mut on_step: impl FnMut(usize, f64),
) -> Result<Planar> {
    let x0 = photo.to_tensor(device);
    let target = lossnet.forward(x0.clone().detach());
    let mut px = Pixels { x: Param::from_tensor(x0.require_grad()) };
    let mut optim = AdamConfig::new().init();
    for step in 0..settings.steps {
        let y = px.x.val();
        let f = lossnet.forward(y.clone());
        let loss = content_loss.forward(&f, &target) * settings.content_weight
            + style_loss.forward(&f) * settings.style_weight
            + total_variation(y) * settings.tv_weight;
        on_step(step, loss.clone().into_scalar::<f32>() as f64);
        px = descend(px, &mut optim, settings.lr, loss);
        px.x = px.x.map(|t| t.clamp(0.0, 1.0).detach().require_grad());
    }
    pollster::block_on(Planar::from_tensor(px.x.val().detach()))
}
