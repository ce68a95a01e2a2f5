//! BT.601 YCbCr on tensors `[N, C, H, W]` (the planar versions are in `image::colour`).

use burn::tensor::Tensor;

fn channel(x: &Tensor<4>, c: usize) -> Tensor<4> {
    let [n, _, h, w] = x.dims();
    x.clone().slice([0..n, c..c + 1, 0..h, 0..w])
}

/// RGB → Y `[N, 1, H, W]`.
pub fn luminance(rgb: Tensor<4>) -> Tensor<4> {
    channel(&rgb, 0) * 0.299 + channel(&rgb, 1) * 0.587 + channel(&rgb, 2) * 0.114
}

/// RGB → (Cb, Cr) `[N, 2, H, W]`, each in `[-0.5, 0.5]`.
pub fn chroma(rgb: Tensor<4>) -> Tensor<4> {
    let (r, g, b) = (channel(&rgb, 0), channel(&rgb, 1), channel(&rgb, 2));
    let cb = r.clone() * -0.168_736 - g.clone() * 0.331_264 + b.clone() * 0.5;
    let cr = r * 0.5 - g * 0.418_688 - b * 0.081_312;
    Tensor::cat(vec![cb, cr], 1)
}

/// Y `[N, 1, H, W]` and (Cb, Cr) `[N, 2, H, W]` → RGB `[N, 3, H, W]`.
pub fn from_ycbcr(y: Tensor<4>, cbcr: Tensor<4>) -> Tensor<4> {
    let (cb, cr) = (channel(&cbcr, 0), channel(&cbcr, 1));
    let r = y.clone() + cr.clone() * 1.402;
    let g = y.clone() - cb.clone() * 0.344_136 - cr * 0.714_136;
    let b = y + cb * 1.772;
    Tensor::cat(vec![r, g, b], 1)
}
