//! Dockerfile rules. Each reads the stage model of `shiplint_model::docker`.

pub mod single_stage_build;
