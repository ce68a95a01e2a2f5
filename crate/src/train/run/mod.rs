//! What every trainer shares: the run folder and its checkpoints, training data and
//! augmentation, the weight average, progress, samples, card rows, figures, and the one
//! training loop ([`train_loop`] over a [`Trainer`]).

pub mod augment;
pub mod card;
pub mod data;
pub mod ema;
pub mod folder;
pub mod metrics;
pub mod progress;
pub mod schedule;
pub mod sheet;
pub mod trainer;

pub use folder::{Checkpointed, RunDir, STATE, Saved, load_module, load_module_bytes, module_bytes, read_json, save_module, write_atomic};
pub use progress::{Progress, check_finite, due, progress_bar};
pub use schedule::{Schedule, Seeding, cosine_decay, linear_decay, step_rng};
pub use sheet::contact_sheet;
pub(crate) use trainer::run_settings;
pub use trainer::{At, Continued, Losses, Plan, Report, RunSettings, Trainer, train_loop};

use burn::module::Module;
use burn::optim::{GradientsParams, ModuleOptimizer};
use burn::tensor::Tensor;

/// A one-element loss as a number.
pub fn scalar(t: Tensor<1>) -> f64 {
    t.into_scalar::<f32>() as f64
}

/// `module` after one step of `optim` down the gradient of `loss`.
pub fn descend<M: Module>(module: M, optim: &mut ModuleOptimizer, lr: f64, loss: Tensor<1>) -> M {
    let grads = GradientsParams::from_grads(loss.backward(), &module);
    optim.step(lr, module, grads)
}

/// [`descend`] when `loss` is a number, else `module` unchanged (the loop then stops with the
/// last checkpoint intact); and the loss.
pub fn descend_finite<M: Module>(module: M, optim: &mut ModuleOptimizer, lr: f64, loss: Tensor<1>) -> (M, f64) {
    let value = scalar(loss.clone());
    if value.is_finite() { (descend(module, optim, lr, loss), value) } else { (module, value) }
}
