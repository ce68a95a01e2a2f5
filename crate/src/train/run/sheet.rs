//! Contact sheets: the samples of a run, the examples of an evaluation.

use crate::image::Planar;

/// Images side by side in rows, each fitted into `cell`×`cell` pixels; a row is only as tall as
/// its tallest image (landscape photos leave no empty bands), with white gutters.
pub fn contact_sheet(rows: &[Vec<Planar>], cell: usize) -> Planar {
    let gap = 4;
    let fit = |img: &Planar| {
        let s = cell as f64 / img.width.max(img.height).max(1) as f64;
        (((img.width as f64 * s) as usize).clamp(1, cell), ((img.height as f64 * s) as usize).clamp(1, cell))
    };
    let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let heights: Vec<usize> = rows.iter().map(|r| r.iter().map(|img| fit(img).1).max().unwrap_or(0)).collect();
    let (w, h) = (cols * (cell + gap) + gap, heights.iter().map(|rh| rh + gap).sum::<usize>() + gap);
    let mut sheet = Planar::new(w, h);
    sheet.data.iter_mut().for_each(|v| *v = 1.0);
    let mut top = gap;
    for (row, rh) in rows.iter().zip(&heights) {
        for (c, img) in row.iter().enumerate() {
            let (iw, ih) = fit(img);
            let img = img.resize(iw, ih);
            let (x0, y0) = (gap + c * (cell + gap) + (cell - iw) / 2, top + (rh - ih) / 2);
            for ch in 0..3 {
                for y in 0..ih {
                    let dst = ch * w * h + (y0 + y) * w + x0;
                    sheet.data[dst..dst + iw].copy_from_slice(&img.data[ch * iw * ih + y * iw..ch * iw * ih + (y + 1) * iw]);
                }
            }
        }
        top += rh + gap;
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_sheet_rows_are_as_tall_as_their_images() {
        let mut landscape = Planar::new(200, 100);
        landscape.data.iter_mut().for_each(|v| *v = 0.0);
        let portrait = Planar::new(50, 100);
        let sheet = contact_sheet(&[vec![landscape.clone(), landscape], vec![portrait]], 100);
        // Two columns of 100 + gutters; rows 50 (landscape fitted) and 100 (portrait) tall.
        assert_eq!((sheet.width, sheet.height), (2 * 104 + 4, 50 + 100 + 3 * 4));
        // The first landscape image starts right after the top-left gutter and is black.
        assert_eq!(sheet.data[4 * sheet.width + 4], 0.0);
        assert_eq!(sheet.data[3 * sheet.width + 4], 1.0);
    }
}
