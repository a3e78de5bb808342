//! Filling a generated form as a clerk would in Excel: cells set to
//! numbers, to text (a number typed as text with a decimal comma), cleared,
//! or added in a row the form did not have. Done on the sheet XML inside
//! the .xlsx, keeping each cell's style; the LibreOffice test then saves
//! such a file again as LibreOffice writes it (shared strings, its own
//! styles), and as .ods and .xls.

use std::collections::BTreeMap;
use std::io::{Read, Write};

/// What to put in a cell.
#[derive(Debug, Clone)]
pub enum Put {
    Number(f64),
    Text(String),
    Empty,
}

pub fn text(s: &str) -> Put {
    Put::Text(s.to_string())
}

/// The parts of an .xlsx, in order: (name, bytes).
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an xlsx");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

/// The .xlsx `bytes` with the cells of `edits` ((sheet name, "D7") → value)
/// replaced.
pub fn fill(bytes: &[u8], edits: &[(&str, &str, Put)]) -> Vec<u8> {
    let parts = parts(bytes);
    let text_of = |name: &str| {
        String::from_utf8(
            parts
                .iter()
                .find(|(n, _)| n == name)
                .unwrap_or_else(|| panic!("{name} in the xlsx"))
                .1
                .clone(),
        )
        .unwrap()
    };
    // Sheet name → part, through the workbook and its relationships.
    let workbook = text_of("xl/workbook.xml");
    let rels = text_of("xl/_rels/workbook.xml.rels");
    let mut by_name: BTreeMap<String, String> = BTreeMap::new();
    for sheet in workbook.split("<sheet ").skip(1) {
        let name = attr(sheet, "name").unwrap();
        let rid = attr(sheet, "r:id").unwrap();
        let rel = rels
            .split("<Relationship ")
            .find(|r| attr(r, "Id").as_deref() == Some(rid.as_str()))
            .unwrap();
        let target = attr(rel, "Target").unwrap();
        by_name.insert(
            unescape(&name),
            format!("xl/{}", target.trim_start_matches("/xl/")),
        );
    }
    let mut changed: BTreeMap<String, String> = BTreeMap::new();
    for (sheet, cell, put) in edits {
        let part = by_name
            .get(*sheet)
            .unwrap_or_else(|| panic!("sheet {sheet}"))
            .clone();
        let xml = changed.remove(&part).unwrap_or_else(|| text_of(&part));
        changed.insert(part, set_cell(&xml, cell, put));
    }
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        out.start_file(name.clone(), options).unwrap();
        match changed.get(&name) {
            Some(xml) => out.write_all(xml.as_bytes()).unwrap(),
            None => out.write_all(&data).unwrap(),
        }
    }
    out.finish().unwrap().into_inner()
}

/// The .xlsx `bytes` with a sheet of the clerk's own added at the end,
/// holding `line` in A1.
pub fn add_sheet(bytes: &[u8], name: &str, line: &str) -> Vec<u8> {
    let mut parts = parts(bytes);
    let n = parts
        .iter()
        .filter(|(p, _)| p.starts_with("xl/worksheets/sheet"))
        .count()
        + 1;
    let edit = |parts: &mut Vec<(String, Vec<u8>)>, part: &str, before: &str, insert: String| {
        let slot = parts.iter_mut().find(|(p, _)| p == part).unwrap();
        let text = String::from_utf8(slot.1.clone()).unwrap();
        let at = text
            .find(before)
            .unwrap_or_else(|| panic!("{before} in {part}"));
        slot.1 = format!("{}{insert}{}", &text[..at], &text[at..]).into_bytes();
    };
    edit(
        &mut parts,
        "xl/workbook.xml",
        "</sheets>",
        format!(
            "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rIdClerk\"/>",
            escape(name),
            100 + n
        ),
    );
    edit(
        &mut parts,
        "xl/_rels/workbook.xml.rels",
        "</Relationships>",
        format!(
            "<Relationship Id=\"rIdClerk\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        ),
    );
    edit(
        &mut parts,
        "[Content_Types].xml",
        "</Types>",
        format!(
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        ),
    );
    parts.push((
        format!("xl/worksheets/sheet{n}.xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{}</t></is></c></row></sheetData></worksheet>".replace("{}", &escape(line)).into_bytes(),
    ));
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = format!(" {tag}").find(&needle)? + needle.len() - 1;
    let rest = &tag[start..];
    Some(rest[..rest.find('"')?].to_string())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn row_of(cell: &str) -> String {
    cell.trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .to_string()
}

fn set_cell(xml: &str, cell: &str, put: &Put) -> String {
    let open = format!("<c r=\"{cell}\"");
    let style = |tag: &str| {
        attr(tag, "s")
            .map(|s| format!(" s=\"{s}\""))
            .unwrap_or_default()
    };
    let make = |style: &str| match put {
        Put::Number(n) => format!("<c r=\"{cell}\"{style}><v>{n}</v></c>"),
        Put::Text(t) => format!(
            "<c r=\"{cell}\"{style} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
            escape(t)
        ),
        Put::Empty => format!("<c r=\"{cell}\"{style}/>"),
    };
    if let Some(start) = xml.find(&open) {
        let tag_end = start + xml[start..].find('>').unwrap();
        let tag = &xml[start..tag_end];
        let end = if tag.ends_with('/') {
            tag_end + 1
        } else {
            tag_end + xml[tag_end..].find("</c>").unwrap() + 4
        };
        let new = make(&style(tag));
        return format!("{}{new}{}", &xml[..start], &xml[end..]);
    }
    // A cell the form never wrote: in its row, or in a new row at the end.
    let row = row_of(cell);
    let row_open = format!("<row r=\"{row}\"");
    if let Some(start) = xml.find(&row_open) {
        let tag_end = start + xml[start..].find('>').unwrap();
        if xml[start..tag_end].ends_with('/') {
            let new_row = format!("{}>{}</row>", &xml[start..tag_end - 1], make(""));
            return format!("{}{new_row}{}", &xml[..start], &xml[tag_end + 1..]);
        }
        let close = tag_end + xml[tag_end..].find("</row>").unwrap();
        return format!("{}{}{}", &xml[..close], make(""), &xml[close..]);
    }
    let end = xml.find("</sheetData>").expect("sheet data");
    format!(
        "{}<row r=\"{row}\">{}</row>{}",
        &xml[..end],
        make(""),
        &xml[end..]
    )
}
