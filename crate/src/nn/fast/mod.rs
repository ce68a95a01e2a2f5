//! The CPU inference path behind the `nn` blocks: the same layers as [`ReflectConv2d`],
//! [`UpsampleConv`], [`ConvNormAct`] and [`ResidualBlock`], computed by kernels made for these
//! networks instead of burn's generic ones (`browser-speed.md` in the design notes says why):
//! NHWC maps, a register-blocked micro-kernel sized for V8's 15 SIMD registers, reflection
//! padding folded into the indexing, Winograd F(2×2, 3×3) for the stride-1 3×3 convolutions,
//! nearest-×2 upsampling + 3×3 as four 2×2 convolutions at the low resolution, and instance-norm
//! statistics gathered while the convolution stores its output.
//!
//! Inference only, with the weights read once from the burn modules (so there is one definition
//! of each network). Layer shapes without a kernel here return `None` and the caller stays on
//! burn. Tests hold the results to burn's (≥ 50 dB PSNR on a photo, for every shipped model).

mod conv;
mod kernel;
mod norm;
mod simd;

use super::{ConvNormAct, InstanceNorm, NormState, ReflectConv2d, ResidualBlock, UpsampleConv};
use crate::error::Result;
use crate::image::{Planar, read_f32};
use kernel::{pack_weights, pad_cout};
pub use norm::Act;

/// `act` alone over a map (a convolution without a norm after it).
pub fn activate(x: &mut Hwc, act: Act) {
    if act != Act::Linear {
        let c = x.channels;
        norm::apply(&mut x.data, c, &vec![1.0; c], &vec![0.0; c], act, None);
    }
}

impl Hwc {
    /// An image as a network input: `pixel(r, g, b, out)` pushes the input channels of one pixel;
    /// the map is reflection-padded at the bottom and right to multiples of `multiple` (one
    /// reflection: `multiple` must be under the image's sides).
    pub fn from_planar(image: &Planar, multiple: usize, channels: usize, pixel: impl Fn(f32, f32, f32, &mut Vec<f32>)) -> Hwc {
        let (w, h) = (image.width, image.height);
        let (pw, ph) = (w.next_multiple_of(multiple), h.next_multiple_of(multiple));
        let plane = w * h;
        let mirror = |i: usize, n: usize| if i < n { i } else { 2 * (n - 1) - i };
        let mut data = Vec::with_capacity(pw * ph * channels);
        for y in 0..ph {
            let row = mirror(y, h) * w;
            for x in 0..pw {
                let i = row + mirror(x, w);
                pixel(image.data[i], image.data[plane + i], image.data[2 * plane + i], &mut data);
            }
        }
        Hwc { height: ph, width: pw, channels, data }
    }

    /// The top-left `w` × `h` as planar RGB, `pixel(channels, index in the plane)` giving each
    /// output pixel from the map's channels there.
    pub fn to_planar(&self, w: usize, h: usize, pixel: impl Fn(&[f32], usize) -> [f32; 3]) -> Planar {
        let mut out = Planar::new(w, h);
        let plane = w * h;
        for y in 0..h {
            for x in 0..w {
                let i = y * w + x;
                let rgb = pixel(&self.data[(y * self.width + x) * self.channels..][..self.channels], i);
                for (c, v) in rgb.iter().enumerate() {
                    out.data[c * plane + i] = *v;
                }
            }
        }
        out
    }

    /// Channels `a` then `b`, pixel by pixel (the U-Net's skip connections).
    pub fn concat(a: &Hwc, b: &Hwc) -> Hwc {
        assert!(a.height == b.height && a.width == b.width);
        let channels = a.channels + b.channels;
        let mut data = Vec::with_capacity(a.height * a.width * channels);
        for (pa, pb) in a.data.chunks_exact(a.channels).zip(b.data.chunks_exact(b.channels)) {
            data.extend_from_slice(pa);
            data.extend_from_slice(pb);
        }
        Hwc { height: a.height, width: a.width, channels, data }
    }
}

/// A feature map, channels last: `data[(y · width + x) · channels + c]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Hwc {
    pub height: usize,
    pub width: usize,
    pub channels: usize,
    pub data: Vec<f32>,
}

/// `(input, h, w, packed weights, bias, output, Σ and Σ² per output channel)`.
type SameSize = fn(&[f32], usize, usize, &[f32], &[f32], &mut Vec<f32>, &mut [f64]);
type Direct = fn(&[f32], usize, usize, &[f32], &[f32], &mut Vec<f32>, &mut [f64]) -> (usize, usize);

#[derive(Debug, Clone, Copy)]
enum Kernel {
    Direct(Direct),
    Winograd(SameSize),
    Upsample(SameSize),
}

/// A convolution layer ready for [`FastConv::forward`].
#[derive(Debug, Clone)]
pub struct FastConv {
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
async fn read_conv(conv: &burn::nn::conv::Conv2d) -> Result<(Vec<f32>, Vec<f32>, [usize; 4])> {
    let dims = conv.weight.val().dims();
    let weights = read_f32(conv.weight.val()).await?;
    let bias = match &conv.bias {
        Some(b) => read_f32(b.val()).await?,
        None => vec![0.0; dims[0]],
    };
    Ok((weights, bias, dims))
}

impl FastConv {
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
            Kernel::Direct(f) => f(&x.data, x.height, x.width, &self.weights, &self.bias, &mut data, sums),
            Kernel::Winograd(f) => {
                f(&x.data, x.height, x.width, &self.weights, &self.bias, &mut data, sums);
                (x.height, x.width)
            }
            Kernel::Upsample(f) => {
                f(&x.data, x.height, x.width, &self.weights, &self.bias, &mut data, sums);
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
pub struct FastNorm {
    gamma: Vec<f32>,
    beta: Vec<f32>,
    epsilon: f64,
}

impl FastNorm {
    pub async fn new(norm: &InstanceNorm) -> Result<Self> {
        Ok(Self { gamma: read_f32(norm.gamma.val()).await?, beta: read_f32(norm.beta.val()).await?, epsilon: norm.epsilon })
    }

    /// Normalise `x` in place (statistics from `sums`, or shared through `state`), then `act`,
    /// then add `skip`.
    pub fn forward(&self, x: &mut Hwc, sums: &[f64], state: &mut NormState, act: Act, skip: Option<&Hwc>) {
        let c = x.channels;
        let (mean, var) = state.host_stats(c, || norm::mean_var(sums, x.height * x.width));
        let (scale, shift): (Vec<f32>, Vec<f32>) = (0..c)
            .map(|i| {
                let s = f64::from(self.gamma[i]) / (f64::from(var[i]) + self.epsilon).sqrt();
                (s as f32, (f64::from(self.beta[i]) - f64::from(mean[i]) * s) as f32)
            })
            .unzip();
        norm::apply(&mut x.data, c, &scale, &shift, act, skip.map(|s| s.data.as_slice()));
    }
}

/// [`ConvNormAct`] on the CPU path.
#[derive(Debug, Clone)]
pub struct FastConvNormAct {
    conv: FastConv,
    norm: FastNorm,
}

impl FastConvNormAct {
    pub async fn new(block: &ConvNormAct) -> Result<Option<Self>> {
        let conv = match (&block.conv, &block.up) {
            (Some(conv), _) => FastConv::from_reflect(conv).await?,
            (None, Some(up)) => FastConv::from_upsample(up).await?,
            (None, None) => None,
        };
        let Some(conv) = conv else { return Ok(None) };
        Ok(Some(Self { conv, norm: FastNorm::new(&block.norm).await? }))
    }

    pub fn forward(&self, x: &Hwc, state: &mut NormState, sums: &mut Vec<f64>) -> Hwc {
        let mut y = self.conv.forward(x, sums);
        self.norm.forward(&mut y, sums, state, Act::Relu, None);
        y
    }
}

/// [`ResidualBlock`] on the CPU path.
#[derive(Debug, Clone)]
pub struct FastResidual {
    conv1: FastConv,
    norm1: FastNorm,
    conv2: FastConv,
    norm2: FastNorm,
}

impl FastResidual {
    pub async fn new(block: &ResidualBlock) -> Result<Option<Self>> {
        let (Some(conv1), Some(conv2)) = (FastConv::from_reflect(&block.conv1).await?, FastConv::from_reflect(&block.conv2).await?) else {
            return Ok(None);
        };
        Ok(Some(Self { conv1, norm1: FastNorm::new(&block.norm1).await?, conv2, norm2: FastNorm::new(&block.norm2).await? }))
    }

    pub fn forward(&self, x: &Hwc, state: &mut NormState, sums: &mut Vec<f64>) -> Hwc {
        let mut y = self.conv1.forward(x, sums);
        self.norm1.forward(&mut y, sums, state, Act::Relu, None);
        let mut z = self.conv2.forward(&y, sums);
        drop(y);
        self.norm2.forward(&mut z, sums, state, Act::Linear, Some(x));
        z
    }
}

