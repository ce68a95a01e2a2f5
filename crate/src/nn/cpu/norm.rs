//! Instance norm on NHWC maps: the statistics come from the convolution's epilogue (or a shared
//! set), then one fused pass normalises and applies ReLU or adds the residual, in place.

use super::simd::*;
pub use crate::nn::Act;

/// Per-channel mean and biased variance from Σx and Σx² (`sums` = [Σx; c] ++ [Σx²; c]) over `n`.
pub fn mean_var(sums: &[f64], n: usize) -> (Vec<f32>, Vec<f32>) {
    let c = sums.len() / 2;
    let n = n.max(1) as f64;
    (0..c)
        .map(|i| {
            let mean = sums[i] / n;
            (mean as f32, (sums[c + i] / n - mean * mean).max(0.0) as f32)
        })
        .unzip()
}

/// Σx per channel then Σx² per channel of a `[n][c]` map (c a multiple of 4), in f64 (each run
/// of 256 pixels is summed in f32 first).
pub fn sums(x: &[f32], c: usize) -> Vec<f64> {
    assert!(c.is_multiple_of(4) && x.len().is_multiple_of(c));
    let mut out = vec![0.0f64; 2 * c];
    let mut s = vec![zero(); c / 4];
    let mut q = vec![zero(); c / 4];
    for run in x.chunks(256 * c) {
        for px in run.chunks_exact(c) {
            for k in 0..c / 4 {
                // SAFETY: 4k + 3 < c = the pixel's length.
                let v = unsafe { ld(px.as_ptr().add(4 * k)) };
                s[k] = add(s[k], v);
                q[k] = add(q[k], mul(v, v));
            }
        }
        for k in 0..c / 4 {
            for (l, (a, b)) in to_arr(s[k]).iter().zip(to_arr(q[k])).enumerate() {
                out[4 * k + l] += f64::from(*a);
                out[c + 4 * k + l] += f64::from(b);
            }
            s[k] = zero();
            q[k] = zero();
        }
    }
    out
}

/// x ← act(x·scale + shift) (+ skip), for every pixel of a `[n][c]` map (c a multiple of 4).
pub fn apply(x: &mut [f32], c: usize, scale: &[f32], shift: &[f32], act: Act, skip: Option<&[f32]>) {
    assert!(c.is_multiple_of(4) && scale.len() == c && shift.len() == c && x.len().is_multiple_of(c));
    if let Some(s) = skip {
        assert_eq!(s.len(), x.len());
    }
    let (sc, sh) = (scale.as_ptr(), shift.as_ptr());
    for (i, px) in x.chunks_exact_mut(c).enumerate() {
        let p = px.as_mut_ptr();
        for k in 0..c / 4 {
            // SAFETY: k·4 + 3 < c for the pixel, the scale and the shift; the skip has x's length.
            unsafe {
                let o = p.add(4 * k);
                let mut y = add(mul(ld(o), ld(sc.add(4 * k))), ld(sh.add(4 * k)));
                match act {
                    Act::Linear => {}
                    Act::Relu => y = relu(y),
                    Act::LeakyRelu(slope) => y = max(y, mul(y, splat(slope))),
                }
                if let Some(s) = skip {
                    y = add(y, ld(s.as_ptr().add(i * c + 4 * k)));
                }
                st(o, y);
            }
        }
    }
}
