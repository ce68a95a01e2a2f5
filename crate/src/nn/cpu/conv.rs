//! The convolutions of the generators, NHWC, reflection padding folded into the indexing:
//! a direct K×K (any stride), Winograd F(2×2, 3×3) for the stride-1 3×3 ones (2.25× fewer
//! multiplies), and nearest-×2 upsampling + 3×3 as four 2×2 convolutions at the low resolution
//! (the ×2 map is never made). All go through [`micro`]; with `STATS` they also return Σx and Σx²
//! per output channel (the instance norm that follows then needs no pass of its own).

#![allow(clippy::needless_range_loop)] // the transforms read as the paper writes them

use super::Hwc;
use super::kernel::{clamp, flush_stats, groups, micro, pack_weights, reflect};
use super::simd::*;

/// `out` as `len` zeros (its allocation reused).
fn zeroed(out: &mut Vec<f32>, len: usize) {
    out.clear();
    out.resize(len, 0.0);
}

/// K×K convolution, stride S, reflection padding K/2: `[h][w][CIN]` → `[ho][wo][OS]` (OS ≥ COUT:
/// an RGB output is written as 4 channels). `wp` from `pack_weights(.., K, K, NV·4)`; `PS` = S·CIN.
/// Returns the output size; `sums` (2·COUT) gets the statistics with `STATS`.
#[allow(clippy::too_many_arguments)]
pub fn direct<
    const CIN: usize,
    const COUT: usize,
    const OS: usize,
    const K: usize,
    const S: usize,
    const P: usize,
    const NV: usize,
    const PS: usize,
    const STATS: bool,
>(
    x: &Hwc,
    wp: &[f32],
    bias: &[f32],
    out: &mut Vec<f32>,
    sums: &mut [f64],
) -> (usize, usize) {
    let (inp, h, w) = (x.data.as_slice(), x.height, x.width);
    let nb = NV * 4;
    let pad = K / 2;
    let (ho, wo) = ((h + 2 * pad - K) / S + 1, (w + 2 * pad - K) / S + 1);
    assert!(COUT.is_multiple_of(nb) && PS == S * CIN && OS >= COUT && h > pad && w > pad && wo >= P);
    assert!(inp.len() >= h * w * CIN && wp.len() == K * K * CIN * COUT && bias.len() >= COUT);
    assert!(!STATS || (OS == COUT && sums.len() >= 2 * COUT));
    zeroed(out, ho * wo * OS);
    // A window that crosses the border is gathered (reflected) into a small buffer first.
    let gw = (P - 1) * S + K;
    let mut gather = vec![0.0f32; K * gw * CIN];
    let mut partial = vec![0.0f32; 2 * COUT];
    let ip = inp.as_ptr();
    let op = out.as_mut_ptr();
    for y in 0..ho {
        let src: [usize; K] = core::array::from_fn(|k| reflect((y * S + k) as isize - pad as isize, h));
        for (x, from) in groups(wo, P) {
            let c0 = (x * S) as isize - pad as isize;
            let rows: [*const f32; K] = if c0 < 0 || c0 as usize + gw > w {
                for (k, &r) in src.iter().enumerate() {
                    for c in 0..gw {
                        let sx = reflect(c0 + c as isize, w);
                        gather[(k * gw + c) * CIN..][..CIN].copy_from_slice(&inp[(r * w + sx) * CIN..][..CIN]);
                    }
                }
                core::array::from_fn(|k| gather[k * gw * CIN..].as_ptr())
            } else {
                // In bounds: c0 + gw ≤ w, rows < h (asserted sizes above).
                src.map(|r| unsafe { ip.add((r * w + c0 as usize) * CIN) })
            };
            for cob in 0..COUT / nb {
                // SAFETY: the window, weights, bias and output offsets are inside the buffers
                // whose sizes are asserted above.
                unsafe {
                    micro::<CIN, K, K, P, NV, OS, PS, STATS, COUT>(
                        &rows,
                        wp.as_ptr().add(cob * K * K * CIN * nb),
                        bias.as_ptr().add(cob * nb),
                        op.add((y * wo + x) * OS + cob * nb),
                        partial.as_mut_ptr().add(cob * nb),
                        from,
                    )
                };
            }
        }
        if STATS {
            flush_stats(&mut partial, sums);
        }
    }
    (ho, wo)
}

/// K×K stride-1 convolution without padding (the caller pads: StyleGAN's zero padding, folded
/// into the copy that applies the styles): `[h][w][CIN]` → `[h − K + 1][w − K + 1][OS]`. `wp`
/// from `pack_weights(.., K, K, NV·4)`. Returns the output size.
pub fn valid<const CIN: usize, const COUT: usize, const OS: usize, const K: usize, const P: usize, const NV: usize>(
    x: &Hwc,
    wp: &[f32],
    bias: &[f32],
    out: &mut Vec<f32>,
) -> (usize, usize) {
    let (inp, h, w) = (x.data.as_slice(), x.height, x.width);
    let nb = NV * 4;
    assert!(COUT.is_multiple_of(nb) && OS >= COUT && h >= K && w + 1 >= K + P);
    assert!(inp.len() >= h * w * CIN && wp.len() == K * K * CIN * COUT && bias.len() >= COUT);
    let (ho, wo) = (h + 1 - K, w + 1 - K);
    zeroed(out, ho * wo * OS);
    let ip = inp.as_ptr();
    let op = out.as_mut_ptr();
    // Output channels outermost: StyleGAN's maps are small and its weights large (590 KB at
    // 128 → 128), so one block's weights stay in cache for the whole map.
    for cob in 0..COUT / nb {
        for y in 0..ho {
            for (x, _) in groups(wo, P) {
                // SAFETY: rows y..y + K and columns x..x + P − 1 + K of the input, weights, bias
                // and outputs are inside the buffers whose sizes are asserted above.
                unsafe {
                    let rows: [*const f32; K] = core::array::from_fn(|k| ip.add(((y + k) * w + x) * CIN));
                    micro::<CIN, K, K, P, NV, OS, CIN, false, 0>(
                        &rows,
                        wp.as_ptr().add(cob * K * K * CIN * nb),
                        bias.as_ptr().add(cob * nb),
                        op.add((y * wo + x) * OS + cob * nb),
                        core::ptr::null_mut(),
                        0,
                    );
                }
            }
        }
    }
    (ho, wo)
}

/// Winograd F(2×2, 3×3) weights U = G g Gᵀ, as `[16 positions][cout / nb][cin][nb]`.
pub fn winograd_weights(w: &[f32], cout: usize, cin: usize, nb: usize) -> Vec<f32> {
    const G: [[f32; 3]; 4] = [[1.0, 0.0, 0.0], [0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0.0, 0.0, 1.0]];
    let ncob = cout / nb;
    let mut u = vec![0.0; 16 * cout * cin];
    for co in 0..cout {
        for ci in 0..cin {
            let g = |y: usize, x: usize| w[((co * cin + ci) * 3 + y) * 3 + x];
            for a in 0..4 {
                for b in 0..4 {
                    let mut s = 0.0;
                    for y in 0..3 {
                        for x in 0..3 {
                            s += G[a][y] * g(y, x) * G[b][x];
                        }
                    }
                    u[(((a * 4 + b) * ncob + co / nb) * cin + ci) * nb + co % nb] = s;
                }
            }
        }
    }
    u
}

/// Tiles per Winograd chunk (a multiple of the micro-kernel's P = 4).
const T: usize = 8;
const WP: usize = 4;
const WNV: usize = 2;

/// 3×3 stride-1 convolution with reflection padding through Winograd F(2×2, 3×3): a chunk of T
/// 4×4 input tiles along a tile row is transformed, multiplied (16 small GEMMs through the
/// micro-kernel) and transformed back. `u` from [`winograd_weights`] with nb = 8.
pub fn winograd<const CIN: usize, const COUT: usize, const STATS: bool>(x: &Hwc, u: &[f32], bias: &[f32], out: &mut Vec<f32>, sums: &mut [f64]) {
    let (inp, h, w) = (x.data.as_slice(), x.height, x.width);
    let nb = WNV * 4;
    let ncob = COUT / nb;
    assert!(CIN.is_multiple_of(4) && COUT.is_multiple_of(nb) && h >= 2 && w >= 2);
    assert!(inp.len() >= h * w * CIN && u.len() == 16 * CIN * COUT && bias.len() >= COUT && sums.len() >= 2 * COUT);
    zeroed(out, h * w * COUT);
    let mut v = vec![0.0f32; 16 * T * CIN];
    let mut m = vec![0.0f32; 16 * T * COUT];
    let zero_bias = [0.0f32; 8];
    let mut partial = vec![zero(); 2 * COUT / 4];
    let (th, tw) = (h.div_ceil(2), w.div_ceil(2));
    let ip = inp.as_ptr();
    let op = out.as_mut_ptr();
    let (vp, mp) = (v.as_mut_ptr(), m.as_mut_ptr());
    for ty in 0..th {
        // SAFETY (whole loop body): rows and columns are reflected into the image, chunk buffers
        // are sized for T tiles, and outputs are written only inside h × w (two_rows/two_cols).
        let rows: [*const f32; 4] = core::array::from_fn(|i| unsafe { ip.add(reflect(2 * ty as isize - 1 + i as isize, h) * w * CIN) });
        for tx0 in (0..tw).step_by(T) {
            let nt = T.min(tw - tx0);
            // Input transform V = Bᵀ d B, four channels at a time.
            for t in 0..nt {
                let cols: [usize; 4] = core::array::from_fn(|i| reflect(2 * (tx0 + t) as isize - 1 + i as isize, w) * CIN);
                for c4 in 0..CIN / 4 {
                    unsafe {
                        let d: [[V; 4]; 4] = core::array::from_fn(|r| core::array::from_fn(|c| ld(rows[r].add(cols[c] + 4 * c4))));
                        let tr: [[V; 4]; 4] =
                            core::array::from_fn(|c| [sub(d[0][c], d[2][c]), add(d[1][c], d[2][c]), sub(d[2][c], d[1][c]), sub(d[1][c], d[3][c])]);
                        for (r, _) in tr.iter().enumerate() {
                            let vv = [sub(tr[0][r], tr[2][r]), add(tr[1][r], tr[2][r]), sub(tr[2][r], tr[1][r]), sub(tr[1][r], tr[3][r])];
                            for (c, x) in vv.iter().enumerate() {
                                st(vp.add(((r * 4 + c) * T + t) * CIN + 4 * c4), *x);
                            }
                        }
                    }
                }
            }
            // 16 GEMMs [tiles × CIN] · [CIN × COUT] (tiles rounded up to P; the extra rows are
            // stale but never transformed back).
            for p in 0..16 {
                for cob in 0..ncob {
                    for t0 in (0..nt.div_ceil(WP) * WP).step_by(WP) {
                        unsafe {
                            let r = [vp.add((p * T + t0) * CIN) as *const f32];
                            micro::<CIN, 1, 1, WP, WNV, COUT, CIN, false, 0>(
                                &r,
                                u.as_ptr().add((p * ncob + cob) * CIN * nb),
                                zero_bias.as_ptr(),
                                mp.add((p * T + t0) * COUT + cob * nb),
                                core::ptr::null_mut(),
                                0,
                            );
                        }
                    }
                }
            }
            // Output transform Y = Aᵀ M A (+ bias).
            let y0 = 2 * ty;
            let two_rows = y0 + 1 < h;
            for t in 0..nt {
                let x0 = 2 * (tx0 + t);
                let two_cols = x0 + 1 < w;
                for c4 in 0..COUT / 4 {
                    unsafe {
                        let mm: [V; 16] = core::array::from_fn(|p| ld(mp.add((p * T + t) * COUT + 4 * c4)));
                        let s0: [V; 4] = core::array::from_fn(|c| add(add(mm[c], mm[4 + c]), mm[8 + c]));
                        let s1: [V; 4] = core::array::from_fn(|c| sub(sub(mm[4 + c], mm[8 + c]), mm[12 + c]));
                        let b = ld(bias.as_ptr().add(4 * c4));
                        let y00 = add(add(add(s0[0], s0[1]), s0[2]), b);
                        let y01 = add(sub(sub(s0[1], s0[2]), s0[3]), b);
                        let y10 = add(add(add(s1[0], s1[1]), s1[2]), b);
                        let y11 = add(sub(sub(s1[1], s1[2]), s1[3]), b);
                        let o = op.add((y0 * w + x0) * COUT + 4 * c4);
                        st(o, y00);
                        let (mut sum, mut sq) = (y00, mul(y00, y00));
                        if two_cols {
                            st(o.add(COUT), y01);
                            sum = add(sum, y01);
                            sq = add(sq, mul(y01, y01));
                        }
                        if two_rows {
                            let o2 = o.add(w * COUT);
                            st(o2, y10);
                            sum = add(sum, y10);
                            sq = add(sq, mul(y10, y10));
                            if two_cols {
                                st(o2.add(COUT), y11);
                                sum = add(sum, y11);
                                sq = add(sq, mul(y11, y11));
                            }
                        }
                        if STATS {
                            partial[c4] = add(partial[c4], sum);
                            partial[COUT / 4 + c4] = add(partial[COUT / 4 + c4], sq);
                        }
                    }
                }
            }
        }
        if STATS {
            for (i, p) in partial.iter_mut().enumerate() {
                for (l, x) in to_arr(*p).iter().enumerate() {
                    sums[4 * i + l] += f64::from(*x);
                }
                *p = zero();
            }
        }
    }
}

/// Weights for nearest-×2 upsampling + 3×3: the 3 taps of each kernel row folded onto 2 for each
/// output parity (even rows see {w0, w1 + w2}, odd rows {w0 + w1, w2}; columns alike), as four
/// `pack_weights(.., 2, 2, nb)` blocks `[row parity][column parity]`.
pub fn upsample_weights(w: &[f32], cout: usize, cin: usize, nb: usize) -> Vec<f32> {
    let fold = |parity: usize| -> [[f32; 3]; 2] { if parity == 0 { [[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]] } else { [[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]] } };
    let mut out = Vec::with_capacity(16 * cout * cin);
    for a in 0..2 {
        for b in 0..2 {
            let (fa, fb) = (fold(a), fold(b));
            let mut k2 = vec![0.0; cout * cin * 4];
            for co in 0..cout {
                for ci in 0..cin {
                    for dy in 0..2 {
                        for dx in 0..2 {
                            let mut s = 0.0;
                            for y in 0..3 {
                                for x in 0..3 {
                                    s += fa[dy][y] * fb[dx][x] * w[((co * cin + ci) * 3 + y) * 3 + x];
                                }
                            }
                            k2[((co * cin + ci) * 2 + dy) * 2 + dx] = s;
                        }
                    }
                }
            }
            out.extend(pack_weights(&k2, cout, cin, 2, 2, nb));
        }
    }
    out
}

/// Nearest-×2 upsampling then 3×3 convolution with reflection padding, computed at the low
/// resolution: `[h][w][CIN]` → `[2h][2w][COUT]` (`OS2` = 2·COUT). Reflecting the upsampled image
/// by one pixel is replicating the small one, so the border is a clamp. Blocks of `UP` pixels ×
/// `UNV`·4 channels.
pub fn upsample<const CIN: usize, const COUT: usize, const OS2: usize, const UP: usize, const UNV: usize, const STATS: bool>(
    x: &Hwc,
    wp: &[f32],
    bias: &[f32],
    out: &mut Vec<f32>,
    sums: &mut [f64],
) {
    let (inp, h, w) = (x.data.as_slice(), x.height, x.width);
    let nb = UNV * 4;
    assert!(COUT.is_multiple_of(nb) && OS2 == 2 * COUT && w >= UP && h >= 1);
    assert!(inp.len() >= h * w * CIN && wp.len() == 16 * CIN * COUT && bias.len() >= COUT && sums.len() >= 2 * COUT);
    zeroed(out, 4 * h * w * COUT);
    let gw = UP + 1;
    // Border windows, [side l/r][column parity][row][col][ci].
    let mut gather = vec![0.0f32; 4 * 2 * gw * CIN];
    let mut partial = vec![0.0f32; 2 * COUT];
    let ip = inp.as_ptr();
    let op = out.as_mut_ptr();
    let xr = w - UP;
    let phase = 4 * CIN * COUT;
    for i in 0..h {
        for a in 0..2 {
            let src = [clamp(i as isize - 1 + a as isize, h), clamp(i as isize + a as isize, h)];
            for (side, x0) in [(0usize, 0usize), (1, xr)] {
                for b in 0..2 {
                    for (k, &r) in src.iter().enumerate() {
                        for c in 0..gw {
                            let sx = clamp(x0 as isize - 1 + b as isize + c as isize, w);
                            let dst = ((side * 2 + b) * 2 + k) * gw * CIN + c * CIN;
                            gather[dst..dst + CIN].copy_from_slice(&inp[(r * w + sx) * CIN..][..CIN]);
                        }
                    }
                }
            }
            let y = 2 * i + a;
            for b in 0..2 {
                let window = |side: usize| -> [*const f32; 2] { [0, 1].map(|k| gather[((side * 2 + b) * 2 + k) * gw * CIN..].as_ptr()) };
                let (left, right) = (window(0), window(1));
                for cob in 0..COUT / nb {
                    for (x, from) in groups(w, UP) {
                        let rows = if x == 0 && b == 0 {
                            left
                        } else if x == xr && b == 1 {
                            right
                        } else {
                            // Interior: columns x + b − 1 .. x + b + UP stay inside 0..w.
                            src.map(|r| unsafe { ip.add((r * w + x + b - 1) * CIN) })
                        };
                        // SAFETY: windows, weights and output offsets are inside the buffers
                        // whose sizes are asserted above.
                        unsafe {
                            micro::<CIN, 2, 2, UP, UNV, OS2, CIN, STATS, COUT>(
                                &rows,
                                wp.as_ptr().add((a * 2 + b) * phase + cob * 4 * CIN * nb),
                                bias.as_ptr().add(cob * nb),
                                op.add((y * 2 * w + 2 * x + b) * COUT + cob * nb),
                                partial.as_mut_ptr().add(cob * nb),
                                from,
                            )
                        };
                    }
                }
            }
            if STATS {
                flush_stats(&mut partial, sums);
            }
        }
    }
}
