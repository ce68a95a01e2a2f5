//! Where a fine-tune starts (`--init-from`): another run's folder or an exported model file.

use std::path::Path;

use burn::tensor::Device;

use super::settings::{CHECKPOINT, DISCRIMINATOR, read_state};
use crate::error::{AtelierError, Result};
use crate::models::{FastStyleConfig, FastStyleNet, Generator, PatchDiscriminator, PatchDiscriminatorConfig};
use crate::pack::{ModelKind, ModelMeta, Stage};
use crate::train::run::{STATE, load_module, load_module_bytes, module_bytes};

/// The weights a fine-tune starts from, and the training stages behind them.
pub(super) struct Parent {
    pub generator: FastStyleNet,
    pub discriminator: Option<PatchDiscriminator>,
    pub stages: Vec<Stage>,
}

fn mismatch(file: &Path, found: impl std::fmt::Debug, config: &FastStyleConfig) -> AtelierError {
    AtelierError::BadConfig(format!(
        "{} holds a {found:?} network; this run asks for {config:?}: use the same --channels and --res-blocks",
        file.display()
    ))
}

/// The ResNet generator of a model file (a fast-style model, or one direction of a CycleGAN: the
/// same network), ready to train on `device`: dequantized on the CPU, then written as f32 and read
/// into a network on `device`, so its parameters take part in autodiff. Used by `--init-from`
/// here and by `trainer cyclegan --init-ab/--init-ba`.
pub fn generator_from_model_file(file: &Path, config: &FastStyleConfig, device: &Device) -> Result<(FastStyleNet, ModelMeta)> {
    let bytes = std::fs::read(file).map_err(|e| AtelierError::Io(format!("{}: {e}", file.display())))?;
    let (generator, meta) = crate::pack::load(&bytes, &Device::flex())?;
    let net = match (generator, &meta.kind) {
        (Generator::FastStyle(net), ModelKind::FastStyle(found)) if found == config => net,
        (Generator::CycleGan(found, net), _) if found.generator == *config => net.generator,
        (_, kind) => return Err(mismatch(file, kind, config)),
    };
    Ok((load_module_bytes(config.init(device), module_bytes(&net)?)?, meta))
}

/// Read `--init-from`: a run folder (checkpoints) or an exported model file (`.bpk`).
pub(super) fn load_parent(parent: &Path, config: &FastStyleConfig, device: &Device) -> Result<Parent> {
    if parent.is_file() {
        let (generator, meta) = generator_from_model_file(parent, config, device)?;
        return Ok(Parent { generator, discriminator: None, stages: meta.train.schedule() });
    }
    let p = read_state(&parent.join(STATE))?;
    if p.settings.config != *config {
        return Err(mismatch(parent, p.settings.config, config));
    }
    let stages = p.stages();
    let generator = load_module(config.init(device), &parent.join(CHECKPOINT))?;
    let d_path = parent.join(DISCRIMINATOR);
    let discriminator = if d_path.exists() { Some(load_module(PatchDiscriminatorConfig::default().init(device), &d_path)?) } else { None };
    Ok(Parent { generator, discriminator, stages })
}
