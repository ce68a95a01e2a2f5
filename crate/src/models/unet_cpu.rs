//! [`UNet`] and the pix2pix generator around it on the CPU inference path of [`crate::nn::fast`]:
//! the same layers in the same order as [`UNet::forward`] and [`Pix2PixConfig::generate`].

use super::fast_style_cpu::sigmoid_rgb;
use super::pix2pix::{InputKind, OutputKind, Pix2Pix, Pix2PixConfig};
use super::unet::UNet;
use crate::error::Result;
use crate::image::{Planar, luma, rgb_of_ycbcr};
use crate::nn::NormState;
use crate::nn::fast::{Act, FastConv, FastNorm, Hwc, Pass, activate};

/// The U-Net's leaky ReLU slope in the encoder (as in [`UNet::forward`]).
pub(crate) const SLOPE: f32 = 0.2;

/// The compiled U-Net. Build it with [`UNet::to_fast`].
#[derive(Debug, Clone)]
pub struct FastUNet {
    down: Vec<(FastConv, Option<FastNorm>)>,
    up: Vec<(FastConv, FastNorm)>,
    out: FastConv,
    multiple: usize,
}

impl UNet {
    /// This network on the CPU path, or `None` if a layer's shape has no kernel there.
    pub async fn to_fast(&self) -> Result<Option<FastUNet>> {
        let mut down = Vec::with_capacity(self.down.len());
        for level in &self.down {
            let Some(conv) = FastConv::from_reflect(&level.conv).await? else { return Ok(None) };
            let norm = match &level.norm {
                Some(n) => Some(FastNorm::new(n).await?),
                None => None,
            };
            down.push((conv, norm));
        }
        let mut up = Vec::with_capacity(self.up.len());
        for level in &self.up {
            let Some(conv) = FastConv::from_upsample(&level.conv).await? else { return Ok(None) };
            up.push((conv, FastNorm::new(&level.norm).await?));
        }
        let Some(out) = FastConv::from_upsample(&self.out).await? else { return Ok(None) };
        Ok(Some(FastUNet { down, up, out, multiple: self.multiple }))
    }
}

impl FastUNet {
    /// Smallest side the kernels take: the bottleneck must hold a 4-pixel block.
    pub fn min_side(&self) -> usize {
        4 * self.multiple
    }

    /// The raw output map (before the output activation) of an input map already padded to
    /// the network's multiple: the layers of [`UNet::forward`], in its order.
    pub async fn forward(&self, x: Hwc, state: &mut NormState) -> Result<Hwc> {
        let pass = &mut Pass::new(state);
        let mut y = x;
        let mut skips = Vec::with_capacity(self.down.len());
        for (conv, norm) in &self.down {
            y = pass.conv(conv, &y);
            match norm {
                Some(norm) => pass.norm(norm, &mut y, Act::LeakyRelu(SLOPE), None).await?,
                None => activate(&mut y, Act::LeakyRelu(SLOPE)),
            }
            skips.push(y.clone());
        }
        skips.pop(); // the bottleneck is `y` itself
        for (conv, norm) in &self.up {
            y = pass.conv(conv, &y);
            pass.norm(norm, &mut y, Act::Relu, None).await?;
            if let Some(skip) = skips.pop() {
                y = Hwc::concat(&y, &skip);
            }
        }
        Ok(pass.conv(&self.out, &y))
    }
}

/// A pix2pix generator with its input and output conventions, on the CPU path.
#[derive(Debug, Clone)]
pub struct Pix2PixCpu {
    config: Pix2PixConfig,
    unet: FastUNet,
}

impl Pix2Pix {
    pub async fn to_fast(&self, config: &Pix2PixConfig) -> Result<Option<Pix2PixCpu>> {
        Ok(self.generator.to_fast().await?.map(|unet| Pix2PixCpu { config: *config, unet }))
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
