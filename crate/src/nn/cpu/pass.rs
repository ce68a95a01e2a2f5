//! One forward pass on the CPU path: where each instance norm takes its statistics from (its own,
//! recorded or shared, through [`NormState`]) and, when several workers split one image into
//! bands of rows, the sum of the bands' statistics at every norm layer ([`Reduce`]). Each band is
//! computed with a halo wider than the network's reach, and its statistics are taken over its own
//! rows only, so the bands together give exactly the one-worker result.

use std::future::Future;
use std::ops::Range;

use super::{Act, CpuConv, CpuNorm, Hwc, norm};
use crate::error::Result;
use crate::nn::NormState;

/// Combines the bands' statistics.
pub trait Reduce {
    /// Replace this band's `[Σx; c] ++ [Σx²; c] ++ [pixels]` with the sums over every band. Every
    /// band calls it at the same layers in the same order.
    fn all_reduce<'s>(&'s mut self, sums: &'s mut [f64]) -> impl Future<Output = Result<()>> + 's;
}

/// A pass over the whole image: nothing to combine.
#[derive(Debug, Clone, Copy, Default)]
pub struct Alone;

impl Reduce for Alone {
    fn all_reduce<'s>(&'s mut self, _: &'s mut [f64]) -> impl Future<Output = Result<()>> + 's {
        std::future::ready(Ok(()))
    }
}

/// The state of one forward pass through a network's layers.
pub struct Pass<'a, R: Reduce> {
    state: &'a mut NormState,
    /// Σx and Σx² per channel of the last convolution's output (all of its rows).
    sums: Vec<f64>,
    /// In a band: its own rows of the input map, and that map's height.
    band: Option<(Range<usize>, usize)>,
    reduce: R,
}

impl<'a> Pass<'a, Alone> {
    pub fn new(state: &'a mut NormState) -> Self {
        Self { state, sums: Vec::new(), band: None, reduce: Alone }
    }
}

impl<'a, R: Reduce> Pass<'a, R> {
    /// A pass over a band: `own` rows (multiples of 4) of an input map `height` rows high.
    pub fn band(state: &'a mut NormState, own: Range<usize>, height: usize, reduce: R) -> Self {
        Self { state, sums: Vec::new(), band: Some((own, height)), reduce }
    }

    /// A convolution's output; its statistics are kept for the norm that follows.
    pub fn conv(&mut self, conv: &CpuConv, x: &Hwc) -> Hwc {
        conv.forward(x, &mut self.sums)
    }

    /// Instance-normalise `y` (the last convolution's output), then `act`, then add `skip`.
    pub async fn norm(&mut self, norm: &CpuNorm, y: &mut Hwc, act: Act, skip: Option<&Hwc>) -> Result<()> {
        let (c, row) = (y.channels, y.width * y.channels);
        let mut pixels = y.height * y.width;
        if let Some((own, height)) = &self.band
            && !self.state.is_shared()
        {
            let scale = (height / y.height).max(1);
            let rows = own.start / scale..own.end / scale;
            let mut sums = norm::sums(&y.data[rows.start * row..rows.end * row], c);
            sums.push((rows.len() * y.width) as f64);
            self.reduce.all_reduce(&mut sums).await?;
            pixels = sums.pop().unwrap_or(1.0) as usize;
            self.sums = sums;
        }
        norm.forward(y, &self.sums, pixels, self.state, act, skip);
        Ok(())
    }
}
