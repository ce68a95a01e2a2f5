//! The PatchGAN discriminator of Isola et al. (2017, pix2pix): a small fully convolutional net
//! whose every output pixel judges one overlapping patch of the input as real or fake. Used here
//! for the adversarial style loss (patches of the painting are "real", patches of the
//! stylized photo "fake"); the CycleGAN and Pix2Pix families reuse it.

use burn::module::Module;
use burn::nn::PaddingConfig2d;
use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::tensor::activation::leaky_relu;
use burn::tensor::{Device, Tensor};
use serde::{Deserialize, Serialize};

use crate::nn::{InstanceNorm, NormState};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatchDiscriminatorConfig {
    pub in_channels: usize,
    /// Channels of the first layer; doubled at each of the following layers.
    pub base: usize,
    /// Number of stride-2 layers (3 gives the classic 70×70 receptive field).
    pub layers: usize,
}

impl Default for PatchDiscriminatorConfig {
    fn default() -> Self {
        Self { in_channels: 3, base: 32, layers: 3 }
    }
}

impl PatchDiscriminatorConfig {
    pub fn init(&self, device: &Device) -> PatchDiscriminator {
        let conv = |c_in: usize, c_out: usize, stride: usize| {
            Conv2dConfig::new([c_in, c_out], [4, 4]).with_stride([stride, stride]).with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1)).init(device)
        };
        let mut convs = vec![conv(self.in_channels, self.base, 2)];
        let mut norms = Vec::new();
        let mut c = self.base;
        for i in 1..=self.layers {
            let stride = if i < self.layers { 2 } else { 1 };
            let c_out = (c * 2).min(self.base * 8);
            convs.push(conv(c, c_out, stride));
            norms.push(InstanceNorm::new(c_out, device));
            c = c_out;
        }
        PatchDiscriminator { convs, norms, head: conv(c, 1, 1) }
    }
}

#[derive(Module, Debug)]
pub struct PatchDiscriminator {
    /// First conv has no norm (as in the paper); each later conv is followed by one.
    pub convs: Vec<Conv2d>,
    pub norms: Vec<InstanceNorm>,
    pub head: Conv2d,
}

impl PatchDiscriminator {
    /// Scores `[N, 1, h, w]`: one realism logit per receptive-field patch.
    pub fn forward(&self, x: Tensor<4>) -> Tensor<4> {
        let mut state = NormState::own();
        let mut y = leaky_relu(self.convs[0].forward(x), 0.2);
        for (conv, norm) in self.convs.iter().skip(1).zip(&self.norms) {
            y = leaky_relu(norm.forward(conv.forward(y), &mut state), 0.2);
        }
        self.head.forward(y)
    }
}
