#![allow(dead_code)]
pub mod sample;
