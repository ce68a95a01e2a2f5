// Channels of `a` then `b`, pixel by pixel (the U-Net's skip connections).
struct Cat { ca4: u32, cb4: u32, total: u32, _p: u32 }
@group(0) @binding(0) var<uniform> kp: Cat;
@group(0) @binding(1) var<storage, read> ka: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> kb: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> ky: array<vec4<f32>>;

@compute @workgroup_size(64, 1, 1)
fn concat(@builtin(global_invocation_id) g: vec3<u32>, @builtin(num_workgroups) n: vec3<u32>) {
  let i = flat(g, n);
  if (i >= kp.total) { return; }
  let c4 = kp.ca4 + kp.cb4;
  let p = i / c4;
  let c = i % c4;
  if (c < kp.ca4) { ky[i] = ka[p * kp.ca4 + c]; } else { ky[i] = kb[p * kp.cb4 + c - kp.ca4]; }
}

