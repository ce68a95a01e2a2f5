//! What an export is asked for.

use std::path::PathBuf;

use crate::pack::StyleCredit;

/// Where the export goes and what it says about itself.
pub struct ExportRequest {
    pub run: PathBuf,
    pub name: String,
    pub models: PathBuf,
    pub credit: StyleCredit,
    /// Keep f32 weights (4× larger).
    pub f32: bool,
}

impl ExportRequest {
    /// The model's folder, `MODELS/NAME/`.
    pub fn folder(&self) -> PathBuf {
        self.models.join(&self.name)
    }
}
