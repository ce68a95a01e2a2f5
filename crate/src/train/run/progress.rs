//! The progress bar of a run, what is due at a step, and the check that the losses are numbers.

use indicatif::{ProgressBar, ProgressStyle};

use crate::error::{AtelierError, Result};

/// An indicatif bar from `start` to `len` with its elapsed time, ETA and a message.
pub fn progress_bar(len: u64, start: u64) -> ProgressBar {
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise} ETA {eta_precise}] {bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_position(start);
    bar.reset_eta();
    bar
}

/// The progress bar of a run (ETA and the current losses); in a log (no terminal) a line every
/// 25 steps instead.
pub struct Progress {
    bar: ProgressBar,
    total: u64,
}

impl Progress {
    pub fn new(total: u64, start: u64) -> Self {
        Self { bar: progress_bar(total, start), total }
    }

    /// Step `done` finished with this summary of its losses.
    pub fn step(&self, done: u64, message: String) {
        self.bar.set_message(message);
        self.bar.inc(1);
        if self.bar.is_hidden() && (done.is_multiple_of(25) || done == self.total) {
            let eta = self.bar.eta().as_secs();
            log::info!("step {done}/{} ETA {}h{:02}m {}", self.total, eta / 3600, eta / 60 % 60, self.bar.message());
        }
    }

    pub fn finish(&self) {
        self.bar.finish();
    }
}

/// Whether step `done` (counting from 1) of `total` is one where something happens every
/// `every` steps (the last step always is).
pub fn due(done: u64, every: u64, total: u64) -> bool {
    done.is_multiple_of(every.max(1)) || done == total
}

/// Stop with a clear message when a loss stops being a number (the last checkpoint is intact).
pub fn check_finite(loss: f64, step: u64) -> Result<()> {
    if loss.is_finite() {
        Ok(())
    } else {
        Err(AtelierError::BadConfig(format!("the loss became {loss} at step {step}; lower --lr or the loss weights and --resume")))
    }
}
