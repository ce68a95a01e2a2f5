//! One image on several workers: each computes a band of rows (with a halo wider than the network
//! reaches), the instance-norm statistics are summed across the bands at every norm layer, and the
//! bands together are exactly the one-worker result (`tests/fast_path.rs`). The page's helper
//! workers implement [`BandWorkers`] (`web/bands.rs`); the network that splits its passes so is
//! the ResNet generator's CPU path (`models::fast_style::bands`), and this worker computes the
//! first band itself.

use std::future::Future;
use std::ops::Range;
use std::pin::Pin;

use crate::error::Result;
use crate::image::Planar;

/// A band for a helper: its rows of the image (with the halo), where they are, which rows it
/// owns, and the statistics it shares (the tiles of a large photo) as [`crate::nn::NormState::snapshot`].
pub struct BandJob {
    pub rows: Planar,
    pub top: usize,
    pub full_height: usize,
    pub own: Range<usize>,
    pub shared: Option<Vec<f32>>,
}

pub type LocalFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + 'a>>;

/// Helper workers, each holding the same model.
pub trait BandWorkers {
    /// How many helpers there are (this worker not counted).
    fn count(&self) -> usize;
    /// Start `job` on helper `i` now (the future is awaited only after this worker's own band);
    /// it resolves to the band's own rows of output.
    fn start(&self, i: usize, job: BandJob) -> LocalFuture<'static, Planar>;
    /// Add the helpers' statistics for this layer to `sums` (each sends its own for the same
    /// layer) and send them the totals.
    fn all_reduce<'a>(&'a self, sums: &'a mut [f64]) -> LocalFuture<'a, ()>;
}
