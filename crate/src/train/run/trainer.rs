//! The one training loop. A family says how to build its networks, one step of its paper, what a
//! sample shows and what a checkpoint holds ([`Trainer`]); [`train_loop`] does the rest for every
//! family: the run folder, resuming, seeding, the learning-rate schedule, finite checks, the
//! progress bar, samples and checkpoints.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use burn::tensor::Device;
use rand::SeedableRng;
use rand::rngs::StdRng;
use serde::de::DeserializeOwned;

use super::folder::RunDir;
use super::progress::{Progress, check_finite, due};
use super::schedule::{Seeding, step_rng};
use crate::error::Result;
use crate::image::Planar;

/// The losses of the last step, by name (as `state.json` and the model card show them).
pub type Losses = BTreeMap<String, f64>;

/// The length and rhythm of a run, from its settings.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub steps: u64,
    pub seed: u64,
    pub sample_every: u64,
    pub checkpoint_every: u64,
}

/// Settings that say how long a run is, its seed and how often it samples and checkpoints.
pub trait RunSettings {
    fn plan(&self) -> Plan;
    /// The settings a resumed run goes on with: these (the saved ones), with the `given` step
    /// count (and schedule) where larger.
    fn continued(&self, given: Self) -> Self;
}

/// `RunSettings` of a settings struct from its fields `steps`, `seed`, `sample_every` and
/// `checkpoint_every` (every family names them so); a resumed run takes the larger `steps`.
/// `run_settings!(T, schedule)`: `steps` is that of the field `schedule` (a
/// [`Schedule`](super::schedule::Schedule)), which a resumed run continues.
macro_rules! run_settings {
    ($settings:ty $(, $schedule:ident)?) => {
        impl $crate::train::run::trainer::RunSettings for $settings {
            fn plan(&self) -> $crate::train::run::trainer::Plan {
                $crate::train::run::trainer::Plan {
                    steps: self$(.$schedule)?.steps,
                    seed: self.seed,
                    sample_every: self.sample_every,
                    checkpoint_every: self.checkpoint_every,
                }
            }

            fn continued(&self, given: Self) -> Self {
                $crate::train::run::run_settings!(@continued self, given $(, $schedule)?)
            }
        }
    };
    (@continued $saved:ident, $given:ident) => {
        Self { steps: $given.steps.max($saved.steps), ..$saved.clone() }
    };
    (@continued $saved:ident, $given:ident, $schedule:ident) => {
        Self { $schedule: $saved.$schedule.continued(&$given.$schedule), ..$saved.clone() }
    };
}
pub(crate) use run_settings;

/// What one step reports.
pub struct Report {
    pub losses: Losses,
    /// The figure that must stay a number (the loss the generator descended).
    pub watched: f64,
    /// The progress bar's message.
    pub line: String,
}

/// Where a run stands when a checkpoint is written.
pub struct At<'a> {
    /// Steps done.
    pub step: u64,
    /// Seconds of training, all sessions together.
    pub seconds: f64,
    pub losses: &'a Losses,
}

/// A run that continues another's training (`--init-from` a model file): its step and seconds.
pub struct Continued {
    pub step: u64,
    pub seconds: f64,
}

/// One family's training: its data and settings (`self`, fixed during the run) and its
/// networks and optimizers ([`Trainer::Nets`], changed by every step).
pub trait Trainer: Sized {
    type Settings: RunSettings + DeserializeOwned;
    type Nets;
    /// The checkpoint whose presence means a folder already holds a run.
    const MARKER: &'static str;
    /// The file `train` returns (what export reads).
    const OUTPUT: &'static str = Self::MARKER;
    const SEEDING: Seeding = Seeding::PerStep;

    /// Fresh networks (the loop has seeded the device: a run is reproducible from its settings).
    fn fresh(&self) -> Result<Self::Nets>;
    /// The networks and optimizers of the run's last checkpoint.
    fn restore(&mut self, nets: Self::Nets, run: &RunDir) -> Result<Self::Nets>;
    /// A new run's networks: `fresh`, or where the settings say the run starts from.
    fn start(&mut self, nets: Self::Nets) -> Result<(Self::Nets, Option<Continued>)> {
        Ok((nets, None))
    }
    fn learning_rate(&self, step: u64) -> f64;
    /// One step of the paper (step `step`, counting from 0).
    fn step(&self, nets: Self::Nets, step: u64, lr: f64, rng: &mut StdRng) -> Result<(Self::Nets, Report)>;
    /// The sample sheet of the current networks.
    fn sample(&self, nets: &Self::Nets) -> Result<Planar>;
    /// Write every network, optimizer and `state.json` (through [`RunDir::checkpoint`]).
    fn save(&self, nets: &Self::Nets, run: &RunDir, at: &At) -> Result<()>;
}

/// Train (or, with `resume`, continue) a run of `T` in `run_dir`; `new` reads the data of the
/// (possibly resumed) settings. Returns the path of `T::OUTPUT`.
pub fn train_loop<T: Trainer>(
    settings: T::Settings,
    run_dir: &Path,
    resume: bool,
    device: &Device,
    new: impl FnOnce(T::Settings) -> Result<T>,
) -> Result<PathBuf> {
    let (run, saved) = RunDir::open::<T::Settings>(run_dir, resume, T::MARKER)?;
    let settings = match &saved {
        Some(p) => {
            log::info!("resuming {} at step {}", run_dir.display(), p.step);
            p.settings.continued(settings)
        }
        None => settings,
    };
    let plan = settings.plan();
    let mut trainer = new(settings)?;
    device.seed(plan.seed);
    let mut nets = trainer.fresh()?;
    let (mut start, mut seconds) = (0, 0.0);
    match &saved {
        Some(p) => {
            nets = trainer.restore(nets, &run)?;
            (start, seconds) = (p.step, p.seconds);
        }
        None => {
            let from;
            (nets, from) = trainer.start(nets)?;
            if let Some(c) = from {
                (start, seconds) = (c.step, c.seconds);
            }
        }
    }

    let mut stream = StdRng::seed_from_u64(plan.seed.wrapping_add(start));
    let bar = Progress::new(plan.steps, start);
    let mut last = Losses::new();
    let mut clock = Instant::now();
    for step in start..plan.steps {
        let mut own;
        let rng = match T::SEEDING {
            Seeding::PerStep => {
                own = step_rng(plan.seed, step);
                &mut own
            }
            Seeding::Stream => &mut stream,
        };
        let lr = trainer.learning_rate(step);
        let report;
        (nets, report) = trainer.step(nets, step, lr, rng)?;
        check_finite(report.watched, step)?;
        last = report.losses;
        let done = step + 1;
        bar.step(done, report.line);
        if due(done, plan.sample_every, plan.steps) {
            trainer.sample(&nets)?.save(&run.sample_path(done))?;
        }
        if due(done, plan.checkpoint_every, plan.steps) {
            seconds += clock.elapsed().as_secs_f64();
            clock = Instant::now();
            trainer.save(&nets, &run, &At { step: done, seconds, losses: &last })?;
        }
    }
    bar.finish();
    log::info!("final losses {last:?}");
    Ok(run.file(T::OUTPUT))
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::*;
    use crate::train::run::folder::{STATE, read_json, write_atomic};

    #[derive(Clone, Serialize, Deserialize)]
    struct Settings {
        steps: u64,
        seed: u64,
        sample_every: u64,
        checkpoint_every: u64,
        /// The step whose loss is not a number.
        blow_up_at: Option<u64>,
    }

    /// A resumed run takes the given settings as they are (the step whose loss blows up too).
    impl RunSettings for Settings {
        fn plan(&self) -> Plan {
            Plan { steps: self.steps, seed: self.seed, sample_every: self.sample_every, checkpoint_every: self.checkpoint_every }
        }

        fn continued(&self, given: Settings) -> Settings {
            given
        }
    }

    #[derive(Serialize, Deserialize)]
    struct State {
        settings: Settings,
        step: u64,
        seconds: f64,
        sum: f64,
    }

    /// A "network" that adds the learning rate (= the step) at every step.
    struct Counter(Settings);

    impl Trainer for Counter {
        type Settings = Settings;
        type Nets = f64;
        const MARKER: &'static str = "counter.json";

        fn fresh(&self) -> Result<f64> {
            Ok(0.0)
        }
        fn restore(&mut self, _: f64, run: &RunDir) -> Result<f64> {
            Ok(read_json::<State>(&run.file(STATE))?.sum)
        }
        fn learning_rate(&self, step: u64) -> f64 {
            step as f64
        }
        fn step(&self, sum: f64, step: u64, lr: f64, _: &mut StdRng) -> Result<(f64, Report)> {
            let sum = sum + lr;
            let watched = if self.0.blow_up_at == Some(step) { f64::NAN } else { sum };
            Ok((sum, Report { losses: Losses::from([("sum".to_string(), sum)]), watched, line: format!("sum {sum}") }))
        }
        fn sample(&self, _: &f64) -> Result<Planar> {
            Ok(Planar::new(8, 8))
        }
        fn save(&self, sum: &f64, run: &RunDir, at: &At) -> Result<()> {
            write_atomic(&run.file(Self::MARKER), b"{}")?;
            run.save_state(&State { settings: self.0.clone(), step: at.step, seconds: at.seconds, sum: *sum })
        }
    }

    fn train(dir: &Path, steps: u64, resume: bool, blow_up_at: Option<u64>) -> Result<PathBuf> {
        let s = Settings { steps, seed: 1, sample_every: 3, checkpoint_every: 2, blow_up_at };
        train_loop(s, dir, resume, &Device::flex(), |s| Ok(Counter(s)))
    }

    fn state(dir: &Path) -> State {
        super::super::folder::read_json(&dir.join(super::super::folder::STATE)).unwrap()
    }

    #[test]
    fn the_loop_steps_samples_checkpoints_resumes_and_stops_on_nan() {
        let dir = std::env::temp_dir().join(format!("atelier-loop-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(train(&dir, 5, false, None).unwrap(), dir.join("counter.json"));
        let s = state(&dir);
        assert_eq!((s.step, s.sum), (5, 10.0), "steps 0..5, the last one checkpointed");
        let samples: Vec<bool> = (1..=5).map(|k| dir.join(format!("samples/step_{k:06}.png")).exists()).collect();
        assert_eq!(samples, [false, false, true, false, true], "every 3 steps, and the last");

        // A folder that holds a run is not overwritten; --resume continues it.
        assert!(train(&dir, 7, false, None).unwrap_err().to_string().contains("already holds a run"));
        train(&dir, 7, true, None).unwrap();
        assert_eq!((state(&dir).step, state(&dir).sum), (7, 21.0));

        // A loss that is not a number stops the run at that step; the last checkpoint stays.
        let err = train(&dir, 12, true, Some(9)).unwrap_err().to_string();
        assert!(err.contains("became NaN at step 9"), "{err}");
        assert_eq!(state(&dir).step, 8, "the checkpoint after 8 steps stays");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
