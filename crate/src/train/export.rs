//! `trainer export`: a run folder of any family → the int8 model file with its metadata, a
//! thumbnail, the model card and the `manifest.json` entry the page reads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use burn::module::Module;
use burn::store::ModuleSnapshot;
use burn::tensor::Device;

use super::eval_translation::colourfulness;
use super::{cyclegan, data, fast_style, pix2pix, publish, run, util};
use crate::engine::{StyleOptions, Stylizer};
use crate::error::{AtelierError, Result};
use crate::image::{Planar, psnr};
use crate::models::{CycleGan, CycleGanConfig, Pix2Pix, Pix2PixConfig};
use crate::pack::{self, ModelKind, ModelMeta, Stage, StyleCredit, TrainInfo};

/// Where the export goes and what it says about itself.
pub struct ExportRequest {
    pub run: PathBuf,
    pub name: String,
    pub models: PathBuf,
    pub credit: StyleCredit,
    /// Keep f32 weights (4× larger).
    pub f32: bool,
}

/// The family of a run folder, from its `state.json` (runs written before families were
/// recorded are fast style).
pub fn family(run: &Path) -> Result<String> {
    let v: serde_json::Value = run::read_json(&run.join(run::STATE))?;
    Ok(v["family"].as_str().unwrap_or("fast_style").to_string())
}

pub fn export(req: &ExportRequest) -> Result<()> {
    let name = &req.name;
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(AtelierError::BadConfig(format!("--name `{name}`: use letters, digits and `_`")));
    }
    match family(&req.run)?.as_str() {
        "fast_style" => export_fast_style(req),
        "pix2pix" => export_pix2pix(req),
        "cyclegan" => export_cyclegan(req),
        "stylegan" => super::export_stylegan::export(req),
        other => Err(AtelierError::UnknownKind { found: other.into(), known: pack::KNOWN_KINDS.join(", ") }),
    }
}

/// The f32 and int8 files of a network, and the int8 model's output on the probe.
pub(super) struct Quantized {
    pub f32_bytes: Vec<u8>,
    pub bytes: Vec<u8>,
    pub meta: ModelMeta,
    /// What the shipped file makes of the probe (the thumbnail of translation and StyleGAN models).
    pub probe_out: Planar,
}

/// What an image-to-image model file makes of `probe` (the probe of [`quantize`]).
fn on_photo(probe: &Planar) -> impl Fn(&[u8]) -> Result<Planar> + '_ {
    |bytes| Stylizer::new(bytes, Device::flex())?.stylize_blocking(probe, &StyleOptions::default())
}

/// Quantize `net` once, measure the PSNR between what the f32 and the int8 files draw (`run`
/// turns a file's bytes into its picture of the probe), and write the file that ships (int8,
/// or f32 with `keep_f32`) with that figure in its metadata.
pub(super) fn quantize<M: Module + ModuleSnapshot + Clone>(
    net: &M,
    meta: ModelMeta,
    keep_f32: bool,
    run: impl Fn(&[u8]) -> Result<Planar>,
) -> Result<Quantized> {
    let f32_meta = ModelMeta { weights: "f32".into(), ..meta.clone() };
    let f32_bytes = pack::to_bytes(net, &f32_meta)?;
    let q_net = pack::quantize_per_channel(net.clone());
    let q_meta = ModelMeta { weights: "q8s-per-channel".into(), ..meta };
    let (f32_out, q_out) = (run(&f32_bytes)?, run(&pack::to_bytes(&q_net, &q_meta)?)?);
    let db = (psnr(&f32_out.data, &q_out.data) * 10.0).round() / 10.0;
    let mut meta = if keep_f32 { f32_meta } else { q_meta };
    meta.train.int8_psnr_db = Some(db);
    let (bytes, probe_out) = if keep_f32 { (pack::to_bytes(net, &meta)?, f32_out) } else { (pack::to_bytes(&q_net, &meta)?, q_out) };
    Ok(Quantized { f32_bytes, bytes, meta, probe_out })
}

/// Write the model file and print what it is.
pub(super) fn write_model(req: &ExportRequest, q: &Quantized) -> Result<PathBuf> {
    let out = req.models.join(&req.name).join(format!("{}.bpk", req.name));
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    util::write_atomic(&out, &q.bytes)?;
    println!(
        "wrote {} ({} bytes, {:.3}× the f32 file of {} bytes); output PSNR vs f32: {:.1} dB",
        out.display(),
        q.bytes.len(),
        q.bytes.len() as f64 / q.f32_bytes.len() as f64,
        q.f32_bytes.len(),
        q.meta.train.int8_psnr_db.unwrap_or(f64::NAN)
    );
    Ok(out)
}

pub(super) fn finish(req: &ExportRequest, q: &Quantized, card: impl FnOnce(Option<&str>) -> String) -> Result<()> {
    let card_path = req.models.join(&req.name).join("CARD.md");
    let previous = std::fs::read_to_string(&card_path).ok();
    util::write_atomic(&card_path, card(previous.as_deref()).as_bytes())?;
    let manifest = req.models.join("manifest.json");
    publish::add_to_manifest(&manifest, &q.meta, q.bytes.len())?;
    println!("added `{}` to {}; reload the page to see it", req.name, manifest.display());
    Ok(())
}

fn export_fast_style(req: &ExportRequest) -> Result<()> {
    let state = fast_style::read_state(&req.run.join(fast_style::STATE))?;
    let device = Device::flex();
    let net = fast_style::load_module(state.settings.config.init(&device), &req.run.join(fast_style::CHECKPOINT))?;
    let s = &state.settings;
    let stages = state.stages();
    let meta = ModelMeta {
        kind: ModelKind::FastStyle(s.config),
        name: req.name.clone(),
        style: req.credit.clone(),
        train: TrainInfo {
            steps: stages.iter().map(|s| s.steps).sum(),
            image_size: s.size,
            stages,
            content_images: state.content_images,
            weights: BTreeMap::from([
                ("content".into(), s.content_weight),
                ("style".into(), s.style_weight),
                ("tv".into(), s.tv_weight),
                ("adversarial".into(), s.adv_weight),
                ("style_size".into(), s.style_size as f64),
            ]),
            final_losses: state.last_losses.clone(),
            ..TrainInfo::default()
        },
        weights: String::new(),
    };
    // Quality of the int8 weights: both versions on a held-out photo (else a test card).
    let probe = data::list_images(&s.content_dir)
        .ok()
        .and_then(|files| data::split(files).1.first().and_then(|f| Planar::open(f).ok()))
        .unwrap_or_else(probe_image);
    let q = quantize(&net, meta, req.f32, on_photo(&probe))?;
    write_model(req, &q)?;
    publish::thumbnail(&Planar::open(&s.style_image)?, &req.models.join(&req.name).join("thumb.jpg"))?;
    let db = q.meta.train.int8_psnr_db.unwrap_or(f64::NAN);
    finish(req, &q, |previous| publish::card(&q.meta, &s.style_image, q.bytes.len(), q.f32_bytes.len(), db, previous))
}

fn export_pix2pix(req: &ExportRequest) -> Result<()> {
    let state = pix2pix::read_state(&req.run)?;
    let s = &state.settings;
    let config: Pix2PixConfig = s.config;
    let device = Device::flex();
    let fresh = config.init(&device);
    let net = Pix2Pix {
        generator: run::load_module(fresh.generator, &req.run.join(pix2pix::GENERATOR))?,
        discriminator: Some(run::load_module(
            fresh.discriminator.unwrap_or_else(|| config.discriminator.init(&device)),
            &req.run.join(pix2pix::DISCRIMINATOR),
        )?),
    };
    let meta = ModelMeta {
        kind: ModelKind::Pix2Pix(config),
        name: req.name.clone(),
        style: req.credit.clone(),
        train: TrainInfo {
            steps: state.step,
            image_size: s.size,
            stages: vec![Stage { steps: state.step, crop: s.size }],
            content_images: state.train_pairs,
            weights: BTreeMap::from([
                ("l1".into(), s.l1_weight),
                ("adversarial".into(), s.adv_weight),
                ("l1_only_steps".into(), s.l1_only_steps as f64),
                ("batch".into(), s.batch as f64),
            ]),
            final_losses: state.last_losses.clone(),
            seconds: Some(state.seconds.round()),
            ..TrainInfo::default()
        },
        weights: String::new(),
    };
    let (_, test_files) = super::pairs::PairSet::files(&s.data)?;
    // The probe (int8 PSNR, thumbnail): the most colourful of the first held-out targets.
    let held = pix2pix::held_out(&test_files, s.source, s.size, 16)?;
    let probe = held
        .iter()
        .max_by(|a, b| colourfulness(&a.target).total_cmp(&colourfulness(&b.target)))
        .map(|p| p.condition.clone())
        .unwrap_or_else(probe_image);
    let q = quantize(&net, meta, req.f32, on_photo(&probe))?;
    write_model(req, &q)?;
    // The thumbnail is the model's own output on a held-out input.
    publish::thumbnail(&q.probe_out, &req.models.join(&req.name).join("thumb.jpg"))?;
    finish(req, &q, |previous| publish::translation_card(&q.meta, s, q.bytes.len(), q.f32_bytes.len(), previous))
}

/// Both directions of a CycleGAN run: `NAME` (A → B) and `NAME_reverse` (B → A), each with the
/// discriminator of its target domain.
fn export_cyclegan(req: &ExportRequest) -> Result<()> {
    let state = cyclegan::read_state(&req.run)?;
    let s = &state.settings;
    let device = Device::flex();
    let fresh = cyclegan::Nets::new(s, &device);
    let g = run::load_module(fresh.g, &req.run.join(cyclegan::GENERATORS))?;
    let d = run::load_module(fresh.d, &req.run.join(cyclegan::DISCRIMINATORS))?;
    let (test_a, test_b) = (cyclegan::domain_files(&s.a, "A")?.1, cyclegan::domain_files(&s.b, "B")?.1);
    let directions = [
        (req.name.clone(), &s.a_name, &s.b_name, CycleGan { generator: g.ab, discriminator: Some(d.b) }, &test_a),
        (format!("{}_reverse", req.name), &s.b_name, &s.a_name, CycleGan { generator: g.ba, discriminator: Some(d.a) }, &test_b),
    ];
    for (name, from, to, net, test) in directions {
        let config = CycleGanConfig { generator: s.generator, discriminator: s.discriminator, from: from.clone(), to: to.clone() };
        let meta = ModelMeta {
            kind: ModelKind::CycleGan(config),
            name: name.clone(),
            style: StyleCredit { title: format!("{}: {from} → {to}", req.credit.title), ..req.credit.clone() },
            train: TrainInfo {
                steps: state.step,
                image_size: s.size,
                stages: vec![Stage { steps: state.step, crop: s.size }],
                content_images: state.train_images.0 + state.train_images.1,
                weights: BTreeMap::from([
                    ("cycle".into(), s.cycle_weight),
                    ("identity".into(), s.identity_weight),
                    ("pool".into(), s.pool_size as f64),
                ]),
                final_losses: state.last_losses.clone(),
                seconds: Some(state.seconds.round()),
                ..TrainInfo::default()
            },
            weights: String::new(),
        };
        let probe = test.first().map(|f| Planar::open(f)).transpose()?.unwrap_or_else(probe_image);
        let one = ExportRequest { name: name.clone(), run: req.run.clone(), models: req.models.clone(), credit: meta.style.clone(), f32: req.f32 };
        let q = quantize(&net, meta, req.f32, on_photo(&probe))?;
        write_model(&one, &q)?;
        publish::thumbnail(&q.probe_out, &req.models.join(&name).join("thumb.jpg"))?;
        finish(&one, &q, |previous| publish::cyclegan_card(&q.meta, s, state.train_images, q.bytes.len(), q.f32_bytes.len(), previous))?;
    }
    Ok(())
}

/// A deterministic 192×160 test card: gradients, edges and a disc (for quantization PSNR).
pub fn probe_image() -> Planar {
    let (w, h) = (192, 160);
    let mut p = Planar::new(w, h);
    for y in 0..h {
        for x in 0..w {
            let i = y * w + x;
            let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
            let disc = ((fx - 0.6).powi(2) + (fy - 0.5).powi(2)).sqrt() < 0.25;
            p.data[i] = if disc { 0.9 } else { fx };
            p.data[w * h + i] = if (x / 16 + y / 16) % 2 == 0 { 0.3 + 0.4 * fy } else { 0.6 };
            p.data[2 * w * h + i] = 1.0 - fy;
        }
    }
    p
}
