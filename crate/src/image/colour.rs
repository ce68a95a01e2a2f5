use super::Planar;

/// BT.601 luminance of one pixel.
pub fn luma(r: f32, g: f32, b: f32) -> f32 {
    0.299 * r + 0.587 * g + 0.114 * b
}

/// BT.601 Y, Cb, Cr (chroma in `[-0.5, 0.5]`) → R, G, B.
pub fn rgb_of_ycbcr(y: f32, cb: f32, cr: f32) -> [f32; 3] {
    [y + 1.402 * cr, y - 0.344_136 * cb - 0.714_136 * cr, y + 1.772 * cb]
}

/// Keep the photo's colours, take the painting's texture: the luminance of the stylized image
/// with the chroma of the original (Gatys et al., 2016, "Preserving Color in Neural Artistic
/// Style Transfer"), in BT.601 YCbCr.
pub fn preserve_colour(styled: &mut Planar, original: &Planar) {
    let p = styled.width * styled.height;
    let (s, o) = (&mut styled.data, &original.data);
    for i in 0..p {
        let y = luma(s[i], s[p + i], s[2 * p + i]);
        let (r, g, b) = (o[i], o[p + i], o[2 * p + i]);
        let cb = -0.168_736 * r - 0.331_264 * g + 0.5 * b;
        let cr = 0.5 * r - 0.418_688 * g - 0.081_312 * b;
        [s[i], s[p + i], s[2 * p + i]] = rgb_of_ycbcr(y, cb, cr);
    }
}

/// `strength · stylized + (1 − strength) · original`.
pub fn blend(styled: &mut Planar, original: &Planar, strength: f32) {
    let t = strength.clamp(0.0, 1.0);
    if t >= 1.0 {
        return;
    }
    for (s, o) in styled.data.iter_mut().zip(&original.data) {
        *s = t * *s + (1.0 - t) * o;
    }
}
