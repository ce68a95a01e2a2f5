//! The model card of a pix2pix model.

use super::settings::Pix2PixSettings;
use crate::pack::ModelMeta;
use crate::train::run::card::{REALISM, data_and_steps, gan_card_end};

/// The model card of a translation model (pix2pix): data, licence, network, training, figures.
pub fn card(meta: &ModelMeta, s: &Pix2PixSettings, bytes: usize, f32_bytes: usize, previous: Option<&str>) -> String {
    let t = &meta.train;
    let kind = match &meta.kind {
        crate::pack::ModelKind::Pix2Pix(c) => format!(
            "pix2pix: U-Net {}→{} channels, base {}, depth {}; conditional PatchGAN (base {}, {} layers); input {:?}, output {:?}{}",
            c.generator.in_channels,
            c.generator.out_channels,
            c.generator.base,
            c.generator.depth,
            c.discriminator.base,
            c.discriminator.layers,
            c.input,
            c.output,
            c.work_size.map(|w| format!(", works at {w} px long side")).unwrap_or_default()
        ),
        other => format!("{other:?}"),
    };
    format!(
        "# {title}\n\n\
         | | |\n|---|---|\n\
         | Model | {kind} |\n\
         | Training data | {pairs} pairs from `{data}` ({source:?}); held-out pairs never trained on |\n\
         {steps} (L1 weight {l1}, adversarial {adv}; L1 alone for the first {l1_only} steps) |\n\
         {end}",
        title = meta.style.title,
        pairs = t.content_images,
        data = s.data.file_name().and_then(|f| f.to_str()).unwrap_or(""),
        source = s.source,
        steps = data_and_steps(meta, s.schedule.batch, Some(s.schedule.size)),
        l1 = s.l1_weight,
        adv = s.adv_weight,
        l1_only = s.l1_only_steps,
        end = gan_card_end(
            meta,
            (bytes, f32_bytes),
            REALISM,
            previous,
            ["(run `trainer eval MODEL --data DATA` and paste its table here)", "(to be written after looking at held-out outputs)"]
        ),
    )
}
