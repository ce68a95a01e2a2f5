//! [`StyleGenerator`]'s synthesis network on the CPU path of [`crate::nn::cpu`]: the layers of
//! [`StyleGenerator::synthesis`] with the model's fixed noise ([`NoiseMode::Const`]), one image
//! at a time. The mapping network stays on burn (a few small matrix products).
//!
//! [`NoiseMode::Const`]: super::NoiseMode::Const

use std::borrow::Cow;

use super::{StyleGenerator, StyledConv, Synthesis, ToRgb, pixel_to_unit};
use crate::error::Result;
use crate::image::{Planar, read_f32};
use crate::nn::cpu::{Act, CpuModulated, Hwc};

/// A [`StyledConv`]: modulated conv, fixed noise times its strength, bias, leaky ReLU × √2.
#[derive(Debug, Clone)]
struct Styled {
    conv: CpuModulated,
    noise: Vec<f32>,
    bias: Vec<f32>,
}

impl Styled {
    async fn new(layer: &StyledConv) -> Result<Option<Self>> {
        let Some(conv) = CpuModulated::new(&layer.conv).await? else {
            return Ok(None);
        };
        let strength = read_f32(layer.noise_strength.val()).await?.first().copied().unwrap_or(0.0);
        let noise = read_f32(layer.noise_const.val()).await?.iter().map(|n| n * strength).collect();
        Ok(Some(Self { conv, noise, bias: read_f32(layer.bias.val()).await? }))
    }

    fn forward(&self, x: &Hwc, w: &[f32]) -> Hwc {
        self.conv.forward(x, w, Some(&self.noise), &self.bias, Act::LeakyRelu(0.2), std::f32::consts::SQRT_2)
    }
}

#[derive(Debug, Clone)]
struct Rgb {
    conv: CpuModulated,
    bias: Vec<f32>,
}

impl Rgb {
    async fn new(layer: &ToRgb) -> Result<Option<Self>> {
        let Some(conv) = CpuModulated::new(&layer.conv).await? else {
            return Ok(None);
        };
        Ok(Some(Self { conv, bias: read_f32(layer.bias.val()).await? }))
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

/// One [`Synthesis`] step on the CPU path.
#[derive(Debug, Clone)]
enum Step {
    Conv(Styled, usize),
    Rgb(Rgb, usize),
}

/// The synthesis network on the CPU path. Build it with [`StyleGenerator::to_cpu`].
#[derive(Debug, Clone)]
pub struct StyleGanCpu {
    constant: Hwc,
    steps: Vec<Step>,
}

impl StyleGenerator {
    /// The synthesis network on the CPU path, or `None` if a layer's shape has no kernel here.
    pub async fn to_cpu(&self) -> Result<Option<StyleGanCpu>> {
        let [_, c, h, w] = self.constant.dims();
        let constant = Hwc::from_chw(&read_f32(self.constant.val()).await?, c, h, w);
        let mut steps = Vec::new();
        for step in self.plan() {
            steps.push(match step {
                Synthesis::Conv(layer, i) => match Styled::new(layer).await? {
                    Some(conv) => Step::Conv(conv, i),
                    None => return Ok(None),
                },
                Synthesis::Rgb(layer, i) => match Rgb::new(layer).await? {
                    Some(rgb) => Step::Rgb(rgb, i),
                    None => return Ok(None),
                },
            });
        }
        Ok(Some(StyleGanCpu { constant, steps }))
    }
}

impl StyleGanCpu {
    /// One image of per-layer latents `ws` (`num_ws × w_dim` numbers, truncation applied), RGB
    /// in `[0, 1]` as [`super::to_unit`] gives it.
    pub fn synthesis(&self, ws: &[f32], w_dim: usize) -> Planar {
        let w = |i: usize| &ws[i * w_dim..(i + 1) * w_dim];
        // The learned constant is read in place, never copied per image.
        let mut x = Cow::Borrowed(&self.constant);
        let mut rgb: Option<Hwc> = None;
        for step in &self.steps {
            match step {
                Step::Conv(conv, i) => x = Cow::Owned(conv.forward(&x, w(*i))),
                Step::Rgb(to_rgb, i) => rgb = Some(to_rgb.forward(&x, w(*i), rgb.as_ref())),
            }
        }
        // Every plan ends with an RGB layer.
        let rgb = rgb.unwrap_or_else(|| x.into_owned());
        rgb.to_planar(rgb.width, 0..rgb.height, pixel_to_unit)
    }
}

/// `y += bilinear(s)` at `y`'s size, corners aligned (as burn's interpolate); both maps have the
/// same channels.
fn add_upsampled(y: &mut Hwc, s: &Hwc) {
    let up = s.bilinear(y.height, y.width, true);
    y.data.iter_mut().zip(&up.data).for_each(|(a, b)| *a += b);
}
