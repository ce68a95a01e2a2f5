//! [`StyleGenerator`]'s synthesis network on the WebGPU path of [`crate::gpu`]: the layers of
//! [`StyleGenerator::synthesis`] with the model's fixed noise ([`NoiseMode::Const`]), a batch of
//! images at once. The mapping network stays on the CPU (a few small matrix products).

use std::rc::Rc;

use super::{StyleGenerator, StyledConv, Synthesis, ToRgb, pixel_to_unit};
use crate::error::Result;
use crate::gpu::{Gpu, GpuMap, GpuModulated, GpuPass};
use crate::image::{Planar, read_f32};
use crate::nn::NormState;
use crate::nn::cpu::{Act, Hwc};

/// A [`StyledConv`]: modulated conv, the fixed noise times its strength, bias, leaky ReLU × √2.
struct Styled {
    conv: GpuModulated,
    noise: wgpu::Buffer,
}

impl Styled {
    async fn new(gpu: &Gpu, layer: &StyledConv) -> Result<Self> {
        let bias = read_f32(layer.bias.val()).await?;
        let strength = read_f32(layer.noise_strength.val()).await?.first().copied().unwrap_or(0.0);
        let noise: Vec<f32> = read_f32(layer.noise_const.val()).await?.iter().map(|n| n * strength).collect();
        Ok(Self { conv: GpuModulated::new(gpu, &layer.conv, &bias).await?, noise: gpu.buffer(&noise) })
    }
}

async fn to_rgb(gpu: &Gpu, layer: &ToRgb) -> Result<GpuModulated> {
    GpuModulated::new(gpu, &layer.conv, &read_f32(layer.bias.val()).await?).await
}

/// One [`Synthesis`] step on the GPU.
enum Step {
    Conv(Styled, usize),
    Rgb(GpuModulated, usize),
}

/// The synthesis network on the GPU. Build it with [`StyleGenerator::to_gpu`].
pub struct StyleGanGpu {
    gpu: Rc<Gpu>,
    /// The learned 4×4 input.
    constant: Hwc,
    steps: Vec<Step>,
}

impl StyleGenerator {
    /// The synthesis network on the GPU.
    pub async fn to_gpu(&self, gpu: &Rc<Gpu>) -> Result<StyleGanGpu> {
        let [_, c, h, w] = self.constant.dims();
        let constant = Hwc::from_chw(&read_f32(self.constant.val()).await?, c, h, w);
        let mut steps = Vec::new();
        for step in self.plan() {
            steps.push(match step {
                Synthesis::Conv(layer, i) => Step::Conv(Styled::new(gpu, layer).await?, i),
                Synthesis::Rgb(layer, i) => Step::Rgb(to_rgb(gpu, layer).await?, i),
            });
        }
        Ok(StyleGanGpu { gpu: Rc::clone(gpu), constant, steps })
    }
}

impl StyleGanGpu {
    /// Images of per-layer latents: `ws[i]` holds `num_ws × w_dim` numbers for image `i`
    /// (truncation already applied). RGB in `[0, 1]`, as [`super::to_unit`] gives it.
    pub async fn synthesis(&self, ws: &[Vec<f32>], w_dim: usize) -> Result<Vec<Planar>> {
        let layer = |i: usize| -> Vec<&[f32]> { ws.iter().map(|g| &g[i * w_dim..(i + 1) * w_dim]).collect() };
        let gpu = &*self.gpu;
        let mut state = NormState::own();
        let mut pass = GpuPass::new(gpu, &mut state);
        let gain = std::f32::consts::SQRT_2;
        let mut x = pass.upload(&vec![&self.constant; ws.len()])?;
        let mut image: Option<GpuMap> = None;
        for step in &self.steps {
            match step {
                Step::Conv(s, i) => {
                    let m = s.conv.modulation(gpu, &layer(*i));
                    let up = if s.conv.smooth_upsample { Some(pass.upsample(&x)?) } else { None };
                    x = pass.conv(&s.conv.conv, up.as_ref().unwrap_or(&x), Act::LeakyRelu(0.2), gain, Some(&m), Some(&s.noise))?;
                }
                Step::Rgb(t, i) => {
                    let next = pass.conv(&t.conv, &x, Act::Linear, 1.0, Some(&t.modulation(gpu, &layer(*i))), None)?;
                    if let Some(previous) = &image {
                        pass.add_upsampled(&next, previous);
                    }
                    image = Some(next);
                }
            }
        }
        // Every plan ends with an RGB layer.
        let image = image.unwrap_or(x);
        let side = image.width;
        let data = pass.finish(&image).await?;
        Ok(data
            .chunks_exact(side * side * 4)
            .map(|px| Hwc { height: side, width: side, channels: 4, data: px.to_vec() }.to_planar(side, 0..side, pixel_to_unit))
            .collect())
    }
}
