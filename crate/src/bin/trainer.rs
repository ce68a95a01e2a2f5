//! `trainer`: train, export, run and evaluate Atelier's style networks natively.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use atelier::error::{AtelierError, Result};
use atelier::image::Planar;
use atelier::loss::ContentLoss;
use atelier::models::{FastStyleConfig, InputKind, OutputKind, Pix2PixConfig};
use atelier::pack::{self, StyleCredit};
use atelier::train::pairs::PairSource;
use atelier::train::{self, data, eval, fast_style, gatys, pix2pix};
use atelier::{StyleOptions, Stylizer};
use burn::tensor::Device;
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "trainer", version, about = "Train, export, run and evaluate Atelier style networks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct LossWeights {
    /// Weight of the content loss (keeps the photo's objects).
    #[arg(long, default_value_t = 1.0)]
    content_weight: f64,
    /// Weight of the Gram style loss (brings the painting's colours and strokes). 4 keeps faces
    /// and buildings readable; 10 is stronger and loses them (see the model cards).
    #[arg(long, default_value_t = 4.0)]
    style_weight: f64,
    /// Weight of total variation (removes colour speckle).
    #[arg(long, default_value_t = 1.0)]
    tv_weight: f64,
    /// Loss-network tap compared for content (`b3.exp` crisper, `b5.exp` more painterly).
    #[arg(long, default_value = "b3.exp")]
    content_tap: String,
    /// Long side of the painting when its style is measured (larger = smaller strokes).
    #[arg(long, default_value_t = 256)]
    style_size: usize,
    /// The loss network (default: models/lossnet/…).
    #[arg(long)]
    lossnet: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Train a fast style network on a folder of photos and one painting.
    FastStyle {
        #[arg(long)]
        content: PathBuf,
        #[arg(long)]
        style: PathBuf,
        /// Run folder: checkpoints, samples/, state.json.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 1500)]
        steps: u64,
        #[arg(long, default_value_t = 4)]
        batch: usize,
        /// Training crop side in pixels.
        #[arg(long, default_value_t = 128)]
        size: usize,
        /// Short side the photos are resized to before cropping (default: 5/4 of --size).
        #[arg(long)]
        photo_size: Option<usize>,
        #[arg(long, default_value_t = 1e-3)]
        lr: f64,
        /// Learning rate at the last step (cosine decay from --lr); default: constant.
        #[arg(long)]
        lr_final: Option<f64>,
        /// Start from another run's folder or an exported model file (fine-tuning with these
        /// settings, e.g. --size 256 --lr 5e-4 --lr-final 1e-5).
        #[arg(long, conflicts_with = "resume")]
        init_from: Option<PathBuf>,
        /// Weight of the adversarial (PatchGAN, LSGAN) loss; 0 turns the discriminator off.
        #[arg(long, default_value_t = 0.02)]
        adv_weight: f64,
        #[command(flatten)]
        weights: LossWeights,
        /// Channels at full, half and quarter resolution.
        #[arg(long, value_delimiter = ',', default_value = "16,32,64")]
        channels: Vec<usize>,
        #[arg(long, default_value_t = 5)]
        res_blocks: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(long, default_value_t = 250)]
        sample_every: u64,
        #[arg(long, default_value_t = 100)]
        checkpoint_every: u64,
        /// Continue the run in --out from its last checkpoint.
        #[arg(long)]
        resume: bool,
        /// Train on the CPU even when a GPU is present.
        #[arg(long)]
        cpu: bool,
    },
    /// Train a pix2pix model (U-Net + conditional PatchGAN, L1 + adversarial) on paired images:
    /// a folder of A|B pairs, or any folder of pictures with the input made from each
    /// (`--input edges`: sketch → picture; `--input gray`: colourisation).
    Pix2pix {
        /// A folder of pictures, or of pairs; with `train/` and `test/` subfolders those are
        /// used, else every sixth file is held out.
        #[arg(long)]
        data: PathBuf,
        /// Where each training input comes from.
        #[arg(long, value_enum, default_value_t = PairSource::Ab)]
        input: PairSource,
        /// What the left half of an A|B pair is (with `--input ab`).
        #[arg(long, value_enum, default_value_t = Condition::Sketch)]
        pair_input: Condition,
        /// Run folder: checkpoints of both networks and their optimizers, samples/, state.json.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 20000)]
        steps: u64,
        #[arg(long, default_value_t = 1)]
        batch: usize,
        /// Training crop side.
        #[arg(long, default_value_t = 256)]
        size: usize,
        /// Short side pictures are resized to before the random crop (default: 1.12 × --size).
        #[arg(long)]
        load_size: Option<usize>,
        /// U-Net channels at the first level (doubled per level, at most 8×).
        #[arg(long, default_value_t = 16)]
        base: usize,
        /// U-Net levels (inputs are padded to a multiple of 2^depth).
        #[arg(long, default_value_t = 6)]
        depth: usize,
        #[arg(long, default_value_t = 2e-4)]
        lr: f64,
        /// Constant learning rate until this step, then linear decay to 0 (default: half of --steps).
        #[arg(long)]
        decay_from: Option<u64>,
        #[arg(long, default_value_t = 100.0)]
        l1_weight: f64,
        #[arg(long, default_value_t = 1.0)]
        adv_weight: f64,
        /// L1 alone for this many steps before the adversarial loss starts.
        #[arg(long, default_value_t = 0)]
        l1_only_steps: u64,
        /// Long side a colourisation model works at (its colour is laid under the full-resolution photo).
        #[arg(long, default_value_t = 512)]
        work_size: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(long, default_value_t = 500)]
        sample_every: u64,
        #[arg(long, default_value_t = 100)]
        checkpoint_every: u64,
        /// Continue the run in --out from its last checkpoint (a larger --steps extends it).
        #[arg(long)]
        resume: bool,
        /// Train on the CPU even when a GPU is present.
        #[arg(long)]
        cpu: bool,
    },
    /// Write the quantized model file (int8 per output channel) with its metadata into
    /// MODELS/NAME/: NAME.bpk, thumb.jpg, CARD.md (if missing); add it to MODELS/manifest.json.
    Export {
        /// A run folder of `fast-style` or `pix2pix`.
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
    },
    /// Stylize one image with a model file (the reference the browser is compared with).
    Stylize {
        #[arg(long)]
        model: PathBuf,
        #[arg(long)]
        input: PathBuf,
        #[arg(long)]
        output: PathBuf,
        #[arg(long, default_value_t = 1.0)]
        strength: f32,
        #[arg(long)]
        preserve_colour: bool,
        #[arg(long, default_value_t = StyleOptions::default().tile)]
        tile: usize,
    },
    /// Optimise one image directly with the same losses (slow; the quality reference).
    Gatys {
        #[arg(long)]
        input: PathBuf,
        #[arg(long)]
        style: PathBuf,
        #[arg(long)]
        output: PathBuf,
        #[arg(long, default_value_t = 256)]
        size: usize,
        #[arg(long, default_value_t = 300)]
        steps: usize,
        #[command(flatten)]
        weights: LossWeights,
    },
    /// Style models: content and style losses on held-out photos, next to `gatys` on the same
    /// photos (MODEL=PAINTING, --content). Translation models (pix2pix): L1, PSNR, colourfulness
    /// and KID on held-out pairs next to trivial baselines (MODEL, --data).
    Eval {
        /// Style model files and the paintings they were trained on, as MODEL=PAINTING; or
        /// translation model files.
        #[arg(required = true)]
        pairs: Vec<String>,
        /// Photos for style models (every sixth is held out).
        #[arg(long)]
        content: Option<PathBuf>,
        /// Paired data for translation models (its `test/`, or every sixth file).
        #[arg(long)]
        data: Option<PathBuf>,
        /// How the pairs are made (default: A|B pairs for sketches, the photo itself for colourisation).
        #[arg(long, value_enum)]
        input: Option<PairSource>,
        /// Held-out pairs at most (translation models).
        #[arg(long, default_value_t = 100)]
        max: usize,
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
    },
    /// Native speed: generator forward and a training step, ours vs Johnson's full width (JSON).
    Bench {
        #[arg(long, default_value_t = 5)]
        repeats: usize,
        #[command(flatten)]
        weights: LossWeights,
    },
    /// A contact sheet: each photo (rows) with every model's output (columns).
    Sheet {
        #[arg(long, required = true, num_args = 1..)]
        photos: Vec<PathBuf>,
        #[arg(long, required = true, num_args = 1..)]
        models: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
        /// Long side the photos are stylized at.
        #[arg(long, default_value_t = 512)]
        size: usize,
    },
    /// Print a model file's kind, metadata, parameters, dtypes and size.
    Inspect { model: PathBuf },
    /// Fold and subset the full EfficientNet-Lite0 safetensors into the loss-network file.
    ImportLossnet {
        #[arg(long)]
        from: PathBuf,
        #[arg(long, default_value = train::LOSSNET_FILE)]
        out: PathBuf,
    },
}

/// What the left half of an A|B pair shows.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Condition {
    Sketch,
    Gray,
    Photo,
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| AtelierError::Io(format!("{}: {e}", path.display())))
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::FastStyle {
            content, style, out, steps, batch, size, photo_size, lr, lr_final, init_from, adv_weight, weights, channels, res_blocks, seed,
            sample_every, checkpoint_every, resume, cpu,
        } => {
            let channels: [usize; 3] = channels
                .try_into()
                .map_err(|_| AtelierError::BadConfig("--channels takes three numbers, e.g. 16,32,64".into()))?;
            let settings = fast_style::FastStyleSettings {
                content_dir: content,
                style_image: style,
                config: FastStyleConfig { channels, res_blocks },
                steps,
                batch,
                size,
                photo_size,
                style_size: weights.style_size,
                lr,
                lr_final,
                init_from,
                content_weight: weights.content_weight,
                style_weight: weights.style_weight,
                tv_weight: weights.tv_weight,
                adv_weight,
                content_tap: weights.content_tap.clone(),
                seed,
                sample_every: sample_every.max(1),
                checkpoint_every: checkpoint_every.max(1),
            };
            let device = train::train_device(cpu);
            let ckpt = fast_style::train(settings, &out, resume, weights.lossnet.as_deref(), &device)?;
            println!(
                "checkpoint: {}\nnext: trainer export --run {} --name NAME --title \"…\" --artist \"…\" --licence \"public domain\" --source \"…\"",
                ckpt.display(),
                out.display()
            );
        }
        Command::Pix2pix {
            data, input, pair_input, out, steps, batch, size, load_size, base, depth, lr, decay_from, l1_weight, adv_weight,
            l1_only_steps, work_size, seed, sample_every, checkpoint_every, resume, cpu,
        } => {
            let model_input = match (input, pair_input) {
                (PairSource::Edges, _) | (PairSource::Ab, Condition::Sketch) => InputKind::Sketch,
                (PairSource::Gray, _) | (PairSource::Ab, Condition::Gray) => InputKind::Gray,
                (PairSource::Ab, Condition::Photo) => InputKind::Photo,
            };
            let output = if model_input == InputKind::Gray { OutputKind::Chroma } else { OutputKind::Rgb };
            let mut config = Pix2PixConfig::new(model_input, output, base, depth);
            if output == OutputKind::Chroma {
                config.work_size = Some(work_size);
            }
            let settings = pix2pix::Pix2PixSettings {
                data,
                source: input,
                config,
                steps,
                batch: batch.max(1),
                size,
                load_size: load_size.unwrap_or(size + size / 8).max(size),
                lr,
                decay_from: decay_from.unwrap_or(steps / 2),
                l1_weight,
                adv_weight,
                l1_only_steps,
                seed,
                sample_every: sample_every.max(1),
                checkpoint_every: checkpoint_every.max(1),
            };
            let device = train::train_device(cpu);
            let ckpt = pix2pix::train(settings, &out, resume, &device)?;
            println!(
                "checkpoint: {}\nnext: trainer export --run {} --name NAME --title \"…\" --artist \"(the data's author)\" --licence \"…\" --source \"…\"",
                ckpt.display(),
                out.display()
            );
        }
        Command::Export { run, name, models, title, artist, year, licence, source, f32 } => {
            let credit = StyleCredit { title, artist, year, licence, source };
            train::export::export(&train::export::ExportRequest { run, name, models, credit, f32 })?;
        }
        Command::Stylize { model, input, output, strength, preserve_colour, tile } => {
            let stylizer = Stylizer::new(&read(&model)?, Device::flex())?;
            let photo = Planar::open(&input)?;
            let t = std::time::Instant::now();
            let options = StyleOptions { strength, preserve_colour, tile, stats_size: tile, ..StyleOptions::default() };
            let out = stylizer.stylize_blocking(&photo, &options)?;
            out.save(&output)?;
            println!("{} ({}×{}) in {:.2} s", output.display(), out.width, out.height, t.elapsed().as_secs_f64());
        }
        Command::Gatys { input, style, output, size, steps, weights } => {
            let device = Device::flex().autodiff();
            let lossnet = train::load_lossnet(weights.lossnet.as_deref(), &device)?;
            let (_, style_loss) = fast_style::style_target(&style, weights.style_size, &lossnet, &device)?;
            let content = ContentLoss::new(fast_style::content_tap(&weights.content_tap)?);
            let photo = data::fit_long_side(&Planar::open(&input)?, size);
            let settings = gatys_settings(&weights, steps);
            let bar = train::util::progress_bar(steps as u64, 0);
            let out = gatys::stylize(&lossnet, &photo, &content, &style_loss, &settings, &device, |_, l| {
                bar.set_message(format!("loss {l:.4}"));
                bar.inc(1);
            })?;
            bar.finish();
            out.save(&output)?;
            let s = eval::score(&lossnet, &out, &photo, &content, &style_loss, &device);
            println!("{}: content {:.4} style {:.5}", output.display(), s.content, s.style);
        }
        Command::Eval { pairs, content, data, input, max, photos, size, gatys_steps, gatys_cache, weights } => {
            let (style, translation): (Vec<String>, Vec<String>) = pairs.into_iter().partition(|p| p.contains('='));
            if !style.is_empty() {
                let content = content.ok_or_else(|| AtelierError::BadConfig("style models need --content PHOTOS".into()))?;
                run_eval(&style, &content, photos, size, gatys_steps, gatys_cache.as_deref(), &weights)?;
            }
            if !translation.is_empty() {
                let data = data.ok_or_else(|| AtelierError::BadConfig("translation models need --data PAIRS (or write MODEL=PAINTING for a style model)".into()))?;
                let device = Device::flex();
                let lossnet = train::load_lossnet(weights.lossnet.as_deref(), &device)?;
                for model in &translation {
                    let e = train::eval_translation::evaluate(&read(Path::new(model))?, &data, input, max, &lossnet, &device)?;
                    println!("{model}: KID on EfficientNet-Lite0 b8.exp pooled features (224², not used in training)\n{}", e.markdown());
                }
            }
        }
        Command::Inspect { model } => inspect(&model)?,
        Command::Sheet { photos, models, out, size } => {
            let stylizers = models.iter().map(|m| Stylizer::new(&read(m)?, Device::flex())).collect::<Result<Vec<_>>>()?;
            let mut rows = Vec::new();
            for p in &photos {
                let photo = data::fit_long_side(&Planar::open(p)?, size);
                let mut row = vec![photo.clone()];
                for s in &stylizers {
                    row.push(s.stylize_blocking(&photo, &StyleOptions::default())?);
                }
                rows.push(row);
            }
            train::util::contact_sheet(&rows, 256).save(&out)?;
            let names: Vec<&str> = stylizers.iter().map(|s| s.meta().name.as_str()).collect();
            println!("{}: columns photo, {}", out.display(), names.join(", "));
        }
        Command::Bench { repeats, weights } => {
            let bytes = read(&train::lossnet_path(weights.lossnet.as_deref())?)?;
            let report = train::bench::run(&bytes, repeats.max(1))?;
            println!("{}", serde_json::to_string_pretty(&report).map_err(|e| AtelierError::Io(e.to_string()))?);
        }
        Command::ImportLossnet { from, out } => {
            let bytes = train::lossnet_import::import(&read(&from)?)?;
            if let Some(dir) = out.parent() {
                std::fs::create_dir_all(dir)?;
            }
            train::util::write_atomic(&out, &bytes)?;
            println!("wrote {} ({} bytes)", out.display(), bytes.len());
        }
    }
    Ok(())
}

fn gatys_settings(w: &LossWeights, steps: usize) -> gatys::GatysSettings {
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

fn run_eval(
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

fn inspect(path: &Path) -> Result<()> {
    let bytes = read(path)?;
    let meta = pack::read_meta(&bytes)?;
    let stylizer = Stylizer::new(&bytes, Device::flex())?;
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
    let params = stylizer.net().num_params();
    println!("file:       {} ({} bytes; f32 weights would be {} bytes: {:.3}×)", path.display(), bytes.len(), params * 4, bytes.len() as f64 / (params * 4) as f64);
    println!("kind:       {} {:?}", meta.kind.name(), meta.kind);
    println!("parameters: {params}");
    println!("tensors:    {dtypes:?}");
    println!("weights:    {}", meta.weights);
    println!("style:      {} — {} ({}), {}; {}", meta.style.title, meta.style.artist, meta.style.year, meta.style.licence, meta.style.source);
    println!("training:   {} steps ({}) on {} photos; weights {:?}", meta.train.steps, meta.train.schedule_text(), meta.train.content_images, meta.train.weights);
    println!("losses:     {:?}", meta.train.final_losses);
    if let Some(db) = meta.train.int8_psnr_db {
        println!("quality:    int8 PSNR vs f32: {db:.1} dB (a held-out photo)");
    }
    Ok(())
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
