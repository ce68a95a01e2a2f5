//! One convolution ([`CpuConv`], the kernel chosen by the layer's shape) and one instance norm
//! ([`CpuNorm`]) on the CPU path, with their weights read from the burn layers.

use super::kernel::{pack_weights, pad_cout};
use super::{Act, Hwc, conv, norm};
use crate::error::Result;
use crate::image::read_f32;
use crate::nn::{InstanceNorm, NormState, ReflectConv2d, UpsampleConv};

/// `act` alone over a map (a convolution without a norm after it).
pub fn activate(x: &mut Hwc, act: Act) {
    if act != Act::Linear {
        let c = x.channels;
        norm::apply(&mut x.data, c, &vec![1.0; c], &vec![0.0; c], act, None);
    }
}

/// `(input map, packed weights, bias, output, Σ and Σ² per output channel)`.
type SameSize = fn(&Hwc, &[f32], &[f32], &mut Vec<f32>, &mut [f64]);
type Direct = fn(&Hwc, &[f32], &[f32], &mut Vec<f32>, &mut [f64]) -> (usize, usize);

#[derive(Debug, Clone, Copy)]
enum Kernel {
    Direct(Direct),
    Winograd(SameSize),
    Upsample(SameSize),
}

/// A convolution layer ready for [`CpuConv::forward`].
#[derive(Debug, Clone)]
pub struct CpuConv {
    kernel: Kernel,
    weights: Vec<f32>,
    bias: Vec<f32>,
    /// Output channels the network defines, and how many are stored per pixel (an RGB output
    /// is stored as 4).
    cout: usize,
    stored: usize,
}

/// The kernel for a direct K×K convolution of this shape: (function, stored channels, block width).
fn direct_kernel(cin: usize, cout: usize, k: usize, s: usize) -> Option<(Direct, usize, usize)> {
    use conv::direct;
    Some(match (cin, cout, k, s) {
        (3, 16, 9, 1) => (direct::<3, 16, 16, 9, 1, 4, 2, 3, true>, 16, 8),
        (3, 32, 9, 1) => (direct::<3, 32, 32, 9, 1, 4, 2, 3, true>, 32, 8),
        (16, 3, 9, 1) => (direct::<16, 4, 4, 9, 1, 8, 1, 16, false>, 4, 4),
        (32, 3, 9, 1) => (direct::<32, 4, 4, 9, 1, 8, 1, 32, false>, 4, 4),
        (16, 32, 3, 2) => (direct::<16, 32, 32, 3, 2, 4, 2, 32, true>, 32, 8),
        (32, 64, 3, 2) => (direct::<32, 64, 64, 3, 2, 4, 2, 64, true>, 64, 8),
        (64, 128, 3, 2) => (direct::<64, 128, 128, 3, 2, 4, 2, 128, true>, 128, 8),
        // The pix2pix U-Net (base 24, max 192): its encoder.
        (1, 24, 3, 2) => (direct::<1, 24, 24, 3, 2, 4, 2, 2, true>, 24, 8),
        (3, 24, 3, 2) => (direct::<3, 24, 24, 3, 2, 4, 2, 6, true>, 24, 8),
        (24, 48, 3, 2) => (direct::<24, 48, 48, 3, 2, 4, 2, 48, true>, 48, 8),
        (48, 96, 3, 2) => (direct::<48, 96, 96, 3, 2, 4, 2, 96, true>, 96, 8),
        (96, 192, 3, 2) => (direct::<96, 192, 192, 3, 2, 4, 2, 192, true>, 192, 8),
        (192, 192, 3, 2) => (direct::<192, 192, 192, 3, 2, 4, 2, 384, true>, 192, 8),
        _ => return None,
    })
}

fn winograd_kernel(c: usize) -> Option<SameSize> {
    Some(match c {
        32 => conv::winograd::<32, 32, true>,
        64 => conv::winograd::<64, 64, true>,
        128 => conv::winograd::<128, 128, true>,
        _ => return None,
    })
}

/// The kernel for nearest-×2 + 3×3 of this shape: (function, stored channels, block width).
fn upsample_kernel(cin: usize, cout: usize) -> Option<(SameSize, usize, usize)> {
    use conv::upsample;
    Some(match (cin, cout) {
        (64, 32) => (upsample::<64, 32, 64, 4, 2, true>, 32, 8),
        (32, 16) => (upsample::<32, 16, 32, 4, 2, true>, 16, 8),
        (128, 64) => (upsample::<128, 64, 128, 4, 2, true>, 64, 8),
        // The pix2pix U-Net's decoder (skips concatenated) and its 2- or 3-channel output.
        (192, 192) => (upsample::<192, 192, 384, 4, 2, true>, 192, 8),
        (384, 192) => (upsample::<384, 192, 384, 4, 2, true>, 192, 8),
        (384, 96) => (upsample::<384, 96, 192, 4, 2, true>, 96, 8),
        (192, 48) => (upsample::<192, 48, 96, 4, 2, true>, 48, 8),
        (96, 24) => (upsample::<96, 24, 48, 4, 2, true>, 24, 8),
        (48, 2 | 3) => (upsample::<48, 4, 8, 8, 1, false>, 4, 4),
        _ => return None,
    })
}

/// Weights `[cout][cin][k][k]` and bias of a burn convolution.
pub async fn read_conv(conv: &burn::nn::conv::Conv2d) -> Result<(Vec<f32>, Vec<f32>, [usize; 4])> {
    let dims = conv.weight.val().dims();
    let weights = read_f32(conv.weight.val()).await?;
    let bias = match &conv.bias {
        Some(b) => read_f32(b.val()).await?,
        None => vec![0.0; dims[0]],
    };
    Ok((weights, bias, dims))
}

impl CpuConv {
    /// A reflection-padded convolution, if its shape has a kernel here.
    pub async fn from_reflect(layer: &ReflectConv2d) -> Result<Option<Self>> {
        let (w, b, [cout, cin, kh, kw]) = read_conv(&layer.conv).await?;
        let [s, sx] = layer.conv.stride;
        let plain = kh == kw && s == sx && layer.pad == kh / 2 && layer.conv.dilation == [1, 1] && layer.conv.groups == 1;
        if !plain {
            return Ok(None);
        }
        if kh == 3 && s == 1 && cin == cout {
            return Ok(winograd_kernel(cin).map(|f| Self {
                kernel: Kernel::Winograd(f),
                weights: conv::winograd_weights(&w, cout, cin, 8),
                bias: b,
                cout,
                stored: cout,
            }));
        }
        let Some((f, stored, nb)) = direct_kernel(cin, cout, kh, s) else { return Ok(None) };
        let (w, b) = pad_cout(&w, &b, cout, stored);
        Ok(Some(Self { kernel: Kernel::Direct(f), weights: pack_weights(&w, stored, cin, kh, kw, nb), bias: b, cout, stored }))
    }

    /// Nearest-×2 upsampling + a reflection-padded 3×3 convolution, if its shape has a kernel here.
    pub async fn from_upsample(layer: &UpsampleConv) -> Result<Option<Self>> {
        let (w, b, [cout, cin, kh, kw]) = read_conv(&layer.conv.conv).await?;
        if (kh, kw, layer.conv.conv.stride, layer.conv.pad) != (3, 3, [1, 1], 1) {
            return Ok(None);
        }
        let Some((f, stored, nb)) = upsample_kernel(cin, cout) else { return Ok(None) };
        let (w, b) = pad_cout(&w, &b, cout, stored);
        Ok(Some(Self { kernel: Kernel::Upsample(f), weights: conv::upsample_weights(&w, stored, cin, nb), bias: b, cout, stored }))
    }

    /// The layer's output; `sums` receives Σx and Σx² per channel (for the norm that follows).
    pub fn forward(&self, x: &Hwc, sums: &mut Vec<f64>) -> Hwc {
        sums.clear();
        sums.resize(2 * self.stored, 0.0);
        let mut data = Vec::new();
        let (height, width) = match self.kernel {
            Kernel::Direct(f) => f(x, &self.weights, &self.bias, &mut data, sums),
            Kernel::Winograd(f) => {
                f(x, &self.weights, &self.bias, &mut data, sums);
                (x.height, x.width)
            }
            Kernel::Upsample(f) => {
                f(x, &self.weights, &self.bias, &mut data, sums);
                (2 * x.height, 2 * x.width)
            }
        };
        Hwc { height, width, channels: self.stored, data }
    }

    /// Output channels the network defines (the map may store more; see [`Hwc::channels`]).
    pub fn out_channels(&self) -> usize {
        self.cout
    }
}

/// Instance norm with the learned scale and shift, on NHWC maps.
#[derive(Debug, Clone)]
pub struct CpuNorm {
    gamma: Vec<f32>,
    beta: Vec<f32>,
    epsilon: f64,
}

impl CpuNorm {
    pub async fn new(norm: &InstanceNorm) -> Result<Self> {
        Ok(Self { gamma: read_f32(norm.gamma.val()).await?, beta: read_f32(norm.beta.val()).await?, epsilon: norm.epsilon })
    }

    /// Normalise `x` in place (statistics from `sums` over `pixels` pixels, or shared through
    /// `state`), then `act`, then add `skip`.
    pub fn forward(&self, x: &mut Hwc, sums: &[f64], pixels: usize, state: &mut NormState, act: Act, skip: Option<&Hwc>) {
        let c = x.channels;
        let (mean, var) = state.host_stats(c, || norm::mean_var(sums, pixels));
        let (scale, shift): (Vec<f32>, Vec<f32>) = (0..c)
            .map(|i| {
                let s = f64::from(self.gamma[i]) / (f64::from(var[i]) + self.epsilon).sqrt();
                (s as f32, (f64::from(self.beta[i]) - f64::from(mean[i]) * s) as f32)
            })
            .unzip();
        norm::apply(&mut x.data, c, &scale, &shift, act, skip.map(|s| s.data.as_slice()));
    }
}
