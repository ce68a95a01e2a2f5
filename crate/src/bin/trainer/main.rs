//! `trainer`: train, export, run and evaluate Atelier's style networks natively.

mod cli;
mod dump;
mod gan;
mod inspect;
mod style_eval;

use std::path::Path;
use std::process::ExitCode;

use atelier::error::{AtelierError, Result};
use atelier::image::Planar;
use atelier::loss::ContentLoss;
use atelier::models::{FastStyleConfig, InputKind, OutputKind, Pix2PixConfig};
use atelier::pack::StyleCredit;
use atelier::train::pairs::PairSource;
use atelier::train::{self, cyclegan, data, eval, fast_style, gatys, pix2pix};
use atelier::{StyleOptions, Stylizer};
use burn::tensor::Device;
use clap::Parser;

use cli::{Cli, Command, Condition};
use style_eval::{gatys_settings, run_eval};

pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| AtelierError::Io(format!("{}: {e}", path.display())))
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::FastStyle {
            content, style, out, steps, batch, size, photo_size, lr, lr_final, init_from, adv_weight, weights, channels, res_blocks,
            sample_every, run,
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
                seed: run.seed,
                sample_every: sample_every.max(1),
                checkpoint_every: run.checkpoint_every.max(1),
            };
            let device = train::train_device(run.cpu);
            let ckpt = fast_style::train(settings, &out, run.resume, weights.lossnet.as_deref(), &device)?;
            println!(
                "checkpoint: {}\nnext: trainer export --run {} --name NAME --title \"…\" --artist \"…\" --licence \"public domain\" --source \"…\"",
                ckpt.display(),
                out.display()
            );
        }
        Command::Pix2pix {
            data, input, pair_input, out, steps, batch, size, load_size, base, depth, lr, decay_from, l1_weight, adv_weight,
            l1_only_steps, work_size, init_from, sample_every, run,
        } => {
            let model_input = match (input, pair_input) {
                (PairSource::Edges, _) | (PairSource::Ab, Condition::Sketch) => InputKind::Sketch,
                (PairSource::Gray, _) | (PairSource::Ab, Condition::Gray) => InputKind::Gray,
                (PairSource::Ab, Condition::Photo) => InputKind::Photo,
            };
            let output = if model_input == InputKind::Gray { OutputKind::Chroma } else { OutputKind::Rgb };
            let mut config = Pix2PixConfig::new(model_input, output, base, depth);
            config.work_size = work_size.or(config.work_size);
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
                init_from,
                seed: run.seed,
                sample_every: sample_every.max(1),
                checkpoint_every: run.checkpoint_every.max(1),
            };
            let device = train::train_device(run.cpu);
            let ckpt = pix2pix::train(settings, &out, run.resume, &device)?;
            println!(
                "checkpoint: {}\nnext: trainer export --run {} --name NAME --title \"…\" --artist \"(the data's author)\" --licence \"…\" --source \"…\"",
                ckpt.display(),
                out.display()
            );
        }
        Command::Cyclegan {
            a, b, a_name, b_name, out, steps, batch, size, load_size, channels, res_blocks, d_base, lr, decay_from, cycle_weight,
            identity_weight, pool_size, diff_augment, init_ab, init_ba, sample_every, run,
        } => {
            let channels: [usize; 3] = channels
                .try_into()
                .map_err(|_| AtelierError::BadConfig("--channels takes three numbers, e.g. 16,32,64".into()))?;
            let settings = cyclegan::CycleGanSettings {
                a,
                b,
                a_name,
                b_name,
                generator: FastStyleConfig { channels, res_blocks },
                discriminator: atelier::models::PatchDiscriminatorConfig { in_channels: 3, base: d_base, layers: 3 },
                steps,
                batch: batch.max(1),
                size,
                load_size: load_size.unwrap_or(size + size / 8).max(size),
                lr,
                decay_from: decay_from.unwrap_or(steps / 2),
                cycle_weight,
                identity_weight,
                pool_size,
                augment: if diff_augment { atelier::train::augment::DiffAugment::ALL } else { Default::default() },
                init_ab,
                init_ba,
                seed: run.seed,
                sample_every: sample_every.max(1),
                checkpoint_every: run.checkpoint_every.max(1),
            };
            let device = train::train_device(run.cpu);
            let ckpt = cyclegan::train(settings, &out, run.resume, &device)?;
            println!("checkpoint: {}\nnext: trainer export --run {} --name NAME --title \"…\" --artist \"…\" --licence \"…\" --source \"…\"", ckpt.display(), out.display());
        }
        Command::Export { run, name, models, title, artist, year, licence, source, f32 } => {
            let credit = StyleCredit { title, artist, year, licence, source };
            train::export::export(&train::export::ExportRequest { run, name, models, credit, f32 })?;
        }
        Command::Stylize { model, input, output, strength, preserve_colour, tile, split } => {
            let stylizer = Stylizer::new(&read(&model)?, Device::flex())?;
            let photo = Planar::open(&input)?;
            let t = std::time::Instant::now();
            let defaults = StyleOptions::with_tile(tile);
            let options = StyleOptions { strength, preserve_colour, split: split.unwrap_or(defaults.split).min(tile), ..defaults };
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
        Command::Eval { pairs, content, data, a, b, input, max, sheet, photos, size, gatys_steps, gatys_cache, weights } => {
            let (style, translation): (Vec<String>, Vec<String>) = pairs.into_iter().partition(|p| p.contains('='));
            if !style.is_empty() {
                let content = content.ok_or_else(|| AtelierError::BadConfig("style models need --content PHOTOS".into()))?;
                run_eval(&style, &content, photos, size, gatys_steps, gatys_cache.as_deref(), &weights)?;
            }
            let kind = |m: &String| read(Path::new(m)).and_then(|b| atelier::pack::read_meta(&b)).map(|meta| meta.kind.name());
            let (gans, translation): (Vec<String>, Vec<String>) = translation.into_iter().partition(|m| kind(m).is_ok_and(|k| k == "stylegan"));
            for model in &gans {
                let real = data.as_ref().ok_or_else(|| AtelierError::BadConfig("StyleGAN models need --data REAL_IMAGES".into()))?;
                let device = Device::flex();
                let lossnet = train::load_lossnet(weights.lossnet.as_deref(), &device)?;
                let e = train::eval_stylegan::evaluate(&read(Path::new(model))?, real, max, &lossnet, &device)?;
                println!("{model}: KID on EfficientNet-Lite0 b8.exp pooled features (224²; not Inception, not FID)\n{}", e.markdown());
            }
            let (cycle, translation): (Vec<String>, Vec<String>) = translation.into_iter().partition(|m| kind(m).is_ok_and(|k| k == "cyclegan"));
            if !cycle.is_empty() {
                let (Some(a), Some(b), [forward, back]) = (a, b, cycle.as_slice()) else {
                    return Err(AtelierError::BadConfig("CycleGAN models: give both directions' files, --a DIR and --b DIR".into()));
                };
                let device = Device::flex();
                let lossnet = train::load_lossnet(weights.lossnet.as_deref(), &device)?;
                let dirs = train::eval_cyclegan::evaluate(&read(Path::new(forward))?, &read(Path::new(back))?, &a, &b, max, 256, &lossnet, &device)?;
                println!("KID on EfficientNet-Lite0 b8.exp pooled features (224², not used in training)\n{}", train::eval_cyclegan::markdown(&dirs));
                if let Some(path) = &sheet {
                    let rows: Vec<Vec<Planar>> = dirs.iter().flat_map(|d| d.examples.clone()).collect();
                    train::util::contact_sheet(&rows, 192).save(path)?;
                    println!("{}: rows of held-out input | translated | translated back, A then B", path.display());
                }
            }
            if !translation.is_empty() {
                let data = data.ok_or_else(|| AtelierError::BadConfig("translation models need --data PAIRS (or write MODEL=PAINTING for a style model)".into()))?;
                let device = Device::flex();
                let lossnet = train::load_lossnet(weights.lossnet.as_deref(), &device)?;
                for model in &translation {
                    let e = train::eval_translation::evaluate(&read(Path::new(model))?, &data, input, max, &lossnet, &device)?;
                    println!("{model}: KID on EfficientNet-Lite0 b8.exp pooled features (224², not used in training)\n{}", e.markdown());
                    if let Some(path) = &sheet {
                        train::util::contact_sheet(&e.examples, 192).save(path)?;
                        println!("{}: rows of held-out input | output | target", path.display());
                    }
                }
            }
        }
        Command::Stylegan(args) => gan::train_stylegan(args)?,
        Command::Generate(args) => gan::generate(args)?,
        Command::DumpWeights(args) => dump::dump_weights(&args.model, &args.out)?,
        Command::Inspect { model } => inspect::inspect(&model)?,
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
