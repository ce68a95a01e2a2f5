//! The U-Net generator of pix2pix (Isola et al., 2017, after Ronneberger et al., 2015): an
//! encoder that halves the resolution `depth` times, a decoder that doubles it back, and a skip
//! connection from every encoder level to the decoder level of the same size, so fine detail
//! (the lines of a sketch, the edges of a photo) reaches the output without passing the
//! bottleneck.
//!
//! ```text
//! x ─ down ─ down ─ … ─ down ──────────┐
//!      │      │          └─ skip ─ up ─┤   every `up` is nearest ×2 + 3×3 conv (no
//!      │      └───────────── skip ─ up ─┤   transposed conv: no checkerboard), its input
//!      └──────────────────── skip ─ up ─┘   the previous level concatenated with the skip
//! ```
//!
//! Differences from the paper, each for the browser: 3×3 stride-2 convolutions with reflection
//! padding instead of 4×4 with zeros (no dark frame, same padding in training and use),
//! instance norm with shareable statistics (seamless tiles), no norm at the bottleneck (its map
//! can be 1×1), and a configurable width and depth.

use burn::module::Module;
use burn::tensor::{Device, Tensor};
use serde::{Deserialize, Serialize};

use crate::error::{AtelierError, Result};
use crate::nn::plan::Conv;
use crate::nn::{Act, InstanceNorm, Layer, NormState, Plan, ReflectConv2d, UpsampleConv, crop_to, pad_to_multiple};

/// The encoder's leaky ReLU slope.
pub const SLOPE: f32 = 0.2;

/// Width and depth of a U-Net. Stored in every model file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UNetConfig {
    pub in_channels: usize,
    pub out_channels: usize,
    /// Channels of the first level; doubled at each level down to `max_channels`.
    pub base: usize,
    /// Number of halvings: inputs are padded to a multiple of `2^depth`.
    pub depth: usize,
    pub max_channels: usize,
}

impl UNetConfig {
    pub fn validate(&self) -> Result<()> {
        let ok = (1..=8).contains(&self.depth)
            && (1..=4).contains(&self.in_channels)
            && (1..=4).contains(&self.out_channels)
            && (1..=256).contains(&self.base)
            && (self.base..=1024).contains(&self.max_channels);
        if !ok {
            return Err(AtelierError::BadConfig(format!(
                "U-Net {self:?}: depth 1..=8, 1–4 input and output channels, base 1..=256, max_channels base..=1024"
            )));
        }
        Ok(())
    }

    /// Channels at each level, shallow to deep.
    pub fn channels(&self) -> Vec<usize> {
        (0..self.depth).map(|i| (self.base << i).min(self.max_channels)).collect()
    }

    /// Sizes are padded to a multiple of this.
    pub fn size_multiple(&self) -> usize {
        1 << self.depth
    }

    pub fn init(&self, device: &Device) -> UNet {
        let c = self.channels();
        let down = (0..self.depth)
            .map(|i| Down {
                conv: ReflectConv2d::new(if i == 0 { self.in_channels } else { c[i - 1] }, c[i], 3, 2, device),
                // No norm on the first level (as in the paper) nor at the bottleneck.
                norm: (i > 0 && i + 1 < self.depth).then(|| InstanceNorm::new(c[i], device)),
            })
            .collect();
        // Up level i takes level i's features (concatenated with the skip from level i, except
        // at the bottleneck) to the size and width of level i − 1.
        let up = (1..self.depth)
            .rev()
            .map(|i| Up {
                conv: UpsampleConv::new(if i + 1 == self.depth { c[i] } else { 2 * c[i] }, c[i - 1], 3, device),
                norm: InstanceNorm::new(c[i - 1], device),
            })
            .collect();
        let top = if self.depth == 1 { c[0] } else { 2 * c[0] };
        UNet { down, up, out: UpsampleConv::new(top, self.out_channels, 3, device), multiple: self.size_multiple() }
    }
}

/// One encoder level: 3×3 stride-2 conv, instance norm, LeakyReLU(0.2).
#[derive(Module, Debug)]
pub struct Down {
    pub conv: ReflectConv2d,
    pub norm: Option<InstanceNorm>,
}

/// One decoder level: nearest ×2, 3×3 conv, instance norm, ReLU.
#[derive(Module, Debug)]
pub struct Up {
    pub conv: UpsampleConv,
    pub norm: InstanceNorm,
}

#[derive(Module, Debug)]
pub struct UNet {
    pub down: Vec<Down>,
    /// Deepest first.
    pub up: Vec<Up>,
    /// The last ×2 and the conv to the output channels (no norm, no activation: the family
    /// decides what the channels mean).
    pub out: UpsampleConv,
    pub multiple: usize,
}

impl UNet {
    /// The layers in order (pre-activation output): every engine walks this.
    pub fn plan(&self) -> Plan<'_> {
        let mut plan = Plan::default();
        for (i, level) in self.down.iter().enumerate() {
            plan.push(Layer::Conv { conv: Conv::Reflect(&level.conv), norm: level.norm.as_ref(), act: Act::LeakyRelu(SLOPE) });
            // Every level but the bottleneck is a skip connection.
            if i + 1 < self.down.len() {
                plan.push(Layer::Save);
            }
        }
        for level in &self.up {
            plan.push(Layer::Conv { conv: Conv::Upsample(&level.conv), norm: Some(&level.norm), act: Act::Relu });
            plan.push(Layer::Concat);
        }
        plan.push(Layer::conv(Conv::Upsample(&self.out), Act::Linear));
        plan
    }

    /// `[N, in, H, W]` → `[N, out, H, W]` for any `H`, `W` ≥ 2: the input is reflection-padded
    /// to a multiple of `2^depth` and the output cropped back. Returns pre-activation values.
    pub fn forward(&self, x: Tensor<4>, state: &mut NormState) -> Tensor<4> {
        let [_, _, h, w] = x.dims();
        crop_to(self.plan().forward(pad_to_multiple(x, self.multiple), state), h, w)
    }
}
