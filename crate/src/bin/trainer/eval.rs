//! `trainer eval`: each model file by its kind. Style models: content and style losses next to
//! Gatys on held-out photos; StyleGAN: KID against real images; CycleGAN: both directions;
//! pix2pix: figures on held-out pairs next to trivial baselines.

use std::path::{Path, PathBuf};

use atelier::error::{AtelierError, Result};
use atelier::features::LossNet;
use atelier::image::Planar;
use atelier::loss::ContentLoss;
use atelier::train::pix2pix::pairs::PairSource;
use atelier::train::run::{contact_sheet, data};
use atelier::train::{self, cyclegan, fast_style, pix2pix, stylegan};
use atelier::{StyleOptions, Stylizer};
use burn::tensor::Device;
use clap::Args;

use crate::common::{LossWeights, read};

/// Style models: content and style losses on held-out photos, next to `gatys` on the same
/// photos (MODEL=PAINTING, --content). Translation models (pix2pix): L1, PSNR, colourfulness
/// and KID on held-out pairs next to trivial baselines (MODEL, --data).
#[derive(Args)]
pub struct EvalArgs {
    /// Style model files and the paintings they were trained on, as MODEL=PAINTING; or
    /// translation model files.
    #[arg(required = true)]
    pairs: Vec<String>,
    /// Photos for style models (every sixth is held out).
    #[arg(long)]
    content: Option<PathBuf>,
    /// Paired data for translation models (its `test/`, or every sixth file); the real
    /// images for StyleGAN models.
    #[arg(long)]
    data: Option<PathBuf>,
    /// CycleGAN models (give both directions' files): domain A's folder, as `trainer cyclegan --a`.
    #[arg(long)]
    a: Option<PathBuf>,
    /// CycleGAN models: domain B's folder.
    #[arg(long)]
    b: Option<PathBuf>,
    /// How the pairs are made (default: A|B pairs for sketches, the photo itself for colourisation).
    #[arg(long, value_enum)]
    input: Option<PairSource>,
    /// Held-out pairs at most (translation models).
    #[arg(long, default_value_t = 100)]
    max: usize,
    /// Translation models: a contact sheet of the first held-out pairs (input | output | target).
    #[arg(long)]
    sheet: Option<PathBuf>,
    #[arg(long, default_value_t = 4)]
    photos: usize,
    #[arg(long, default_value_t = 256)]
    size: usize,
    #[arg(long, default_value_t = 300)]
    gatys_steps: usize,
    /// Keep `gatys` outputs here and reuse them when photo, painting and settings match (they
    /// do not depend on the model, and take minutes each).
    #[arg(long)]
    gatys_cache: Option<PathBuf>,
    #[command(flatten)]
    weights: LossWeights,
}

/// The loss network on the CPU (the figures of every kind but style models).
fn lossnet(weights: &LossWeights) -> Result<(LossNet, Device)> {
    let device = Device::flex();
    Ok((train::load_lossnet(weights.lossnet.as_deref(), &device)?, device))
}

pub fn run(a: EvalArgs) -> Result<()> {
    let EvalArgs { pairs, content, data, a, b, input, max, sheet, photos, size, gatys_steps, gatys_cache, weights } = a;
    let (style, translation): (Vec<String>, Vec<String>) = pairs.into_iter().partition(|p| p.contains('='));
    if !style.is_empty() {
        let content = content.ok_or_else(|| AtelierError::BadConfig("style models need --content PHOTOS".into()))?;
        style_eval(&style, &content, photos, size, gatys_steps, gatys_cache.as_deref(), &weights)?;
    }
    let kind = |m: &String| read(Path::new(m)).and_then(|b| atelier::pack::read_meta(&b)).map(|meta| meta.kind.name());
    let (gans, translation): (Vec<String>, Vec<String>) = translation.into_iter().partition(|m| kind(m).is_ok_and(|k| k == "stylegan"));
    for model in &gans {
        let real = data.as_ref().ok_or_else(|| AtelierError::BadConfig("StyleGAN models need --data REAL_IMAGES".into()))?;
        let (lossnet, device) = lossnet(&weights)?;
        let e = stylegan::eval::evaluate(&read(Path::new(model))?, real, max, &lossnet, &device)?;
        println!("{model}: KID on EfficientNet-Lite0 b8.exp pooled features (224²; not Inception, not FID)\n{}", e.markdown());
    }
    let (cycle, translation): (Vec<String>, Vec<String>) = translation.into_iter().partition(|m| kind(m).is_ok_and(|k| k == "cyclegan"));
    if !cycle.is_empty() {
        let (Some(a), Some(b), [forward, back]) = (a, b, cycle.as_slice()) else {
            return Err(AtelierError::BadConfig("CycleGAN models: give both directions' files, --a DIR and --b DIR".into()));
        };
        let (lossnet, device) = lossnet(&weights)?;
        let dirs = cyclegan::eval::evaluate([&read(Path::new(forward))?, &read(Path::new(back))?], [&a, &b], (max, 256), &lossnet, &device)?;
        println!("KID on EfficientNet-Lite0 b8.exp pooled features (224², not used in training)\n{}", cyclegan::eval::markdown(&dirs));
        if let Some(path) = &sheet {
            let rows: Vec<Vec<Planar>> = dirs.iter().flat_map(|d| d.examples.clone()).collect();
            contact_sheet(&rows, 192).save(path)?;
            println!("{}: rows of held-out input | translated | translated back, A then B", path.display());
        }
    }
    if !translation.is_empty() {
        let data =
            data.ok_or_else(|| AtelierError::BadConfig("translation models need --data PAIRS (or write MODEL=PAINTING for a style model)".into()))?;
        let (lossnet, device) = lossnet(&weights)?;
        for model in &translation {
            let e = pix2pix::eval::evaluate(&read(Path::new(model))?, &data, input, max, &lossnet, &device)?;
            println!("{model}: KID on EfficientNet-Lite0 b8.exp pooled features (224², not used in training)\n{}", e.markdown());
            if let Some(path) = &sheet {
                contact_sheet(&e.examples, 192).save(path)?;
                println!("{}: rows of held-out input | output | target", path.display());
            }
        }
    }
    Ok(())
}

/// Where `eval` keeps the Gatys result for one photo and painting: the name carries everything
/// the result depends on (an FNV-1a hash of the settings keeps it short and stable).
fn gatys_cache_file(dir: &Path, photo: &Path, painting: &Path, size: usize, steps: usize, w: &LossWeights) -> PathBuf {
    let key = format!(
        "{}|{}|{size}|{steps}|{}|{}|{}|{}|{}",
        photo.display(),
        painting.display(),
        w.content_weight,
        w.style_weight,
        w.tv_weight,
        w.content_tap,
        w.style_size
    );
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3));
    let stem = |p: &Path| p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    dir.join(format!("{}__{}__{hash:016x}.png", stem(painting), stem(photo)))
}

fn style_eval(
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
        let (model, style) = pair.split_once('=').ok_or_else(|| AtelierError::BadConfig(format!("`{pair}`: write MODEL=PAINTING")))?;
        let stylizer = Stylizer::new(&read(Path::new(model))?, Device::flex())?;
        let (_, style_loss) = fast_style::style_target(Path::new(style), w.style_size, &lossnet, &device)?;
        let (mut ours, mut base, mut reference) = (Vec::new(), Vec::new(), Vec::new());
        for (photo, file) in held.iter().zip(&held_files) {
            let out = stylizer.stylize_blocking(photo, &StyleOptions::default())?;
            ours.push(fast_style::eval::score(&lossnet, &out, photo, &content, &style_loss, &device));
            base.push(fast_style::eval::score(&lossnet, photo, photo, &content, &style_loss, &device));
            if gatys_steps > 0 {
                let cached = gatys_cache.map(|dir| gatys_cache_file(dir, file, Path::new(style), size, gatys_steps, w));
                let g = match cached.as_deref().filter(|p| p.exists()).map(Planar::open) {
                    Some(Ok(g)) if (g.width, g.height) == (photo.width, photo.height) => g,
                    _ => {
                        let g = fast_style::gatys::stylize(&lossnet, photo, &content, &style_loss, &w.gatys(gatys_steps), &device, |_, _| {})?;
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
                reference.push(fast_style::eval::score(&lossnet, &g, photo, &content, &style_loss, &device));
            }
        }
        let (o, b, g) = (fast_style::eval::mean(&ours), fast_style::eval::mean(&base), fast_style::eval::mean(&reference));
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
        let taps = |s: &fast_style::eval::Scores| s.per_tap.iter().map(|(t, l)| format!("{t} {l:.4}")).collect::<Vec<_>>().join(", ");
        println!("{:<24}   style by tap, model: {}", "", taps(&o));
        if !reference.is_empty() {
            println!("{:<24}   style by tap, gatys: {}", "", taps(&g));
        }
    }
    Ok(())
}
