//! Figures the evaluations share: KID on the loss network's pooled features, colourfulness, L1.

use burn::tensor::Device;

use crate::features::LossNet;
use crate::image::Planar;

/// Colourfulness of Hasler & Süsstrunk (2003) on 0–255 RGB: `σ_rgyb + 0.3 μ_rgyb` over the
/// opponent channels `rg = R − G`, `yb = (R + G)/2 − B`. 0 for a grey image; about 15 "slightly",
/// 33 "moderately", 59 "quite", 82+ "highly" colourful.
pub fn colourfulness(img: &Planar) -> f64 {
    let p = img.width * img.height;
    let (mut rg, mut yb) = (Vec::with_capacity(p), Vec::with_capacity(p));
    for i in 0..p {
        let (r, g, b) = (img.data[i] as f64 * 255.0, img.data[p + i] as f64 * 255.0, img.data[2 * p + i] as f64 * 255.0);
        rg.push(r - g);
        yb.push(0.5 * (r + g) - b);
    }
    let stats = |v: &[f64]| {
        let m = v.iter().sum::<f64>() / v.len().max(1) as f64;
        (m, v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / v.len().max(1) as f64)
    };
    let ((m_rg, v_rg), (m_yb, v_yb)) = (stats(&rg), stats(&yb));
    (v_rg + v_yb).sqrt() + 0.3 * (m_rg * m_rg + m_yb * m_yb).sqrt()
}

/// Mean absolute difference in `[0, 1]`.
pub fn l1(a: &Planar, b: &Planar) -> f64 {
    a.data.iter().zip(&b.data).map(|(x, y)| (x - y).abs() as f64).sum::<f64>() / a.data.len().max(1) as f64
}

/// Kernel Inception Distance (Bińkowski et al., 2018) on any features: the unbiased estimate of
/// MMD² with the cubic polynomial kernel `k(x, y) = (xᵀy / d + 1)³`. Unbiased, so it can be
/// slightly negative and does not depend on the sample count the way FID does.
pub fn kid(x: &[Vec<f64>], y: &[Vec<f64>]) -> f64 {
    let d = x.first().map(|v| v.len()).unwrap_or(1) as f64;
    let k = |a: &[f64], b: &[f64]| (a.iter().zip(b).map(|(p, q)| p * q).sum::<f64>() / d + 1.0).powi(3);
    let within = |s: &[Vec<f64>]| {
        let n = s.len() as f64;
        let mut sum = 0.0;
        for i in 0..s.len() {
            for j in 0..s.len() {
                if i != j {
                    sum += k(&s[i], &s[j]);
                }
            }
        }
        sum / (n * (n - 1.0)).max(1.0)
    };
    let mut cross = 0.0;
    for a in x {
        for b in y {
            cross += k(a, b);
        }
    }
    within(x) + within(y) - 2.0 * cross / (x.len() * y.len()).max(1) as f64
}

/// Pooled features of the loss network's deepest tap (`b8.exp`, global average) at 224².
pub fn features(net: &LossNet, img: &Planar, device: &Device) -> Vec<f64> {
    let taps = net.forward(img.resize(224, 224).to_tensor(device));
    let f = taps["b8.exp"].clone();
    let [n, c, h, w] = f.dims();
    let pooled = f.reshape([n, c, h * w]).mean_dim(2);
    pooled.into_data().try_into_vec::<f32>().unwrap_or_default().into_iter().map(f64::from).collect()
}
