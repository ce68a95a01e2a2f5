// Normalise in place with (mean, variance) per sample and channel, scale and shift, activate,
// then add the skip map (flags & 1).
struct Norm { pixels: u32, c4: u32, act: u32, flags: u32, slope: f32, eps: f32, total: u32, _p: u32 }
@group(0) @binding(0) var<uniform> np: Norm;
@group(0) @binding(1) var<storage, read_write> nx: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> n_stats: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> n_affine: array<vec4<f32>>; // [c4][gamma, beta]
@group(0) @binding(4) var<storage, read> n_skip: array<vec4<f32>>;

@compute @workgroup_size(64, 1, 1)
fn norm(@builtin(global_invocation_id) g: vec3<u32>, @builtin(num_workgroups) n: vec3<u32>) {
  let i = flat(g, n);
  if (i >= np.total) { return; }
  let c = i % np.c4;
  let b = i / (np.c4 * np.pixels);
  let s = (b * np.c4 + c) * 2u;
  let scale = n_affine[2u * c] * inverseSqrt(n_stats[s + 1u] + vec4<f32>(np.eps));
  var v = (nx[i] - n_stats[s]) * scale + n_affine[2u * c + 1u];
  v = activate(v, np.act, np.slope, 1.0);
  if ((np.flags & 1u) != 0u) { v += n_skip[i]; }
  nx[i] = v;
}

