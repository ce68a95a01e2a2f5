//! [`UNet`] and the pix2pix generator around it on the CPU inference path of [`crate::nn::cpu`]:
//! the U-Net's [`UNet::plan`], with the input and output conventions of [`Pix2PixConfig::generate`].

use super::unet::UNet;
use super::{InputKind, OutputKind, Pix2Pix, Pix2PixConfig};
use crate::error::Result;
use crate::image::{Planar, luma, rgb_of_ycbcr};
use crate::models::fast_style::cpu::sigmoid_rgb;
use crate::nn::NormState;
use crate::nn::cpu::{CpuPlan, Hwc, Pass};

/// The compiled U-Net. Build it with [`UNet::to_cpu`].
#[derive(Debug, Clone)]
pub struct UNetCpu {
    plan: CpuPlan,
    multiple: usize,
}

impl UNet {
    /// This network on the CPU path, or `None` if a layer's shape has no kernel there.
    pub async fn to_cpu(&self) -> Result<Option<UNetCpu>> {
        Ok(CpuPlan::new(&self.plan()).await?.map(|plan| UNetCpu { plan, multiple: self.multiple }))
    }
}

impl UNetCpu {
    /// Smallest side the kernels take: the bottleneck must hold a 4-pixel block.
    pub fn min_side(&self) -> usize {
        4 * self.multiple
    }

    /// The raw output map (before the output activation) of an input map already padded to
    /// the network's multiple.
    pub async fn forward(&self, x: Hwc, state: &mut NormState) -> Result<Hwc> {
        self.plan.forward(x, &mut Pass::new(state)).await
    }
}

/// A pix2pix generator with its input and output conventions, on the CPU path.
#[derive(Debug, Clone)]
pub struct Pix2PixCpu {
    config: Pix2PixConfig,
    unet: UNetCpu,
}

impl Pix2Pix {
    pub async fn to_cpu(&self, config: &Pix2PixConfig) -> Result<Option<Pix2PixCpu>> {
        Ok(self.generator.to_cpu().await?.map(|unet| Pix2PixCpu { config: *config, unet }))
    }
}

impl Pix2PixCpu {
    /// What [`Pix2Pix::forward`] computes for one RGB image; `None` when a side is under the
    /// network's minimum (burn's path takes those).
    pub async fn forward(&self, image: &Planar, state: &mut NormState) -> Result<Option<Planar>> {
        if image.width.min(image.height) < self.unet.min_side() {
            return Ok(None);
        }
        let raw = self.unet.forward(prepare(&self.config, image, self.unet.multiple), state).await?;
        Ok(Some(finish(&self.config, &raw, image)))
    }
}

/// [`InputKind::prepare`] on the fast paths: the RGB or its luminance, in [-1, 1], padded to
/// `multiple` (which must not exceed the image's sides).
pub(crate) fn prepare(config: &Pix2PixConfig, image: &Planar, multiple: usize) -> Hwc {
    match config.input {
        InputKind::Photo => Hwc::from_planar(image, multiple, 3, |r, g, b, px| px.extend([r, g, b].map(|v| v * 2.0 - 1.0))),
        InputKind::Sketch | InputKind::Gray => Hwc::from_planar(image, multiple, 1, |r, g, b, px| px.push(luma(r, g, b) * 2.0 - 1.0)),
    }
}

/// [`OutputKind::activate`] then `to_rgb` on the fast paths: the picture of the raw output map
/// `raw` for `image`.
pub(crate) fn finish(config: &Pix2PixConfig, raw: &Hwc, image: &Planar) -> Planar {
    let (w, h) = (image.width, image.height);
    let plane = w * h;
    let d = &image.data;
    match config.output {
        OutputKind::Rgb => raw.to_planar(w, 0..h, sigmoid_rgb),
        OutputKind::Chroma => raw.to_planar(w, 0..h, |px, i| {
            let y = luma(d[i], d[plane + i], d[2 * plane + i]);
            rgb_of_ycbcr(y, px[0].tanh() / 2.0, px[1].tanh() / 2.0).map(|v| v.clamp(0.0, 1.0))
        }),
    }
}
