#![allow(dead_code)]
pub mod cli;
pub mod mail;
pub mod sample;
pub mod ui;
pub mod xlsx;
