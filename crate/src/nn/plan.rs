//! A network's layer plan: the order of its layers, written once.
//!
//! An image-to-image network (the fast-style/CycleGAN ResNet, the pix2pix U-Net) describes itself
//! as a list of [`Layer`]s borrowed from its burn module ([`Plan`]). burn's forward pass walks
//! the plan ([`Plan::forward`]), and so do the CPU engine ([`crate::nn::cpu::CpuPlan`]) and the
//! WebGPU engine (`crate::gpu::GpuPlan`): each engine decides how to compute a layer (which
//! kernel, what to fuse), none of them decides the order.

use burn::tensor::Tensor;
use burn::tensor::activation::{leaky_relu, relu};

use super::{ConvNormAct, InstanceNorm, NormState, ReflectConv2d, ResidualBlock, UpsampleConv};

/// What follows a normalisation (or a convolution without one).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Act {
    Linear,
    Relu,
    /// max(x, slope·x)
    LeakyRelu(f32),
}

impl Act {
    /// The activation on a burn tensor.
    pub fn forward(self, x: Tensor<4>) -> Tensor<4> {
        match self {
            Act::Linear => x,
            Act::Relu => relu(x),
            Act::LeakyRelu(slope) => leaky_relu(x, slope as f64),
        }
    }
}

/// The convolution of a [`Layer::Conv`].
#[derive(Debug, Clone, Copy)]
pub enum Conv<'a> {
    /// Reflection padding, then the convolution (any stride).
    Reflect(&'a ReflectConv2d),
    /// Nearest ×2, then a reflection-padded convolution.
    Upsample(&'a UpsampleConv),
    /// No convolution (a [`ConvNormAct`] loaded without one): burn's path only, the engines'
    /// kernels decline it.
    Identity,
}

impl Conv<'_> {
    pub fn forward(self, x: Tensor<4>) -> Tensor<4> {
        match self {
            Conv::Reflect(conv) => conv.forward(x),
            Conv::Upsample(conv) => conv.forward(x),
            Conv::Identity => x,
        }
    }
}

/// One step of a plan.
#[derive(Debug, Clone, Copy)]
pub enum Layer<'a> {
    /// Convolution → instance norm (when there is one) → activation.
    Conv { conv: Conv<'a>, norm: Option<&'a InstanceNorm>, act: Act },
    /// Johnson's residual block: conv → norm → ReLU → conv → norm, plus the block's input.
    Residual(&'a ResidualBlock),
    /// Keep the current map for a later [`Layer::Concat`] (a U-Net skip connection).
    Save,
    /// Concatenate the last saved map after the current map's channels (and forget it).
    Concat,
}

impl<'a> Layer<'a> {
    /// A [`ConvNormAct`] block with the activation it applies (ReLU).
    pub fn conv_norm_relu(block: &'a ConvNormAct) -> Self {
        let conv = match (&block.conv, &block.up) {
            (Some(conv), _) => Conv::Reflect(conv),
            (None, Some(up)) => Conv::Upsample(up),
            (None, None) => Conv::Identity,
        };
        Layer::Conv { conv, norm: Some(&block.norm), act: Act::Relu }
    }

    /// A convolution with no norm after it.
    pub fn conv(conv: Conv<'a>, act: Act) -> Self {
        Layer::Conv { conv, norm: None, act }
    }
}

/// The layers of a network, in order.
#[derive(Debug, Clone, Default)]
pub struct Plan<'a> {
    pub layers: Vec<Layer<'a>>,
}

impl<'a> Plan<'a> {
    pub fn push(&mut self, layer: Layer<'a>) {
        self.layers.push(layer);
    }

    /// burn's forward pass through the plan (training and the reference engine).
    pub fn forward(&self, x: Tensor<4>, state: &mut NormState) -> Tensor<4> {
        let mut y = x;
        let mut saved = Vec::new();
        for layer in &self.layers {
            y = match *layer {
                Layer::Conv { conv, norm, act } => {
                    let z = conv.forward(y);
                    act.forward(match norm {
                        Some(norm) => norm.forward(z, state),
                        None => z,
                    })
                }
                Layer::Residual(block) => block.forward(y, state),
                Layer::Save => {
                    saved.push(y.clone());
                    y
                }
                Layer::Concat => match saved.pop() {
                    Some(skip) => Tensor::cat(vec![y, skip], 1),
                    None => y,
                },
            };
        }
        y
    }
}
