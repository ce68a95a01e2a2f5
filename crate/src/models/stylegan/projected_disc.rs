//! A projected discriminator (Sauer et al. 2021, "Projected GANs Converge Faster"): the images
//! go through a frozen, ImageNet-trained feature network (here the loss network,
//! EfficientNet-Lite0), each level of its feature pyramid is mixed by a fixed random 1×1
//! projection (the paper's cross-channel mixing), and a small trainable discriminator per level
//! scores patches. Because the features already tell shapes and textures apart, the generator
//! gets a useful signal from the first steps instead of after hundreds of thousands of images.
//!
//! Only the per-level heads train; the feature network and the projections are frozen (and
//! stored with the heads, so a resumed run sees exactly the same projections).

use burn::module::Module;
use burn::nn::Initializer;
use burn::nn::PaddingConfig2d;
use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::tensor::module::interpolate;
use burn::tensor::ops::{InterpolateMode, InterpolateOptions};
use burn::tensor::{Device, Tensor};

use super::residual_disc::DiscriminatorBlock;
use crate::features::{BLOCKS, LossNet, PYRAMID};
use crate::nn::{EqualConv2d, lrelu_gain};

/// Channels of the pyramid level after projection: twice the feature network's, at most 128.
fn projected_channels(features: usize) -> usize {
    (2 * features).min(128)
}

/// The side at which a level stops being downsampled and is scored patch by patch.
const PATCHES: usize = 8;

/// One level's discriminator: residual blocks down to 8² (or the level's own side if smaller),
/// then a 3×3 convolution to one logit per patch.
#[derive(Module, Debug)]
pub struct LevelHead {
    pub blocks: Vec<DiscriminatorBlock>,
    pub out: EqualConv2d,
}

impl LevelHead {
    fn new(channels: usize, side: usize, device: &Device) -> Self {
        let downs = (side.max(PATCHES) / PATCHES).ilog2() as usize;
        Self {
            blocks: (0..downs).map(|_| DiscriminatorBlock::new(channels, channels, device)).collect(),
            out: EqualConv2d::new(channels, 1, 3, true, device),
        }
    }

    fn forward(&self, x: Tensor<4>) -> Tensor<2> {
        let mut x = x;
        for block in &self.blocks {
            x = block.forward(x);
        }
        let logits = self.out.forward(lrelu_gain(x));
        let [n, ..] = logits.dims();
        logits.reshape([n as i32, -1])
    }
}

#[derive(Module, Debug)]
pub struct ProjectedDiscriminator {
    /// Frozen.
    pub features: LossNet,
    /// Fixed random 1×1 projections, one per pyramid level. Frozen.
    pub projections: Vec<Conv2d>,
    pub heads: Vec<LevelHead>,
    /// Images are resized to this side before the feature network.
    pub input_size: usize,
}

impl ProjectedDiscriminator {
    /// Heads for images resized to `input_size` (a multiple of 16) before `features`.
    pub fn new(features: LossNet, input_size: usize, device: &Device) -> Self {
        let channels = PYRAMID.map(|i| BLOCKS[i].4);
        // The stem halves the side, then each block by its stride.
        let strides = PYRAMID.map(|i| 2 * BLOCKS[..=i].iter().map(|b| b.1).product::<usize>());
        let projections = channels
            .iter()
            .map(|&c| {
                Conv2dConfig::new([c, projected_channels(c)], [1, 1])
                    .with_padding(PaddingConfig2d::Valid)
                    .with_bias(false)
                    .with_initializer(Initializer::KaimingNormal { gain: 1.0, fan_out_only: false })
                    .init(device)
            })
            .collect();
        let heads = channels.iter().zip(strides).map(|(&c, s)| LevelHead::new(projected_channels(c), input_size / s, device)).collect();
        Self { features, projections, heads, input_size }.frozen()
    }

    /// Stop gradients into the feature network and the projections (again after loading a
    /// checkpoint, which may bring its parameters back as trainable).
    pub fn frozen(self) -> Self {
        Self { features: self.features.no_grad(), projections: self.projections.into_iter().map(|p| p.no_grad()).collect(), ..self }
    }

    /// RGB in `[-1, 1]` `[N, 3, R, R]` → realism logits `[N, patches]`, every level's patches.
    pub fn forward(&self, rgb: Tensor<4>) -> Tensor<2> {
        let [_, _, h, w] = rgb.dims();
        let mut x = (rgb + 1.0) * 0.5;
        if (h, w) != (self.input_size, self.input_size) {
            let size = [self.input_size, self.input_size];
            x = interpolate(x, InterpolateOptions::new(InterpolateMode::Bilinear).with_align_corners(false).with_output_size(size));
        }
        let levels = self.features.pyramid(x);
        let logits = levels.into_iter().zip(&self.projections).zip(&self.heads).map(|((f, p), head)| head.forward(p.forward(f))).collect();
        Tensor::cat(logits, 1)
    }
}
