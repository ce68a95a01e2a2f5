//! Int8 weights (per output channel), measured against f32 on a probe.

use burn::module::Module;
use burn::store::ModuleSnapshot;
use burn::tensor::Device;

use crate::engine::{StyleOptions, Stylizer};
use crate::error::Result;
use crate::image::{Planar, psnr};
use crate::pack::{self, ModelMeta};

/// The f32 and int8 files of a network, and the int8 model's output on the probe.
pub struct Quantized {
    pub f32_bytes: Vec<u8>,
    pub bytes: Vec<u8>,
    pub meta: ModelMeta,
    /// What the shipped file makes of the probe (the thumbnail of translation and StyleGAN models).
    pub probe_out: Planar,
}

/// What an image-to-image model file makes of `probe` (the probe of [`quantize`]).
pub fn on_photo(probe: &Planar) -> impl Fn(&[u8]) -> Result<Planar> + '_ {
    |bytes| Stylizer::new(bytes, Device::flex())?.stylize_blocking(probe, &StyleOptions::default())
}

/// Quantize `net` once, measure the PSNR between what the f32 and the int8 files draw (`run`
/// turns a file's bytes into its picture of the probe), and write the file that ships (int8,
/// or f32 with `keep_f32`) with that figure in its metadata.
pub fn quantize<M: Module + ModuleSnapshot + Clone>(
    net: &M,
    meta: ModelMeta,
    keep_f32: bool,
    run: impl Fn(&[u8]) -> Result<Planar>,
) -> Result<Quantized> {
    let f32_meta = ModelMeta { weights: "f32".into(), ..meta.clone() };
    let f32_bytes = pack::to_bytes(net, &f32_meta)?;
    let q_net = pack::quantize_per_channel(net.clone());
    let q_meta = ModelMeta { weights: "q8s-per-channel".into(), ..meta };
    let (f32_out, q_out) = (run(&f32_bytes)?, run(&pack::to_bytes(&q_net, &q_meta)?)?);
    let db = (psnr(&f32_out.data, &q_out.data) * 10.0).round() / 10.0;
    let mut meta = if keep_f32 { f32_meta } else { q_meta };
    meta.train.int8_psnr_db = Some(db);
    let (bytes, probe_out) = if keep_f32 { (pack::to_bytes(net, &meta)?, f32_out) } else { (pack::to_bytes(&q_net, &meta)?, q_out) };
    Ok(Quantized { f32_bytes, bytes, meta, probe_out })
}

/// A deterministic 192×160 test card: gradients, edges and a disc (for quantization PSNR).
pub fn probe_image() -> Planar {
    let (w, h) = (192, 160);
    let mut p = Planar::new(w, h);
    for y in 0..h {
        for x in 0..w {
            let i = y * w + x;
            let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
            let disc = ((fx - 0.6).powi(2) + (fy - 0.5).powi(2)).sqrt() < 0.25;
            p.data[i] = if disc { 0.9 } else { fx };
            p.data[w * h + i] = if (x / 16 + y / 16) % 2 == 0 { 0.3 + 0.4 * fy } else { 0.6 };
            p.data[2 * w * h + i] = 1.0 - fy;
        }
    }
    p
}
