//! `trainer inspect`: what a model file of any kind holds.

use std::collections::BTreeMap;
use std::path::PathBuf;

use atelier::Stylizer;
use atelier::error::{AtelierError, Result};
use atelier::models::InputKind;
use atelier::pack;
use burn::module::Module;
use burn::tensor::Device;
use clap::Args;

use crate::common::read;

/// Print a model file's kind, metadata, parameters, dtypes and size.
#[derive(Args)]
pub struct InspectArgs {
    model: PathBuf,
}

pub fn run(a: InspectArgs) -> Result<()> {
    let path = &a.model;
    let bytes = read(path)?;
    let meta = pack::read_meta(&bytes)?;
    let reader = burn::store::burn_pack::Reader::from_bytes(burn::store::burn_pack::Bytes::from_bytes_vec(bytes.clone()))
        .map_err(|e| AtelierError::CorruptModel(e.to_string()))?;
    let mut dtypes: BTreeMap<String, usize> = BTreeMap::new();
    for t in reader.into_tensors().map_err(|e| AtelierError::CorruptModel(e.to_string()))? {
        let name = match t.dtype {
            burn::tensor::DType::QFloat(q) => format!("int8 ({:?}, blocks {:?})", q.value, q.block_size().map(|b| b.as_slice().to_vec())),
            other => format!("{other:?}"),
        };
        *dtypes.entry(name).or_default() += 1;
    }
    let params = match &meta.kind {
        pack::ModelKind::StyleGan(_) => pack::load_stylegan(&bytes, &Device::flex())?.1.num_params(),
        _ => Stylizer::new(&bytes, Device::flex())?.net().num_params(),
    };
    println!(
        "file:       {} ({} bytes; f32 weights would be {} bytes: {:.3}×)",
        path.display(),
        bytes.len(),
        params * 4,
        bytes.len() as f64 / (params * 4) as f64
    );
    println!("kind:       {} {:?}", meta.kind.name(), meta.kind);
    println!("parameters: {params}");
    println!("tensors:    {dtypes:?}");
    println!("weights:    {}", meta.weights);
    let t = &meta.train;
    let input = meta.kind.input().map_or("a random seed".to_string(), |i| format!("{i:?}").to_lowercase());
    match &meta.kind {
        pack::ModelKind::FastStyle(_) => {
            println!("input:      {input} (a photo)");
            println!("style:      {} — {} ({}), {}; {}", meta.style.title, meta.style.artist, meta.style.year, meta.style.licence, meta.style.source);
            println!("training:   {} steps ({}) on {} photos; weights {:?}", t.steps, t.schedule_text(), t.content_images, t.weights);
        }
        pack::ModelKind::CycleGan(c) => {
            println!("input:      {input}: a picture of the `{}` domain → `{}`", c.from, c.to);
            println!("model:      {}; trained on {}, {}; {}", meta.style.title, meta.style.artist, meta.style.licence, meta.style.source);
            println!(
                "training:   {} steps at {}² on {} images{}; weights {:?}",
                t.steps,
                t.image_size,
                t.content_images,
                t.seconds.map(|s| format!(", {:.1} h", s / 3600.0)).unwrap_or_default(),
                t.weights
            );
        }
        pack::ModelKind::StyleGan(c) => {
            println!("input:      {input}: z ({} numbers) → w ({}) → a {}² image; {} layers take a w", c.z_dim, c.w_dim, c.resolution, c.num_ws());
            println!("model:      {}; trained on {}, {}; {}", meta.style.title, meta.style.artist, meta.style.licence, meta.style.source);
            println!(
                "training:   {} images shown ({} steps) on {} images{}; weights {:?}",
                t.steps * t.weights.get("batch").copied().unwrap_or(1.0) as u64,
                t.steps,
                t.content_images,
                t.seconds.map(|s| format!(", {:.1} h", s / 3600.0)).unwrap_or_default(),
                t.weights
            );
        }
        pack::ModelKind::Pix2Pix(c) => {
            let prepared = match c.input {
                InputKind::Sketch => "a drawing, dark lines on white (any image: its luminance is used)",
                InputKind::Gray => "a photo (its luminance; colour photos are made grey first)",
                InputKind::Photo => "a photo",
            };
            println!("input:      {input}: {prepared}");
            println!(
                "output:     {:?}{}",
                c.output,
                c.work_size.map(|w| format!(", at {w} px long side under the full-resolution luminance")).unwrap_or_default()
            );
            println!("model:      {}; trained on {}, {}; {}", meta.style.title, meta.style.artist, meta.style.licence, meta.style.source);
            println!(
                "training:   {} steps at {}² on {} pairs{}; weights {:?}",
                t.steps,
                t.image_size,
                t.content_images,
                t.seconds.map(|s| format!(", {:.1} h", s / 3600.0)).unwrap_or_default(),
                t.weights
            );
        }
    }
    println!("losses:     {:?}", meta.train.final_losses);
    if let Some(db) = meta.train.int8_psnr_db {
        let probe = if matches!(meta.kind, pack::ModelKind::StyleGan(_)) { "16 seeds at ψ 0.7" } else { "a held-out photo" };
        println!("quality:    int8 PSNR vs f32: {db:.1} dB ({probe})");
    }
    Ok(())
}
