//! The families a run folder can hold, as its `state.json` names them.

use serde::{Deserialize, Serialize};

use crate::error::{AtelierError, Result};
use crate::pack::KNOWN_KINDS;

/// A trainer's family: what `trainer export` dispatches on (the model kind it writes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Family {
    /// Runs written before families were recorded are fast style.
    #[default]
    #[serde(rename = "fast_style")]
    FastStyle,
    #[serde(rename = "pix2pix")]
    Pix2Pix,
    #[serde(rename = "cyclegan")]
    CycleGan,
    #[serde(rename = "stylegan")]
    StyleGan,
}

impl Family {
    pub const ALL: [Family; 4] = [Family::FastStyle, Family::Pix2Pix, Family::CycleGan, Family::StyleGan];

    /// The name in `state.json`, which is also the kind of the model files it exports.
    pub fn as_str(&self) -> &'static str {
        match self {
            Family::FastStyle => KNOWN_KINDS[0],
            Family::Pix2Pix => KNOWN_KINDS[1],
            Family::CycleGan => KNOWN_KINDS[2],
            Family::StyleGan => KNOWN_KINDS[3],
        }
    }

    pub fn parse(name: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == name)
            .ok_or_else(|| AtelierError::UnknownKind { found: name.into(), known: KNOWN_KINDS.join(", ") })
    }

    /// The family of a run folder, from its `state.json`.
    pub fn of_run(run: &std::path::Path) -> Result<Self> {
        #[derive(Deserialize)]
        struct Tag {
            family: Option<String>,
        }
        let tag: Tag = super::run::read_json(&run.join(super::run::STATE))?;
        tag.family.map_or(Ok(Family::default()), |f| Self::parse(&f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_are_written_as_the_kinds_they_export() {
        for f in Family::ALL {
            assert_eq!(serde_json::to_value(f).unwrap(), f.as_str());
            assert_eq!(Family::parse(f.as_str()).unwrap(), f);
        }
        assert!(Family::parse("gatys").is_err());
    }
}
