//! Equalised learning rate (Karras et al. 2018, used throughout StyleGAN): weights are stored as
//! N(0, 1) and scaled by He's constant `1/√fan_in` at every forward pass, so Adam moves every
//! layer at the same speed whatever its fan-in. `lr_mul` slows a layer down further (StyleGAN's
//! mapping network trains at 0.01× the rate).

use burn::module::{Module, Param};
use burn::nn::Initializer;
use burn::tensor::activation::leaky_relu;
use burn::tensor::module::conv2d;
use burn::tensor::ops::ConvOptions;
use burn::tensor::{Device, Tensor};

/// StyleGAN's activation: leaky ReLU (slope 0.2) times √2, which keeps the signal's variance.
pub fn lrelu_gain<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    leaky_relu(x, 0.2) * std::f64::consts::SQRT_2
}

/// A fully connected layer with equalised learning rate.
#[derive(Module, Debug)]
pub struct EqualLinear {
    /// `[in, out]`, drawn from N(0, 1/lr_mul²).
    pub weight: Param<Tensor<2>>,
    pub bias: Param<Tensor<1>>,
    pub lr_mul: f64,
}

impl EqualLinear {
    pub fn new(d_in: usize, d_out: usize, bias_init: f64, lr_mul: f64, device: &Device) -> Self {
        Self {
            weight: Initializer::Normal { mean: 0.0, std: 1.0 / lr_mul }.init([d_in, d_out], device),
            bias: Initializer::Constant { value: bias_init / lr_mul }.init([d_out], device),
            lr_mul,
        }
    }

    /// `[N, in]` → `[N, out]`.
    pub fn forward(&self, x: Tensor<2>) -> Tensor<2> {
        let [d_in, d_out] = self.weight.dims();
        let scale = self.lr_mul / (d_in as f64).sqrt();
        x.matmul(self.weight.val() * scale) + (self.bias.val() * self.lr_mul).reshape([1, d_out])
    }
}

/// A convolution with equalised learning rate and zero padding (StyleGAN's discriminator).
#[derive(Module, Debug)]
pub struct EqualConv2d {
    /// `[out, in, k, k]`, drawn from N(0, 1).
    pub weight: Param<Tensor<4>>,
    pub bias: Option<Param<Tensor<1>>>,
}

impl EqualConv2d {
    pub fn new(c_in: usize, c_out: usize, kernel: usize, bias: bool, device: &Device) -> Self {
        Self {
            weight: Initializer::Normal { mean: 0.0, std: 1.0 }.init([c_out, c_in, kernel, kernel], device),
            bias: bias.then(|| Initializer::Zeros.init([c_out], device)),
        }
    }

    pub fn forward(&self, x: Tensor<4>) -> Tensor<4> {
        let [_, c_in, k, _] = self.weight.dims();
        let w = self.weight.val() / ((c_in * k * k) as f64).sqrt();
        conv2d(x, w, self.bias.as_ref().map(|b| b.val()), ConvOptions::new([1, 1], [k / 2, k / 2], [1, 1], 1))
    }
}
