//! The register-blocked micro-kernel every convolution here goes through, and its weight layout.
//!
//! One call computes `P` output pixels × `NV`·4 output channels (P·NV accumulators, 8 by default:
//! V8 has 15 usable SIMD registers on x86-64, so this leaves room for the weights and the input
//! splat without spilling). Activations are NHWC, so one input channel of one pixel is one splat
//! and the weights of `NV`·4 output channels are `NV` contiguous loads.

use super::simd::*;

/// Index `i` reflected into `0..n` (`n` ≥ 2 and `i` within one reflection of the edge).
#[inline(always)]
pub fn reflect(i: isize, n: usize) -> usize {
    let n = n as isize;
    let i = i.abs();
    (if i >= n { 2 * (n - 1) - i } else { i }) as usize
}

/// Index `i` clamped into `0..n` (replicate padding).
#[inline(always)]
pub fn clamp(i: isize, n: usize) -> usize {
    i.clamp(0, n as isize - 1) as usize
}

/// Torch-layout weights `[cout][cin][kh][kw]` as `[cout / nb][kh][kw][cin][nb]` (nb = output
/// channels per micro-kernel call).
pub fn pack_weights(w: &[f32], cout: usize, cin: usize, kh: usize, kw: usize, nb: usize) -> Vec<f32> {
    debug_assert!(cout.is_multiple_of(nb) && w.len() == cout * cin * kh * kw);
    let mut packed = Vec::with_capacity(w.len());
    for cob in 0..cout / nb {
        for ky in 0..kh {
            for kx in 0..kw {
                for ci in 0..cin {
                    packed.extend((0..nb).map(|o| w[(((cob * nb + o) * cin + ci) * kh + ky) * kw + kx]));
                }
            }
        }
    }
    packed
}

/// Zero output channels added to reach `cout_p` (a multiple of the micro-kernel's width).
pub fn pad_cout(w: &[f32], b: &[f32], cout: usize, cout_p: usize) -> (Vec<f32>, Vec<f32>) {
    let per = w.len() / cout;
    let (mut w, mut b) = (w.to_vec(), b.to_vec());
    w.resize(cout_p * per, 0.0);
    b.resize(cout_p, 0.0);
    (w, b)
}

/// Starts of the groups of `p` pixels along a row of `w` ≥ `p`: 0, p, 2p, … and, when `p` does not
/// divide `w`, a last group at `w − p` that overlaps the one before; `from` says how many of its
/// pixels were already done (they are written again, identically, but counted once in statistics).
#[inline(always)]
pub fn groups(w: usize, p: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..w.div_ceil(p)).map(move |g| {
        let x0 = g * p;
        if x0 + p <= w { (x0, 0) } else { (w - p, x0 - (w - p)) }
    })
}

/// Add a row's float partial sums into the f64 totals and clear them.
pub fn flush_stats(partial: &mut [f32], totals: &mut [f64]) {
    for (t, p) in totals.iter_mut().zip(partial.iter_mut()) {
        *t += f64::from(*p);
        *p = 0.0;
    }
}

/// The micro-kernel: `P` pixels × `NV`·4 channels of a `KH`×`KW` convolution over `CIN` channels.
///
/// `rows[ky]` points at the first input pixel of the window of output pixel 0 in tap row `ky`;
/// pixel `j` reads from `rows[ky] + j·PS` (PS = stride · CIN), and the `KW` taps of a row are one
/// contiguous span of `KW`·CIN floats, matching the packed weights' `[ky][kx][ci]` order. Output
/// pixel `j` goes to `out + j·OS`. With `STATS`, pixels `j ≥ from` add their values and squares to
/// `sums[0..NV·4]` and `sums[SQ..SQ + NV·4]`.
///
/// The channel loop's trip count is hidden from LLVM (`black_box`): unrolled or interleaved, it
/// keeps several steps' weights live and V8 spills registers (measured 1.3–1.6× slower).
///
/// # Safety
/// Every `rows[ky]` must be readable for `(P − 1)·PS + KW·CIN` floats, `w` for `KH·KW·CIN·NV·4`,
/// `bias` for `NV·4`, `out` writable at `j·OS + 0..NV·4` for every `j < P`, and with `STATS`,
/// `sums` writable for `SQ + NV·4` floats.
#[inline(never)]
pub unsafe fn micro<
    const CIN: usize,
    const KH: usize,
    const KW: usize,
    const P: usize,
    const NV: usize,
    const OS: usize,
    const PS: usize,
    const STATS: bool,
    const SQ: usize,
>(
    rows: &[*const f32; KH],
    w: *const f32,
    bias: *const f32,
    out: *mut f32,
    sums: *mut f32,
    from: usize,
) {
    unsafe {
        let mut acc = [[zero(); NV]; P];
        for k in 0..NV {
            let b = ld(bias.add(4 * k));
            for a in acc.iter_mut() {
                a[k] = b;
            }
        }
        let mut wp = w;
        for row in rows {
            let mut rp = *row;
            for _ in 0..core::hint::black_box(KW * CIN) {
                let mut wv = [zero(); NV];
                for (k, v) in wv.iter_mut().enumerate() {
                    *v = ld(wp.add(4 * k));
                }
                for (j, a) in acc.iter_mut().enumerate() {
                    let x = splat_ld(rp.add(j * PS));
                    for k in 0..NV {
                        a[k] = add(a[k], mul(x, wv[k]));
                    }
                }
                rp = rp.add(1);
                wp = wp.add(NV * 4);
            }
        }
        for (j, a) in acc.iter().enumerate() {
            for (k, v) in a.iter().enumerate() {
                st(out.add(j * OS + 4 * k), *v);
            }
        }
        if STATS {
            for k in 0..NV {
                let mut s = ld(sums.add(4 * k));
                let mut q = ld(sums.add(SQ + 4 * k));
                for a in acc.iter().skip(from) {
                    s = add(s, a[k]);
                    q = add(q, mul(a[k], a[k]));
                }
                st(sums.add(4 * k), s);
                st(sums.add(SQ + 4 * k), q);
            }
        }
    }
}
