//! burn's gradients of the operations the GAN generators and discriminators are built from,
//! against central finite differences: nearest and bilinear ×2 (the StyleGAN skip, corners
//! aligned), 3×3 convolution with zero padding (input and weight), 2×2 average pooling and
//! StyleGAN2's modulated convolution with its upsampling. A training artefact (StyleGAN's
//! stripes) is then not a wrong gradient in these.
use burn::tensor::module::interpolate;
use burn::tensor::ops::{InterpolateMode, InterpolateOptions};
use burn::tensor::{Device, Distribution, Tensor, TensorData};

fn f(x: Tensor<4>, r: &Tensor<4>, mode: InterpolateMode, size: [usize; 2]) -> Tensor<1> {
    (interpolate(x, InterpolateOptions::new(mode).with_output_size(size)) * r.clone()).sum()
}

#[test]
fn bilinear_and_nearest_gradients_match_finite_differences() {
    let device = Device::flex().autodiff();
    for (mode, name) in [(InterpolateMode::Bilinear, "bilinear"), (InterpolateMode::Nearest, "nearest")] {
        for (h, w) in [(4usize, 4usize), (8, 8), (5, 7)] {
            let x = Tensor::<4>::random([2, 3, h, w], Distribution::Normal(0.0, 1.0), &device).require_grad();
            let r = Tensor::<4>::random([2, 3, 2 * h, 2 * w], Distribution::Normal(0.0, 1.0), &device);
            let loss = f(x.clone(), &r, mode.clone(), [2 * h, 2 * w]);
            let grads = loss.backward();
            let g: Vec<f32> = x.grad(&grads).unwrap().into_data().try_to_vec::<f32>().unwrap();
            let xs: Vec<f32> = x.clone().into_data().try_to_vec::<f32>().unwrap();
            let mut worst = 0.0f32;
            for i in 0..xs.len() {
                let eval = |d: f32| {
                    let mut v = xs.clone();
                    v[i] += d;
                    let t = Tensor::<4>::from_data(TensorData::new(v, [2, 3, h, w]), &device);
                    {
                        let v: Vec<f32> = f(t, &r, mode.clone(), [2 * h, 2 * w]).into_data().try_to_vec::<f32>().unwrap();
                        v[0]
                    }
                };
                let num = (eval(1e-2) - eval(-1e-2)) / 2e-2;
                worst = worst.max((num - g[i]).abs());
            }
            println!("{name} {h}x{w}: max |analytic − numeric| = {worst}");
            assert!(worst < 5e-3, "{name} {h}x{w}: gradient off by {worst}");
        }
    }
}

fn check(name: &str, x: Tensor<4>, loss: impl Fn(Tensor<4>) -> Tensor<1>) {
    let device = x.device();
    let dims = x.dims();
    let x = x.require_grad();
    let grads = loss(x.clone()).backward();
    let g: Vec<f32> = x.grad(&grads).unwrap().into_data().try_to_vec::<f32>().unwrap();
    let xs: Vec<f32> = x.clone().into_data().try_to_vec::<f32>().unwrap();
    let (mut worst, mut scale) = (0.0f32, 0.0f32);
    for i in (0..xs.len()).step_by((xs.len() / 200).max(1)) {
        let eval = |d: f32| {
            let mut v = xs.clone();
            v[i] += d;
            let out: Vec<f32> = loss(Tensor::<4>::from_data(TensorData::new(v, dims), &device)).into_data().try_to_vec::<f32>().unwrap();
            out[0]
        };
        let num = (eval(1e-2) - eval(-1e-2)) / 2e-2;
        worst = worst.max((num - g[i]).abs());
        scale = scale.max(g[i].abs());
    }
    println!("{name}: max |analytic − numeric| = {worst} (largest gradient {scale})");
    assert!(scale > 0.1 && worst < 5e-3 * scale.max(1.0), "{name}: gradient off by {worst} (largest {scale})");
}

#[test]
fn conv_pool_and_modulated_gradients_match_finite_differences() {
    use burn::tensor::module::{avg_pool2d, conv2d};
    use burn::tensor::ops::{AvgPoolOptions, ConvOptions};
    let device = Device::flex().autodiff();
    let w = Tensor::<4>::random([8, 6, 3, 3], Distribution::Normal(0.0, 0.3), &device);
    let r = Tensor::<4>::random([2, 8, 9, 7], Distribution::Normal(0.0, 1.0), &device);
    let x = Tensor::<4>::random([2, 6, 9, 7], Distribution::Normal(0.0, 1.0), &device);
    check("conv2d 3×3 zero pad, input", x.clone(), |x| (conv2d(x, w.clone(), None, ConvOptions::new([1, 1], [1, 1], [1, 1], 1)) * r.clone()).sum());
    check("conv2d 3×3 zero pad, weight", w.clone(), |w| (conv2d(x.clone(), w, None, ConvOptions::new([1, 1], [1, 1], [1, 1], 1)) * r.clone()).sum());
    let x8 = Tensor::<4>::random([2, 3, 8, 8], Distribution::Normal(0.0, 1.0), &device);
    let r4 = Tensor::<4>::random([2, 3, 4, 4], Distribution::Normal(0.0, 1.0), &device);
    check("avg_pool2d 2×2", x8.clone(), |x| (avg_pool2d(x, AvgPoolOptions::new([2, 2])) * r4.clone()).sum());
    let layer = atelier::nn::ModulatedConv2d::new(6, 8, 3, 16, true, true, &device);
    let wl = Tensor::<2>::random([2, 16], Distribution::Normal(0.0, 1.0), &device);
    let r18 = Tensor::<4>::random([2, 8, 18, 14], Distribution::Normal(0.0, 1.0), &device);
    check("modulated conv ×2, input", x.clone(), |x| (layer.forward(x, wl.clone()) * r18.clone()).sum());
}
