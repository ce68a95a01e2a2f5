//! Putting an exported style where the page finds it: thumbnail, model card, manifest entry.

use std::path::Path;

use serde_json::{Value, json};

use crate::error::{AtelierError, Result};
use crate::image::Planar;
use crate::pack::ModelMeta;
use crate::train::cyclegan::CycleGanSettings;
use crate::train::pix2pix::Pix2PixSettings;
use crate::train::stylegan::StyleGanSettings;

/// A 160×160 centre crop of a picture (the painting, or a model's output; JPEG when `path` ends
/// in `.jpg`).
pub fn thumbnail(picture: &Planar, path: &Path) -> Result<()> {
    let side = picture.width.min(picture.height);
    picture.crop((picture.width - side) / 2, (picture.height - side) / 2, side, side).resize(160, 160).save(path)
}

/// The SHA-256 of a file's bytes, hex (the page checks every model download against it).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Insert or replace the model's entry in `manifest.json` (kept sorted by name), with the file's
/// size and SHA-256 (read from `MODELS/NAME/NAME.bpk`, next to the manifest).
pub fn add_to_manifest(path: &Path, meta: &ModelMeta, bytes: usize) -> Result<()> {
    let file = path.with_file_name(format!("{0}/{0}.bpk", meta.name));
    let sha256 = std::fs::read(&file).map(|b| sha256_hex(&b)).map_err(|e| AtelierError::Io(format!("{}: {e}", file.display())))?;
    let mut manifest: Value = match std::fs::read(path) {
        Ok(b) => serde_json::from_slice(&b).map_err(|e| AtelierError::Io(format!("{}: {e}", path.display())))?,
        Err(_) => json!({ "models": [] }),
    };
    let entry = json!({
        "name": meta.name,
        "kind": meta.kind.name(),
        "input": meta.kind.input(),
        "title": meta.style.title,
        "artist": meta.style.artist,
        "year": meta.style.year,
        "licence": meta.style.licence,
        "file": format!("{0}/{0}.bpk", meta.name),
        "thumbnail": format!("{}/thumb.jpg", meta.name),
        "bytes": bytes,
        "sha256": sha256,
    });
    let mut entry = entry;
    // What the page says about a translation model: its domains, and how far it was trained.
    if let crate::pack::ModelKind::CycleGan(c) = &meta.kind {
        entry["from"] = json!(c.from);
        entry["to"] = json!(c.to);
    }
    if !matches!(meta.kind, crate::pack::ModelKind::FastStyle(_)) {
        entry["steps"] = json!(meta.train.steps);
        if let Some(s) = meta.train.seconds {
            entry["hours"] = json!((s / 360.0).round() / 10.0);
        }
    }
    let models = manifest["models"].as_array_mut().ok_or_else(|| AtelierError::Io(format!("{}: no `models` list", path.display())))?;
    // `note` (what the training gave, in a sentence the page shows) is written by a person after
    // looking at the results, and kept when the model is exported again.
    if let Some(note) = models.iter().find(|m| m["name"] == meta.name.as_str()).and_then(|m| m.get("note")) {
        entry["note"] = note.clone();
    }
    models.retain(|m| m["name"] != meta.name.as_str());
    models.push(entry);
    models.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| AtelierError::Io(e.to_string()))?;
    super::util::write_atomic(path, format!("{text}\n").as_bytes())
}

const LOOKS: &str = "## How it looks";
/// What a translation model's file holds besides the generator.
const REALISM: &str = "; the discriminator is included (realism map)";

/// A model card with everything the metadata knows. "How it looks" is for a person to write: on
/// re-export it is kept from `previous` (the old card) while the figures are renewed.
pub fn card(meta: &ModelMeta, painting: &Path, bytes: usize, f32_bytes: usize, psnr_db: f64, previous: Option<&str>) -> String {
    let looks = previous
        .and_then(|p| p.find(LOOKS).map(|i| p[i..].to_string()))
        .unwrap_or_else(|| format!("{LOOKS}\n\n(to be written after looking at the outputs on several photos)\n"));
    let t = &meta.train;
    let losses: Vec<String> = t.final_losses.iter().map(|(k, v)| format!("{k} {v:.4}")).collect();
    let weights: Vec<String> = t.weights.iter().map(|(k, v)| format!("{k} {v}")).collect();
    format!(
        "# {title} — {artist}\n\n\
         | | |\n|---|---|\n\
         | Painting | *{title}*, {artist}{year} |\n\
         | Licence of the painting | {licence} |\n\
         | Source | {source} |\n\
         | Painting file used | `{painting}` |\n\
         | Network | {kind:?} |\n\
         | Training data | {photos} photos of `shared/data/content` (CC0 / CC BY / public domain, see its MANIFEST; every sixth held out) |\n\
         | Steps | {steps} in all: {schedule} |\n\
         | Loss weights | {weights} |\n\
         | Final training losses | {losses} |\n\
         | File | {bytes} bytes, int8 per output channel ({ratio:.3}× the f32 file of {f32_bytes} bytes; output PSNR vs f32 {psnr_db:.1} dB) |\n\n\
         {looks}",
        title = meta.style.title,
        artist = meta.style.artist,
        year = if meta.style.year.is_empty() { String::new() } else { format!(", {}", meta.style.year) },
        licence = meta.style.licence,
        source = meta.style.source,
        painting = painting.file_name().and_then(|f| f.to_str()).unwrap_or(""),
        kind = meta.kind,
        photos = t.content_images,
        steps = t.steps,
        schedule = t.schedule_text(),
        weights = weights.join(", "),
        losses = losses.join(", "),
        ratio = bytes as f64 / f32_bytes as f64,
    )
}

/// The model card of a translation model (pix2pix): data, licence, network, training, figures.
/// The section `heading` of an earlier card (written by a person, kept on re-export), or a
/// placeholder.
fn kept_section(previous: Option<&str>, heading: &str, default: &str) -> String {
    previous
        .and_then(|p| p.find(heading).map(|i| p[i..].split("\n## ").next().unwrap_or("").trim_end().to_string()))
        .unwrap_or_else(|| format!("{heading}\n\n{default}"))
}

/// The rows every GAN's card ends its table with: training time, final losses, the file (with
/// `file_note` on what else it holds).
fn training_rows(meta: &ModelMeta, bytes: usize, f32_bytes: usize, file_note: &str) -> String {
    let t = &meta.train;
    let losses: Vec<String> = t.final_losses.iter().map(|(k, v)| format!("{k} {v:.4}")).collect();
    let hours = t.seconds.map(|s| format!("{:.1} h on this machine's CPU", s / 3600.0)).unwrap_or_else(|| "not recorded".into());
    format!(
        "| Training time | {hours} |\n\
         | Final training losses | {losses} |\n\
         | File | {bytes} bytes, int8 per output channel ({ratio:.3}× the f32 file of {f32_bytes} bytes; output PSNR vs f32 {db:.1} dB){file_note} |\n",
        losses = losses.join(", "),
        ratio = bytes as f64 / f32_bytes as f64,
        db = t.int8_psnr_db.unwrap_or(f64::NAN),
    )
}

pub fn translation_card(meta: &ModelMeta, s: &Pix2PixSettings, bytes: usize, f32_bytes: usize, previous: Option<&str>) -> String {
    let keep = |heading: &str, default: &str| kept_section(previous, heading, default);
    let t = &meta.train;
    let kind = match &meta.kind {
        crate::pack::ModelKind::Pix2Pix(c) => format!(
            "pix2pix: U-Net {}→{} channels, base {}, depth {}; conditional PatchGAN (base {}, {} layers); input {:?}, output {:?}{}",
            c.generator.in_channels, c.generator.out_channels, c.generator.base, c.generator.depth,
            c.discriminator.base, c.discriminator.layers, c.input, c.output,
            c.work_size.map(|w| format!(", works at {w} px long side")).unwrap_or_default()
        ),
        other => format!("{other:?}"),
    };
    format!(
        "# {title}\n\n\
         | | |\n|---|---|\n\
         | Model | {kind} |\n\
         | Training data | {pairs} pairs from `{data}` ({source:?}); held-out pairs never trained on |\n\
         | Licence of the data | {licence} |\n\
         | Data source | {credit_source} |\n\
         | Steps | {steps} at batch {batch} on {size}² crops (L1 weight {l1}, adversarial {adv}; L1 alone for the first {l1_only} steps) |\n\
         {rows}\n\
         {eval}\n\n{looks}\n",
        title = meta.style.title,
        pairs = t.content_images,
        data = s.data.file_name().and_then(|f| f.to_str()).unwrap_or(""),
        source = s.source,
        licence = meta.style.licence,
        credit_source = meta.style.source,
        steps = t.steps,
        batch = s.batch,
        size = s.size,
        l1 = s.l1_weight,
        adv = s.adv_weight,
        l1_only = s.l1_only_steps,
        rows = training_rows(meta, bytes, f32_bytes, REALISM),
        eval = keep("## Evaluation", "(run `trainer eval MODEL --data DATA` and paste its table here)"),
        looks = keep(LOOKS, "(to be written after looking at held-out outputs)"),
    )
}

/// What a CycleGAN generator started from (`--init-ab`, `--init-ba`).
fn started_from(file: Option<&std::path::Path>) -> String {
    match file.and_then(|f| f.file_name()) {
        Some(name) => format!("the weights of `{}` (fine-tuned from there)", name.to_string_lossy()),
        None => "random weights".into(),
    }
}

/// The model card of one direction of a CycleGAN.
pub fn cyclegan_card(meta: &ModelMeta, s: &CycleGanSettings, images: (usize, usize), bytes: usize, f32_bytes: usize, previous: Option<&str>) -> String {
    let t = &meta.train;
    format!(
        "# {title}\n\n\
         | | |\n|---|---|\n\
         | Model | CycleGAN: ResNet generator {g:?}; PatchGAN of the target domain (base {db}, 3 layers) |\n\
         | Training data | {na} `{a}` images and {nb} `{b}` images (unpaired; held-out images never trained on) |\n\
         | Licence of the data | {licence} |\n\
         | Data source | {source} |\n\
         | Steps | {steps} at batch {batch} on {size}² crops (cycle {cycle}, identity {id}× cycle, pool {pool}; DiffAugment {aug}) |\n\
         | Generators started from | {a} → {b}: {init_ab}; {b} → {a}: {init_ba} |\n\
         {rows}\n\
         {eval}\n\n{looks}\n",
        title = meta.style.title,
        g = s.generator,
        db = s.discriminator.base,
        na = images.0,
        nb = images.1,
        a = s.a_name,
        b = s.b_name,
        licence = meta.style.licence,
        source = meta.style.source,
        steps = t.steps,
        batch = s.batch,
        size = s.size,
        cycle = s.cycle_weight,
        id = s.identity_weight,
        pool = s.pool_size,
        aug = s.augment.describe(),
        init_ab = started_from(s.init_ab.as_deref()),
        init_ba = started_from(s.init_ba.as_deref()),
        rows = training_rows(meta, bytes, f32_bytes, REALISM),
        eval = kept_section(previous, "## Evaluation", "(not yet evaluated)"),
        looks = kept_section(previous, LOOKS, "(to be written after looking at held-out outputs)"),
    )
}

/// The model card of a StyleGAN model.
pub fn stylegan_card(meta: &ModelMeta, s: &StyleGanSettings, bytes: usize, f32_bytes: usize, previous: Option<&str>) -> String {
    let t = &meta.train;
    let c = s.config;
    format!(
        "# {title}\n\n\
         | | |\n|---|---|\n\
         | Model | StyleGAN2 (small): z {z} → mapping ({layers} layers, equalised lr × 0.01) → w {w}; learned 4×4 constant; \
         modulated 3×3 convs with demodulation, noise and ToRGB skips up to {res}²; channels min({max}, {base}/r); \
         discriminator (not shipped): {disc} |\n\
         | Training data | {images} images of `{data}`, all used for training (horizontal flips) |\n\
         | Licence of the data | {licence} |\n\
         | Data source | {source} |\n\
         | Steps | {steps} at batch {batch} = {kimg:.1} kimg (Adam {lr}, β 0/0.99; non-saturating loss; R1 γ {gamma} every {r1} steps, \
         by finite differences; style mixing {mixing}; DiffAugment ({augment}); EMA half-life {ema} kimg) |\n\
         | Genes | the {genes} principal directions of w over 10 000 seeds (GANSpace), with their standard deviations |\n\
         {rows}\n\
         {eval}\n\n{looks}\n",
        title = meta.style.title,
        z = c.z_dim,
        layers = c.mapping_layers,
        w = c.w_dim,
        res = c.resolution,
        max = c.channel_max,
        base = c.channel_base,
        images = t.content_images,
        data = s.data.file_name().and_then(|f| f.to_str()).unwrap_or(""),
        licence = meta.style.licence,
        source = meta.style.source,
        steps = t.steps,
        batch = s.batch,
        kimg = (t.steps * s.batch as u64) as f64 / 1000.0,
        lr = s.lr,
        gamma = s.r1_gamma,
        r1 = s.r1_every,
        mixing = s.mixing,
        augment = s.augment.describe(),
        disc = s.discriminator.describe(),
        ema = s.ema_kimg,
        genes = crate::models::GENES,
        rows = training_rows(meta, bytes, f32_bytes, "; the images of 16 seeds at ψ 0.7 are compared"),
        eval = kept_section(previous, "## Evaluation", "(run `trainer eval MODEL --data REAL_IMAGES` and paste its table here)"),
        looks = kept_section(previous, LOOKS, "(to be written after looking at a sample grid: `trainer generate`)"),
    )
}
