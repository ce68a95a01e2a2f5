//! Convolution and instance-norm layers on the GPU, their weights read from the burn layers.

use super::{Gpu, groups, interleave};
use crate::error::Result;
use crate::image::read_f32;
use crate::nn::cpu::read_conv;
use crate::nn::{InstanceNorm, ModulatedConv2d, ReflectConv2d, StyleScales, UpsampleConv};

/// A convolution ready for [`super::GpuPass::conv`].
pub struct GpuConv {
    pub(super) weights: wgpu::Buffer,
    pub(super) bias: wgpu::Buffer,
    pub(super) cin4: usize,
    pub(super) cout: usize,
    pub(super) k: usize,
    pub(super) stride: usize,
    pub(super) pad: usize,
    pub(super) zero_pad: bool,
    pub(super) upsample: bool,
}

/// How the weights `[cout][cin][k][k]` of a layer are laid out and applied.
pub struct Shape {
    pub stride: usize,
    pub pad: usize,
    pub zero_pad: bool,
    pub upsample: bool,
    /// The input is two maps concatenated, the first with this many channels: each part starts
    /// at a whole group of four on the GPU.
    pub split: Option<usize>,
}

impl GpuConv {
    /// Pack `w` `[cout][cin][k][k]` as the kernel reads it: `[ky][kx][ci4][co4]`, four columns of
    /// four output channels each.
    pub fn new(gpu: &Gpu, w: &[f32], bias: &[f32], [cout, cin, k, _]: [usize; 4], shape: Shape) -> Self {
        let stored = |i: usize| match shape.split {
            Some(a) if i >= a => groups(a) * 4 + (i - a),
            _ => i,
        };
        let cin4 = match shape.split {
            Some(a) => groups(a) + groups(cin - a),
            None => groups(cin),
        };
        let cout4 = groups(cout);
        let mut packed = vec![0.0f32; k * k * cin4 * cout4 * 16];
        for o in 0..cout {
            for i in 0..cin {
                let (ci, j) = (stored(i) / 4, stored(i) % 4);
                for ky in 0..k {
                    for kx in 0..k {
                        let at = (((((ky * k + kx) * cin4 + ci) * cout4 + o / 4) * 4 + j) * 4) + o % 4;
                        packed[at] = w[((o * cin + i) * k + ky) * k + kx];
                    }
                }
            }
        }
        let mut b = bias.to_vec();
        b.resize(cout4 * 4, 0.0);
        Self {
            weights: gpu.buffer(&packed),
            bias: gpu.buffer(&b),
            cin4,
            cout,
            k,
            stride: shape.stride,
            pad: shape.pad,
            zero_pad: shape.zero_pad,
            upsample: shape.upsample,
        }
    }

    /// A reflection-padded convolution (`split`: see [`Shape::split`]); `None` for a layer
    /// these kernels do not compute (non-square, dilated or grouped).
    pub async fn from_reflect(gpu: &Gpu, layer: &ReflectConv2d, split: Option<usize>) -> Result<Option<Self>> {
        Self::from_burn(gpu, layer, false, split).await
    }

    /// Nearest ×2, then a reflection-padded convolution.
    pub async fn from_upsample(gpu: &Gpu, layer: &UpsampleConv, split: Option<usize>) -> Result<Option<Self>> {
        Self::from_burn(gpu, &layer.conv, true, split).await
    }

    async fn from_burn(gpu: &Gpu, layer: &ReflectConv2d, upsample: bool, split: Option<usize>) -> Result<Option<Self>> {
        let (w, b, dims) = read_conv(&layer.conv).await?;
        let [s, sx] = layer.conv.stride;
        let plain = dims[2] == dims[3] && s == sx && layer.conv.dilation == [1, 1] && layer.conv.groups == 1 && split.is_none_or(|a| a < dims[1]);
        let shape = Shape { stride: s, pad: layer.pad, zero_pad: false, upsample, split };
        Ok(plain.then(|| Self::new(gpu, &w, &b, dims, shape)))
    }

    /// Output channels the network defines.
    pub fn out_channels(&self) -> usize {
        self.cout
    }

    /// Output height or width for an input side `n`.
    pub fn out_side(&self, n: usize) -> usize {
        let n = if self.upsample { 2 * n } else { n };
        (n + 2 * self.pad - self.k) / self.stride + 1
    }
}

/// Instance norm's learned scale and shift, `[c4][gamma, beta]`.
pub struct GpuNorm {
    pub(super) affine: wgpu::Buffer,
    pub(super) channels: usize,
    pub(super) epsilon: f32,
}

impl GpuNorm {
    pub async fn new(gpu: &Gpu, norm: &InstanceNorm) -> Result<Self> {
        let (gamma, beta) = (read_f32(norm.gamma.val()).await?, read_f32(norm.beta.val()).await?);
        Ok(Self { affine: gpu.buffer(&interleave(&gamma, &beta)), channels: gamma.len(), epsilon: norm.epsilon as f32 })
    }
}

/// StyleGAN2's modulated convolution on the GPU: the shared kernel, and the styles and
/// demodulation of each sample computed on the host ([`StyleScales`]).
pub struct GpuModulated {
    pub conv: GpuConv,
    /// Bilinear ×2 (half-pixel centres) before the conv: a `--smooth-upsample` layer (the conv
    /// itself then does not upsample).
    pub smooth_upsample: bool,
    scales: StyleScales,
}

/// Per-sample input and output scales of one modulated layer, as the conv kernel reads them.
pub struct Modulation {
    pub(super) input: wgpu::Buffer,
    pub(super) output: wgpu::Buffer,
}

impl GpuModulated {
    /// `bias`: the layer's bias added after the convolution (StyleGAN adds it after the noise;
    /// both are sums, so the order does not matter).
    pub async fn new(gpu: &Gpu, layer: &ModulatedConv2d, bias: &[f32]) -> Result<Self> {
        let weight = read_f32(layer.scaled_weight()).await?;
        let [cout, cin, k, _] = layer.weight.dims();
        let smooth_upsample = layer.upsample && layer.smooth;
        let shape = Shape { stride: 1, pad: k / 2, zero_pad: true, upsample: layer.upsample && !smooth_upsample, split: None };
        Ok(Self {
            conv: GpuConv::new(gpu, &weight, bias, [cout, cin, k, k], shape),
            smooth_upsample,
            scales: StyleScales::new(layer, &weight).await?,
        })
    }

    /// The scales for a batch of latents (`ws`: one w of `w_dim` numbers per sample).
    pub fn modulation(&self, gpu: &Gpu, ws: &[&[f32]]) -> Modulation {
        let (cin4, cout4) = (self.conv.cin4, groups(self.conv.cout));
        let mut input = vec![0.0f32; ws.len() * cin4 * 4];
        let mut output = vec![1.0f32; ws.len() * cout4 * 4];
        for (b, w) in ws.iter().enumerate() {
            let (s, d) = self.scales.of(w);
            input[b * cin4 * 4..][..s.len()].copy_from_slice(&s);
            output[b * cout4 * 4..][..d.len()].copy_from_slice(&d);
        }
        Modulation { input: gpu.buffer(&input), output: gpu.buffer(&output) }
    }
}
