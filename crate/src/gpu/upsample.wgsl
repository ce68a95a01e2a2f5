// y += bilinear upsampling of s (corners aligned, as burn's interpolate), one channel group
// (StyleGAN's RGB skip outputs).
struct Up { in_h: u32, in_w: u32, out_h: u32, out_w: u32, ry: f32, rx: f32, total: u32, _p: u32 }
@group(0) @binding(0) var<uniform> up: Up;
@group(0) @binding(1) var<storage, read> us: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> uy: array<vec4<f32>>;

@compute @workgroup_size(64, 1, 1)
fn add_upsampled(@builtin(global_invocation_id) g: vec3<u32>, @builtin(num_workgroups) n: vec3<u32>) {
  let i = flat(g, n);
  if (i >= up.total) { return; }
  let x = i % up.out_w;
  let y = (i / up.out_w) % up.out_h;
  let b = i / (up.out_w * up.out_h);
  let fy = f32(y) * up.ry;
  let fx = f32(x) * up.rx;
  let y0 = u32(floor(fy));
  let x0 = u32(floor(fx));
  let y1 = min(y0 + 1u, up.in_h - 1u);
  let x1 = min(x0 + 1u, up.in_w - 1u);
  let wy = fy - f32(y0);
  let wx = fx - f32(x0);
  let r = b * up.in_h;
  let top = us[(r + y0) * up.in_w + x0] * (1.0 - wx) + us[(r + y0) * up.in_w + x1] * wx;
  let bottom = us[(r + y1) * up.in_w + x0] * (1.0 - wx) + us[(r + y1) * up.in_w + x1] * wx;
  uy[i] += top * (1.0 - wy) + bottom * wy;
}
