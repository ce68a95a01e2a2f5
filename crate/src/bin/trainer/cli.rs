//! The command line: every subcommand and its flags.

use std::path::PathBuf;

use atelier::StyleOptions;
use atelier::train;
use atelier::train::pairs::PairSource;
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "trainer", version, about = "Train, export, run and evaluate Atelier style networks")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Clone)]
pub struct LossWeights {
    /// Weight of the content loss (keeps the photo's objects).
    #[arg(long, default_value_t = 1.0)]
    pub content_weight: f64,
    /// Weight of the Gram style loss (brings the painting's colours and strokes). 4 keeps faces
    /// and buildings readable; 10 is stronger and loses them (see the model cards).
    #[arg(long, default_value_t = 4.0)]
    pub style_weight: f64,
    /// Weight of total variation (removes colour speckle).
    #[arg(long, default_value_t = 1.0)]
    pub tv_weight: f64,
    /// Loss-network tap compared for content (`b3.exp` crisper, `b5.exp` more painterly).
    #[arg(long, default_value = "b3.exp")]
    pub content_tap: String,
    /// Long side of the painting when its style is measured (larger = smaller strokes).
    #[arg(long, default_value_t = 256)]
    pub style_size: usize,
    /// The loss network (default: models/lossnet/…).
    #[arg(long)]
    pub lossnet: Option<PathBuf>,
}

/// What every trainer's run takes.
#[derive(Args, Clone, Copy)]
pub struct RunFlags {
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Steps between checkpoints (both networks, optimizers, state.json; atomic).
    #[arg(long, default_value_t = 100)]
    pub checkpoint_every: u64,
    /// Continue the run in --out from its last checkpoint (a larger --steps extends it).
    #[arg(long)]
    pub resume: bool,
    /// Train on the CPU even when a GPU is present.
    #[arg(long)]
    pub cpu: bool,
}

#[derive(Subcommand)]
pub enum Command {
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
        #[arg(long, default_value_t = 250)]
        sample_every: u64,
        #[command(flatten)]
        run: RunFlags,
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
        /// Long side the model works at: larger inputs are downscaled for it. A colourisation
        /// model (default 512) lays its colour under the full-resolution photo; other models
        /// (default: none, full resolution in tiles) have their output upscaled.
        #[arg(long)]
        work_size: Option<usize>,
        /// Continue from an exported model file (`models/x/x.bpk`): both networks, its steps and
        /// hours; for a run whose folder was lost.
        #[arg(long, conflicts_with = "resume")]
        init_from: Option<PathBuf>,
        #[arg(long, default_value_t = 500)]
        sample_every: u64,
        #[command(flatten)]
        run: RunFlags,
    },
    /// Train a CycleGAN (two ResNet generators, two PatchGANs; LSGAN + cycle + identity) on two
    /// unpaired folders of pictures of any size (random crops and flips are taken on the fly).
    Cyclegan {
        /// Domain A: a folder of pictures (with `train/` and `test/`, or `trainA/` and `testA/`
        /// subfolders those are used; else every sixth file is held out).
        #[arg(long)]
        a: PathBuf,
        /// Domain B (`trainB/` and `testB/` in the junyanz layout).
        #[arg(long)]
        b: PathBuf,
        #[arg(long, default_value = "photo")]
        a_name: String,
        #[arg(long, default_value = "painting")]
        b_name: String,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 30000)]
        steps: u64,
        #[arg(long, default_value_t = 1)]
        batch: usize,
        /// Training crop side.
        #[arg(long, default_value_t = 128)]
        size: usize,
        /// Short side pictures are resized to before the random crop (default: 1.12 × --size).
        #[arg(long)]
        load_size: Option<usize>,
        /// Generator channels at full, half and quarter resolution.
        #[arg(long, value_delimiter = ',', default_value = "16,32,64")]
        channels: Vec<usize>,
        #[arg(long, default_value_t = 6)]
        res_blocks: usize,
        /// Discriminator channels of the first layer.
        #[arg(long, default_value_t = 32)]
        d_base: usize,
        #[arg(long, default_value_t = 2e-4)]
        lr: f64,
        /// Constant learning rate until this step, then linear decay to 0 (default: half of --steps).
        #[arg(long)]
        decay_from: Option<u64>,
        #[arg(long, default_value_t = 10.0)]
        cycle_weight: f64,
        /// Identity loss, relative to the cycle weight (0 turns it off).
        #[arg(long, default_value_t = 0.5)]
        identity_weight: f64,
        /// Past fakes the discriminators also see.
        #[arg(long, default_value_t = 50)]
        pool_size: usize,
        /// DiffAugment (colour, translation, cutout) on every image the discriminators see:
        /// for small sets (a few hundred pictures per domain).
        #[arg(long)]
        diff_augment: bool,
        /// Start the A → B generator from this model file instead of random weights: a
        /// fast-style model (e.g. models/starry_night/starry_night.bpk for photo → Van Gogh) or
        /// one direction of a CycleGAN, with the same --channels and --res-blocks.
        #[arg(long)]
        init_ab: Option<PathBuf>,
        /// Start the B → A generator from this model file (as --init-ab).
        #[arg(long)]
        init_ba: Option<PathBuf>,
        #[arg(long, default_value_t = 500)]
        sample_every: u64,
        #[command(flatten)]
        run: RunFlags,
    },
    Stylegan(crate::gan::StyleganArgs),
    Generate(crate::gan::GenerateArgs),
    /// Write the quantized model file (int8 per output channel) with its metadata into
    /// MODELS/NAME/: NAME.bpk, thumb.jpg, CARD.md (if missing); add it to MODELS/manifest.json.
    Export {
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
    },
    /// Write a model file's weights (dequantized to f32) and metadata as SafeTensors (for the
    /// peers in `make bench`).
    DumpWeights(crate::dump::DumpWeights),
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
        /// Largest side done in one pass; larger images go in overlapping tiles of at most 512 (as in the browser)
        #[arg(long, default_value_t = StyleOptions::default().tile)]
        tile: usize,
        /// Tile side once an image is split (default: the smaller of --tile and 512; the
        /// browser's WebGPU path uses 768 for both)
        #[arg(long)]
        split: Option<usize>,
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
pub enum Condition {
    Sketch,
    Gray,
    Photo,
}
