#![allow(dead_code)]
pub mod cli;
pub mod sample;
pub mod ui;
