//! `trainer`: train, export, run and evaluate Atelier's style networks natively. This file parses
//! the command line and dispatches; each command is its own module.

mod bench;
mod common;
mod cyclegan;
mod dump_weights;
mod eval;
mod export;
mod fast_style;
mod gatys;
mod generate;
mod import_lossnet;
mod inspect;
mod pix2pix;
mod sheet;
mod stylegan;
mod stylize;

use std::process::ExitCode;

use atelier::error::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "trainer", version, about = "Train, export, run and evaluate Atelier style networks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    FastStyle(fast_style::FastStyleArgs),
    Pix2pix(pix2pix::Pix2pixArgs),
    Cyclegan(cyclegan::CycleganArgs),
    Stylegan(stylegan::StyleganArgs),
    Generate(generate::GenerateArgs),
    Export(export::ExportArgs),
    DumpWeights(dump_weights::DumpWeightsArgs),
    Stylize(stylize::StylizeArgs),
    Gatys(gatys::GatysArgs),
    Eval(eval::EvalArgs),
    Bench(bench::BenchArgs),
    Sheet(sheet::SheetArgs),
    Inspect(inspect::InspectArgs),
    ImportLossnet(import_lossnet::ImportLossnetArgs),
}

fn run(command: Command) -> Result<()> {
    match command {
        Command::FastStyle(a) => fast_style::run(a),
        Command::Pix2pix(a) => pix2pix::run(a),
        Command::Cyclegan(a) => cyclegan::run(a),
        Command::Stylegan(a) => stylegan::run(a),
        Command::Generate(a) => generate::run(a),
        Command::Export(a) => export::run(a),
        Command::DumpWeights(a) => dump_weights::run(a),
        Command::Stylize(a) => stylize::run(a),
        Command::Gatys(a) => gatys::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Bench(a) => bench::run(a),
        Command::Sheet(a) => sheet::run(a),
        Command::Inspect(a) => inspect::run(a),
        Command::ImportLossnet(a) => import_lossnet::run(a),
    }
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    match run(Cli::parse().command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
