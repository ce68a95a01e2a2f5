//! One image on several workers: each computes a band of rows (with a halo wider than the network
//! reaches), the instance-norm statistics are summed across the bands at every norm layer, and the
//! bands together are exactly the one-worker result (`tests/fast_path.rs`). The page's helper
//! workers implement [`BandWorkers`] (`web/bands.rs`); this worker computes the first band itself.

use std::future::Future;
use std::ops::Range;
use std::pin::Pin;

use crate::error::{AtelierError, Result};
use crate::image::Planar;
use crate::models::fast_style::cpu::{FastStyleCpu, HALO, MIN_SIDE, bands};
use crate::nn::NormState;
use crate::nn::cpu::Reduce;

/// Rows each band at least owns: smaller bands would spend most of their work on the halo.
pub const MIN_BAND_ROWS: usize = 192;

/// A band for a helper: its rows of the image (with the halo), where they are, which rows it
/// owns, and the statistics it shares (the tiles of a large photo) as [`NormState::snapshot`].
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

struct Via<'a>(&'a dyn BandWorkers);

impl Reduce for Via<'_> {
    fn all_reduce<'s>(&'s mut self, sums: &'s mut [f64]) -> impl Future<Output = Result<()>> + 's {
        self.0.all_reduce(sums)
    }
}

/// The network over `image` split into bands across this worker and `workers`; `None` when the
/// image is too small to split or the statistics cannot be sent (the caller runs it alone).
pub async fn forward(net: &FastStyleCpu, workers: &dyn BandWorkers, image: &Planar, state: &mut NormState) -> Result<Option<Planar>> {
    let (w, h) = (image.width, image.height);
    let n = (workers.count() + 1).min(h / MIN_BAND_ROWS);
    if n < 2 || w < MIN_SIDE {
        return Ok(None);
    }
    let shared = match state.is_shared() {
        true => match state.snapshot() {
            Some(s) => Some(s),
            None => return Ok(None),
        },
        false => None,
    };
    let parts = bands(h, n);
    let mut remote = Vec::with_capacity(n - 1);
    for (i, own) in parts.iter().enumerate().skip(1) {
        let top = own.start.saturating_sub(HALO);
        let end = (own.end + HALO).min(h);
        let job = BandJob { rows: image.crop(0, top, w, end - top), top, full_height: h, own: own.clone(), shared: shared.clone() };
        remote.push(workers.start(i - 1, job));
    }
    let mine = net.forward_band(image, 0, h, parts[0].clone(), state, Via(workers)).await?;
    let mine = mine.ok_or_else(|| AtelierError::Device("a band was too small for the CPU path".into()))?;
    let mut out = Planar::new(w, h);
    out.paste_rows(0, &mine);
    let mut y0 = mine.height;
    // The helpers ran while this worker computed its band; their rows come in order.
    for band in remote {
        let band = band.await?;
        if y0 + band.height > h || band.width != w {
            return Err(AtelierError::Device(format!("a helper returned a {}×{} band at row {y0} of a {w}×{h} image", band.width, band.height)));
        }
        out.paste_rows(y0, &band);
        y0 += band.height;
    }
    if y0 != h {
        return Err(AtelierError::Device(format!("the bands covered {y0} of {h} rows")));
    }
    Ok(Some(out))
}
