// Convolution: any K×K, stride, reflection or zero padding, nearest ×2 before it, per-sample
// modulation (StyleGAN2), noise, bias and activation.

struct Conv {
  in_h: u32, in_w: u32, in_c4: u32, batch: u32,
  out_h: u32, out_w: u32, out_c4: u32, k: u32,
  stride: u32, pad: u32, flags: u32, act: u32,
  slope: f32, gain: f32, _p0: u32, _p1: u32,
}

@group(0) @binding(0) var<uniform> cp: Conv;
@group(0) @binding(1) var<storage, read> cx: array<vec4<f32>>;
// [ky][kx][ci4][co4][4 columns]: column j holds 4 output channels' weights for input channel 4·ci4 + j.
@group(0) @binding(2) var<storage, read> cw: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> cb: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> c_in_scale: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read> c_out_scale: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read> c_noise: array<f32>;
@group(0) @binding(7) var<storage, read_write> cy: array<vec4<f32>>;

// A padded coordinate `u` of a line `n` long: its source (reflected), or -1 outside (zeros).
fn source(u: i32, n: i32, zero: bool) -> i32 {
  if (u >= 0 && u < n) { return u; }
  if (zero) { return -1; }
  if (u < 0) { return min(-u, n - 1); }
  return max(2 * n - 2 - u, 0);
}

// The input at `xi` (a pixel's first group, or -1 for zero padding), channel group `ci`, styled.
fn fetch(xi: i32, ci: u32, b: u32, modulated: bool) -> vec4<f32> {
  if (xi < 0) { return vec4<f32>(0.0); }
  var v = cx[u32(xi) + ci];
  if (modulated) { v = v * c_in_scale[b * cp.in_c4 + ci]; }
  return v;
}

// The first channel group of input column `u` (padded coordinate) in row `row`, or -1.
fn column(u: i32, lw: i32, zero: bool, up: bool, row: u32) -> i32 {
  var sx = source(u, lw, zero);
  if (sx < 0) { return -1; }
  if (up) { sx = sx / 2; }
  return i32((row * cp.in_w + u32(sx)) * cp.in_c4);
}

fn finish(acc: vec4<f32>, b: u32, co: u32, x: u32, y: u32, modulated: bool) {
  if (x >= cp.out_w) { return; }
  var r = acc;
  if (modulated) { r = r * c_out_scale[b * cp.out_c4 + co]; }
  if ((cp.flags & NOISE) != 0u) { r += vec4<f32>(c_noise[y * cp.out_w + x]); }
  r += cb[co];
  cy[((b * cp.out_h + y) * cp.out_w + x) * cp.out_c4 + co] = activate(r, cp.act, cp.slope, cp.gain);
}

// One invocation: four neighbouring output pixels of a row × four output channels (each weight
// read once for four pixels).
@compute @workgroup_size(8, 8, 1)
fn conv(@builtin(global_invocation_id) g: vec3<u32>) {
  let x0 = g.x * 4u;
  if (x0 >= cp.out_w || g.y >= cp.out_h) { return; }
  let co = g.z % cp.out_c4;
  let b = g.z / cp.out_c4;
  let zero = (cp.flags & ZERO_PAD) != 0u;
  let up = (cp.flags & UPSAMPLE) != 0u;
  let modulated = (cp.flags & MODULATED) != 0u;
  // The line lengths the padding reflects in (the upsampled ones when upsampling).
  let lh = i32(select(cp.in_h, 2u * cp.in_h, up));
  let lw = i32(select(cp.in_w, 2u * cp.in_w, up));
  let pad = i32(cp.pad);
  let step = i32(cp.stride);
  var a0 = vec4<f32>(0.0);
  var a1 = vec4<f32>(0.0);
  var a2 = vec4<f32>(0.0);
  var a3 = vec4<f32>(0.0);
  for (var ky = 0u; ky < cp.k; ky++) {
    var sy = source(i32(g.y * cp.stride + ky) - pad, lh, zero);
    if (sy < 0) { continue; }
    if (up) { sy = sy / 2; }
    let row = b * cp.in_h + u32(sy);
    for (var kx = 0u; kx < cp.k; kx++) {
      let u = i32(x0 * cp.stride + kx) - pad;
      let i0 = column(u, lw, zero, up, row);
      let i1 = column(u + step, lw, zero, up, row);
      let i2 = column(u + 2 * step, lw, zero, up, row);
      let i3 = column(u + 3 * step, lw, zero, up, row);
      var wi = ((ky * cp.k + kx) * cp.in_c4 * cp.out_c4 + co) * 4u;
      for (var ci = 0u; ci < cp.in_c4; ci++) {
        let w0 = cw[wi];
        let w1 = cw[wi + 1u];
        let w2 = cw[wi + 2u];
        let w3 = cw[wi + 3u];
        let v0 = fetch(i0, ci, b, modulated);
        let v1 = fetch(i1, ci, b, modulated);
        let v2 = fetch(i2, ci, b, modulated);
        let v3 = fetch(i3, ci, b, modulated);
        a0 += w0 * v0.x + w1 * v0.y + w2 * v0.z + w3 * v0.w;
        a1 += w0 * v1.x + w1 * v1.y + w2 * v1.z + w3 * v1.w;
        a2 += w0 * v2.x + w1 * v2.y + w2 * v2.z + w3 * v2.w;
        a3 += w0 * v3.x + w1 * v3.y + w2 * v3.z + w3 * v3.w;
        wi += cp.out_c4 * 4u;
      }
    }
  }
  finish(a0, b, co, x0, g.y, modulated);
  finish(a1, b, co, x0 + 1u, g.y, modulated);
  finish(a2, b, co, x0 + 2u, g.y, modulated);
  finish(a3, b, co, x0 + 3u, g.y, modulated);
}
