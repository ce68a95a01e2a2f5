//! Errors a user can act on. Every message says what went wrong and what to do about it.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum AtelierError {
    #[error("this is not an Atelier model file ({0}); pick a .bpk file exported by `trainer export`")]
    NotAModel(String),
    #[error("the model file is damaged or incomplete ({0}); download or export it again")]
    CorruptModel(String),
    #[error("this model is a `{found}` model, but a `{expected}` model is needed here")]
    WrongKind { expected: String, found: String },
    #[error(
        "this model is a `{found}` model, a kind this version of Atelier does not know (it reads {known}); \
         update Atelier or pick another model"
    )]
    UnknownKind { found: String, known: String },
    #[error(
        "this model file has format version {found}, but this version of Atelier reads version {supported}; \
         re-export the model with a matching `trainer` or update Atelier"
    )]
    VersionMismatch { found: u32, supported: u32 },
    #[error("the model's configuration is invalid: {0}")]
    BadConfig(String),
    #[error("could not read the image: {0}. Use a PNG, JPEG or WebP photo")]
    BadImage(String),
    #[error(
        "the image is {width}×{height} ({mpx:.1} megapixels); the limit is {limit_mpx} megapixels and \
         {limit_side} pixels per side. Downscale it first"
    )]
    ImageTooLarge { width: u32, height: u32, mpx: f64, limit_mpx: u32, limit_side: u32 },
    #[error("the image is {width}×{height}; it must be at least {min}×{min} pixels")]
    ImageTooSmall { width: u32, height: u32, min: u32 },
    #[error("pixel buffer has {got} bytes but {width}×{height} RGBA needs {expected}")]
    BadPixelBuffer { width: u32, height: u32, got: usize, expected: usize },
    #[error("the compute device failed: {0}. Reload the page or switch to the CPU backend")]
    Device(String),
    #[error("{0}")]
    Io(String),
}

pub type Result<T> = std::result::Result<T, AtelierError>;

impl From<std::io::Error> for AtelierError {
    fn from(e: std::io::Error) -> Self {
        AtelierError::Io(e.to_string())
    }
}
