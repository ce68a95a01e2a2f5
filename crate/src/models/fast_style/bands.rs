//! [`FastStyleCpu`] split over the page's helper workers ([`crate::bands`]): this worker computes
//! the first band, each helper one more, and the norm statistics are summed across them.

use std::future::Future;

use super::cpu::{FastStyleCpu, HALO, MIN_SIDE, bands};
use crate::bands::{BandJob, BandWorkers};
use crate::error::{AtelierError, Result};
use crate::image::Planar;
use crate::nn::NormState;
use crate::nn::cpu::Reduce;

/// Rows each band at least owns: smaller bands would spend most of their work on the halo.
pub const MIN_BAND_ROWS: usize = 192;

struct Via<'a>(&'a dyn BandWorkers);

impl Reduce for Via<'_> {
    fn all_reduce<'s>(&'s mut self, sums: &'s mut [f64]) -> impl Future<Output = Result<()>> + 's {
        self.0.all_reduce(sums)
    }
}

impl FastStyleCpu {
    /// The network over `image` split into bands across this worker and `workers`; `None` when the
    /// image is too small to split or the statistics cannot be sent (the caller runs it alone).
    pub async fn forward_bands(&self, workers: &dyn BandWorkers, image: &Planar, state: &mut NormState) -> Result<Option<Planar>> {
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
        let mine = self.forward_band(image, 0, h, parts[0].clone(), state, Via(workers)).await?;
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
}
