//! `trainer export`: a run folder of any family → the int8 model file with its metadata, a
//! thumbnail, the model card and the `manifest.json` entry the page reads. One dispatch on the
//! run's [`Family`]; each family's part reads its run and names its figures.

mod cyclegan;
mod fast_style;
pub mod manifest;
mod meta;
mod pix2pix;
pub mod quantize;
mod request;
mod stylegan;
pub mod write;

pub use self::manifest::{add_to_manifest, sha256_hex, thumbnail};
pub use self::quantize::probe_image;
pub use self::request::ExportRequest;
use super::Family;
use crate::error::{AtelierError, Result};

pub fn export(req: &ExportRequest) -> Result<()> {
    let name = &req.name;
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(AtelierError::BadConfig(format!("--name `{name}`: use letters, digits and `_`")));
    }
    match Family::of_run(&req.run)? {
        Family::FastStyle => fast_style::export(req),
        Family::Pix2Pix => pix2pix::export(req),
        Family::CycleGan => cyclegan::export(req),
        Family::StyleGan => stylegan::export(req),
    }
}
