//! [`StyleGenerator`]'s synthesis network on the CPU path of [`crate::nn::fast`]: the layers of
//! [`StyleGenerator::synthesis`] with the model's fixed noise ([`NoiseMode::Const`]), one image
//! at a time. The mapping network stays on burn (a few small matrix products).
//!
//! [`NoiseMode::Const`]: super::NoiseMode::Const

use super::stylegan::{StyleGenerator, StyledConv, ToRgb};
use crate::error::Result;
use crate::image::{Planar, read_f32};
use crate::nn::fast::{Act, FastModulated, Hwc};

/// A [`StyledConv`]: modulated conv, fixed noise times its strength, bias, leaky ReLU × √2.
#[derive(Debug, Clone)]
struct Styled {
    conv: FastModulated,
    noise: Vec<f32>,
    bias: Vec<f32>,
}

impl Styled {
    async fn new(layer: &StyledConv) -> Result<Option<Self>> {
        let Some(conv) = FastModulated::new(&layer.conv).await? else {
            return Ok(None);
        };
        let strength = read_f32(layer.noise_strength.val())
            .await?
            .first()
            .copied()
            .unwrap_or(0.0);
        let noise = read_f32(layer.noise_const.val())
            .await?
            .iter()
            .map(|n| n * strength)
            .collect();
        Ok(Some(Self {
            conv,
            noise,
            bias: read_f32(layer.bias.val()).await?,
        }))
    }

    fn forward(&self, x: &Hwc, w: &[f32]) -> Hwc {
        self.conv.forward(
            x,
            w,
            Some(&self.noise),
            &self.bias,
            Act::LeakyRelu(0.2),
            std::f32::consts::SQRT_2,
        )
    }
}

#[derive(Debug, Clone)]
struct Rgb {
    conv: FastModulated,
    bias: Vec<f32>,
}

impl Rgb {
    async fn new(layer: &ToRgb) -> Result<Option<Self>> {
        let Some(conv) = FastModulated::new(&layer.conv).await? else {
            return Ok(None);
        };
        Ok(Some(Self {
            conv,
            bias: read_f32(layer.bias.val()).await?,
        }))
    }

    /// This resolution's RGB plus the bilinear upsampling of the one below.
    fn forward(&self, x: &Hwc, w: &[f32], skip: Option<&Hwc>) -> Hwc {
        let mut y = self.conv.forward(x, w, None, &self.bias, Act::Linear, 1.0);
        if let Some(s) = skip {
            add_upsampled(&mut y, s);
        }
        y
    }
}

/// The synthesis network on the CPU path. Build it with [`StyleGenerator::to_fast`].
#[derive(Debug, Clone)]
pub struct StyleGanCpu {
    constant: Hwc,
    conv1: Styled,
    to_rgb1: Rgb,
    convs: Vec<Styled>,
    to_rgbs: Vec<Rgb>,
}

impl StyleGenerator {
    /// The synthesis network on the CPU path, or `None` if a layer's shape has no kernel here.
    pub async fn to_fast(&self) -> Result<Option<StyleGanCpu>> {
        macro_rules! some {
            ($e:expr) => {
                match $e.await? {
                    Some(layer) => layer,
                    None => return Ok(None),
                }
            };
        }
        let [_, c, h, w] = self.constant.dims();
        let constant = Hwc::from_chw(&read_f32(self.constant.val()).await?, c, h, w);
        let mut convs = Vec::with_capacity(self.convs.len());
        for layer in &self.convs {
            convs.push(some!(Styled::new(layer)));
        }
        let mut to_rgbs = Vec::with_capacity(self.to_rgbs.len());
        for layer in &self.to_rgbs {
            to_rgbs.push(some!(Rgb::new(layer)));
        }
        Ok(Some(StyleGanCpu {
            constant,
            conv1: some!(Styled::new(&self.conv1)),
            to_rgb1: some!(Rgb::new(&self.to_rgb1)),
            convs,
            to_rgbs,
        }))
    }
}

impl StyleGanCpu {
    /// One image of per-layer latents `ws` (`num_ws × w_dim` numbers, truncation applied), RGB
    /// in `[0, 1]` as [`super::stylegan::to_unit`] gives it.
    pub fn synthesis(&self, ws: &[f32], w_dim: usize) -> Planar {
        let w = |i: usize| &ws[i * w_dim..(i + 1) * w_dim];
        let mut x = self.conv1.forward(&self.constant, w(0));
        let mut rgb = self.to_rgb1.forward(&x, w(1), None);
        for (level, to_rgb) in self.to_rgbs.iter().enumerate() {
            let i = 1 + 2 * level;
            x = self.convs[2 * level].forward(&x, w(i));
            x = self.convs[2 * level + 1].forward(&x, w(i + 1));
            rgb = to_rgb.forward(&x, w(i + 2), Some(&rgb));
        }
        rgb.to_planar(rgb.width, 0..rgb.height, |p, _| {
            [p[0], p[1], p[2]].map(|v| ((v + 1.0) * 0.5).clamp(0.0, 1.0))
        })
    }
}

/// `y += bilinear(s)` at `y`'s size, corners aligned (as burn's interpolate); both maps have the
/// same channels.
fn add_upsampled(y: &mut Hwc, s: &Hwc) {
    let up = s.bilinear(y.height, y.width, true);
    y.data.iter_mut().zip(&up.data).for_each(|(a, b)| *a += b);
}
