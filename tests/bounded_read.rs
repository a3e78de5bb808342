//! Issue 26, point 4: bounded reading, at the level of the process. Only
//! regular files are read (a pipe, a device or a folder is refused at
//! once), and a returned spreadsheet made to blow up the reader (one
//! shared string in every cell, many sheets of 65 536 × 256 cells, many
//! .ods sheets of repeated cells) is refused within a small peak of
//! memory, measured from the child process. Linux only (/proc, mkfifo).
#![cfg(target_os = "linux")]

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How the child ended: exit code, what it said, and its peak resident memory
/// (VmHWM) in bytes. The child runs under an address-space cap, so a
/// reader that would take gigabytes fails instead of taking the machine;
/// a watchdog fails the test after a minute (a pipe that hangs).
struct Run {
    code: Option<i32>,
    stderr: String,
    peak: u64,
}

fn run(args: &[&str]) -> Run {
    let mut child = Command::new("sh")
        .arg("-c")
        // 3 GB of address space: far above what a bounded read needs.
        .arg("ulimit -v 3000000 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let status_path = format!("/proc/{}/status", child.id());
    let started = Instant::now();
    let mut peak = 0u64;
    let status = loop {
        if let Ok(s) = std::fs::read_to_string(&status_path)
            && let Some(kb) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kb * 1024);
        }
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("thidua {args:?} still running after 60 s");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    // What the command says, on either stream (check reports on stdout,
    // merge on stderr); both are short.
    let mut stderr = String::new();
    if let Some(mut e) = child.stdout.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut stderr);
    }
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut stderr);
    }
    Run {
        code: status.code(),
        stderr,
        peak,
    }
}

const MB: u64 = 1024 * 1024;

fn master(dir: &Path) -> String {
    let path = dir.join("Cum8-2019.json");
    let wb = support::mail::mailed_out_sample();
    std::fs::write(&path, thidua::workbook::to_bytes(&wb)).unwrap();
    path.to_str().unwrap().to_string()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (name, bytes) in parts {
        let options = if *name == "mimetype" {
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored)
        } else {
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
        };
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// An .xlsx of one shared string of 100 000 characters, used by 150 000
/// cells: a small file that asks for 15 GB of copies.
fn shared_string_bomb() -> Vec<u8> {
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let wb_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
    );
    let strings = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="150000" uniqueCount="1"><si><t>{}</t></si></sst>"#,
        "x".repeat(100_000)
    );
    let mut sheet =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>"#);
    for r in 1..=1_500 {
        sheet.push_str(&format!(r#"<row r="{r}">"#));
        for c in 0..100u8 {
            let col = format!("{}{}", (b'A' + c / 26) as char, (b'A' + c % 26) as char);
            sheet.push_str(&format!(r#"<c r="{col}{r}" t="s"><v>0</v></c>"#));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    zip(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", wb_rels.as_bytes()),
        ("xl/sharedStrings.xml", strings.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

/// An .ods of 40 sheets, each a value repeated over 1 000 × 1 000 cells:
/// each sheet alone looks small, together 40 million cells.
fn ods_sheets_bomb() -> Vec<u8> {
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    for i in 0..40 {
        content.push_str(&format!(
            r#"<table:table table:name="S{i}"><table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#
        ));
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

fn refused_small(name: &str, bytes: &[u8]) {
    assert!(bytes.len() < 10 * 1024 * 1024, "{}", bytes.len());
    let dir = tempfile::tempdir().unwrap();
    let m = master(dir.path());
    let file = write(dir.path(), name, bytes);
    let r = run(&["merge", &m, &file]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("quá lớn"), "{}", r.stderr);
    assert!(r.peak <= 300 * MB, "{name}: peak {} MB", r.peak / MB);
    eprintln!(
        "{name} ({} bytes): refused, peak {} MB",
        bytes.len(),
        r.peak / MB
    );
}

#[test]
fn one_shared_string_in_every_cell_is_refused_within_300_mb() {
    refused_small("phieu.xlsx", &shared_string_bomb());
}

#[test]
fn many_xls_sheets_spanning_a1_to_iv65536_are_refused_within_300_mb() {
    let bytes = std::fs::read("tests/fixtures/sheets-bomb.xls").unwrap();
    refused_small("phieu.xls", &bytes);
}

#[test]
fn many_ods_sheets_of_repeated_cells_are_refused_within_300_mb() {
    refused_small("phieu.ods", &ods_sheets_bomb());
}

#[test]
fn an_ordinary_xls_is_read_not_refused_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let m = master(dir.path());
    let r = run(&["merge", &m, "tests/fixtures/small.xls"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    // Read, and found not to be a form.
    assert!(
        r.stderr.contains("không phải phiếu tự chấm"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_pipe_a_device_and_a_folder_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("phieu.json");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let fifo = fifo.to_str().unwrap();
    let m = master(dir.path());
    for args in [
        vec!["check", fifo],
        vec!["merge", &m, fifo],
        vec!["check", "/dev/zero"],
        vec!["merge", &m, "/dev/zero"],
    ] {
        let r = run(&args);
        assert_eq!(r.code, Some(1), "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("không phải một tệp thường"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.peak < 300 * MB, "{args:?}: peak {} MB", r.peak / MB);
    }
    let r = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("thư mục"), "{}", r.stderr);
}
