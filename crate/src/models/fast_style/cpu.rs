//! [`FastStyleNet`] (and so CycleGAN's ResNet generator) on the CPU inference path of
//! [`crate::nn::cpu`]: the network's [`FastStyleNet::plan`] with the weights read once from the
//! burn module, and the image's way in and out.

use std::ops::Range;

use super::{FastStyleNet, SIZE_MULTIPLE};
use crate::error::{AtelierError, Result};
use crate::image::Planar;
use crate::nn::NormState;
use crate::nn::cpu::{CpuPlan, Hwc, Pass, Reduce};

/// The compiled network. Build it with [`FastStyleNet::to_cpu`].
#[derive(Debug, Clone)]
pub struct FastStyleCpu {
    plan: CpuPlan,
}

/// Smallest side the kernels take (the quarter-resolution map must hold a 4-pixel block).
pub const MIN_SIDE: usize = 16;

impl FastStyleNet {
    /// This network on the CPU path, or `None` if a layer's shape has no kernel there.
    pub async fn to_cpu(&self) -> Result<Option<FastStyleCpu>> {
        Ok(CpuPlan::new(&self.plan()).await?.filter(|plan| plan.out_channels() == Some(3)).map(|plan| FastStyleCpu { plan }))
    }
}

/// Rows a band computes above and below its own: more than the network reaches (57 px: 4 + 1 +
/// 2 at full and half resolution going down, 10 × 4 in the residual blocks, 4 + 2 + 4 going up)
/// and a multiple of 4, so a band's own rows are exactly what one pass over the image gives.
pub const HALO: usize = 64;

/// The own rows of up to `n` bands over an image `height` rows high: its height padded to a
/// multiple of 4, split at multiples of 4.
pub fn bands(height: usize, n: usize) -> Vec<Range<usize>> {
    let units = height.div_ceil(SIZE_MULTIPLE);
    let n = n.clamp(1, units.max(1));
    (0..n).map(|i| (units * i / n) * SIZE_MULTIPLE..(units * (i + 1) / n) * SIZE_MULTIPLE).collect()
}

impl FastStyleCpu {
    /// Stylize one RGB image in `[0, 1]` (what [`FastStyleNet::forward`] computes); `None` when a
    /// side is under [`MIN_SIDE`] (burn's path takes those).
    pub async fn forward(&self, image: &Planar, state: &mut NormState) -> Result<Option<Planar>> {
        let (w, h) = (image.width, image.height);
        if w.min(h) < MIN_SIDE {
            return Ok(None);
        }
        let x = Hwc::from_planar(image, SIZE_MULTIPLE, 3, rgb);
        let y = self.plan.forward(x, &mut Pass::new(state)).await?;
        Ok(Some(y.to_planar(w, 0..h, sigmoid_rgb)))
    }

    /// The rows `own` (from [`bands`]) of what [`FastStyleCpu::forward`] gives for an image
    /// `full_height` rows high, of which `image` holds rows `top..` (at least the band and its
    /// [`HALO`] within the image). With statistics not shared through `state`, every band of the
    /// image must run at the same time: `reduce` sums their statistics at each norm layer.
    pub async fn forward_band<R: Reduce>(
        &self,
        image: &Planar,
        top: usize,
        full_height: usize,
        own: Range<usize>,
        state: &mut NormState,
        reduce: R,
    ) -> Result<Option<Planar>> {
        let padded = full_height.next_multiple_of(SIZE_MULTIPLE);
        if image.width < MIN_SIDE || full_height < MIN_SIDE || own.end > padded || own.start >= own.end {
            return Ok(None);
        }
        let rows = own.start.saturating_sub(HALO)..(own.end + HALO).min(padded);
        if top > rows.start || top + image.height < rows.end.min(full_height) {
            return Err(AtelierError::Device(format!(
                "a band of rows {own:?} needs image rows {rows:?}; it was given {top}..{}",
                top + image.height
            )));
        }
        let x = Hwc::from_planar_rows(image, top, full_height, rows.clone(), SIZE_MULTIPLE, 3, rgb);
        let inside = own.start - rows.start..own.end - rows.start;
        let y = self.plan.forward(x, &mut Pass::band(state, inside.clone(), rows.len(), reduce)).await?;
        let real = inside.start..inside.end.min(full_height - rows.start);
        Ok(Some(y.to_planar(image.width, real, sigmoid_rgb)))
    }
}

pub(crate) fn rgb(r: f32, g: f32, b: f32, px: &mut Vec<f32>) {
    px.extend([r, g, b]);
}

/// The bounded output (see [`FastStyleNet::forward`]; pix2pix's RGB output is the same).
pub(crate) fn sigmoid_rgb(px: &[f32], _: usize) -> [f32; 3] {
    [px[0], px[1], px[2]].map(|x| 1.0 / (1.0 + (-x).exp()))
}
