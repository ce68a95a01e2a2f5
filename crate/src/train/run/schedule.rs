//! Random numbers, learning rates by step, and the schedule of a GAN paper's run.

use rand::SeedableRng;
use rand::rngs::StdRng;
use serde::{Deserialize, Serialize};

/// The length and learning rate of a GAN paper's run (pix2pix, CycleGAN) on random crops: a
/// part of the family's settings (flattened: `state.json` keeps these fields at the top level).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    pub steps: u64,
    pub batch: usize,
    /// Training crop side.
    pub size: usize,
    /// Short side pictures are resized to before the random crop (a little larger than `size`:
    /// random jitter, as in the papers).
    pub load_size: usize,
    pub lr: f64,
    /// The learning rate stays at `lr` until this step, then falls linearly to 0 at `steps`.
    pub decay_from: u64,
}

impl Schedule {
    /// The learning rate of step `step` ([`linear_decay`]).
    pub fn learning_rate(&self, step: u64) -> f64 {
        linear_decay(self.lr, step, self.decay_from, self.steps)
    }

    /// A resumed run's schedule: this (the saved one), with the `given` step count and start of
    /// the decay where larger.
    pub fn continued(&self, given: &Schedule) -> Schedule {
        Schedule { steps: given.steps.max(self.steps), decay_from: given.decay_from.max(self.decay_from), ..*self }
    }
}

/// The random numbers of step `step` of a run: a resumed run draws exactly what an
/// uninterrupted one did.
pub fn step_rng(seed: u64, step: u64) -> StdRng {
    StdRng::seed_from_u64(seed ^ step.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// Where a run's random numbers come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seeding {
    /// Step `k` draws from `(seed, k)` ([`step_rng`]): resuming is exact.
    PerStep,
    /// One stream from `seed + first step` (fast-style runs, as they always were: a resumed run
    /// draws other crops than an uninterrupted one).
    Stream,
}

/// The GAN papers' schedule (pix2pix, CycleGAN): `lr` until step `decay_from`, then linearly
/// down to 0 at `steps`.
pub fn linear_decay(lr: f64, step: u64, decay_from: u64, steps: u64) -> f64 {
    if step < decay_from || steps <= decay_from { lr } else { lr * (steps - step.min(steps)) as f64 / (steps - decay_from) as f64 }
}

/// Cosine decay from `lr` to `end` over `steps` (Loshchilov & Hutter, 2017): large steps early,
/// then small ones that settle into a minimum instead of bouncing around it.
pub fn cosine_decay(lr: f64, end: f64, step: u64, steps: u64) -> f64 {
    let t = step as f64 / steps.max(1) as f64;
    end + 0.5 * (lr - end) * (1.0 + (std::f64::consts::PI * t.min(1.0)).cos())
}
