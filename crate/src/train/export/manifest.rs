//! Putting an exported model where the page finds it: thumbnail and `manifest.json` entry.

use std::path::Path;

use serde_json::{Value, json};

use crate::error::{AtelierError, Result};
use crate::image::Planar;
use crate::pack::ModelMeta;
use crate::train::run::write_atomic;

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
    write_atomic(path, format!("{text}\n").as_bytes())
}
