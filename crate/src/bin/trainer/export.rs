//! `trainer export`.

use std::path::PathBuf;

use atelier::error::Result;
use atelier::pack::StyleCredit;
use atelier::train::export::{ExportRequest, export};
use clap::Args;

/// Write the quantized model file (int8 per output channel) with its metadata into
/// MODELS/NAME/: NAME.bpk, thumb.jpg, CARD.md (if missing); add it to MODELS/manifest.json.
#[derive(Args)]
pub struct ExportArgs {
    /// A run folder of `fast-style`, `pix2pix`, `cyclegan` (which writes NAME for A → B and
    /// NAME_reverse for B → A) or `stylegan`.
    #[arg(long)]
    run: PathBuf,
    /// Short id of the style (`starry_night`): letters, digits and `_`.
    #[arg(long)]
    name: String,
    /// The folder the page serves models from.
    #[arg(long, default_value = "models")]
    models: PathBuf,
    #[arg(long)]
    title: String,
    #[arg(long)]
    artist: String,
    #[arg(long, default_value = "")]
    year: String,
    #[arg(long, default_value = "public domain")]
    licence: String,
    #[arg(long, default_value = "")]
    source: String,
    /// Keep f32 weights (4× larger).
    #[arg(long)]
    f32: bool,
}

impl ExportArgs {
    pub fn into_request(self) -> ExportRequest {
        let credit = StyleCredit { title: self.title, artist: self.artist, year: self.year, licence: self.licence, source: self.source };
        ExportRequest { run: self.run, name: self.name, models: self.models, credit, f32: self.f32 }
    }
}

pub fn run(a: ExportArgs) -> Result<()> {
    export(&a.into_request())
}
