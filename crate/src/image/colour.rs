use super::Planar;

/// Keep the photo's colours, take the painting's texture: the luminance of the stylized image
/// with the chroma of the original (Gatys et al., 2016, "Preserving Color in Neural Artistic
/// Style Transfer"), in BT.601 YCbCr.
pub fn preserve_colour(styled: &mut Planar, original: &Planar) {
    let p = styled.width * styled.height;
    let (s, o) = (&mut styled.data, &original.data);
    for i in 0..p {
        let y = 0.299 * s[i] + 0.587 * s[p + i] + 0.114 * s[2 * p + i];
        let (r, g, b) = (o[i], o[p + i], o[2 * p + i]);
        let cb = -0.168_736 * r - 0.331_264 * g + 0.5 * b;
        let cr = 0.5 * r - 0.418_688 * g - 0.081_312 * b;
        s[i] = y + 1.402 * cr;
        s[p + i] = y - 0.344_136 * cb - 0.714_136 * cr;
        s[2 * p + i] = y + 1.772 * cb;
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
