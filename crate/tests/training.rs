//! `trainer fast-style` on a few tiny steps: a stopped run resumes where its checkpoint left it,
//! and a fine-tune starts from an exported model file and records the stages behind it.
#![cfg(feature = "train")]
mod common;

use std::path::{Path, PathBuf};

use atelier::error::AtelierError;
use atelier::image::{Planar, psnr};
use atelier::models::FastStyleConfig;
use atelier::nn::NormState;
use atelier::pack::{self, Stage};
use atelier::train::fast_style::{self, FastStyleSettings, read_state};
use burn::tensor::Device;

/// Six small photos (every sixth is held out, so one is) cut from the test photo.
fn content_dir(root: &Path) -> PathBuf {
    let dir = root.join("content");
    std::fs::create_dir_all(&dir).unwrap();
    let photo = Planar::open(&common::repo("tests/fixtures/chelsea.jpg")).unwrap();
    for i in 0..6 {
        photo.crop(i * 40, i * 20, 200, 150).resize(80, 60).save(&dir.join(format!("p{i}.png"))).unwrap();
    }
    dir
}

fn settings(root: &Path, steps: u64) -> FastStyleSettings {
    FastStyleSettings {
        content_dir: content_dir(root),
        style_image: common::repo("tests/fixtures/chelsea.jpg"),
        config: FastStyleConfig::default(),
        steps,
        batch: 1,
        size: 32,
        photo_size: None,
        style_size: 64,
        lr: 1e-3,
        lr_final: None,
        init_from: None,
        content_weight: 1.0,
        style_weight: 4.0,
        tv_weight: 1.0,
        adv_weight: 0.02,
        content_tap: "b3.exp".into(),
        seed: 7,
        sample_every: 1000,
        checkpoint_every: 2,
    }
}

fn train(s: FastStyleSettings, run: &Path, resume: bool) -> Result<PathBuf, AtelierError> {
    let lossnet = common::repo("models/lossnet/efficientnet_lite0_b0-8.safetensors");
    fast_style::train(s, run, resume, Some(&lossnet), &Device::flex().autodiff())
}

/// The test photo through a checkpoint (f32 run weights) or a model file.
fn stylize_checkpoint(path: &Path) -> Planar {
    let device = Device::flex();
    let net = fast_style::load_module(FastStyleConfig::default().init(&device), path).unwrap();
    let photo = Planar::open(&common::repo("tests/fixtures/chelsea.jpg")).unwrap();
    pollster::block_on(Planar::from_tensor(net.forward(photo.to_tensor(&device), &mut NormState::own()))).unwrap()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atelier-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn a_stopped_run_resumes_from_its_checkpoint() {
    let root = temp("resume");
    let run = root.join("run");
    train(settings(&root, 2), &run, false).unwrap();
    let first = stylize_checkpoint(&run.join(fast_style::CHECKPOINT));
    assert_eq!(read_state(&run.join(fast_style::STATE)).unwrap().step, 2);

    // Starting again without --resume would overwrite the run: refused, and nothing is lost.
    let err = train(settings(&root, 4), &run, false).unwrap_err();
    assert_eq!(err.to_string(), format!("{} already holds a run; pass --resume to continue it or choose another --out", run.display()));
    assert_eq!(read_state(&run.join(fast_style::STATE)).unwrap().step, 2);

    // --resume with more steps continues from step 2 and trains on.
    train(settings(&root, 4), &run, true).unwrap();
    let state = read_state(&run.join(fast_style::STATE)).unwrap();
    assert_eq!(state.step, 4);
    assert_eq!(state.stages(), vec![Stage { steps: 4, crop: 32 }]);
    for key in ["content", "style", "tv", "adversarial", "total"] {
        assert!(state.last_losses[key].is_finite(), "{key}: {:?}", state.last_losses);
    }
    let resumed = stylize_checkpoint(&run.join(fast_style::CHECKPOINT));
    let db = psnr(&first.data, &resumed.data);
    println!("step 2 vs step 4 output: {db:.1} dB");
    assert!(db < 80.0, "two more steps left the network unchanged ({db:.1} dB)");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn fine_tuning_starts_from_an_exported_model_file() {
    let root = temp("finetune");
    let parent = common::repo("tests/fixtures/starry_night_f32.bpk");
    let parent_meta = pack::read_meta(&std::fs::read(&parent).unwrap()).unwrap();
    let run = root.join("run");
    let s = FastStyleSettings { init_from: Some(parent.clone()), lr: 1e-4, ..settings(&root, 2) };
    train(s.clone(), &run, false).unwrap();

    let state = read_state(&run.join(fast_style::STATE)).unwrap();
    let mut expected = parent_meta.train.schedule();
    assert!(!expected.is_empty());
    expected.push(Stage { steps: 2, crop: 32 });
    assert_eq!(state.stages(), expected);

    // Two small steps from the parent: close to its output, but not equal (the weights train).
    // A network that ignored the parent would be some 10 dB away; one without gradients, equal.
    let photo = Planar::open(&common::repo("tests/fixtures/chelsea.jpg")).unwrap();
    let parent_out =
        pollster::block_on(atelier::Stylizer::new(&std::fs::read(&parent).unwrap(), Device::flex()).unwrap().forward(&photo, &mut NormState::own()))
            .unwrap();
    let tuned = stylize_checkpoint(&run.join(fast_style::CHECKPOINT));
    let db = psnr(&parent_out.data, &tuned.data);
    println!("fine-tuned 2 steps vs parent: {db:.1} dB");
    assert!((25.0..80.0).contains(&db), "{db:.1} dB");

    // A parent of another width is refused with the fix in the message.
    let narrow = FastStyleSettings { config: FastStyleConfig { channels: [8, 16, 32], res_blocks: 5 }, ..s };
    let err = train(narrow, &root.join("narrow"), false).unwrap_err();
    assert!(matches!(err, AtelierError::BadConfig(_)), "{err:?}");
    assert!(err.to_string().ends_with("use the same --channels and --res-blocks"), "{err}");
    let _ = std::fs::remove_dir_all(&root);
}
