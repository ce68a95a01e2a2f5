//! CycleGAN: a killed run resumes to the same weights as one that ran through (alone in its test
//! binary: the backend's random generator is global, and other tests would draw from it), and
//! export writes both directions as model files.
#![cfg(feature = "train")]
mod common;
mod cyclegan_common;

use cyclegan_common::{settings, tempdir};

use std::path::Path;

use atelier::image::Planar;
use atelier::nn::NormState;
use atelier::pack::ModelKind;
use atelier::train::cyclegan::{self, Nets};
use atelier::{StyleOptions, Stylizer};
use burn::tensor::{Device, Distribution, Tensor};

#[test]
fn a_killed_run_resumes_to_the_same_weights() {
    let device = Device::flex().autodiff();
    let root = tempdir("resume");
    let (through, resumed) = (root.join("through"), root.join("resumed"));
    cyclegan::train(settings(&root, 4), &through, false, &device).unwrap();
    cyclegan::train(settings(&root, 2), &resumed, false, &device).unwrap();
    cyclegan::train(settings(&root, 4), &resumed, true, &device).unwrap();
    assert_eq!(cyclegan::read_state(&resumed).unwrap().step, 4);
    // The same weights (Burnpack files also carry parameter ids, which differ between runs).
    let probe = Tensor::<4>::random([1, 3, 40, 40], Distribution::Uniform(0.0, 1.0), &Device::flex());
    let weights = |run: &Path| {
        let s = settings(&root, 4);
        let n = Nets::new(&s, &Device::flex());
        let g = atelier::train::run::load_module(n.g, &run.join(cyclegan::GENERATORS)).unwrap();
        let d = atelier::train::run::load_module(n.d, &run.join(cyclegan::DISCRIMINATORS)).unwrap();
        let y = g.ba.forward(g.ab.forward(probe.clone(), &mut NormState::own()), &mut NormState::own());
        let v = Tensor::cat(vec![d.a.forward(y.clone()), d.b.forward(y.clone())], 1);
        (y.into_data().try_into_vec::<f32>().unwrap(), v.into_data().try_into_vec::<f32>().unwrap())
    };
    let (a, b) = (weights(&through), weights(&resumed));
    assert!(a.0 == b.0, "the generators differ after resuming");
    assert!(a.1 == b.1, "the discriminators differ after resuming");

    // Export: both directions, each a model file with its domains and discriminator.
    let models = root.join("models");
    let req = atelier::train::export::ExportRequest {
        run: through.clone(),
        name: "swap".into(),
        models: models.clone(),
        credit: Default::default(),
        f32: false,
    };
    atelier::train::export::export(&req).unwrap();
    let photo = Planar::open(&common::repo("tests/fixtures/chelsea.jpg")).unwrap();
    for (name, from, to) in [("swap", "photo", "swapped"), ("swap_reverse", "swapped", "photo")] {
        let bytes = std::fs::read(models.join(name).join(format!("{name}.bpk"))).unwrap();
        let s = Stylizer::new(&bytes, Device::flex()).unwrap();
        match &s.meta().kind {
            ModelKind::CycleGan(c) => assert_eq!((c.from.as_str(), c.to.as_str()), (from, to)),
            other => panic!("{other:?}"),
        }
        let out = s.stylize_blocking(&photo, &StyleOptions::default()).unwrap();
        assert_eq!((out.width, out.height), (451, 300));
        assert!(pollster::block_on(s.realism(&photo, &out)).unwrap().is_some());
    }
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(models.join("manifest.json")).unwrap()).unwrap();
    let kinds: Vec<&str> = manifest["models"].as_array().unwrap().iter().map(|m| m["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["cyclegan", "cyclegan"]);
    // Each entry carries the file's size and SHA-256 (the page checks downloads against them).
    for m in manifest["models"].as_array().unwrap() {
        let file = std::fs::read(models.join(m["file"].as_str().unwrap())).unwrap();
        assert_eq!(m["bytes"].as_u64(), Some(file.len() as u64));
        assert_eq!(m["sha256"].as_str().unwrap(), atelier::train::export::sha256_hex(&file));
        assert_eq!(m["sha256"].as_str().unwrap().len(), 64);
    }

    // A person's note on what the training gave survives a new export; the figures are renewed.
    let mut edited = manifest.clone();
    edited["models"][0]["note"] = serde_json::json!("swaps red and blue");
    edited["models"][0]["bytes"] = serde_json::json!(1);
    std::fs::write(models.join("manifest.json"), serde_json::to_vec(&edited).unwrap()).unwrap();
    atelier::train::export::export(&req).unwrap();
    let again: serde_json::Value = serde_json::from_slice(&std::fs::read(models.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(again["models"][0]["note"], "swaps red and blue");
    assert_eq!(again["models"][0]["bytes"], manifest["models"][0]["bytes"]);
    assert!(again["models"][1].get("note").is_none());
}
