//! The model card of one direction of a CycleGAN.

use super::settings::CycleGanSettings;
use crate::pack::ModelMeta;
use crate::train::run::card::{REALISM, data_and_steps, gan_card_end};

/// What a CycleGAN generator started from (`--init-ab`, `--init-ba`).
fn started_from(file: Option<&std::path::Path>) -> String {
    match file.and_then(|f| f.file_name()) {
        Some(name) => format!("the weights of `{}` (fine-tuned from there)", name.to_string_lossy()),
        None => "random weights".into(),
    }
}

/// The model card of one direction of a CycleGAN.
pub fn card(meta: &ModelMeta, s: &CycleGanSettings, images: (usize, usize), bytes: usize, f32_bytes: usize, previous: Option<&str>) -> String {
    format!(
        "# {title}\n\n\
         | | |\n|---|---|\n\
         | Model | CycleGAN: ResNet generator {g:?}; PatchGAN of the target domain (base {db}, 3 layers) |\n\
         | Training data | {na} `{a}` images and {nb} `{b}` images (unpaired; held-out images never trained on) |\n\
         {steps} (cycle {cycle}, identity {id}× cycle, pool {pool}; DiffAugment {aug}) |\n\
         | Generators started from | {a} → {b}: {init_ab}; {b} → {a}: {init_ba} |\n\
         {end}",
        title = meta.style.title,
        g = s.generator,
        db = s.discriminator.base,
        na = images.0,
        nb = images.1,
        a = s.a_name,
        b = s.b_name,
        steps = data_and_steps(meta, s.schedule.batch, Some(s.schedule.size)),
        cycle = s.cycle_weight,
        id = s.identity_weight,
        pool = s.pool_size,
        aug = s.augment.describe(),
        init_ab = started_from(s.init_ab.as_deref()),
        init_ba = started_from(s.init_ba.as_deref()),
        end = gan_card_end(meta, (bytes, f32_bytes), REALISM, previous, ["(not yet evaluated)", "(to be written after looking at held-out outputs)"]),
    )
}
