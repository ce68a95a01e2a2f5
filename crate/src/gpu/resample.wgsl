// Bilinear resampling of s to y's size, every channel group: corners aligned (as burn's
// interpolate with align_corners, StyleGAN's RGB skip outputs, added to y) or half-pixel centres
// (PyTorch's align_corners=False, the ×2 before a smooth-upsampling conv, written to y).
struct Up { in_h: u32, in_w: u32, out_h: u32, out_w: u32, ry: f32, rx: f32, total: u32, c4: u32, offset: f32, add: u32, _p0: u32, _p1: u32 }
@group(0) @binding(0) var<uniform> up: Up;
@group(0) @binding(1) var<storage, read> us: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> uy: array<vec4<f32>>;

@compute @workgroup_size(64, 1, 1)
fn resample(@builtin(global_invocation_id) g: vec3<u32>, @builtin(num_workgroups) n: vec3<u32>) {
  let i = flat(g, n);
  if (i >= up.total) { return; }
  let c = i % up.c4;
  let x = (i / up.c4) % up.out_w;
  let y = (i / (up.c4 * up.out_w)) % up.out_h;
  let b = i / (up.c4 * up.out_w * up.out_h);
  let fy = max((f32(y) + up.offset) * up.ry - up.offset, 0.0);
  let fx = max((f32(x) + up.offset) * up.rx - up.offset, 0.0);
  let y0 = min(u32(floor(fy)), up.in_h - 1u);
  let x0 = min(u32(floor(fx)), up.in_w - 1u);
  let y1 = min(y0 + 1u, up.in_h - 1u);
  let x1 = min(x0 + 1u, up.in_w - 1u);
  let wy = fy - f32(y0);
  let wx = fx - f32(x0);
  let r = b * up.in_h;
  let top = us[((r + y0) * up.in_w + x0) * up.c4 + c] * (1.0 - wx) + us[((r + y0) * up.in_w + x1) * up.c4 + c] * wx;
  let bottom = us[((r + y1) * up.in_w + x0) * up.c4 + c] * (1.0 - wx) + us[((r + y1) * up.in_w + x1) * up.c4 + c] * wx;
  let v = top * (1.0 - wy) + bottom * wy;
  if (up.add == 1u) {
    uy[i] += v;
  } else {
    uy[i] = v;
  }
}
