//! A small StyleGAN2 generator (Karras et al. 2020), after the shape of rosinality's
//! `stylegan2-pytorch`: a mapping network z → w, a learned 4×4 constant, at each resolution two
//! [`StyledConv`]s (modulated convolution, per-pixel noise with a learned strength, bias,
//! leaky ReLU) and a [`ToRgb`] whose outputs are summed over the resolutions (skip generator).
//!
//! The synthesis network takes one w per layer (`[N, num_ws, w_dim]`): the same w everywhere
//! for an ordinary image, coarse layers from one w and fine layers from another for style
//! mixing, w pulled towards `w_avg` for truncation.

use burn::module::{Module, Param};
use burn::nn::Initializer;
use burn::tensor::module::interpolate;
use burn::tensor::ops::{InterpolateMode, InterpolateOptions};
use burn::tensor::{Device, Distribution, Tensor};
use serde::{Deserialize, Serialize};

use crate::error::{AtelierError, Result};
use crate::nn::{EqualLinear, ModulatedConv2d, lrelu_gain};

pub mod cpu;
#[cfg(feature = "webgpu")]
pub mod gpu;
pub mod projected_disc;
pub mod residual_disc;

pub use projected_disc::ProjectedDiscriminator;
pub use residual_disc::ResidualDiscriminator;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StyleGanConfig {
    /// Output side: 32 or 64 (any power of two from 8 to 256 builds).
    pub resolution: usize,
    pub z_dim: usize,
    pub w_dim: usize,
    pub mapping_layers: usize,
    /// Channels at resolution r: `min(channel_max, channel_base / r)`.
    pub channel_base: usize,
    pub channel_max: usize,
    /// Upsample bilinearly (half-pixel centres, StyleGAN2's low-pass role) instead of nearest ×2
    /// before each upsampling convolution. Nearest ×2 let a 64² run draw the block edges of
    /// every level (a plaid: edge energy 2.2× higher on even pixel boundaries than on odd ones;
    /// real emoji 1.1×). Older model files have `false`.
    #[serde(default)]
    pub smooth_upsample: bool,
}

impl StyleGanConfig {
    /// The configuration trained here: 128 channels up to 8², halved at each resolution above
    /// (16 at 64²), about 0.1 GFLOP per 64² image.
    pub fn small(resolution: usize) -> Self {
        Self { resolution, z_dim: 128, w_dim: 128, mapping_layers: 4, channel_base: 1024, channel_max: 128, smooth_upsample: false }
    }

    pub fn channels(&self, res: usize) -> usize {
        (self.channel_base / res).clamp(8, self.channel_max)
    }

    /// Number of resolutions above 4×4.
    pub fn levels(&self) -> usize {
        self.resolution.trailing_zeros() as usize - 2
    }

    /// Layers that take a w: two per resolution (the 4×4 conv and its ToRGB first); each
    /// level's ToRGB shares the w of the next level's first conv, as in StyleGAN2.
    pub fn num_ws(&self) -> usize {
        2 * self.levels() + 2
    }

    pub fn validate(&self) -> Result<()> {
        let ok = self.resolution.is_power_of_two()
            && (8..=256).contains(&self.resolution)
            && self.z_dim > 0
            && self.w_dim > 0
            && self.mapping_layers > 0
            && self.channel_max >= 8;
        if ok {
            Ok(())
        } else {
            Err(AtelierError::BadConfig(format!(
                "StyleGAN: resolution {} must be a power of two from 8 to 256, dimensions and layers positive",
                self.resolution
            )))
        }
    }

    pub fn init(&self, device: &Device) -> StyleGenerator {
        let c4 = self.channels(4);
        let mut convs = Vec::new();
        let mut to_rgbs = Vec::new();
        let mut c_prev = c4;
        for level in 0..self.levels() {
            let c = self.channels(8 << level);
            let mut up = StyledConv::new(c_prev, c, 8 << level, self.w_dim, true, device);
            up.conv.smooth = self.smooth_upsample;
            convs.push(up);
            convs.push(StyledConv::new(c, c, 8 << level, self.w_dim, false, device));
            to_rgbs.push(ToRgb::new(c, self.w_dim, device));
            c_prev = c;
        }
        StyleGenerator {
            mapping: MappingNetwork::new(self, device),
            constant: Initializer::Normal { mean: 0.0, std: 1.0 }.init([1, c4, 4, 4], device),
            conv1: StyledConv::new(c4, c4, 4, self.w_dim, false, device),
            to_rgb1: ToRgb::new(c4, self.w_dim, device),
            convs,
            to_rgbs,
            w_avg: Param::from_tensor(Tensor::zeros([self.w_dim], device)).set_require_grad(false),
        }
    }
}

/// z → w: pixel norm, then an MLP with equalised learning rate at 0.01× the rate.
#[derive(Module, Debug)]
pub struct MappingNetwork {
    pub layers: Vec<EqualLinear>,
}

impl MappingNetwork {
    fn new(c: &StyleGanConfig, device: &Device) -> Self {
        let layers = (0..c.mapping_layers).map(|i| EqualLinear::new(if i == 0 { c.z_dim } else { c.w_dim }, c.w_dim, 0.0, 0.01, device)).collect();
        Self { layers }
    }

    pub fn forward(&self, z: Tensor<2>) -> Tensor<2> {
        let norm = (z.clone().powf_scalar(2.0).mean_dim(1) + 1e-8).sqrt();
        let mut w = z / norm;
        for layer in &self.layers {
            w = lrelu_gain(layer.forward(w));
        }
        w
    }
}

/// Where the per-pixel noise comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoiseMode {
    /// Fresh noise each call (training).
    Random,
    /// The fixed noise stored in the model (reproducible images: the browser and `trainer
    /// generate` draw the same picture from the same seed).
    Const,
}

/// Modulated conv → noise × learned strength → bias → leaky ReLU.
#[derive(Module, Debug)]
pub struct StyledConv {
    pub conv: ModulatedConv2d,
    pub noise_strength: Param<Tensor<1>>,
    pub bias: Param<Tensor<1>>,
    /// `[res, res]`, fixed at initialisation (never trained).
    pub noise_const: Param<Tensor<2>>,
}

impl StyledConv {
    fn new(c_in: usize, c_out: usize, res: usize, w_dim: usize, upsample: bool, device: &Device) -> Self {
        let noise = Tensor::random([res, res], Distribution::Normal(0.0, 1.0), device);
        Self {
            conv: ModulatedConv2d::new(c_in, c_out, 3, w_dim, true, upsample, device),
            noise_strength: Initializer::Zeros.init([1], device),
            bias: Initializer::Zeros.init([c_out], device),
            noise_const: Param::from_tensor(noise).set_require_grad(false),
        }
    }

    pub fn forward(&self, x: Tensor<4>, w: Tensor<2>, noise: NoiseMode) -> Tensor<4> {
        let y = self.conv.forward(x, w);
        let [n, c, h, wd] = y.dims();
        let noise = match noise {
            NoiseMode::Random => Tensor::random([n, 1, h, wd], Distribution::Normal(0.0, 1.0), &y.device()),
            NoiseMode::Const => self.noise_const.val().reshape([1, 1, h, wd]),
        };
        let y = y + noise * self.noise_strength.val().reshape([1, 1, 1, 1]) + self.bias.val().reshape([1, c, 1, 1]);
        lrelu_gain(y)
    }
}

/// A modulated 1×1 convolution to RGB (no demodulation), added to the upsampled RGB of the
/// resolution below.
#[derive(Module, Debug)]
pub struct ToRgb {
    pub conv: ModulatedConv2d,
    pub bias: Param<Tensor<1>>,
}

impl ToRgb {
    fn new(c_in: usize, w_dim: usize, device: &Device) -> Self {
        Self { conv: ModulatedConv2d::new(c_in, 3, 1, w_dim, false, false, device), bias: Initializer::Zeros.init([3], device) }
    }

    pub fn forward(&self, x: Tensor<4>, w: Tensor<2>, skip: Option<Tensor<4>>) -> Tensor<4> {
        let y = self.conv.forward(x, w) + self.bias.val().reshape([1, 3, 1, 1]);
        match skip {
            None => y,
            Some(s) => {
                let [_, _, h, wd] = y.dims();
                y + interpolate(s, InterpolateOptions::new(InterpolateMode::Bilinear).with_output_size([h, wd]))
            }
        }
    }
}

#[derive(Module, Debug)]
pub struct StyleGenerator {
    pub mapping: MappingNetwork,
    /// The learned 4×4 input.
    pub constant: Param<Tensor<4>>,
    pub conv1: StyledConv,
    pub to_rgb1: ToRgb,
    /// Two per resolution above 4×4 (the first upsamples).
    pub convs: Vec<StyledConv>,
    pub to_rgbs: Vec<ToRgb>,
    /// The mean w, tracked during training (the centre of truncation).
    pub w_avg: Param<Tensor<1>>,
}

impl StyleGenerator {
    pub fn num_ws(&self) -> usize {
        2 * self.to_rgbs.len() + 2
    }

    pub fn z_dim(&self) -> usize {
        self.mapping.layers.first().map_or(0, |l| l.weight.dims()[0])
    }

    /// z `[N, z_dim]` → w `[N, w_dim]`.
    pub fn map(&self, z: Tensor<2>) -> Tensor<2> {
        self.mapping.forward(z)
    }

    /// Pull `w` towards `w_avg` by `psi` (1 = no truncation, 0 = the average image).
    pub fn truncate(&self, w: Tensor<2>, psi: f64) -> Tensor<2> {
        let avg = self.w_avg.val().unsqueeze::<2>();
        avg.clone() + (w - avg) * psi
    }

    /// One w for every layer: `[N, w_dim]` → `[N, num_ws, w_dim]`.
    pub fn broadcast(&self, w: Tensor<2>) -> Tensor<3> {
        let [n, d] = w.dims();
        w.reshape([n, 1, d]).repeat_dim(1, self.num_ws())
    }

    /// Style mixing: layers before `crossover` take `coarse`, the rest `fine` (both `[N, num_ws, w_dim]`).
    pub fn mix(&self, coarse: Tensor<3>, fine: Tensor<3>, crossover: usize) -> Tensor<3> {
        let [n, k, d] = coarse.dims();
        let c = crossover.min(k);
        if c == k {
            return coarse;
        }
        if c == 0 {
            return fine;
        }
        Tensor::cat(vec![coarse.slice([0..n, 0..c, 0..d]), fine.slice([0..n, c..k, 0..d])], 1)
    }

    /// Per-layer ws `[N, num_ws, w_dim]` → RGB in about `[-1, 1]`, `[N, 3, R, R]`.
    pub fn synthesis(&self, ws: Tensor<3>, noise: NoiseMode) -> Tensor<4> {
        let [n, _, d] = ws.dims();
        let w = |i: usize| ws.clone().slice([0..n, i..i + 1, 0..d]).reshape([n, d]);
        let [_, c4, _, _] = self.constant.dims();
        let mut x = self.constant.val().expand([n, c4, 4, 4]);
        let mut rgb = None;
        for step in self.plan() {
            match step {
                Synthesis::Conv(conv, i) => x = conv.forward(x, w(i), noise),
                Synthesis::Rgb(to_rgb, i) => rgb = Some(to_rgb.forward(x.clone(), w(i), rgb)),
            }
        }
        // Every plan ends with an RGB layer.
        rgb.unwrap_or(x)
    }

    /// The synthesis network's layers in order, from the learned constant: every engine walks this.
    pub fn plan(&self) -> Vec<Synthesis<'_>> {
        let mut plan = vec![Synthesis::Conv(&self.conv1, 0), Synthesis::Rgb(&self.to_rgb1, 1)];
        for (level, to_rgb) in self.to_rgbs.iter().enumerate() {
            let i = 1 + 2 * level;
            plan.extend([
                Synthesis::Conv(&self.convs[2 * level], i),
                Synthesis::Conv(&self.convs[2 * level + 1], i + 1),
                Synthesis::Rgb(to_rgb, i + 2),
            ]);
        }
        plan
    }

    /// z → RGB in `[0, 1]` with truncation `psi` (what the page shows).
    pub fn generate(&self, z: Tensor<2>, psi: f64) -> Tensor<4> {
        let w = self.truncate(self.map(z), psi);
        to_unit(self.synthesis(self.broadcast(w), NoiseMode::Const))
    }
}

/// The generator's `[-1, 1]` range → `[0, 1]` pixels.
pub fn to_unit(rgb: Tensor<4>) -> Tensor<4> {
    ((rgb + 1.0) * 0.5).clamp(0.0, 1.0)
}

/// [`to_unit`] for one pixel of the engines' output maps.
pub(crate) fn pixel_to_unit(p: &[f32], _: usize) -> [f32; 3] {
    [p[0], p[1], p[2]].map(|v| ((v + 1.0) * 0.5).clamp(0.0, 1.0))
}

/// One step of [`StyleGenerator::plan`], with the index of the per-layer latent w it takes.
#[derive(Debug, Clone, Copy)]
pub enum Synthesis<'a> {
    /// A styled convolution of the running feature map.
    Conv(&'a StyledConv, usize),
    /// The feature map's RGB, plus the previous RGB upsampled (StyleGAN2's skip architecture),
    /// becomes the running RGB.
    Rgb(&'a ToRgb, usize),
}

/// Principal directions of w shipped with a model (GANSpace's "genes").
pub const GENES: usize = 16;

/// What a StyleGAN model file holds: the (EMA) generator with its `w_avg`, and the principal
/// directions of w computed at export (Härkönen et al. 2020): moving w along direction k by
/// `spread[k]` is one standard deviation of the trained distribution.
#[derive(Module, Debug)]
pub struct StyleGan {
    pub generator: StyleGenerator,
    /// `[GENES, w_dim]`, unit length, largest variance first.
    pub directions: Param<Tensor<2>>,
    /// `[GENES]`: the standard deviation of w along each direction.
    pub spread: Param<Tensor<1>>,
}

impl StyleGan {
    pub fn init(config: &StyleGanConfig, device: &Device) -> Self {
        Self {
            generator: config.init(device),
            directions: Param::from_tensor(Tensor::zeros([GENES, config.w_dim], device)).set_require_grad(false),
            spread: Param::from_tensor(Tensor::zeros([GENES], device)).set_require_grad(false),
        }
    }
}
