//! Run folders, shared by every trainer: atomic checkpoints of every network and optimizer,
//! `state.json` (settings, step, losses), `samples/`, and what resuming reads back.
//!
//! A run folder can live anywhere (the README puts long runs under `~/.cache/atelier/runs`, out
//! of the clone). Every file is written to a temporary name and renamed, so a run killed at any
//! moment resumes from its last complete checkpoint.

use std::path::{Path, PathBuf};

use burn::module::Module;
use burn::optim::ModuleOptimizer;
use burn::store::burn_pack::Bytes;
use burn::store::{BurnpackStore, ModuleSnapshot};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{AtelierError, Result};

pub const STATE: &str = "state.json";
/// The generator's and the discriminator's optimizer state (Adam's moments).
pub const OPTIM_G: &str = "optim_g.bpk";
pub const OPTIM_D: &str = "optim_d.bpk";

/// Write a file so that a crash or kill never leaves a half-written one: temp file, then rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).map_err(|e| AtelierError::Io(format!("{}: {e}", tmp.display())))?;
    std::fs::rename(&tmp, path).map_err(|e| AtelierError::Io(format!("{}: {e}", path.display())))
}

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

/// What every family's `state.json` holds alike: the run's settings (`S`) and where it stands.
#[derive(serde::Deserialize)]
pub struct Saved<S> {
    pub settings: S,
    pub step: u64,
    /// Seconds of training so far (0 where a family does not record them).
    #[serde(default)]
    pub seconds: f64,
}

/// One training run's folder.
pub struct RunDir {
    pub path: PathBuf,
}

impl RunDir {
    /// Open `path` for training. With `resume`, a run that is there continues (its state is
    /// returned); without it, a folder that already holds a run (its file `marker`) is refused,
    /// so no work is overwritten by accident.
    pub fn open<S: DeserializeOwned>(path: &Path, resume: bool, marker: &str) -> Result<(Self, Option<Saved<S>>)> {
        std::fs::create_dir_all(path.join("samples")).map_err(|e| AtelierError::Io(format!("{}: {e}", path.display())))?;
        let run = Self { path: path.to_path_buf() };
        let state_path = path.join(STATE);
        if resume && state_path.exists() {
            return Ok((run, Some(read_json(&state_path)?)));
        }
        if path.join(marker).exists() && !resume {
            return Err(AtelierError::Io(format!("{} already holds a run; pass --resume to continue it or choose another --out", path.display())));
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

    /// The generator's and the discriminator's optimizers with their saved moments.
    pub fn load_optims(&self, (g, d): (ModuleOptimizer, ModuleOptimizer)) -> (ModuleOptimizer, ModuleOptimizer) {
        (self.load_optim(OPTIM_G, g), self.load_optim(OPTIM_D, d))
    }

    /// One checkpoint: every network, the generator's and the discriminator's optimizers, then
    /// `state.json` last (each file atomic, so a state never names weights that are not on disk
    /// yet).
    pub fn checkpoint<S: Serialize>(&self, nets: &[(&str, &dyn Checkpointed)], [opt_g, opt_d]: [&ModuleOptimizer; 2], state: &S) -> Result<()> {
        for (name, net) in nets {
            net.save_as(self, name)?;
        }
        self.save_optim(OPTIM_G, opt_g)?;
        self.save_optim(OPTIM_D, opt_d)?;
        self.save_state(state)
    }

    pub fn sample_path(&self, step: u64) -> PathBuf {
        self.path.join("samples").join(format!("step_{step:06}.png"))
    }
}
