//! Writing an export: the model file, its card, its manifest entry.

use std::path::PathBuf;

use super::manifest::add_to_manifest;
use super::quantize::Quantized;
use super::request::ExportRequest;
use crate::error::Result;
use crate::train::run::write_atomic;

/// Write the model file and print what it is.
pub fn write_model(req: &ExportRequest, q: &Quantized) -> Result<PathBuf> {
    let out = req.folder().join(format!("{}.bpk", req.name));
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    write_atomic(&out, &q.bytes)?;
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

/// Write the model card (`card` gets the old one, whose hand-written sections it keeps) and
/// the manifest entry.
pub fn finish(req: &ExportRequest, q: &Quantized, card: impl FnOnce(Option<&str>) -> String) -> Result<()> {
    let card_path = req.folder().join("CARD.md");
    let previous = std::fs::read_to_string(&card_path).ok();
    write_atomic(&card_path, card(previous.as_deref()).as_bytes())?;
    let manifest = req.models.join("manifest.json");
    add_to_manifest(&manifest, &q.meta, q.bytes.len())?;
    println!("added `{}` to {}; reload the page to see it", req.name, manifest.display());
    Ok(())
}
