//! StyleGAN2's modulated convolution (Karras et al. 2020, §2.2): a per-sample style scales the
//! kernel's input channels, and *demodulation* rescales each output channel so that its
//! expected variance is 1 again — the job AdaIN did in StyleGAN, without its droplet artefacts.
//!
//! Written in the "non-fused" form: scaling the input by the style, convolving with the shared
//! kernel and scaling the output by the demodulation factor is the same computation as
//! convolving with a per-sample kernel (the convolution is linear), but it needs only an
//! ordinary convolution, which every backend (CPU, WebGPU) runs fast.

use burn::module::{Module, Param};
use burn::nn::Initializer;
use burn::tensor::module::{conv2d, interpolate};
use burn::tensor::ops::{ConvOptions, InterpolateMode, InterpolateOptions};
use burn::tensor::{Device, Tensor};

use super::EqualLinear;

#[derive(Module, Debug)]
pub struct ModulatedConv2d {
    /// `[out, in, k, k]`, N(0, 1), scaled by `1/√(in·k·k)` (equalised learning rate).
    pub weight: Param<Tensor<4>>,
    /// w → one style per input channel (bias initialised to 1: the identity style).
    pub affine: EqualLinear,
    pub demodulate: bool,
    /// Nearest ×2 upsampling before the convolution (no transposed conv, so no checkerboard).
    pub upsample: bool,
    /// With `upsample`: bilinear ×2 (half-pixel centres) instead of nearest.
    pub smooth: bool,
}

impl ModulatedConv2d {
    pub fn new(c_in: usize, c_out: usize, kernel: usize, w_dim: usize, demodulate: bool, upsample: bool, device: &Device) -> Self {
        Self {
            weight: Initializer::Normal { mean: 0.0, std: 1.0 }.init([c_out, c_in, kernel, kernel], device),
            affine: EqualLinear::new(w_dim, c_in, 1.0, 1.0, device),
            demodulate,
            upsample,
            smooth: false,
        }
    }

    /// The kernel as the convolution uses it (equalised-learning-rate scale applied).
    pub fn scaled_weight(&self) -> Tensor<4> {
        let [_, c_in, k, _] = self.weight.dims();
        self.weight.val() / ((c_in * k * k) as f64).sqrt()
    }

    /// Styles `[N, in]` of the latents `w` `[N, w_dim]`.
    pub fn styles(&self, w: Tensor<2>) -> Tensor<2> {
        self.affine.forward(w)
    }

    /// `x` `[N, in, H, W]` under the styles of `w` `[N, w_dim]` → `[N, out, H', W']`.
    pub fn forward(&self, x: Tensor<4>, w: Tensor<2>) -> Tensor<4> {
        let [n, c_in, h, wd] = x.dims();
        let weight = self.scaled_weight();
        let [c_out, _, k, _] = weight.dims();
        let s = self.styles(w);
        let mut x = x * s.clone().reshape([n, c_in, 1, 1]);
        if self.upsample {
            let options = match self.smooth {
                true => InterpolateOptions::new(InterpolateMode::Bilinear).with_align_corners(false),
                false => InterpolateOptions::new(InterpolateMode::Nearest),
            };
            x = interpolate(x, options.with_output_size([h * 2, wd * 2]));
        }
        let y = conv2d(x, weight.clone(), None, ConvOptions::new([1, 1], [k / 2, k / 2], [1, 1], 1));
        if !self.demodulate {
            return y;
        }
        // σ_o = √(Σ_i s_i² Σ_k w_oik²): the std of output channel o for unit-variance input.
        let w_sq = weight.powf_scalar(2.0).sum_dim(3).sum_dim(2).reshape([c_out, c_in]);
        let sigma = (s.powf_scalar(2.0).matmul(w_sq.transpose()) + 1e-8).sqrt();
        y / sigma.reshape([n, c_out, 1, 1])
    }
}

/// A [`ModulatedConv2d`]'s per-sample scales in host memory, for the inference paths that run
/// it as an ordinary convolution between two scalings ([`crate::nn::cpu`], the GPU): the style
/// of each input channel and, with demodulation, `1/σ_o` of each output channel.
#[derive(Debug, Clone)]
pub struct StyleScales {
    /// The affine map w → style, `[w_dim][cin]` with its equalised-learning-rate scale applied.
    affine: Vec<f32>,
    bias: Vec<f32>,
    /// Σ_k w_oik² per (output, input) channel, `[cout][cin]`, when the layer demodulates.
    w_sq: Option<Vec<f32>>,
    cin: usize,
    cout: usize,
}

impl StyleScales {
    /// `weight`: the layer's [`ModulatedConv2d::scaled_weight`], already read by the caller.
    pub async fn new(layer: &ModulatedConv2d, weight: &[f32]) -> crate::error::Result<Self> {
        use crate::image::read_f32;
        let [cout, cin, k, _] = layer.weight.dims();
        let w_sq = layer.demodulate.then(|| weight.chunks_exact(k * k).map(|taps| taps.iter().map(|v| v * v).sum()).collect());
        // EqualLinear: y = x · (W · lr_mul / √d_in) + b · lr_mul.
        let [d_in, _] = layer.affine.weight.dims();
        let lr_mul = layer.affine.lr_mul as f32;
        let scale = lr_mul / (d_in as f32).sqrt();
        let affine = read_f32(layer.affine.weight.val()).await?.iter().map(|v| v * scale).collect();
        let bias = read_f32(layer.affine.bias.val()).await?.iter().map(|v| v * lr_mul).collect();
        Ok(Self { affine, bias, w_sq, cin, cout })
    }

    /// (style per input channel, output scale per output channel) for one latent `w`.
    pub fn of(&self, w: &[f32]) -> (Vec<f32>, Vec<f32>) {
        let mut s = self.bias.clone();
        for (wi, row) in w.iter().zip(self.affine.chunks_exact(self.cin)) {
            s.iter_mut().zip(row).for_each(|(s, a)| *s += wi * a);
        }
        let d = match &self.w_sq {
            Some(w_sq) => {
                w_sq.chunks_exact(self.cin).map(|row| 1.0 / (row.iter().zip(&s).map(|(q, s)| q * s * s).sum::<f32>() + 1e-8).sqrt()).collect()
            }
            None => vec![1.0; self.cout],
        };
        (s, d)
    }
}
