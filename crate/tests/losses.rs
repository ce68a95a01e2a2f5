//! Gram matrix and losses against values computed by hand.
mod common;

use std::collections::BTreeMap;

use atelier::loss::{ContentLoss, StyleLoss, gram_matrix, lsgan, relative_squared_error, total_variation};
use burn::tensor::{Device, Tensor, TensorData};

fn t4(v: Vec<f32>, s: [usize; 4]) -> Tensor<4> {
    Tensor::from_data(TensorData::new(v, s), &Device::flex())
}

fn vals<const D: usize>(t: Tensor<D>) -> Vec<f32> {
    t.into_data().try_to_vec::<f32>().unwrap()
}

#[test]
fn gram_matrix_by_hand() {
    // Two channels over 2×2 pixels: f0 = [1,2,3,4], f1 = [0,1,0,1]; G = F Fᵀ / 4.
    let g = vals(gram_matrix(t4(vec![1., 2., 3., 4., 0., 1., 0., 1.], [1, 2, 2, 2])));
    assert_eq!(g, vec![30.0 / 4.0, 6.0 / 4.0, 6.0 / 4.0, 2.0 / 4.0]);
}

#[test]
fn relative_error_by_hand() {
    // ‖[1,1] − [1,3]‖² / ‖[1,3]‖² = 4 / 10.
    let a = Tensor::<1>::from_floats([1.0, 1.0], &Device::flex());
    let b = Tensor::<1>::from_floats([1.0, 3.0], &Device::flex());
    let v = vals(relative_squared_error(a, b))[0];
    assert!((v - 0.4).abs() < 1e-6, "{v}");
}

#[test]
fn total_variation_by_hand() {
    // 1×1×2×3 image [[0,1,3],[2,2,2]]: |dx| mean = (1+2+0+0)/4, |dy| mean = (2+1+1)/3.
    let v = vals(total_variation(t4(vec![0., 1., 3., 2., 2., 2.], [1, 1, 2, 3])))[0];
    assert!((v - (0.75 + 4.0 / 3.0)).abs() < 1e-6, "{v}");
}

#[test]
fn lsgan_targets() {
    let s = t4(vec![0.5, 1.5], [1, 1, 1, 2]);
    assert!((vals(lsgan(s.clone(), true))[0] - 0.25).abs() < 1e-6);
    assert!((vals(lsgan(s, false))[0] - 1.25).abs() < 1e-6);
}

#[test]
fn style_and_content_losses_by_hand() {
    let target = t4(vec![1., 2., 3., 4., 0., 1., 0., 1.], [1, 2, 2, 2]);
    let output = t4(vec![1., 2., 3., 4., 0., 0., 0., 0.], [1, 2, 2, 2]);
    let mut taps_t = BTreeMap::new();
    taps_t.insert("stem", target.clone());
    let mut taps_o = BTreeMap::new();
    taps_o.insert("stem", output);
    // Gram target [[7.5,1.5],[1.5,.5]], output [[7.5,0],[0,0]]: ‖Δ‖² = 2·2.25 + .25 = 4.75;
    // ‖Gt‖² = 56.25 + 4.5 + .25 = 61.
    let style = StyleLoss::new(&taps_t, &["stem"]);
    let v = vals(style.forward(&taps_o))[0];
    assert!((v - 4.75 / 61.0).abs() < 1e-6, "{v}");
    // Content: ‖Δ‖² = 2, ‖target‖² = 30 + 2.
    let c = vals(ContentLoss::new("stem").forward(&taps_o, &taps_t))[0];
    assert!((c - 2.0 / 32.0).abs() < 1e-6, "{c}");
}
