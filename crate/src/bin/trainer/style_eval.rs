//! `trainer eval` for style models: content and style losses next to Gatys on held-out photos.

use std::path::{Path, PathBuf};

use atelier::error::{AtelierError, Result};
use atelier::image::Planar;
use atelier::loss::ContentLoss;
use atelier::train::{self, data, eval, fast_style, gatys};
use atelier::{StyleOptions, Stylizer};
use burn::tensor::Device;

use crate::cli::LossWeights;
use crate::read;

pub fn gatys_settings(w: &LossWeights, steps: usize) -> gatys::GatysSettings {
    gatys::GatysSettings {
        steps,
        content_weight: w.content_weight,
        style_weight: w.style_weight,
        tv_weight: w.tv_weight,
        ..gatys::GatysSettings::default()
    }
}

/// Where `eval` keeps the Gatys result for one photo and painting: the name carries everything
/// the result depends on (an FNV-1a hash of the settings keeps it short and stable).
fn gatys_cache_file(dir: &Path, photo: &Path, painting: &Path, size: usize, steps: usize, w: &LossWeights) -> PathBuf {
    let key = format!(
        "{}|{}|{size}|{steps}|{}|{}|{}|{}|{}",
        photo.display(), painting.display(), w.content_weight, w.style_weight, w.tv_weight, w.content_tap, w.style_size
    );
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3));
    let stem = |p: &Path| p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    dir.join(format!("{}__{}__{hash:016x}.png", stem(painting), stem(photo)))
}

pub fn run_eval(
    pairs: &[String],
    content_dir: &Path,
    photos: usize,
    size: usize,
    gatys_steps: usize,
    gatys_cache: Option<&Path>,
    w: &LossWeights,
) -> Result<()> {
    let device = Device::flex().autodiff();
    let lossnet = train::load_lossnet(w.lossnet.as_deref(), &device)?;
    let content = ContentLoss::new(fast_style::content_tap(&w.content_tap)?);
    let (_, held) = data::split(data::list_images(content_dir)?);
    if held.is_empty() {
        return Err(AtelierError::BadConfig(format!(
            "{} has fewer than 6 photos, so none is held out for evaluation (every sixth is)",
            content_dir.display()
        )));
    }
    if let Some(dir) = gatys_cache {
        std::fs::create_dir_all(dir).map_err(|e| AtelierError::Io(format!("{}: {e}", dir.display())))?;
    }
    let held_files: Vec<PathBuf> = held.into_iter().take(photos).collect();
    let held: Vec<Planar> = held_files.iter().map(|f| Planar::open(f).map(|p| data::fit_long_side(&p, size))).collect::<Result<_>>()?;
    println!("held-out photos: {}, {size} px long side, gatys {gatys_steps} steps, content tap {}", held.len(), w.content_tap);
    println!(
        "{:<24} {:>11} | {:>9} {:>9} | {:>9} {:>9} | {:>11} {:>13}",
        "model", "photo style", "content", "style", "g.content", "g.style", "style/gatys", "content/gatys"
    );
    for pair in pairs {
        let (model, style) = pair
            .split_once('=')
            .ok_or_else(|| AtelierError::BadConfig(format!("`{pair}`: write MODEL=PAINTING")))?;
        let stylizer = Stylizer::new(&read(Path::new(model))?, Device::flex())?;
        let (_, style_loss) = fast_style::style_target(Path::new(style), w.style_size, &lossnet, &device)?;
        let (mut ours, mut base, mut reference) = (Vec::new(), Vec::new(), Vec::new());
        for (photo, file) in held.iter().zip(&held_files) {
            let out = stylizer.stylize_blocking(photo, &StyleOptions::default())?;
            ours.push(eval::score(&lossnet, &out, photo, &content, &style_loss, &device));
            base.push(eval::score(&lossnet, photo, photo, &content, &style_loss, &device));
            if gatys_steps > 0 {
                let cached = gatys_cache.map(|dir| gatys_cache_file(dir, file, Path::new(style), size, gatys_steps, w));
                let g = match cached.as_deref().filter(|p| p.exists()).map(Planar::open) {
                    Some(Ok(g)) if (g.width, g.height) == (photo.width, photo.height) => g,
                    _ => {
                        let g = gatys::stylize(&lossnet, photo, &content, &style_loss, &gatys_settings(w, gatys_steps), &device, |_, _| {})?;
                        match &cached {
                            // Score the 8-bit image that is stored, so later runs print the same figures.
                            Some(path) => {
                                g.save(path)?;
                                Planar::from_rgba(&g.to_rgba(None), g.width as u32, g.height as u32)?
                            }
                            None => g,
                        }
                    }
                };
                reference.push(eval::score(&lossnet, &g, photo, &content, &style_loss, &device));
            }
        }
        let (o, b, g) = (eval::mean(&ours), eval::mean(&base), eval::mean(&reference));
        let dash = |v: f64, digits: usize| if reference.is_empty() { "—".to_string() } else { format!("{v:.digits$}") };
        let ratio = |ours: f64, gatys: f64| if reference.is_empty() { "—".to_string() } else { format!("{:.2}×", ours / gatys) };
        println!(
            "{:<24} {:>11.4} | {:>9.4} {:>9.5} | {:>9} {:>9} | {:>11} {:>13}",
            stylizer.meta().name,
            b.style,
            o.content,
            o.style,
            dash(g.content, 4),
            dash(g.style, 5),
            ratio(o.style, g.style),
            ratio(o.content, g.content)
        );
        let taps = |s: &eval::Scores| s.per_tap.iter().map(|(t, l)| format!("{t} {l:.4}")).collect::<Vec<_>>().join(", ");
        println!("{:<24}   style by tap, model: {}", "", taps(&o));
        if !reference.is_empty() {
            println!("{:<24}   style by tap, gatys: {}", "", taps(&g));
        }
    }
    Ok(())
}
