//! The feed-forward style network of Johnson, Alahi & Fei-Fei (2016), "Perceptual Losses for
//! Real-Time Style Transfer", with the fixes the field adopted since: instance norm instead of
//! batch norm (Ulyanov et al., 2016), reflection padding, nearest-upsample + conv instead of
//! transposed convolutions.
//!
//! ```text
//! photo ─ 9×9 conv ─ 3×3 conv /2 ─ 3×3 conv /2 ─ N residual blocks ─ ↑2 3×3 ─ ↑2 3×3 ─ 9×9 conv ─ image
//! ```

use burn::module::Module;
use burn::tensor::activation::sigmoid;
use burn::tensor::ops::PadMode;
use burn::tensor::{Device, Tensor};
use serde::{Deserialize, Serialize};

use crate::error::{AtelierError, Result};
use crate::nn::plan::Conv;
use crate::nn::{Act, ConvNormAct, Layer, NormState, Plan, ReflectConv2d, ResidualBlock};

pub mod bands;
pub mod cpu;
#[cfg(feature = "webgpu")]
pub mod gpu;

/// Width and depth of the network. Stored in every model file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FastStyleConfig {
    /// Channels at full, half and quarter resolution.
    pub channels: [usize; 3],
    /// Residual blocks at quarter resolution.
    pub res_blocks: usize,
}

impl Default for FastStyleConfig {
    /// Half of Johnson's width (16/32/64): 2.6× faster in the browser than 32/64/128 and,
    /// on our styles, visually as good (see `make bench` and the model cards).
    fn default() -> Self {
        Self { channels: [16, 32, 64], res_blocks: 5 }
    }
}

impl FastStyleConfig {
    pub fn validate(&self) -> Result<()> {
        if self.channels.iter().any(|&c| c == 0 || c > 255) || self.res_blocks > 32 {
            return Err(AtelierError::BadConfig(format!(
                "channels {:?} must be 1..=255 and res_blocks {} at most 32",
                self.channels, self.res_blocks
            )));
        }
        Ok(())
    }

    pub fn init(&self, device: &Device) -> FastStyleNet {
        let [c1, c2, c3] = self.channels;
        FastStyleNet {
            down1: ConvNormAct::new(3, c1, 9, 1, device),
            down2: ConvNormAct::new(c1, c2, 3, 2, device),
            down3: ConvNormAct::new(c2, c3, 3, 2, device),
            res: (0..self.res_blocks).map(|_| ResidualBlock::new(c3, device)).collect(),
            up1: ConvNormAct::upsampling(c3, c2, 3, device),
            up2: ConvNormAct::upsampling(c2, c1, 3, device),
            out: ReflectConv2d::new(c1, 3, 9, 1, device),
        }
    }
}

#[derive(Module, Debug)]
pub struct FastStyleNet {
    pub down1: ConvNormAct,
    pub down2: ConvNormAct,
    pub down3: ConvNormAct,
    pub res: Vec<ResidualBlock>,
    pub up1: ConvNormAct,
    pub up2: ConvNormAct,
    pub out: ReflectConv2d,
}

/// The network halves the resolution twice, so sizes are padded to a multiple of this.
pub const SIZE_MULTIPLE: usize = 4;

impl FastStyleNet {
    /// The layers in order (before the output's sigmoid): every engine walks this.
    pub fn plan(&self) -> Plan<'_> {
        let mut plan = Plan::default();
        for block in [&self.down1, &self.down2, &self.down3] {
            plan.push(Layer::conv_norm_relu(block));
        }
        for block in &self.res {
            plan.push(Layer::Residual(block));
        }
        for block in [&self.up1, &self.up2] {
            plan.push(Layer::conv_norm_relu(block));
        }
        plan.push(Layer::conv(Conv::Reflect(&self.out), Act::Linear));
        plan
    }

    /// Stylize a batch `[N, 3, H, W]` of RGB in `[0, 1]`. Returns the same shape, in `(0, 1)`. Any `H`, `W` ≥ 8 works: the input is reflection-padded to a
    /// multiple of 4 and the output cropped back.
    pub fn forward(&self, x: Tensor<4>, state: &mut NormState) -> Tensor<4> {
        let [_, _, h, w] = x.dims();
        let ph = (SIZE_MULTIPLE - h % SIZE_MULTIPLE) % SIZE_MULTIPLE;
        let pw = (SIZE_MULTIPLE - w % SIZE_MULTIPLE) % SIZE_MULTIPLE;
        let x = if ph + pw > 0 { x.pad([(0, ph), (0, pw)], PadMode::Reflect) } else { x };

        // Bounded output: an unbounded one lets the network paint a few extreme pixels that
        // inflate the Gram energy the style loss asks for (saturated blobs after clamping).
        let y = sigmoid(self.plan().forward(x, state));
        if ph + pw > 0 {
            let n = y.dims()[0];
            y.slice([0..n, 0..3, 0..h, 0..w])
        } else {
            y
        }
    }
}
