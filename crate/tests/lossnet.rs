//! The loss network reproduces the reference activations of the original PyTorch model.
#![cfg(feature = "train")]
mod common;

use atelier::features::LossNet;
use burn::tensor::{Device, Tensor, TensorData};

#[test]
fn taps_match_pytorch_reference_values() {
    let device = Device::flex();
    let net = LossNet::load(std::fs::read(common::repo(atelier::train::LOSSNET_FILE)).unwrap(), &device).unwrap();
    let refs: serde_json::Value = serde_json::from_slice(&std::fs::read(common::repo("models/lossnet/reference_values.json")).unwrap()).unwrap();

    let n = 256;
    let mut x = vec![0f32; 3 * n * n];
    for c in 0..3 {
        for h in 0..n {
            for w in 0..n {
                x[c * n * n + h * n + w] = ((7 * c + 3 * h + 5 * w) % 256) as f32 / 255.0;
            }
        }
    }
    let taps = net.forward(Tensor::from_data(TensorData::new(x, [1, 3, n, n]), &device));
    let mut checked = 0;
    for (name, r) in refs["taps"].as_object().unwrap() {
        let Some(t) = taps.get(name.as_str()) else { continue };
        let shape: Vec<usize> = r["shape"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
        assert_eq!(t.dims().to_vec(), shape, "{name} shape");
        let [_, c, h, w] = t.dims();
        let v = t.clone().into_data().try_to_vec::<f32>().unwrap();
        let len = v.len() as f64;
        let mean = v.iter().map(|&a| a as f64).sum::<f64>() / len;
        let std = (v.iter().map(|&a| (a as f64 - mean).powi(2)).sum::<f64>() / len).sqrt();
        let elem = v[3 * w + 5] as f64; // [0, 0, 3, 5]
        let _ = (c, h);
        let rel = |got: f64, want: f64| (got - want).abs() / want.abs().max(1e-2);
        let (rm, rs, re) = (r["mean"].as_f64().unwrap(), r["std"].as_f64().unwrap(), r["v[0,0,3,5]"].as_f64().unwrap());
        assert!(rel(mean, rm) <= 1e-3, "{name} mean {mean} vs {rm}");
        assert!(rel(std, rs) <= 1e-3, "{name} std {std} vs {rs}");
        assert!(rel(elem, re) <= 1e-3, "{name} v[0,0,3,5] {elem} vs {re}");
        checked += 1;
    }
    assert_eq!(checked, 7, "all taps up to b8.exp are checked");
}
