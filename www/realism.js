// The realism map: the discriminator's score of each patch drawn as a heat map over the output
// (cool = "looks generated", warm = "looks real"). Scores arrive row by row, one per patch; each
// patch's centre lies on a regular grid over the image, so the small map is stretched over the
// output with smoothing.

// Colour ramp: deep blue → cyan → yellow → red (readable, and distinct for colour-blind users at
// its ends: dark blue and bright yellow-red).
const STOPS = [[0, [40, 40, 150]], [0.35, [40, 170, 210]], [0.65, [250, 220, 60]], [1, [215, 40, 30]]];

export function rampColour(t) {
  const v = Math.min(1, Math.max(0, t));
  for (let i = 1; i < STOPS.length; i++) {
    const [t1, c1] = STOPS[i];
    const [t0, c0] = STOPS[i - 1];
    if (v <= t1) {
      const f = (v - t0) / (t1 - t0);
      return c0.map((c, k) => Math.round(c + f * (c1[k] - c)));
    }
  }
  return STOPS[STOPS.length - 1][1];
}

// Paint `map` ({width, height, scores}) onto `canvas` (sized like the output it covers).
export function drawRealism(canvas, map, outWidth, outHeight) {
  canvas.width = outWidth;
  canvas.height = outHeight;
  const small = new OffscreenCanvas(map.width, map.height);
  const sctx = small.getContext('2d');
  const img = sctx.createImageData(map.width, map.height);
  for (let i = 0; i < map.scores.length; i++) {
    const [r, g, b] = rampColour(map.scores[i]);
    img.data.set([r, g, b, 255], i * 4);
  }
  sctx.putImageData(img, 0, 0);
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, outWidth, outHeight);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(small, 0, 0, outWidth, outHeight);
  let sum = 0;
  for (const s of map.scores) sum += s;
  return sum / Math.max(1, map.scores.length);
}
