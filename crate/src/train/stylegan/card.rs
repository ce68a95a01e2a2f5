//! The model card of a StyleGAN model.

use super::settings::StyleGanSettings;
use crate::pack::ModelMeta;
use crate::train::run::card::{data_and_steps, gan_card_end};

/// The model card of a StyleGAN model.
pub fn card(meta: &ModelMeta, s: &StyleGanSettings, bytes: usize, f32_bytes: usize, previous: Option<&str>) -> String {
    let t = &meta.train;
    let c = s.config;
    format!(
        "# {title}\n\n\
         | | |\n|---|---|\n\
         | Model | StyleGAN2 (small): z {z} → mapping ({layers} layers, equalised lr × 0.01) → w {w}; learned 4×4 constant; \
         modulated 3×3 convs with demodulation, noise and ToRGB skips up to {res}²; channels min({max}, {base}/r); \
         discriminator (not shipped): {disc} |\n\
         | Training data | {images} images of `{data}`, all used for training (horizontal flips) |\n\
         {steps} = {kimg:.1} kimg (Adam {lr}, β 0/0.99; non-saturating loss; R1 γ {gamma} every {r1} steps, \
         by finite differences; style mixing {mixing}; DiffAugment ({augment}); EMA half-life {ema} kimg) |\n\
         | Genes | the {genes} principal directions of w over 10 000 seeds (GANSpace), with their standard deviations |\n\
         {end}",
        title = meta.style.title,
        z = c.z_dim,
        layers = c.mapping_layers,
        w = c.w_dim,
        res = c.resolution,
        max = c.channel_max,
        base = c.channel_base,
        images = t.content_images,
        data = s.data.file_name().and_then(|f| f.to_str()).unwrap_or(""),
        steps = data_and_steps(meta, s.batch, None),
        kimg = (t.steps * s.batch as u64) as f64 / 1000.0,
        lr = s.lr,
        gamma = s.r1_gamma,
        r1 = s.r1_every,
        mixing = s.mixing,
        augment = s.augment.describe(),
        disc = s.discriminator.describe(),
        ema = s.ema_kimg,
        genes = crate::models::GENES,
        end = gan_card_end(
            meta,
            (bytes, f32_bytes),
            "; the images of 16 seeds at ψ 0.7 are compared",
            previous,
            [
                "(run `trainer eval MODEL --data REAL_IMAGES` and paste its table here)",
                "(to be written after looking at a sample grid: `trainer generate`)"
            ]
        ),
    )
}
