//! [`StyleGenerator`]'s synthesis network on the WebGPU path of [`crate::gpu`]: the layers of
//! [`StyleGenerator::synthesis`] with the model's fixed noise ([`NoiseMode::Const`]), a batch of
//! images at once. The mapping network stays on the CPU (a few small matrix products).

use std::rc::Rc;

use super::stylegan::{StyleGenerator, StyledConv, ToRgb};
use crate::error::Result;
use crate::gpu::{Gpu, GpuMap, GpuModulated, GpuPass};
use crate::image::{Planar, read_f32};
use crate::nn::NormState;
use crate::nn::fast::{Act, Hwc};

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

/// The synthesis network on the GPU. Build it with [`StyleGenerator::to_gpu`].
pub struct StyleGanGpu {
    gpu: Rc<Gpu>,
    /// The learned 4×4 input.
    constant: Hwc,
    conv1: Styled,
    to_rgb1: GpuModulated,
    convs: Vec<Styled>,
    to_rgbs: Vec<GpuModulated>,
}

impl StyleGenerator {
    /// The synthesis network on the GPU.
    pub async fn to_gpu(&self, gpu: &Rc<Gpu>) -> Result<StyleGanGpu> {
        let [_, c, h, w] = self.constant.dims();
        let constant = Hwc::from_chw(&read_f32(self.constant.val()).await?, c, h, w);
        let mut convs = Vec::with_capacity(self.convs.len());
        for layer in &self.convs {
            convs.push(Styled::new(gpu, layer).await?);
        }
        let mut to_rgbs = Vec::with_capacity(self.to_rgbs.len());
        for layer in &self.to_rgbs {
            to_rgbs.push(to_rgb(gpu, layer).await?);
        }
        Ok(StyleGanGpu {
            gpu: Rc::clone(gpu),
            constant,
            conv1: Styled::new(gpu, &self.conv1).await?,
            to_rgb1: to_rgb(gpu, &self.to_rgb1).await?,
            convs,
            to_rgbs,
        })
    }
}

impl StyleGanGpu {
    /// Images of per-layer latents: `ws[i]` holds `num_ws × w_dim` numbers for image `i`
    /// (truncation already applied). RGB in `[0, 1]`, as [`super::stylegan::to_unit`] gives it.
    pub async fn synthesis(&self, ws: &[Vec<f32>], w_dim: usize) -> Result<Vec<Planar>> {
        let layer = |i: usize| -> Vec<&[f32]> { ws.iter().map(|g| &g[i * w_dim..(i + 1) * w_dim]).collect() };
        let gpu = &*self.gpu;
        let mut state = NormState::own();
        let mut pass = GpuPass::new(gpu, &mut state);
        let gain = std::f32::consts::SQRT_2;
        let styled = |pass: &mut GpuPass<'_>, s: &Styled, x: &GpuMap, i: usize| {
            let m = s.conv.modulation(gpu, &layer(i));
            let up = if s.conv.smooth_upsample { Some(pass.upsample(x)?) } else { None };
            pass.conv(&s.conv.conv, up.as_ref().unwrap_or(x), Act::LeakyRelu(0.2), gain, Some(&m), Some(&s.noise))
        };
        let rgb = |pass: &mut GpuPass<'_>, t: &GpuModulated, x: &GpuMap, i: usize| pass.conv(&t.conv, x, Act::Linear, 1.0, Some(&t.modulation(gpu, &layer(i))), None);
        let constant = pass.upload(&vec![&self.constant; ws.len()])?;
        let mut x = styled(&mut pass, &self.conv1, &constant, 0)?;
        let mut image = rgb(&mut pass, &self.to_rgb1, &x, 1)?;
        for (level, to_rgb) in self.to_rgbs.iter().enumerate() {
            let i = 1 + 2 * level;
            x = styled(&mut pass, &self.convs[2 * level], &x, i)?;
            x = styled(&mut pass, &self.convs[2 * level + 1], &x, i + 1)?;
            let next = rgb(&mut pass, to_rgb, &x, i + 2)?;
            pass.add_upsampled(&next, &image);
            image = next;
        }
        let side = image.width;
        let data = pass.finish(&image).await?;
        Ok(data
            .chunks_exact(side * side * 4)
            .map(|px| {
                let map = Hwc { height: side, width: side, channels: 4, data: px.to_vec() };
                map.to_planar(side, 0..side, |p, _| [p[0], p[1], p[2]].map(|v| ((v + 1.0) * 0.5).clamp(0.0, 1.0)))
            })
            .collect())
    }
}
