//! StyleGAN: a killed run resumes to the same weights as one that ran through (alone in its
//! test binary: the backend's random generator is global), and export writes a model file with
//! its genes.
#![cfg(feature = "train")]
mod common;
mod stylegan_common;

use std::path::Path;

use atelier::breed::Breeder;
use atelier::pack::ModelKind;
use atelier::train::export::{ExportRequest, export};
use atelier::train::stylegan;
use burn::tensor::Device;
use stylegan_common::{settings, tempdir, tiny};

#[test]
fn a_killed_run_resumes_to_the_same_weights_and_exports() {
    let device = Device::flex().autodiff();
    let root = tempdir("resume");
    let (through, resumed) = (root.join("through"), root.join("resumed"));
    stylegan::train(settings(&root, 4), &through, false, &device).unwrap();
    stylegan::train(settings(&root, 2), &resumed, false, &device).unwrap();
    stylegan::train(settings(&root, 4), &resumed, true, &device).unwrap();
    assert_eq!(stylegan::read_state(&resumed).unwrap().step, 4);
    let pixels = |run: &Path, file: &str| {
        let g = atelier::train::run::load_module(tiny().init(&Device::flex()), &run.join(file)).unwrap();
        stylegan::sample_grid(&g, 1.0, &Device::flex()).unwrap().data
    };
    for file in [stylegan::GENERATOR, stylegan::GENERATOR_EMA] {
        assert!(pixels(&through, file) == pixels(&resumed, file), "{file} differs after resuming");
    }
    assert!(root.join("through/samples/step_000004.png").exists());

    // The same with the projected discriminator (its frozen projections come back from the
    // checkpoint, so the resumed run sees the same ones).
    let projected = |steps| stylegan::StyleGanSettings {
        discriminator: atelier::train::stylegan::critic::CriticKind::Projected { input_size: 32 },
        ..settings(&root, steps)
    };
    let (through_p, resumed_p) = (root.join("through_p"), root.join("resumed_p"));
    stylegan::train(projected(3), &through_p, false, &device).unwrap();
    stylegan::train(projected(2), &resumed_p, false, &device).unwrap();
    stylegan::train(projected(3), &resumed_p, true, &device).unwrap();
    for file in [stylegan::GENERATOR, stylegan::GENERATOR_EMA] {
        assert!(pixels(&through_p, file) == pixels(&resumed_p, file), "{file} differs after resuming (projected)");
    }
    assert!(pixels(&through_p, stylegan::GENERATOR) != pixels(&through, stylegan::GENERATOR));

    let models = root.join("models");
    let req = ExportRequest {
        run: through.clone(),
        name: "tiny_gan".into(),
        models: models.clone(),
        credit: atelier::pack::StyleCredit { title: "Tiny".into(), artist: "test".into(), licence: "CC0".into(), ..Default::default() },
        f32: false,
    };
    export(&req).unwrap();
    let bytes = std::fs::read(models.join("tiny_gan/tiny_gan.bpk")).unwrap();
    let b = pollster::block_on(Breeder::new(&bytes, Device::flex())).unwrap();
    assert!(matches!(b.meta().kind, ModelKind::StyleGan(_)));
    assert_eq!(b.meta().train.steps, 4);
    assert!(b.meta().train.int8_psnr_db.is_some_and(|db| db > 25.0), "int8 PSNR {:?}", b.meta().train.int8_psnr_db);
    // The genes are real directions now: a mutation moves the genome.
    let p = pollster::block_on(b.genome_of_seed(1)).unwrap();
    let child = b.mutate(&p, 2, 1.0);
    let moved: f32 = child.ws.iter().zip(&p.ws).map(|(a, b)| (a - b).abs()).sum();
    assert!(moved > 1e-3, "a mutation moved w by {moved}");
    let manifest = std::fs::read_to_string(models.join("manifest.json")).unwrap();
    assert!(manifest.contains("\"kind\": \"stylegan\""), "{manifest}");
    let card = std::fs::read_to_string(models.join("tiny_gan/CARD.md")).unwrap();
    assert!(card.contains("StyleGAN2 (small)") && card.contains("4 at batch 4"), "{card}");
}
