//! [`FastStyleNet`] (and so CycleGAN's [`super::ResnetGenerator`]) on the CPU inference path of
//! [`crate::nn::fast`]: the same layers in the same order as [`FastStyleNet::forward`], with the
//! weights read once from the burn module.

use super::fast_style::{FastStyleNet, SIZE_MULTIPLE};
use crate::error::Result;
use crate::image::Planar;
use crate::nn::NormState;
use crate::nn::fast::{FastConv, FastConvNormAct, FastResidual, Hwc};

/// The compiled network. Build it with [`FastStyleNet::to_fast`].
#[derive(Debug, Clone)]
pub struct FastStyleCpu {
    down: [FastConvNormAct; 3],
    res: Vec<FastResidual>,
    up: [FastConvNormAct; 2],
    out: FastConv,
}

/// Smallest side the kernels take (the quarter-resolution map must hold a 4-pixel block).
pub const MIN_SIDE: usize = 16;

impl FastStyleNet {
    /// This network on the CPU path, or `None` if a layer's shape has no kernel there.
    pub async fn to_fast(&self) -> Result<Option<FastStyleCpu>> {
        macro_rules! some {
            ($e:expr) => {
                match $e.await? {
                    Some(layer) => layer,
                    None => return Ok(None),
                }
            };
        }
        let down = [some!(FastConvNormAct::new(&self.down1)), some!(FastConvNormAct::new(&self.down2)), some!(FastConvNormAct::new(&self.down3))];
        let mut res = Vec::with_capacity(self.res.len());
        for block in &self.res {
            res.push(some!(FastResidual::new(block)));
        }
        let up = [some!(FastConvNormAct::new(&self.up1)), some!(FastConvNormAct::new(&self.up2))];
        let out = some!(FastConv::from_reflect(&self.out));
        if out.out_channels() != 3 {
            return Ok(None);
        }
        Ok(Some(FastStyleCpu { down, res, up, out }))
    }
}

impl FastStyleCpu {
    /// Stylize one RGB image in `[0, 1]` (what [`FastStyleNet::forward`] computes); `None` when a
    /// side is under [`MIN_SIDE`] (burn's path takes those).
    pub fn forward(&self, image: &Planar, state: &mut NormState) -> Option<Planar> {
        let (w, h) = (image.width, image.height);
        if w.min(h) < MIN_SIDE {
            return None;
        }
        let mut sums = Vec::new();
        let mut y = Hwc::from_planar(image, SIZE_MULTIPLE, 3, |r, g, b, px| px.extend([r, g, b]));
        for layer in &self.down {
            y = layer.forward(&y, state, &mut sums);
        }
        for block in &self.res {
            y = block.forward(&y, state, &mut sums);
        }
        for layer in &self.up {
            y = layer.forward(&y, state, &mut sums);
        }
        let out = self.out.forward(&y, &mut sums);
        Some(out.to_planar(w, h, |px, _| [sigmoid(px[0]), sigmoid(px[1]), sigmoid(px[2])]))
    }
}

pub(crate) fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}
