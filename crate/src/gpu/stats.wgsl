// Instance-norm statistics: one workgroup per (channel group, sample) → (mean, biased variance).
struct Stats { pixels: u32, c4: u32, _p0: u32, _p1: u32 }
@group(0) @binding(0) var<uniform> sp: Stats;
@group(0) @binding(1) var<storage, read> sx: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> s_out: array<vec4<f32>>;
var<workgroup> part: array<vec4<f32>, 256>;

fn reduce(l: u32) -> vec4<f32> {
  for (var step = 128u; step > 0u; step = step / 2u) {
    workgroupBarrier();
    if (l < step) { part[l] += part[l + step]; }
  }
  workgroupBarrier();
  return part[0];
}

@compute @workgroup_size(256, 1, 1)
fn stats(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wg: vec3<u32>) {
  let c = wg.x;
  let base = wg.y * sp.pixels;
  let l = lid.x;
  var s = vec4<f32>(0.0);
  for (var i = l; i < sp.pixels; i += 256u) { s += sx[(base + i) * sp.c4 + c]; }
  part[l] = s;
  let mean = reduce(l) / f32(sp.pixels);
  workgroupBarrier();
  // Centred second pass: no cancellation, whatever the mean.
  var q = vec4<f32>(0.0);
  for (var i = l; i < sp.pixels; i += 256u) {
    let d = sx[(base + i) * sp.c4 + c] - mean;
    q += d * d;
  }
  part[l] = q;
  let variance = reduce(l) / f32(sp.pixels);
  if (l == 0u) {
    s_out[(wg.y * sp.c4 + c) * 2u] = mean;
    s_out[(wg.y * sp.c4 + c) * 2u + 1u] = variance;
  }
}

