//! Model files: burn's Burnpack container with int8 weights and Atelier's metadata.
//!
//! A file carries two metadata keys: `atelier.format` (this module's [`FORMAT_VERSION`]) and
//! `atelier.meta` (JSON [`ModelMeta`]: kind, network config, the style's credit and licence,
//! training steps and final losses). Loading checks magic, version and kind before any tensor is
//! touched, so a wrong file gets a message instead of a crash.

mod quantize;

use std::collections::BTreeMap;

use burn::module::Module;
use burn::store::burn_pack::{Bytes, Reader};
use burn::store::{BurnpackStore, ModuleSnapshot};
use burn::tensor::Device;
use serde::{Deserialize, Serialize};

pub use quantize::{Dequantize, PerChannelQ8, quantize_per_channel};

use crate::error::{AtelierError, Result};
use crate::models::{CycleGanConfig, FastStyleConfig, FastStyleNet, Generator, InputKind, Pix2PixConfig, StyleGan, StyleGanConfig};

/// Version of the metadata layout and network definitions this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;
pub const KEY_FORMAT: &str = "atelier.format";
pub const KEY_META: &str = "atelier.meta";

/// What a model file is: the network family and its configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "config", rename_all = "snake_case")]
pub enum ModelKind {
    FastStyle(FastStyleConfig),
    #[serde(rename = "pix2pix")]
    Pix2Pix(Pix2PixConfig),
    #[serde(rename = "cyclegan")]
    CycleGan(CycleGanConfig),
    #[serde(rename = "stylegan")]
    StyleGan(StyleGanConfig),
}

/// The kinds this build reads, as written in model files and `manifest.json`.
pub const KNOWN_KINDS: [&str; 4] = ["fast_style", "pix2pix", "cyclegan", "stylegan"];

impl ModelKind {
    pub fn name(&self) -> &'static str {
        match self {
            ModelKind::FastStyle(_) => KNOWN_KINDS[0],
            ModelKind::Pix2Pix(_) => KNOWN_KINDS[1],
            ModelKind::CycleGan(_) => KNOWN_KINDS[2],
            ModelKind::StyleGan(_) => KNOWN_KINDS[3],
        }
    }

    /// What an image-to-image model takes (the page and `trainer stylize` prepare it from an
    /// ordinary image); `None` for StyleGAN, which draws from a random seed.
    pub fn input(&self) -> Option<InputKind> {
        match self {
            ModelKind::FastStyle(_) | ModelKind::CycleGan(_) => Some(InputKind::Photo),
            ModelKind::Pix2Pix(c) => Some(c.input),
            ModelKind::StyleGan(_) => None,
        }
    }

    pub fn validate(&self) -> Result<()> {
        match self {
            ModelKind::FastStyle(c) => c.validate(),
            ModelKind::Pix2Pix(c) => c.validate(),
            ModelKind::CycleGan(c) => c.validate(),
            ModelKind::StyleGan(c) => c.validate(),
        }
    }
}

/// Where the style (or, for translation models, the training data) comes from: shown in the
/// page, the model card and exported PNGs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StyleCredit {
    pub title: String,
    pub artist: String,
    pub year: String,
    pub licence: String,
    pub source: String,
}

/// One stretch of training at one crop size (a fine-tune adds a stage to its parent's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    pub steps: u64,
    pub crop: usize,
}

impl Stage {
    /// `stages`, or for records written before stages existed (only a step count) one stage of
    /// `steps` at `crop`.
    pub fn or_legacy(stages: &[Stage], steps: u64, crop: usize) -> Vec<Stage> {
        if stages.is_empty() && steps > 0 { vec![Stage { steps, crop }] } else { stages.to_vec() }
    }
}

/// How the model was trained.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TrainInfo {
    /// All steps, every stage included.
    pub steps: u64,
    /// Crop side of the last stage.
    pub image_size: usize,
    /// The stages, oldest first; empty in files written before fine-tuning existed (one stage
    /// of `steps` at `image_size`).
    #[serde(default)]
    pub stages: Vec<Stage>,
    pub content_images: usize,
    pub weights: BTreeMap<String, f64>,
    pub final_losses: BTreeMap<String, f64>,
    /// PSNR of the int8 model's output against the f32 model's on a held-out photo.
    #[serde(default)]
    pub int8_psnr_db: Option<f64>,
    /// Seconds of training (all sessions), where the trainer recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
}

impl TrainInfo {
    /// The stages, with older files read as a single stage.
    pub fn schedule(&self) -> Vec<Stage> {
        Stage::or_legacy(&self.stages, self.steps, self.image_size)
    }

    /// "600 at 128² crops, then 200 at 256²".
    pub fn schedule_text(&self) -> String {
        let parts: Vec<String> = self.schedule().iter().map(|s| format!("{} at {}²", s.steps, s.crop)).collect();
        match parts.as_slice() {
            [] => "none".into(),
            [one] => format!("{one} crops"),
            [first, rest @ ..] => format!("{first} crops, then {}", rest.join(", then ")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelMeta {
    #[serde(flatten)]
    pub kind: ModelKind,
    pub name: String,
    pub style: StyleCredit,
    pub train: TrainInfo,
    /// `"q8s-per-channel"` or `"f32"`.
    pub weights: String,
}

/// Write a network and its metadata into a Burnpack byte buffer.
pub fn to_bytes<M: Module + ModuleSnapshot>(module: &M, meta: &ModelMeta) -> Result<Vec<u8>> {
    let json = serde_json::to_string(meta).map_err(|e| AtelierError::Io(e.to_string()))?;
    let mut store = BurnpackStore::from_bytes(None).metadata(KEY_FORMAT, FORMAT_VERSION.to_string()).metadata(KEY_META, json);
    module.save_into(&mut store).map_err(|e| AtelierError::Io(format!("could not write the model: {e}")))?;
    let bytes = store.get_bytes().map_err(|e| AtelierError::Io(format!("could not write the model: {e}")))?;
    Ok(bytes.to_vec())
}

/// Read and check the metadata of a model file without loading its tensors.
pub fn read_meta(bytes: &[u8]) -> Result<ModelMeta> {
    let reader = Reader::from_bytes(Bytes::from_bytes_vec(bytes.to_vec())).map_err(|e| {
        let msg = e.to_string();
        if msg.contains("magic") || bytes.len() < 16 { AtelierError::NotAModel(msg) } else { AtelierError::CorruptModel(msg) }
    })?;
    let meta = reader.metadata();
    let version = meta.get(KEY_FORMAT).ok_or_else(|| AtelierError::NotAModel("a Burnpack file without Atelier metadata".into()))?;
    let found: u32 = version.parse().map_err(|_| AtelierError::CorruptModel(format!("format version `{version}`")))?;
    if found != FORMAT_VERSION {
        return Err(AtelierError::VersionMismatch { found, supported: FORMAT_VERSION });
    }
    let json = meta.get(KEY_META).ok_or_else(|| AtelierError::CorruptModel("metadata is missing".into()))?;
    serde_json::from_str(json).map_err(|e| {
        // An unknown `kind` tag is a model of a family this build does not know.
        match serde_json::from_str::<serde_json::Value>(json) {
            Ok(v) if v["kind"].as_str().is_some_and(|k| !KNOWN_KINDS.contains(&k)) => {
                AtelierError::UnknownKind { found: v["kind"].as_str().unwrap_or_default().to_string(), known: KNOWN_KINDS.join(", ") }
            }
            _ => AtelierError::CorruptModel(format!("metadata: {e}")),
        }
    })
}

/// Read a module's tensors from model-file bytes on the CPU, dequantize them there, then move
/// the module to the compute device (see [`Dequantize`]).
fn load_module<M: Module + ModuleSnapshot>(mut module: M, bytes: &[u8], device: &Device) -> Result<M> {
    let mut store = BurnpackStore::from_bytes(Some(Bytes::from_bytes_vec(bytes.to_vec())));
    module.load_from(&mut store).map_err(|e| AtelierError::CorruptModel(e.to_string()))?;
    Ok(module.map(&mut Dequantize).to_device(device))
}

/// Load the network of any known kind (quantized or not) onto `device`.
pub fn load(bytes: &[u8], device: &Device) -> Result<(Generator, ModelMeta)> {
    let meta = read_meta(bytes)?;
    meta.kind.validate()?;
    let cpu = Device::flex();
    let generator = match &meta.kind {
        ModelKind::FastStyle(config) => Generator::FastStyle(load_module(config.init(&cpu), bytes, device)?),
        ModelKind::Pix2Pix(config) => Generator::Pix2Pix(*config, load_module(config.init(&cpu), bytes, device)?),
        ModelKind::CycleGan(config) => Generator::CycleGan(config.clone(), load_module(config.init(&cpu), bytes, device)?),
        ModelKind::StyleGan(_) => {
            return Err(AtelierError::WrongKind { expected: IMAGE_TO_IMAGE.into(), found: meta.kind.name().into() });
        }
    };
    Ok((generator, meta))
}

/// What [`load`] reads: every kind that turns an image into an image.
pub const IMAGE_TO_IMAGE: &str = "image-to-image (fast_style, pix2pix or cyclegan)";

/// Load a StyleGAN model (generator, w_avg and the principal directions of w) onto `device`;
/// an image-to-image model is refused.
pub fn load_stylegan(bytes: &[u8], device: &Device) -> Result<(StyleGanConfig, StyleGan, ModelMeta)> {
    let meta = read_meta(bytes)?;
    meta.kind.validate()?;
    match &meta.kind {
        ModelKind::StyleGan(config) => {
            let net = load_module(StyleGan::init(config, &Device::flex()), bytes, device)?;
            Ok((*config, net, meta))
        }
        other => Err(AtelierError::WrongKind { expected: KNOWN_KINDS[3].into(), found: other.name().into() }),
    }
}

/// Load a fast-style network (to fine-tune it); a file of another kind is refused.
pub fn load_fast_style(bytes: &[u8], device: &Device) -> Result<(FastStyleNet, ModelMeta)> {
    match load(bytes, device)? {
        (Generator::FastStyle(net), meta) => Ok((net, meta)),
        (_, meta) => Err(AtelierError::WrongKind { expected: KNOWN_KINDS[0].into(), found: meta.kind.name().into() }),
    }
}
