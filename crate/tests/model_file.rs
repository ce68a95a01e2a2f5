//! Model files: round trip, int8 size and quality, and the errors a wrong file gets.
mod common;

use std::collections::BTreeMap;

use atelier::error::AtelierError;
use atelier::image::{Planar, psnr};
use atelier::models::FastStyleConfig;
use atelier::nn::NormState;
use atelier::pack::{self, KEY_FORMAT, KEY_META, ModelKind, ModelMeta};
use atelier::{StyleOptions, Stylizer};
use burn::store::{BurnpackStore, ModuleSnapshot};
use burn::tensor::Device;

fn meta(weights: &str) -> ModelMeta {
    ModelMeta {
        kind: ModelKind::FastStyle(FastStyleConfig::default()),
        name: "test".into(),
        style: Default::default(),
        train: Default::default(),
        weights: weights.into(),
    }
}

fn photo() -> Planar {
    Planar::open(&common::repo("tests/fixtures/chelsea.jpg")).unwrap()
}

fn random_model() -> (Vec<u8>, Vec<u8>) {
    let net = FastStyleConfig::default().init(&Device::flex());
    let f32_bytes = pack::to_bytes(&net, &meta("f32")).unwrap();
    let q = pack::to_bytes(&pack::quantize_per_channel(net), &meta("q8s-per-channel")).unwrap();
    (f32_bytes, q)
}

#[test]
fn f32_round_trip_is_exact() {
    let device = Device::flex();
    let net = FastStyleConfig::default().init(&device);
    let img = photo();
    let direct = pollster::block_on(Planar::from_tensor(net.forward(img.to_tensor(&device), &mut NormState::own()))).unwrap();
    let bytes = pack::to_bytes(&net, &meta("f32")).unwrap();
    // Exact on burn's kernels (the same arithmetic as `direct`); the fast CPU path is held to
    // burn's output in tests/fast_path.rs.
    let loaded = Stylizer::new(&bytes, device).unwrap().reference();
    assert_eq!(loaded.meta(), &meta("f32"));
    let again = pollster::block_on(loaded.forward(&img, &mut NormState::own())).unwrap();
    assert_eq!(direct.data, again.data);
}

/// A trained network (The Starry Night, f32 weights): quantization is judged on real weights.
fn trained_f32() -> Vec<u8> {
    std::fs::read(common::repo("tests/fixtures/starry_night_f32.bpk")).unwrap()
}

#[test]
fn int8_file_is_small_and_close_to_f32() {
    let f32_bytes = trained_f32();
    let (net, meta) = pack::load_fast_style(&f32_bytes, &Device::flex()).unwrap();
    assert_eq!(meta.weights, "f32");
    let q = pack::to_bytes(&pack::quantize_per_channel(net), &ModelMeta { weights: "q8s-per-channel".into(), ..meta }).unwrap();
    let ratio = q.len() as f64 / f32_bytes.len() as f64;
    assert!(ratio <= 0.27, "quantized file is {ratio:.3}× the f32 file");
    let img = photo();
    let opts = StyleOptions::default();
    let a = Stylizer::new(&f32_bytes, Device::flex()).unwrap().stylize_blocking(&img, &opts).unwrap();
    let b = Stylizer::new(&q, Device::flex()).unwrap().stylize_blocking(&img, &opts).unwrap();
    let db = psnr(&a.data, &b.data);
    println!("int8 file {ratio:.3}× the f32 file; output PSNR {db:.1} dB");
    assert!(db >= 40.0, "quantized output PSNR {db:.1} dB");
}

fn load_err(bytes: &[u8]) -> AtelierError {
    match Stylizer::new(bytes, Device::flex()) {
        Ok(_) => panic!("loading should fail"),
        Err(e) => e,
    }
}

#[test]
fn truncated_file_is_reported_as_damaged() {
    let (_, q) = random_model();
    let err = load_err(&q[..q.len() / 2]);
    assert!(matches!(err, AtelierError::CorruptModel(_)), "{err:?}");
    assert!(err.to_string().starts_with("the model file is damaged or incomplete ("), "{err}");
}

#[test]
fn non_model_bytes_are_not_a_model() {
    let png = std::fs::read(common::repo("tests/fixtures/chelsea.jpg")).unwrap();
    let err = load_err(&png);
    assert!(matches!(err, AtelierError::NotAModel(_)), "{err:?}");
    assert!(err.to_string().ends_with("pick a .bpk file exported by `trainer export`"), "{err}");
}

fn pack_with(format: &str, meta_json: &str) -> Vec<u8> {
    let net = FastStyleConfig::default().init(&Device::flex());
    let mut store = BurnpackStore::from_bytes(None).metadata(KEY_FORMAT, format).metadata(KEY_META, meta_json);
    net.save_into(&mut store).unwrap();
    store.get_bytes().unwrap().to_vec()
}

#[test]
fn other_model_kind_is_named() {
    let json = serde_json::json!({"kind": "diffusion", "config": {}, "name": "x"}).to_string();
    let err = load_err(&pack_with("1", &json));
    assert_eq!(
        err.to_string(),
        "this model is a `diffusion` model, a kind this version of Atelier does not know (it reads fast_style, pix2pix, cyclegan, stylegan); \
         update Atelier or pick another model"
    );
}

#[test]
fn a_model_of_another_family_is_refused_where_one_kind_is_needed() {
    use atelier::models::{InputKind, OutputKind, Pix2PixConfig};
    let config = Pix2PixConfig::new(InputKind::Sketch, OutputKind::Rgb, 8, 3);
    let m = ModelMeta { kind: ModelKind::Pix2Pix(config), ..meta("f32") };
    let bytes = pack::to_bytes(&config.init(&Device::flex()), &m).unwrap();
    let err = pack::load_fast_style(&bytes, &Device::flex()).unwrap_err();
    assert_eq!(err.to_string(), "this model is a `pix2pix` model, but a `fast_style` model is needed here");
    // A file whose kind is known but whose tensors belong to another network is damaged.
    let wrong = pack_with("1", &serde_json::to_string(&m).unwrap());
    assert!(matches!(load_err(&wrong), AtelierError::CorruptModel(_)), "{:?}", load_err(&wrong));
}

#[test]
fn version_mismatch_is_explained() {
    let json = serde_json::to_string(&meta("f32")).unwrap();
    let err = load_err(&pack_with("2", &json));
    assert_eq!(
        err.to_string(),
        "this model file has format version 2, but this version of Atelier reads version 1; \
         re-export the model with a matching `trainer` or update Atelier"
    );
}

#[test]
fn burnpack_without_atelier_metadata_is_not_a_model() {
    let net = FastStyleConfig::default().init(&Device::flex());
    let mut store = BurnpackStore::from_bytes(None);
    net.save_into(&mut store).unwrap();
    let err = load_err(&store.get_bytes().unwrap());
    assert_eq!(
        err.to_string(),
        "this is not an Atelier model file (a Burnpack file without Atelier metadata); pick a .bpk file exported by `trainer export`"
    );
    let _ = BTreeMap::<u8, u8>::new();
}
