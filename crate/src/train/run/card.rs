//! What every model card shares: the sections a person writes (kept on re-export) and the rows
//! on training time, losses and the file.

use crate::pack::ModelMeta;

pub const LOOKS: &str = "## How it looks";
/// What a translation model's file holds besides the generator.
pub const REALISM: &str = "; the discriminator is included (realism map)";

/// The section `heading` of an earlier card (written by a person, kept on re-export), or a
/// placeholder.
pub fn kept_section(previous: Option<&str>, heading: &str, default: &str) -> String {
    previous
        .and_then(|p| p.find(heading).map(|i| p[i..].split("\n## ").next().unwrap_or("").trim_end().to_string()))
        .unwrap_or_else(|| format!("{heading}\n\n{default}"))
}

/// The rows every GAN's card ends its table with: training time, final losses, the file (with
/// `file_note` on what else it holds).
pub fn training_rows(meta: &ModelMeta, bytes: usize, f32_bytes: usize, file_note: &str) -> String {
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

/// The rows on the training data's licence and source.
pub fn data_rows(meta: &ModelMeta) -> String {
    format!("| Licence of the data | {} |\n| Data source | {} |\n", meta.style.licence, meta.style.source)
}

/// The rows every GAN's card has after its model and data rows: [`data_rows`], then the start of
/// the "Steps" row (the step count, the batch and, where given, the crop side); the family ends
/// the row with its own figures.
pub fn data_and_steps(meta: &ModelMeta, batch: usize, crop: Option<usize>) -> String {
    let crops = crop.map(|size| format!(" on {size}² crops")).unwrap_or_default();
    format!("{}| Steps | {} at batch {batch}{crops}", data_rows(meta), meta.train.steps)
}

/// What every GAN's card ends with: [`training_rows`], then the sections a person writes
/// ("## Evaluation" and [`LOOKS`], kept from `previous`, else these placeholders).
pub fn gan_card_end(
    meta: &ModelMeta,
    (bytes, f32_bytes): (usize, usize),
    file_note: &str,
    previous: Option<&str>,
    [eval, looks]: [&str; 2],
) -> String {
    format!(
        "{}\n{}\n\n{}\n",
        training_rows(meta, bytes, f32_bytes, file_note),
        kept_section(previous, "## Evaluation", eval),
        kept_section(previous, LOOKS, looks)
    )
}
