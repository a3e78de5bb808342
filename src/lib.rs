//! Sổ Thi Đua: the year's record of an emulation cluster of provincial
//! political schools. The domain (workbook, rules, exchange) never imports
//! iced or printpdf, so every rule is testable in microseconds and shared by
//! the window, the CLI and the PDF exporter.

pub mod app;
pub mod cli;
pub mod document;
pub mod exchange;
pub mod export;
pub mod history;
pub mod intake;
pub mod limits;
pub mod master;
pub mod paths;
pub mod rules;
pub mod settings;
pub mod spreadsheet;
pub mod text;
pub mod workbook;
