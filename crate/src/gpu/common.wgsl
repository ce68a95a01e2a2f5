// Shared by every kernel of gpu/*.wgsl (prepended to each).

// Conv flags.
const ZERO_PAD: u32 = 1u;   // zero padding (else reflection)
const UPSAMPLE: u32 = 2u;   // nearest ×2 before the convolution
const MODULATED: u32 = 4u;  // per-sample input scale (the style) and output scale (demodulation)
const NOISE: u32 = 8u;      // add one per-pixel noise value to every channel

// Activations.
const LINEAR: u32 = 0u;
const RELU: u32 = 1u;
const LEAKY: u32 = 2u;      // leaky ReLU (slope), times gain

fn activate(v: vec4<f32>, act: u32, slope: f32, gain: f32) -> vec4<f32> {
  if (act == RELU) { return max(v, vec4<f32>(0.0)); }
  if (act == LEAKY) { return select(v * slope, v, v >= vec4<f32>(0.0)) * gain; }
  return v;
}

fn flat(g: vec3<u32>, n: vec3<u32>) -> u32 {
  return g.x + g.y * n.x * 64u;
}

