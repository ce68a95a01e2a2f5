//! The model card of a fast-style model.

use std::path::Path;

use crate::pack::ModelMeta;
use crate::train::run::card::LOOKS;

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
