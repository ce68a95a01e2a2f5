//! Where the engine reads pixels from: a planar float image (native, tests) or the RGBA bytes of
//! an upload, read a tile at a time. A 36-megapixel photo is 144 MB as RGBA but 432 MB as planar
//! floats; the engine never needs the whole photo as floats, only one tile and a small copy for
//! the normalisation statistics, so the browser keeps the bytes and converts as it goes.

use image::{GenericImageView, Rgb};

use super::{Planar, check_size};
use crate::error::{AtelierError, Result};

/// An RGB image the engine can read a rectangle of, or a resized copy of.
pub trait Pixels {
    fn width(&self) -> usize;
    fn height(&self) -> usize;
    /// Pixel `(x, y)` as RGB in `[0, 1]`.
    fn rgb(&self, x: usize, y: usize) -> [f32; 3];

    /// The rectangle at `(x, y)`, `w × h`, as a planar image.
    fn crop(&self, x: usize, y: usize, w: usize, h: usize) -> Planar {
        let mut out = Planar::new(w, h);
        let plane = w * h;
        for row in 0..h {
            for col in 0..w {
                let px = self.rgb(x + col, y + row);
                for (c, v) in px.into_iter().enumerate() {
                    out.data[c * plane + row * w + col] = v;
                }
            }
        }
        out
    }

    /// Area-averaging resize (triangle filter, the `image` crate's), read through a view, so no
    /// full-size float copy is made.
    fn resize(&self, width: usize, height: usize) -> Planar {
        let small = image::imageops::resize(&View(self), width as u32, height as u32, image::imageops::FilterType::Triangle);
        let mut out = Planar::new(width, height);
        let p = width * height;
        for (x, y, px) in small.enumerate_pixels() {
            let i = y as usize * width + x as usize;
            for c in 0..3 {
                out.data[c * p + i] = px.0[c];
            }
        }
        out
    }
}

/// [`Pixels`] as an `image` view of RGB floats (what its resampling reads).
struct View<'a, P: ?Sized>(&'a P);

impl<P: Pixels + ?Sized> GenericImageView for View<'_, P> {
    type Pixel = Rgb<f32>;

    fn dimensions(&self) -> (u32, u32) {
        (self.0.width() as u32, self.0.height() as u32)
    }

    fn get_pixel(&self, x: u32, y: u32) -> Rgb<f32> {
        Rgb(self.0.rgb(x as usize, y as usize))
    }
}

impl Pixels for Planar {
    fn width(&self) -> usize {
        self.width
    }

    fn height(&self) -> usize {
        self.height
    }

    fn rgb(&self, x: usize, y: usize) -> [f32; 3] {
        let (p, i) = (self.width * self.height, y * self.width + x);
        [self.data[i], self.data[p + i], self.data[2 * p + i]]
    }

    fn crop(&self, x: usize, y: usize, w: usize, h: usize) -> Planar {
        let mut out = Planar::new(w, h);
        for c in 0..3 {
            for row in 0..h {
                let src = c * self.width * self.height + (y + row) * self.width + x;
                let dst = c * w * h + row * w;
                out.data[dst..dst + w].copy_from_slice(&self.data[src..src + w]);
            }
        }
        out
    }
}

/// RGBA bytes as the browser hands them over (straight alpha), read without a float copy.
#[derive(Debug, Clone, Copy)]
pub struct RgbaImage<'a> {
    rgba: &'a [u8],
    width: usize,
    height: usize,
    /// An upload: transparent pixels are flattened onto white (the networks never saw
    /// transparency, and the black that transparent pixels usually hold would leave a dark
    /// fringe). An engine output, whose alpha was copied from the upload, is read as it is:
    /// flattening again would lighten half-transparent pixels twice.
    flatten: bool,
}

impl<'a> RgbaImage<'a> {
    /// An upload (checked against Atelier's size limits).
    pub fn upload(rgba: &'a [u8], width: u32, height: u32) -> Result<Self> {
        Self::new(rgba, width, height, true)
    }

    /// The engine's own output (alpha ignored when reading colours).
    pub fn output(rgba: &'a [u8], width: u32, height: u32) -> Result<Self> {
        Self::new(rgba, width, height, false)
    }

    fn new(rgba: &'a [u8], width: u32, height: u32, flatten: bool) -> Result<Self> {
        check_size(width, height)?;
        let expected = width as usize * height as usize * 4;
        if rgba.len() != expected {
            return Err(AtelierError::BadPixelBuffer { width, height, got: rgba.len(), expected });
        }
        Ok(Self { rgba, width: width as usize, height: height as usize, flatten })
    }

    /// The bytes of rows `y0..y1` (where an output's alpha comes from).
    pub fn rows(&self, y0: usize, y1: usize) -> &'a [u8] {
        &self.rgba[y0 * self.width * 4..y1 * self.width * 4]
    }
}

impl Pixels for RgbaImage<'_> {
    fn width(&self) -> usize {
        self.width
    }

    fn height(&self) -> usize {
        self.height
    }

    fn rgb(&self, x: usize, y: usize) -> [f32; 3] {
        let i = (y * self.width + x) * 4;
        let px = &self.rgba[i..i + 4];
        let a = if self.flatten { px[3] as f32 / 255.0 } else { 1.0 };
        [0, 1, 2].map(|c| a * (px[c] as f32 / 255.0) + (1.0 - a))
    }
}

/// Triangle-filter taps along one axis: for each output position, the first input index and
/// the normalised weights from there (the `image` crate's triangle resampling, which is bilinear
/// when enlarging and area-averaging when shrinking).
fn taps(len_in: usize, len_out: usize) -> Vec<(usize, Vec<f32>)> {
    let ratio = len_in as f32 / len_out as f32;
    let scale = ratio.max(1.0);
    (0..len_out)
        .map(|o| {
            let centre = (o as f32 + 0.5) * ratio;
            let first = ((centre - scale).floor().max(0.0) as usize).min(len_in - 1);
            let end = ((centre + scale).ceil() as usize).clamp(first + 1, len_in);
            let mut w: Vec<f32> = (first..end).map(|i| (1.0 - ((i as f32 - centre + 0.5) / scale).abs()).max(0.0)).collect();
            let total: f32 = w.iter().sum();
            if total > 0.0 {
                w.iter_mut().for_each(|v| *v /= total);
            } else {
                w = vec![1.0];
            }
            (first, w)
        })
        .collect()
}

/// `img` resized to `width × height` (triangle filter) a band of rows at a time, without making
/// the whole resized image: how a colour predicted at a working size is laid under a large
/// photo. The filter taps are worked out once, not per band.
pub struct RowResizer<'a> {
    img: &'a Planar,
    width: usize,
    across: Vec<(usize, Vec<f32>)>,
    down: Vec<(usize, Vec<f32>)>,
}

impl<'a> RowResizer<'a> {
    pub fn new(img: &'a Planar, width: usize, height: usize) -> Self {
        Self { img, width, across: taps(img.width, width), down: taps(img.height, height) }
    }

    /// Rows `y0..y1` of the resized image.
    pub fn rows(&self, y0: usize, y1: usize) -> Planar {
        let (img, width) = (self.img, self.width);
        let (plane_in, rows) = (img.width * img.height, y1 - y0);
        let mut out = Planar::new(width, rows);
        let mut line = vec![0.0f32; img.width];
        for (r, (first, wy)) in self.down[y0..y1].iter().enumerate() {
            for c in 0..3 {
                line.fill(0.0);
                for (k, wgt) in wy.iter().enumerate() {
                    let src = &img.data[c * plane_in + (first + k) * img.width..][..img.width];
                    line.iter_mut().zip(src).for_each(|(l, v)| *l += wgt * v);
                }
                let dst = &mut out.data[c * width * rows + r * width..][..width];
                for (d, (fx, wx)) in dst.iter_mut().zip(&self.across) {
                    *d = wx.iter().zip(&line[*fx..]).map(|(w, v)| w * v).sum();
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(w: usize, h: usize) -> Vec<u8> {
        (0..w * h * 4).map(|i| if i % 4 == 3 { (i * 7 % 256) as u8 } else { (i * 31 % 251) as u8 }).collect()
    }

    #[test]
    fn an_upload_reads_as_its_planar_copy() {
        let rgba = bytes(40, 30);
        let img = RgbaImage::upload(&rgba, 40, 30).unwrap();
        let planar = Planar::from_rgba(&rgba, 40, 30).unwrap();
        assert_eq!(img.crop(5, 3, 20, 17), planar.crop(5, 3, 20, 17));
        assert_eq!(img.resize(13, 11), planar.resize(13, 11));
        // A half-transparent pixel is flattened onto white: 0.5·v + 0.5 lies in [0.5, 1].
        let some_transparent = (0..40 * 30).any(|i| rgba[i * 4 + 3] < 128);
        assert!(some_transparent);
        let out = RgbaImage::output(&rgba, 40, 30).unwrap();
        assert_eq!(out.rgb(1, 0)[0], rgba[4] as f32 / 255.0);
    }

    #[test]
    fn rows_of_a_resize_match_the_whole_resize() {
        let rgba = bytes(23, 17);
        let small = Planar::from_rgba(&rgba, 23, 17).unwrap();
        // Enlarging (a working-size colour laid under the photo): bands equal the image crate's
        // resize to within float rounding, and together make the whole image.
        let whole = small.resize(61, 45);
        let mut joined = Planar::new(61, 45);
        let resizer = RowResizer::new(&small, 61, 45);
        for (y0, y1) in [(0, 7), (7, 30), (30, 45)] {
            joined.paste_rows(y0, &resizer.rows(y0, y1));
        }
        let worst = whole.data.iter().zip(&joined.data).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max);
        assert!(worst < 1e-4, "largest difference {worst}");
    }

    #[test]
    fn a_buffer_of_the_wrong_length_is_refused() {
        let rgba = bytes(40, 30);
        assert!(matches!(RgbaImage::upload(&rgba[4..], 40, 30), Err(AtelierError::BadPixelBuffer { .. })));
        assert!(matches!(RgbaImage::upload(&rgba, 4, 300), Err(AtelierError::ImageTooSmall { .. })));
    }
}
