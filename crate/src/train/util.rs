use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use crate::error::{AtelierError, Result};
use crate::image::Planar;

/// Write a file so that a crash or kill never leaves a half-written one: temp file, then rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).map_err(|e| AtelierError::Io(format!("{}: {e}", tmp.display())))?;
    std::fs::rename(&tmp, path).map_err(|e| AtelierError::Io(format!("{}: {e}", path.display())))
}

pub fn progress_bar(len: u64, start: u64) -> ProgressBar {
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise} ETA {eta_precise}] {bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_position(start);
    bar.reset_eta();
    bar
}

/// Images side by side in rows (each row: equal heights), white gutters.
pub fn contact_sheet(rows: &[Vec<Planar>], cell: usize) -> Planar {
    let gap = 4;
    let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let (w, h) = (cols * (cell + gap) + gap, rows.len() * (cell + gap) + gap);
    let mut sheet = Planar::new(w, h);
    sheet.data.iter_mut().for_each(|v| *v = 1.0);
    for (r, row) in rows.iter().enumerate() {
        for (c, img) in row.iter().enumerate() {
            let s = cell as f64 / img.width.max(img.height) as f64;
            let (iw, ih) = (((img.width as f64 * s) as usize).max(1), ((img.height as f64 * s) as usize).max(1));
            let img = img.resize(iw, ih);
            let (x0, y0) = (gap + c * (cell + gap) + (cell - iw) / 2, gap + r * (cell + gap) + (cell - ih) / 2);
            for ch in 0..3 {
                for y in 0..ih {
                    for x in 0..iw {
                        sheet.data[ch * w * h + (y0 + y) * w + x0 + x] = img.data[ch * iw * ih + y * iw + x];
                    }
                }
            }
        }
    }
    sheet
}
