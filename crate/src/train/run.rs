//! Run folders, shared by every trainer: atomic checkpoints of every network and optimizer,
//! `state.json` (settings, step, losses), `samples/`, resuming, and the progress line.
//!
//! A run folder can live anywhere (the README puts long runs under `~/.cache/atelier/runs`, out
//! of the clone). Every file is written to a temporary name and renamed, so a run killed at any
//! moment resumes from its last complete checkpoint.

use std::path::{Path, PathBuf};

use burn::module::Module;
use burn::optim::ModuleOptimizer;
use burn::store::burn_pack::Bytes;
use burn::store::{BurnpackStore, ModuleSnapshot};
use indicatif::ProgressBar;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::util::{progress_bar, write_atomic};
use crate::error::{AtelierError, Result};

pub const STATE: &str = "state.json";

/// A module's weights as Burnpack bytes.
pub fn module_bytes<M: Module + ModuleSnapshot>(module: &M) -> Result<Vec<u8>> {
    let mut store = BurnpackStore::from_bytes(None);
    module.save_into(&mut store).map_err(|e| AtelierError::Io(e.to_string()))?;
    Ok(store.get_bytes().map_err(|e| AtelierError::Io(e.to_string()))?.to_vec())
}

pub fn save_module<M: Module + ModuleSnapshot>(module: &M, path: &Path) -> Result<()> {
    write_atomic(path, &module_bytes(module)?)
}

/// Load saved weights into an initialised module (which keeps its device and its parameters'
/// `require_grad`, so the result trains).
pub fn load_module_bytes<M: Module + ModuleSnapshot>(mut module: M, bytes: Vec<u8>) -> Result<M> {
    let mut store = BurnpackStore::from_bytes(Some(Bytes::from_bytes_vec(bytes)));
    module.load_from(&mut store).map_err(|e| AtelierError::CorruptModel(e.to_string()))?;
    Ok(module)
}

pub fn load_module<M: Module + ModuleSnapshot>(module: M, path: &Path) -> Result<M> {
    let bytes = std::fs::read(path).map_err(|e| AtelierError::Io(format!("{}: {e}", path.display())))?;
    load_module_bytes(module, bytes).map_err(|e| AtelierError::CorruptModel(format!("{}: {e}", path.display())))
}

/// A JSON file (a run's `state.json`).
pub fn read_json<S: DeserializeOwned>(path: &Path) -> Result<S> {
    let bytes = std::fs::read(path).map_err(|e| AtelierError::Io(format!("{}: {e}", path.display())))?;
    serde_json::from_slice(&bytes).map_err(|e| AtelierError::CorruptModel(format!("{}: {e}", path.display())))
}

/// A network of any type, as a checkpoint holds it.
pub trait Checkpointed {
    fn save_as(&self, run: &RunDir, name: &str) -> Result<()>;
}

impl<M: Module + ModuleSnapshot> Checkpointed for M {
    fn save_as(&self, run: &RunDir, name: &str) -> Result<()> {
        run.save(name, self)
    }
}

/// Whether step `done` (counting from 1) of `total` is one where something happens every
/// `every` steps (the last step always is).
pub fn due(done: u64, every: u64, total: u64) -> bool {
    done % every.max(1) == 0 || done == total
}

/// One training run's folder.
pub struct RunDir {
    pub path: PathBuf,
}

impl RunDir {
    /// Open `path` for training. With `resume`, a run that is there continues (its state is
    /// returned); without it, a folder that already holds a run is refused, so no work is
    /// overwritten by accident.
    pub fn open<S: DeserializeOwned>(path: &Path, resume: bool, checkpoint: &str) -> Result<(Self, Option<S>)> {
        std::fs::create_dir_all(path.join("samples"))
            .map_err(|e| AtelierError::Io(format!("{}: {e}", path.display())))?;
        let run = Self { path: path.to_path_buf() };
        let state_path = path.join(STATE);
        if resume && state_path.exists() {
            return Ok((run, Some(read_json(&state_path)?)));
        }
        if path.join(checkpoint).exists() && !resume {
            return Err(AtelierError::Io(format!(
                "{} already holds a run; pass --resume to continue it or choose another --out",
                path.display()
            )));
        }
        Ok((run, None))
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    pub fn save<M: Module + ModuleSnapshot>(&self, name: &str, module: &M) -> Result<()> {
        save_module(module, &self.file(name))
    }

    pub fn load<M: Module + ModuleSnapshot>(&self, name: &str, module: M) -> Result<M> {
        load_module(module, &self.file(name))
    }

    pub fn save_optim(&self, name: &str, optim: &ModuleOptimizer) -> Result<()> {
        let bytes = optim.into_bytes().map_err(|e| AtelierError::Io(format!("optimizer state: {e:?}")))?;
        write_atomic(&self.file(name), &bytes)
    }

    /// The optimizer with its saved moments, or fresh (with a warning) when there are none.
    pub fn load_optim(&self, name: &str, optim: ModuleOptimizer) -> ModuleOptimizer {
        let path = self.file(name);
        let Ok(bytes) = std::fs::read(&path) else {
            log::warn!("{} missing; Adam restarts its moments", path.display());
            return optim;
        };
        match optim.clone().from_bytes(Bytes::from_bytes_vec(bytes)) {
            Ok(o) => o,
            Err(e) => {
                log::warn!("optimizer state not restored ({e:?}); Adam restarts its moments");
                optim
            }
        }
    }

    pub fn save_state<S: Serialize>(&self, state: &S) -> Result<()> {
        let json = serde_json::to_vec_pretty(state).map_err(|e| AtelierError::Io(e.to_string()))?;
        write_atomic(&self.file(STATE), &json)
    }

    /// One checkpoint: every network, every optimizer, then `state.json` last (each file atomic,
    /// so a state never names weights that are not on disk yet).
    pub fn checkpoint<S: Serialize>(&self, nets: &[(&str, &dyn Checkpointed)], optims: &[(&str, &ModuleOptimizer)], state: &S) -> Result<()> {
        for (name, net) in nets {
            net.save_as(self, name)?;
        }
        for (name, optim) in optims {
            self.save_optim(name, optim)?;
        }
        self.save_state(state)
    }

    pub fn sample_path(&self, step: u64) -> PathBuf {
        self.path.join("samples").join(format!("step_{step:06}.png"))
    }
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
        if self.bar.is_hidden() && (done % 25 == 0 || done == self.total) {
            let eta = self.bar.eta().as_secs();
            log::info!("step {done}/{} ETA {}h{:02}m {}", self.total, eta / 3600, eta / 60 % 60, self.bar.message());
        }
    }

    pub fn finish(&self) {
        self.bar.finish();
    }
}

/// Stop with a clear message when a loss stops being a number (the last checkpoint is intact).
pub fn check_finite(loss: f64, step: u64) -> Result<()> {
    if loss.is_finite() {
        Ok(())
    } else {
        Err(AtelierError::BadConfig(format!(
            "the loss became {loss} at step {step}; lower --lr or the loss weights and --resume"
        )))
    }
}

/// The random numbers of step `step` of a run: a resumed run draws exactly what an
/// uninterrupted one did.
pub fn step_rng(seed: u64, step: u64) -> rand::rngs::StdRng {
    use rand::SeedableRng;
    rand::rngs::StdRng::seed_from_u64(seed ^ step.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// The GAN papers' schedule (pix2pix, CycleGAN): `lr` until step `decay_from`, then linearly
/// down to 0 at `steps`.
pub fn linear_decay(lr: f64, step: u64, decay_from: u64, steps: u64) -> f64 {
    if step < decay_from || steps <= decay_from {
        lr
    } else {
        lr * (steps - step.min(steps)) as f64 / (steps - decay_from) as f64
    }
}
