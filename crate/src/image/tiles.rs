use super::Planar;

/// One tile of a [`TilePlan`]: its rectangle in the full image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tile {
    pub x: usize,
    pub y: usize,
    pub w: usize,
    pub h: usize,
}

/// Overlapping tiles covering an image, and the feathered blend that joins their outputs.
///
/// Each tile's weight ramps linearly from 0 to 1 across the overlap on every side that touches
/// another tile, so neighbouring outputs cross-fade instead of meeting at a hard seam.
#[derive(Debug, Clone)]
pub struct TilePlan {
    pub width: usize,
    pub height: usize,
    pub overlap: usize,
    pub tiles: Vec<Tile>,
}

/// Tile origins along one axis. Origins are multiples of `align`: the network subsamples by 4,
/// and a tile shifted by a non-multiple would see another sampling phase than the whole image.
fn starts(len: usize, tile: usize, overlap: usize, align: usize) -> Vec<usize> {
    if len <= tile {
        return vec![0];
    }
    let down = |v: usize| v / align * align;
    let step = down(tile.saturating_sub(overlap)).max(align);
    let last = down(len - tile);
    let mut v: Vec<usize> = (0..).map(|i| i * step).take_while(|&s| s < last).collect();
    v.push(last);
    v
}

impl TilePlan {
    /// `align` is the network's size multiple (4 for the fast-style net).
    pub fn new(width: usize, height: usize, tile: usize, overlap: usize, align: usize) -> Self {
        let overlap = overlap.min(tile / 2);
        let (xs, ys) = (starts(width, tile, overlap, align), starts(height, tile, overlap, align));
        let mut tiles = Vec::new();
        for (j, &y) in ys.iter().enumerate() {
            for (i, &x) in xs.iter().enumerate() {
                // The last tile of a row or column runs to the edge.
                let w = if i + 1 == xs.len() { width - x } else { tile };
                let h = if j + 1 == ys.len() { height - y } else { tile };
                tiles.push(Tile { x, y, w, h });
            }
        }
        Self { width, height, overlap, tiles }
    }

    /// Feather weight of pixel `(i, j)` inside `tile`. Along an edge shared with another tile the
    /// outer half of the overlap is dropped (the network saw padding, not the neighbours, there)
    /// and the inner half ramps from 0 to 1.
    pub fn weight(&self, tile: &Tile, i: usize, j: usize) -> f32 {
        let drop = self.overlap / 2;
        let ramp = (self.overlap - drop).max(1) as f32;
        let side = |dist: usize| -> f32 { if dist < drop { 0.0 } else { ((dist - drop) as f32 + 0.5) / ramp } };
        let edge = |pos: usize, len: usize, lo: bool, hi: bool| -> f32 {
            let mut w = 1.0f32;
            if lo {
                w = w.min(side(pos));
            }
            if hi {
                w = w.min(side(len - 1 - pos));
            }
            w.clamp(0.0, 1.0)
        };
        let wx = edge(i, tile.w, tile.x > 0, tile.x + tile.w < self.width);
        let wy = edge(j, tile.h, tile.y > 0, tile.y + tile.h < self.height);
        wx * wy
    }

    /// Blends tile outputs into the full image, handing over rows as soon as they are final.
    pub fn accumulator(&self) -> Accumulator {
        Accumulator { width: self.width, top: 0, cells: Vec::new() }
    }
}

/// The feathered sums of the rows that tiles still touch: a band about one tile high, not the
/// whole image (a 36-megapixel output would be 576 MB of sums and weights). Tiles must arrive
/// in the plan's order (row by row, top to bottom); rows above the newest tile are final and
/// go to the sink, normalised, in bands of whole rows, top to bottom.
pub struct Accumulator {
    width: usize,
    /// The first row held.
    top: usize,
    /// Per pixel of the rows held, row by row: the weighted R, G, B sums and the weight.
    cells: Vec<[f32; 4]>,
}

impl Accumulator {
    pub fn add(&mut self, plan: &TilePlan, tile: &Tile, out: &Planar, sink: &mut dyn FnMut(usize, &Planar)) {
        if tile.y > self.top {
            self.flush(tile.y - self.top, sink);
        }
        let needed = (tile.y + tile.h - self.top) * self.width;
        if needed > self.cells.len() {
            self.cells.resize(needed, [0.0; 4]);
        }
        let plane = tile.w * tile.h;
        for j in 0..tile.h {
            for i in 0..tile.w {
                let wgt = plan.weight(tile, i, j);
                let cell = &mut self.cells[(tile.y - self.top + j) * self.width + tile.x + i];
                let src = j * tile.w + i;
                for (c, v) in cell[..3].iter_mut().enumerate() {
                    *v += wgt * out.data[c * plane + src];
                }
                cell[3] += wgt;
            }
        }
    }

    /// The remaining rows.
    pub fn finish(mut self, sink: &mut dyn FnMut(usize, &Planar)) {
        let rows = self.cells.len() / self.width.max(1);
        self.flush(rows, sink);
    }

    /// Normalise the top `n` rows, hand them to `sink` and drop them.
    fn flush(&mut self, n: usize, sink: &mut dyn FnMut(usize, &Planar)) {
        let k = (n * self.width).min(self.cells.len());
        if k == 0 {
            return;
        }
        let mut out = Planar::new(self.width, k / self.width);
        for (i, cell) in self.cells.drain(..k).enumerate() {
            for c in 0..3 {
                out.data[c * k + i] = cell[c] / cell[3].max(1e-6);
            }
        }
        sink(self.top, &out);
        self.top += out.height;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_cover_the_image_and_weights_are_positive() {
        let plan = TilePlan::new(1000, 700, 256, 32, 4);
        let mut covered = vec![0f32; 1000 * 700];
        for t in &plan.tiles {
            assert!(t.x + t.w <= 1000 && t.y + t.h <= 700);
            for j in 0..t.h {
                for i in 0..t.w {
                    covered[(t.y + j) * 1000 + t.x + i] += plan.weight(t, i, j);
                }
            }
        }
        assert!(covered.iter().all(|&w| w > 0.0));
        // Rows leave the accumulator top to bottom, each once, as whole full-width bands, and
        // a constant image blends back to itself.
        let mut acc = plan.accumulator();
        let mut next = 0;
        let mut sink = |y0: usize, band: &Planar| {
            assert_eq!((y0, band.width), (next, 1000));
            assert!(band.data.iter().all(|v| (v - 0.25).abs() < 1e-5));
            next += band.height;
        };
        for t in &plan.tiles {
            let mut out = Planar::new(t.w, t.h);
            out.data.fill(0.25);
            acc.add(&plan, t, &out, &mut sink);
        }
        acc.finish(&mut sink);
        assert_eq!(next, 700);
        assert!(plan.tiles.iter().all(|t| t.x % 4 == 0 && t.y % 4 == 0));
        assert_eq!(plan.tiles.len(), 5 * 3);
    }

    #[test]
    fn small_image_is_one_tile() {
        let plan = TilePlan::new(200, 100, 256, 32, 4);
        assert_eq!(plan.tiles, vec![Tile { x: 0, y: 0, w: 200, h: 100 }]);
    }
}
