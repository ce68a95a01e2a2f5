use burn::module::Module;
use burn::tensor::activation::relu;
use burn::tensor::{Device, Tensor};

use super::{InstanceNorm, NormState, ReflectConv2d, UpsampleConv};

/// Convolution → instance norm → ReLU, optionally after a nearest ×2 upsampling.
#[derive(Module, Debug)]
pub struct ConvNormAct {
    pub conv: Option<ReflectConv2d>,
    pub up: Option<UpsampleConv>,
    pub norm: InstanceNorm,
}

impl ConvNormAct {
    pub fn new(c_in: usize, c_out: usize, kernel: usize, stride: usize, device: &Device) -> Self {
        Self { conv: Some(ReflectConv2d::new(c_in, c_out, kernel, stride, device)), up: None, norm: InstanceNorm::new(c_out, device) }
    }

    pub fn upsampling(c_in: usize, c_out: usize, kernel: usize, device: &Device) -> Self {
        Self { conv: None, up: Some(UpsampleConv::new(c_in, c_out, kernel, device)), norm: InstanceNorm::new(c_out, device) }
    }

    pub fn forward(&self, x: Tensor<4>, state: &mut NormState) -> Tensor<4> {
        let y = match (&self.conv, &self.up) {
            (Some(conv), _) => conv.forward(x),
            (None, Some(up)) => up.forward(x),
            (None, None) => x,
        };
        relu(self.norm.forward(y, state))
    }
}

/// The residual block of Johnson et al. (2016): two 3×3 conv + norm, ReLU between, identity skip.
#[derive(Module, Debug)]
pub struct ResidualBlock {
    pub conv1: ReflectConv2d,
    pub norm1: InstanceNorm,
    pub conv2: ReflectConv2d,
    pub norm2: InstanceNorm,
}

impl ResidualBlock {
    pub fn new(channels: usize, device: &Device) -> Self {
        Self {
            conv1: ReflectConv2d::new(channels, channels, 3, 1, device),
            norm1: InstanceNorm::new(channels, device),
            conv2: ReflectConv2d::new(channels, channels, 3, 1, device),
            norm2: InstanceNorm::new(channels, device),
        }
    }

    pub fn forward(&self, x: Tensor<4>, state: &mut NormState) -> Tensor<4> {
        let y = relu(self.norm1.forward(self.conv1.forward(x.clone()), state));
        let y = self.norm2.forward(self.conv2.forward(y), state);
        x + y
    }
}
