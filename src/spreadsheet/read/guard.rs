//! What a returned spreadsheet would cost to read, worked out before the
//! spreadsheet reader (calamine) sees it. calamine holds each .xls and
//! .ods sheet as a dense rectangle, builds every sheet of an .xls and an
//! .ods when the file is opened, and copies a shared string into every
//! cell that uses it: a file of 10 KB can so ask for gigabytes. This reads
//! the file's own structure (the zip directory, an .ods's content, an
//! .xls's compound file and records) and refuses one whose sheets, cells
//! or text would go past `crate::limits::spreadsheet`, before anything is
//! stored. It also refuses the malformed structures the reader would not
//! survive (a sector chain that loops, a record shorter than its fields).

use crate::limits::spreadsheet as lim;
use std::io::Read;

/// Why a spreadsheet is refused unread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refused {
    /// Larger than any form: too many cells, sheets or text.
    TooLarge,
    /// Its structure is damaged (or made to harm the reader).
    Damaged,
}

/// What reading a spreadsheet would hold, counted as the reader holds it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Cost {
    pub sheets: usize,
    /// Cells of the dense rectangles, over all sheets.
    pub area: u64,
    /// Non-empty cells, repeated cells counted each time.
    pub cells: u64,
    /// Bytes of text, repeated cells counted each time.
    pub text: u64,
}

impl Cost {
    fn check(&self) -> Result<(), Refused> {
        if self.sheets > lim::MAX_SHEETS
            || self.area > lim::MAX_AREA
            || self.cells > lim::MAX_CELLS as u64
            || self.text > lim::MAX_TEXT_BYTES
        {
            Err(Refused::TooLarge)
        } else {
            Ok(())
        }
    }
}

/// Checks a spreadsheet's bytes before calamine reads them.
pub(super) fn check(bytes: &[u8]) -> Result<(), Refused> {
    if bytes.starts_with(b"PK") {
        zip(bytes)
    } else if bytes.starts_with(OLE) {
        xls(bytes)?.check()
    } else {
        Ok(()) // calamine says why it cannot be read
    }
}

const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// A zip (.xlsx, .xlsb, .ods): what it unpacks to, in all and per part;
/// an .ods's content counted cell by cell. (An .xlsx is read cell by cell
/// and counted as it is read: see `sheets` in the parent module.)
fn zip(bytes: &[u8]) -> Result<(), Refused> {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(()); // calamine says why it cannot be read
    };
    let mut unpacked = 0u64;
    for i in 0..zip.len() {
        let Ok(file) = zip.by_index_raw(i) else {
            return Err(Refused::Damaged);
        };
        if file.size() > lim::MAX_PART {
            return Err(Refused::TooLarge);
        }
        unpacked = unpacked.saturating_add(file.size());
    }
    if unpacked > lim::MAX_UNPACKED {
        return Err(Refused::TooLarge);
    }
    let Ok(content) = zip.by_name("content.xml") else {
        return Ok(()); // not an .ods
    };
    // The size in the directory is the writer's word: the read stops at
    // the limit whatever it says.
    let mut xml = Vec::new();
    if content
        .take(lim::MAX_PART + 1)
        .read_to_end(&mut xml)
        .is_err()
    {
        return Err(Refused::Damaged);
    }
    if xml.len() as u64 > lim::MAX_PART {
        return Err(Refused::TooLarge);
    }
    ods(&String::from_utf8_lossy(&xml)).check()
}

/// An .ods's content.xml, counted as calamine holds it: per sheet the
/// rectangle from its first row to the farthest cell holding anything,
/// with repeated rows and cells expanded; every repeated cell's text
/// counted each time it is repeated.
pub(super) fn ods(xml: &str) -> Cost {
    let repeat = |tag: &str, attr: &str| -> u64 {
        let needle = format!("{attr}=\"");
        tag.find(&needle)
            .and_then(|at| {
                let rest = &tag[at + needle.len()..];
                rest[..rest.find('"')?].parse().ok()
            })
            .unwrap_or(1)
    };
    let mut cost = Cost::default();
    let (mut row, mut max_row, mut max_col) = (0u64, 0u64, 0u64);
    let mut row_repeat = 1u64;
    let mut col = 0u64;
    // The cell being read: its repeat and the text inside it.
    let mut cell: Option<(u64, u64)> = None;
    let close_sheet = |cost: &mut Cost, max_row: &mut u64, max_col: &mut u64| {
        cost.area = cost.area.saturating_add(max_row.saturating_mul(*max_col));
        (*max_row, *max_col) = (0, 0);
    };
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        if let Some((_, text)) = &mut cell {
            *text = text.saturating_add(at as u64);
        }
        rest = &rest[at + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        rest = &rest[end..];
        let filled = |cost: &mut Cost, text: u64, n: u64, row_repeat: u64| {
            let copies = n.saturating_mul(row_repeat);
            cost.cells = cost.cells.saturating_add(copies);
            cost.text = cost.text.saturating_add(text.saturating_mul(copies));
        };
        if tag == "table:table" || tag.starts_with("table:table ") {
            cost.sheets += 1;
            row = 0;
        } else if tag == "/table:table" {
            close_sheet(&mut cost, &mut max_row, &mut max_col);
        } else if tag.starts_with("table:table-row") {
            row_repeat = repeat(tag, "table:number-rows-repeated");
            col = 0;
            if tag.ends_with('/') {
                row = row.saturating_add(row_repeat);
            }
        } else if tag.starts_with("/table:table-row") {
            row = row.saturating_add(row_repeat);
        } else if tag.starts_with("table:table-cell") || tag.starts_with("table:covered-table-cell")
        {
            let n = repeat(tag, "table:number-columns-repeated");
            col = col.saturating_add(n);
            // A value in an attribute (a string value, a number) counts as
            // text as long as the attribute.
            let valued = tag.contains("office:value-type") || tag.contains("office:value=");
            if valued || !tag.ends_with('/') {
                max_col = max_col.max(col);
                max_row = max_row.max(row.saturating_add(row_repeat));
            }
            if tag.ends_with('/') {
                if valued {
                    filled(&mut cost, tag.len() as u64, n, row_repeat);
                }
            } else {
                cell = Some((n, tag.len() as u64));
            }
        } else if (tag.starts_with("/table:table-cell")
            || tag.starts_with("/table:covered-table-cell"))
            && let Some((n, text)) = cell.take()
        {
            filled(&mut cost, text, n, row_repeat);
        }
    }
    // A sheet left open (a cut file) counts too.
    close_sheet(&mut cost, &mut max_row, &mut max_col);
    cost
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

/// The compound file of an .xls, as calamine reads it: every chain it
/// follows must end, inside the file, without a loop.
struct Cfb<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
}

impl<'a> Cfb<'a> {
    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(self.sector)?;
        let end = start.saturating_add(self.sector).min(self.bytes.len());
        self.bytes.get(start..end).filter(|s| !s.is_empty())
    }

    /// The sectors of the chain from `start`, `len` bytes of them at most;
    /// None when it loops, leaves the table or the file.
    fn chain(&self, start: u32, len: usize, table: &[u32], size: usize) -> Option<Vec<u32>> {
        let mut ids = Vec::new();
        let mut id = start;
        let mut seen = vec![false; table.len()];
        while id != ENDOFCHAIN && ids.len().saturating_mul(size) < len {
            let slot = seen.get_mut(id as usize)?;
            if *slot {
                return None;
            }
            *slot = true;
            ids.push(id);
            id = *table.get(id as usize)?;
        }
        Some(ids)
    }

    fn read(&self, start: u32, len: usize) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        for id in self.chain(start, len, &self.fat, self.sector)? {
            out.extend_from_slice(self.sector(id)?);
        }
        out.truncate(len);
        Some(out)
    }
}

/// The Workbook stream of an .xls compound file, or None when calamine
/// could not read it safely.
fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let header = bytes.get(..512)?;
    let sector = match u16_at(header, 30)? {
        9 => 512,
        12 => 4096,
        _ => return None,
    };
    if u16_at(header, 32)? != 6 {
        return None;
    }
    let dir_start = u32_at(header, 48)?;
    let mini_fat_start = u32_at(header, 60)?;
    let mini_fat_len = u32_at(header, 64)? as usize;
    let mut cfb = Cfb {
        bytes,
        sector,
        fat: Vec::new(),
    };
    let max_id = bytes.len() / sector;
    // The DIFAT: 109 entries in the header, then a chain of sectors whose
    // last entry names the next.
    let mut difat: Vec<u32> = header[76..512]
        .chunks_exact(4)
        .filter_map(|c| u32_at(c, 0))
        .collect();
    let mut next = u32_at(header, 68)?;
    let mut hops = 0usize;
    while next < RESERVED {
        hops += 1;
        if hops > max_id + 1 || next as usize > max_id {
            return None;
        }
        let s = cfb.sector(next)?;
        difat.extend(s.chunks_exact(4).filter_map(|c| u32_at(c, 0)));
        next = difat.pop()?;
    }
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        if id as usize > max_id {
            return None;
        }
        let s = cfb.sector(id)?;
        cfb.fat
            .extend(s.chunks_exact(4).filter_map(|c| u32_at(c, 0)));
    }
    let dirs = cfb.read(dir_start, usize::MAX)?;
    let entries: Vec<(String, u32, usize)> = dirs
        .chunks_exact(128)
        .map(|d| {
            let units: Vec<u16> = d[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|u| *u != 0)
                .collect();
            let start = u32_at(d, 116).unwrap_or(ENDOFCHAIN);
            let len = if sector == 512 {
                u32_at(d, 120).unwrap_or(0) as u64
            } else {
                u64::from_le_bytes(d[120..128].try_into().unwrap_or_default())
            };
            (String::from_utf16_lossy(&units), start, len as usize)
        })
        .collect();
    let root = entries.first()?;
    let find = |name: &str| {
        entries
            .iter()
            .find(|(n, ..)| n.as_bytes().eq_ignore_ascii_case(name.as_bytes()))
    };
    let (_, start, len) = find("Workbook").or_else(|| find("Book"))?;
    if *len > bytes.len() {
        return None; // a stream longer than the file
    }
    if *len >= 4096 {
        return cfb.read(*start, *len);
    }
    // A small stream lives in the mini stream, 64-byte sectors chained by
    // the mini FAT.
    if mini_fat_len == 0 || root.2 > bytes.len() {
        return None;
    }
    let mini = cfb.read(root.1, root.2)?;
    let mini_fat: Vec<u32> = cfb
        .read(mini_fat_start, mini_fat_len.checked_mul(sector)?)?
        .chunks_exact(4)
        .filter_map(|c| u32_at(c, 0))
        .collect();
    let mut out = Vec::new();
    for id in cfb.chain(*start, *len, &mini_fat, 64)? {
        let at = (id as usize).checked_mul(64)?;
        out.extend_from_slice(mini.get(at..(at + 64).min(mini.len()))?);
    }
    out.truncate(*len);
    Some(out)
}

/// The records of a BIFF stream: (type, data, continuations).
/// A BIFF record: its type, its data and the data of its continuations.
type Record<'a> = (u16, &'a [u8], Vec<&'a [u8]>);

fn records(stream: &[u8]) -> impl Iterator<Item = Option<Record<'_>>> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        fn record<'a>(rest: &mut &'a [u8]) -> Option<(u16, &'a [u8])> {
            let typ = u16_at(rest, 0)?;
            let len = u16_at(rest, 2)? as usize;
            let data = rest.get(4..4 + len)?;
            *rest = &rest[4 + len..];
            Some((typ, data))
        }
        let Some((typ, data)) = record(&mut rest) else {
            rest = &[];
            return Some(None);
        };
        let mut cont = Vec::new();
        while rest.len() > 4 && u16_at(rest, 0) == Some(0x003C) {
            match record(&mut rest) {
                Some((_, d)) => cont.push(d),
                None => {
                    rest = &[];
                    return Some(None);
                }
            }
        }
        Some(Some((typ, data, cont)))
    })
}

/// The length in characters of each string of the shared string table
/// (SST), walked as calamine walks it.
fn sst_lengths(data: &[u8], cont: &[&[u8]]) -> Option<Vec<u32>> {
    let mut parts = cont.iter();
    let mut data = data.get(8..)?;
    let mut out = Vec::new();
    // Skips `n` bytes, into the continuations when needed.
    fn skip<'a>(
        data: &mut &'a [u8],
        parts: &mut std::slice::Iter<'_, &'a [u8]>,
        mut n: usize,
    ) -> Option<()> {
        while n > 0 {
            if data.is_empty() {
                *data = parts.next()?;
            }
            let l = n.min(data.len());
            *data = &data[l..];
            n -= l;
        }
        Some(())
    }
    loop {
        if data.is_empty() {
            match parts.next() {
                Some(p) => {
                    data = p;
                    continue;
                }
                None => break,
            }
        }
        let cch = u16_at(data, 0)? as usize;
        let flags = *data.get(2)?;
        data = &data[3..];
        let mut high = flags & 1 != 0;
        let mut runs = 0;
        if flags & 0x8 != 0 {
            runs = u16_at(data, 0)? as usize;
            data = &data[2..];
        }
        let mut ext = 0;
        if flags & 0x4 != 0 {
            ext = usize::try_from(i32::from_le_bytes(data.get(..4)?.try_into().ok()?)).ok()?;
            data = &data[4..];
        }
        let mut left = cch;
        while left > 0 {
            let width = if high { 2 } else { 1 };
            let n = left.min(data.len() / width);
            data = &data[n * width..];
            left -= n;
            if left > 0 {
                let next = parts.next()?;
                high = *next.first()? & 1 != 0;
                data = &next[1..];
            }
        }
        skip(&mut data, &mut parts, runs * 4)?;
        skip(&mut data, &mut parts, ext)?;
        out.push(cch as u32);
    }
    Some(out)
}

/// An .xls, counted as calamine would hold it: per sheet the capacity its
/// dimensions record reserves, the rectangles of its values and formulas,
/// its cells and their text (a shared string in each cell that uses it).
fn xls(bytes: &[u8]) -> Result<Cost, Refused> {
    let stream = workbook_stream(bytes).ok_or(Refused::Damaged)?;
    let mut cost = Cost::default();
    let mut sheets = Vec::new();
    let mut sst: Vec<u32> = Vec::new();
    for record in records(&stream) {
        let (typ, data, cont) = record.ok_or(Refused::Damaged)?;
        match typ {
            0x0085 => sheets.push(u32_at(data, 0).ok_or(Refused::Damaged)? as usize),
            0x00FC => sst = sst_lengths(data, &cont).ok_or(Refused::Damaged)?,
            0x0809 if data.len() < 2 => return Err(Refused::Damaged),
            0x000A => break,
            _ => {}
        }
    }
    cost.sheets = sheets.len();
    cost.check()?;
    // Text in cells: at most 3 bytes of UTF-8 per character read.
    let text = |chars: u64| chars.saturating_mul(3);
    for pos in sheets {
        let sheet = stream.get(pos..).ok_or(Refused::Damaged)?;
        let mut values = Extent::default();
        let mut formulas = Extent::default();
        let mut reserved = 0u64;
        let mut depth = 0usize;
        let mut seen_bof = false;
        for record in records(sheet) {
            let (typ, data, _) = record.ok_or(Refused::Damaged)?;
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let at = |data: &[u8]| -> Result<(u32, u32), Refused> {
                Ok((
                    u16_at(data, 0).ok_or(Refused::Damaged)? as u32,
                    u16_at(data, 2).ok_or(Refused::Damaged)? as u32,
                ))
            };
            match typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                0x0200 => reserved = reserved.max(dimensions(data)?),
                0x0203 | 0x0205 | 0x027E => {
                    values.add(at(data)?);
                    cost.cells += 1;
                }
                0x0204 | 0x00D6 => {
                    values.add(at(data)?);
                    cost.cells += 1;
                    cost.text = cost
                        .text
                        .saturating_add(text(u16_at(data, 6).unwrap_or(0) as u64));
                }
                0x00FD => {
                    values.add(at(data)?);
                    cost.cells += 1;
                    let i = u32_at(data, 6).ok_or(Refused::Damaged)? as usize;
                    let chars = sst.get(i).copied().unwrap_or(0);
                    cost.text = cost.text.saturating_add(text(chars as u64));
                }
                0x0207 => {
                    cost.cells += 1;
                    cost.text = cost
                        .text
                        .saturating_add(text(u16_at(data, 0).unwrap_or(0) as u64));
                }
                0x00BD => {
                    let (row, first) = at(data)?;
                    let last = data
                        .len()
                        .checked_sub(2)
                        .and_then(|i| u16_at(data, i))
                        .ok_or(Refused::Damaged)? as u32;
                    if last < first {
                        return Err(Refused::Damaged);
                    }
                    values.add((row, first));
                    values.add((row, last));
                    cost.cells += u64::from(last - first + 1);
                }
                0x0006 => {
                    let pos = at(data)?;
                    values.add(pos);
                    formulas.add(pos);
                    cost.cells += 1;
                    if data.len() < 20 {
                        return Err(Refused::Damaged);
                    }
                }
                _ => {}
            }
            if cost.cells > lim::MAX_CELLS as u64 {
                return Err(Refused::TooLarge);
            }
        }
        let area = reserved.max(values.area()).max(formulas.area());
        cost.area = cost.area.saturating_add(area);
        cost.check()?;
    }
    Ok(cost)
}

/// The rectangle cells span.
#[derive(Default)]
struct Extent(Option<(u32, u32, u32, u32)>);

impl Extent {
    fn add(&mut self, (r, c): (u32, u32)) {
        self.0 = Some(match self.0 {
            None => (r, r, c, c),
            Some((r0, r1, c0, c1)) => (r0.min(r), r1.max(r), c0.min(c), c1.max(c)),
        });
    }

    fn area(&self) -> u64 {
        self.0.map_or(0, |(r0, r1, c0, c1)| {
            u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
        })
    }
}

/// The cells a dimensions record makes calamine reserve; a record whose
/// last row or column comes before its first is refused (calamine's
/// subtraction would overflow).
fn dimensions(data: &[u8]) -> Result<u64, Refused> {
    let d = Refused::Damaged;
    let (rf, rl, mut cf, cl) = match data.len() {
        10 => (
            u16_at(data, 0).ok_or(d)? as u64,
            u16_at(data, 2).ok_or(d)? as u64,
            u16_at(data, 4).ok_or(d)? as u64,
            u16_at(data, 6).ok_or(d)? as u64,
        ),
        14 | 16 => (
            u32_at(data, 0).ok_or(d)? as u64,
            u32_at(data, 4).ok_or(d)? as u64,
            u16_at(data, 8).ok_or(d)? as u64,
            u16_at(data, 10).ok_or(d)? as u64,
        ),
        _ => return Ok(0), // calamine refuses the file
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    if rl >= 1 && cl >= 1 {
        if rl - 1 < rf || cl - 1 < cf {
            return Err(d);
        }
        Ok((rl - rf).saturating_mul(cl - cf))
    } else {
        Ok(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ods_value_repeated_over_a_million_rows_is_too_large() {
        let row =
            |attrs: &str, cells: &str| format!("<table:table-row{attrs}>{cells}</table:table-row>");
        let value =
            r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;
        let empty = r#"<table:table-cell table:number-columns-repeated="1000"/>"#;
        let small = format!(
            "<table:table table:name=\"A\">{}{}</table:table>",
            row("", value),
            row(r#" table:number-rows-repeated="1048575""#, empty)
        );
        let cost = ods(&small);
        assert!(cost.area <= 10, "{cost:?}");
        assert_eq!(cost.check(), Ok(()));
        let wide = value.replace(
            "<table:table-cell ",
            r#"<table:table-cell table:number-columns-repeated="16384" "#,
        );
        let bomb = format!(
            "<table:table table:name=\"A\">{}</table:table>",
            row(r#" table:number-rows-repeated="6000""#, &wide)
        );
        assert_eq!(ods(&bomb).check(), Err(Refused::TooLarge));
    }

    #[test]
    fn ods_sheets_are_summed_and_repeated_text_counted() {
        // Fifty sheets of 100 000 cells each: each alone is small.
        let sheet = r#"<table:table table:name="A"><table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="100" office:value-type="float" office:value="1"/></table:table-row></table:table>"#;
        let one = ods(sheet);
        assert_eq!((one.area, one.sheets), (100_000, 1));
        assert_eq!(ods(&sheet.repeat(50)).check(), Err(Refused::TooLarge));
        // One long text repeated in a few cells.
        let long = "x".repeat(1_000_000);
        let text = format!(
            r#"<table:table table:name="A"><table:table-row table:number-rows-repeated="100"><table:table-cell table:number-columns-repeated="100" office:value-type="string"><text:p>{long}</text:p></table:table-cell></table:table-row></table:table>"#
        );
        assert_eq!(ods(&text).check(), Err(Refused::TooLarge));
    }

    #[test]
    fn dimensions_that_run_backwards_are_damaged() {
        let mut d = Vec::new();
        for v in [10u32, 5] {
            d.extend(v.to_le_bytes());
        }
        d.extend([0u8, 0, 4, 0, 0, 0]);
        assert_eq!(dimensions(&d), Err(Refused::Damaged));
        let mut ok = Vec::new();
        for v in [0u32, 65_536] {
            ok.extend(v.to_le_bytes());
        }
        ok.extend([0u8, 0, 0, 1, 0, 0]);
        assert_eq!(dimensions(&ok), Ok(65_536 * 256));
    }

    #[test]
    fn not_a_compound_file_is_damaged() {
        let mut b = OLE.to_vec();
        b.resize(600, 0);
        assert_eq!(check(&b), Err(Refused::Damaged));
    }
}
