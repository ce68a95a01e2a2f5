//! StyleGAN2's residual discriminator (Karras et al. 2020, Fig. 7c): from-RGB, then at each
//! resolution two 3×3 convolutions with a 2× average-pool and a 1×1 skip, down to 4×4; there a
//! minibatch standard deviation channel lets it see how varied a batch is (so the generator
//! cannot win by drawing the same picture every time), a convolution and two dense layers.

use burn::module::Module;
use burn::tensor::module::avg_pool2d;
use burn::tensor::ops::AvgPoolOptions;
use burn::tensor::{Device, Tensor};

use super::StyleGanConfig;
use crate::nn::{EqualConv2d, EqualLinear, lrelu_gain};

fn downsample(x: Tensor<4>) -> Tensor<4> {
    avg_pool2d(x, AvgPoolOptions::new([2, 2]))
}

#[derive(Module, Debug)]
pub struct DiscriminatorBlock {
    pub conv1: EqualConv2d,
    pub conv2: EqualConv2d,
    pub skip: EqualConv2d,
}

impl DiscriminatorBlock {
    pub(crate) fn new(c_in: usize, c_out: usize, device: &Device) -> Self {
        Self {
            conv1: EqualConv2d::new(c_in, c_in, 3, true, device),
            conv2: EqualConv2d::new(c_in, c_out, 3, true, device),
            skip: EqualConv2d::new(c_in, c_out, 1, false, device),
        }
    }

    pub(crate) fn forward(&self, x: Tensor<4>) -> Tensor<4> {
        let y = lrelu_gain(self.conv1.forward(x.clone()));
        let y = downsample(lrelu_gain(self.conv2.forward(y)));
        let skip = self.skip.forward(downsample(x));
        (y + skip) / std::f64::consts::SQRT_2
    }
}

#[derive(Module, Debug)]
pub struct ResidualDiscriminator {
    pub from_rgb: EqualConv2d,
    pub blocks: Vec<DiscriminatorBlock>,
    pub conv: EqualConv2d,
    pub dense: EqualLinear,
    pub out: EqualLinear,
    /// Samples per minibatch-stddev group (at most; a batch it does not divide uses fewer).
    pub group: usize,
}

impl ResidualDiscriminator {
    pub fn new(config: &StyleGanConfig, device: &Device) -> Self {
        let r = config.resolution;
        let blocks = (0..config.levels()).map(|i| DiscriminatorBlock::new(config.channels(r >> i), config.channels(r >> (i + 1)), device)).collect();
        let c4 = config.channels(4);
        Self {
            from_rgb: EqualConv2d::new(3, config.channels(r), 1, true, device),
            blocks,
            conv: EqualConv2d::new(c4 + 1, c4, 3, true, device),
            dense: EqualLinear::new(c4 * 16, c4, 0.0, 1.0, device),
            out: EqualLinear::new(c4, 1, 0.0, 1.0, device),
            group: 4,
        }
    }

    /// RGB in `[-1, 1]` `[N, 3, R, R]` → one realism logit per image `[N, 1]`.
    pub fn forward(&self, rgb: Tensor<4>) -> Tensor<2> {
        let mut x = lrelu_gain(self.from_rgb.forward(rgb));
        for block in &self.blocks {
            x = block.forward(x);
        }
        let x = minibatch_stddev(x, self.group);
        let x = lrelu_gain(self.conv.forward(x));
        let [n, c, h, w] = x.dims();
        self.out.forward(lrelu_gain(self.dense.forward(x.reshape([n, c * h * w]))))
    }
}

/// Append one channel: the standard deviation of the features across each group of samples
/// (samples `g·M + m` for g < G form group m), averaged over channels and pixels.
pub fn minibatch_stddev(x: Tensor<4>, max_group: usize) -> Tensor<4> {
    let [n, c, h, w] = x.dims();
    let g = (1..=max_group.min(n).max(1)).rev().find(|g| n % g == 0).unwrap_or(1);
    let m = n / g;
    let (var, _) = x.clone().reshape([g, m, c * h * w]).var_mean_bias(0);
    let std = (var + 1e-8).sqrt().mean_dim(2); // [1, m, 1]
    let per_sample = std.reshape([1, m]).repeat_dim(0, g).reshape([n, 1, 1, 1]).expand([n, 1, h, w]);
    Tensor::cat(vec![x, per_sample], 1)
}
