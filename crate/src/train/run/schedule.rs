//! Random numbers and learning rates by step.

use rand::SeedableRng;
use rand::rngs::StdRng;

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
