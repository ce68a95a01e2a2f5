//! Atelier: neural and GAN image style transfer.
//!
//! One definition of every network (`nn`, `models`, `features`), shared by the native
//! `trainer` and the browser (`web`). The backend is a run-time [`burn::tensor::Device`]:
//! WebGPU in the browser when an adapter exists, otherwise burn's `flex` CPU backend.

pub mod bands;
pub mod breed;
pub mod engine;
pub mod error;
pub mod features;
#[cfg(feature = "webgpu")]
pub mod gpu;
pub mod image;
pub mod loss;
pub mod models;
pub mod nn;
pub mod pack;

#[cfg(feature = "train")]
pub mod train;

#[cfg(all(feature = "webgpu", not(target_family = "wasm")))]
compile_error!("the `webgpu` feature is the browser's WebGPU engine: build it for wasm32-unknown-unknown (the trainer's GPU feature is `gpu`)");

#[cfg(target_family = "wasm")]
pub mod web;

pub use engine::{StyleOptions, Stylizer};
pub use error::{AtelierError, Result};
