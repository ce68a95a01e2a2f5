//! `trainer sheet`.

use std::path::PathBuf;

use atelier::error::Result;
use atelier::image::Planar;
use atelier::train::run::{contact_sheet, data};
use atelier::{StyleOptions, Stylizer};
use burn::tensor::Device;
use clap::Args;

use crate::common::read;

/// A contact sheet: each photo (rows) with every model's output (columns).
#[derive(Args)]
pub struct SheetArgs {
    #[arg(long, required = true, num_args = 1..)]
    photos: Vec<PathBuf>,
    #[arg(long, required = true, num_args = 1..)]
    models: Vec<PathBuf>,
    #[arg(long)]
    out: PathBuf,
    /// Long side the photos are stylized at.
    #[arg(long, default_value_t = 512)]
    size: usize,
}

pub fn run(a: SheetArgs) -> Result<()> {
    let stylizers = a.models.iter().map(|m| Stylizer::new(&read(m)?, Device::flex())).collect::<Result<Vec<_>>>()?;
    let mut rows = Vec::new();
    for p in &a.photos {
        let photo = data::fit_long_side(&Planar::open(p)?, a.size);
        let mut row = vec![photo.clone()];
        for s in &stylizers {
            row.push(s.stylize_blocking(&photo, &StyleOptions::default())?);
        }
        rows.push(row);
    }
    contact_sheet(&rows, 256).save(&a.out)?;
    let names: Vec<&str> = stylizers.iter().map(|s| s.meta().name.as_str()).collect();
    println!("{}: columns photo, {}", a.out.display(), names.join(", "));
    Ok(())
}
