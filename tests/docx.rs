//! The Word copies (issue 16): every document of the sample as `.docx`,
//! read back (unzip + XML) for its text, styles, page setup, repeated
//! header rows and keep-with-next; refused exactly like its PDF.

#[path = "support/pdf_text.rs"]
mod pdf_text;
mod support;

use std::io::Read;

use support::sample::load_sample;
use thidua::document::docs::{self, DocError};
use thidua::workbook::{DocKind, DocumentStyle, Workbook};

fn sample() -> Workbook {
    load_sample().workbook
}

/// The parts of a .docx this test reads: the body, the styles, the core
/// properties and the page headers.
struct Parts {
    document: String,
    styles: String,
    core: String,
    headers: Vec<String>,
}

fn parts(docx: &[u8]) -> Parts {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip file");
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).ok()?.read_to_string(&mut s).ok()?;
        Some(s)
    };
    let document = read("word/document.xml").expect("the body");
    let styles = read("word/styles.xml").expect("the styles");
    let core = read("docProps/core.xml").expect("the core properties");
    // Documents without page numbers (ballot papers, the news item) have
    // no page header.
    let headers = ["word/header1.xml", "word/header2.xml"]
        .iter()
        .filter_map(|h| read(h))
        .collect();
    Parts {
        document,
        styles,
        core,
        headers,
    }
}

/// The words of the body as a reader sees them: each paragraph a line.
fn text(xml: &str) -> String {
    // A line break inside a paragraph reads as a space.
    let xml = xml.replace("<w:br ", "<w:t> </w:t><w:br ");
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        for piece in para.split("<w:t").skip(1) {
            let Some(start) = piece.find('>') else {
                continue;
            };
            let body = &piece[start + 1..];
            if let Some(end) = body.find("</w:t>") {
                out.push_str(
                    &body[..end]
                        .replace("&amp;", "&")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\""),
                );
            }
        }
        out.push('\n');
    }
    out
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_document_of_the_sample_has_a_word_copy_with_the_pdfs_words() {
    let wb = sample();
    for kind in docs::ALL {
        let docx = docs::build_docx(&wb, kind).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        let pdf = docs::build(&wb, kind).unwrap();
        assert_eq!(docx.warnings, pdf.warnings, "{kind:?}: the same drafts");
        let p = parts(&docx.docx);
        // Every word the PDF prints (its page numbers aside) is in the Word
        // copy: the same content, not a second wording. (Side-by-side
        // columns read in another order and the PDF repeats table headers
        // on each page, so words are looked up, not lines compared.)
        let count = |t: &str| {
            let mut m = std::collections::HashMap::<String, usize>::new();
            for w in t.split_whitespace() {
                *m.entry(w.to_string()).or_default() += 1;
            }
            m
        };
        let word_words = count(&text(&p.document));
        let pdf_words = count(
            &pdf_text::pages(&pdf.pdf)
                .iter()
                .enumerate()
                .map(|(i, page)| {
                    let t = page.text();
                    // The page number heads every page but the first.
                    if i > 0 {
                        t.replacen(&(i + 1).to_string(), "", 1)
                    } else {
                        t
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
        );
        for w in pdf_words.keys() {
            assert!(
                word_words.contains_key(w),
                "{kind:?}: {w:?} not in the Word copy"
            );
        }
        // Metadata: the title and the cluster as author, in Vietnamese.
        assert!(
            p.core.contains("<dc:creator>Cụm thi đua số 8</dc:creator>"),
            "{}",
            p.core
        );
        assert!(p.core.contains("<dc:language>vi-VN</dc:language>"));
        // Times New Roman throughout, by default.
        assert!(p.styles.contains("w:ascii=\"Times New Roman\""), "{kind:?}");
    }
}

#[test]
fn page_setup_follows_decree_30() {
    let wb = sample();
    let portrait = parts(&docs::build_docx(&wb, DocKind::Minutes).unwrap().docx);
    assert!(
        portrait
            .document
            .contains("<w:pgSz w:w=\"11906\" w:h=\"16838\" />")
    );
    // Top and bottom 20 mm, left 30 mm, right 15 mm (in twips).
    assert!(
        portrait
            .document
            .contains("<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""),
        "{}",
        portrait.document
    );
    // Page numbers from page 2: a PAGE field in the default header, an
    // empty first-page header.
    assert!(portrait.document.contains("<w:titlePg />"));
    assert!(portrait.headers.iter().any(|h| h.contains("PAGE")));
    assert!(portrait.headers.iter().any(|h| !h.contains("PAGE")));
    let landscape = parts(&docs::build_docx(&wb, DocKind::ScoreSheet).unwrap().docx);
    assert!(
        landscape
            .document
            .contains("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\" />")
    );
}

#[test]
fn styles_are_defined_once_and_used() {
    let wb = sample();
    let p = parts(&docs::build_docx(&wb, DocKind::Minutes).unwrap().docx);
    for (id, name) in [
        ("ThanVanBan", "Thân văn bản"),
        ("DeMuc", "Đề mục"),
        ("TenLoaiVanBan", "Tên loại văn bản"),
        ("TrichYeu", "Trích yếu"),
    ] {
        assert_eq!(
            p.styles.matches(&format!("w:styleId=\"{id}\"")).count(),
            1,
            "{id} defined once"
        );
        assert!(p.styles.contains(&format!("<w:name w:val=\"{name}\" />")));
        assert!(
            p.document.contains(&format!("<w:pStyle w:val=\"{id}\" />")),
            "{id} used"
        );
    }
    // Body text: justified with a first-line indent, in the style.
    let body = &p.styles[p.styles.find("w:styleId=\"ThanVanBan\"").unwrap()..];
    let body = &body[..body.find("</w:style>").unwrap()];
    assert!(
        body.contains("<w:jc w:val=\"both\" />") && body.contains("w:firstLine=\"567\""),
        "{body}"
    );
    // Headings keep with what follows.
    let heading = p.document.find("I. THÀNH PHẦN").unwrap();
    let para = &p.document[p.document[..heading].rfind("<w:p ").unwrap()..heading];
    assert!(para.contains("<w:keepNext"), "{para}");
}

#[test]
fn tables_repeat_their_header_and_keep_rows_whole() {
    let wb = sample();
    let p = parts(&docs::build_docx(&wb, DocKind::ScoreSheet).unwrap().docx);
    // The ranking and the criteria table: header rows repeat on each page
    // (two rows for the criteria table), rows never split.
    assert!(p.document.matches("<w:tblHeader />").count() >= 3);
    assert!(p.document.contains("<w:cantSplit />"));
    // "Mã" covers both header rows.
    assert!(p.document.contains("<w:vMerge w:val=\"restart\" />"));
    assert!(p.document.contains("<w:vMerge w:val=\"continue\" />"));
    // The page header is a borderless two-column table with the rules
    // under the issuer and the motto as paragraph borders.
    assert!(p.document.contains("<w:tblBorders />"));
    assert!(p.document.contains("<w:pBdr><w:bottom w:val=\"single\""));
}

#[test]
fn a_document_that_cannot_be_made_is_refused_like_its_pdf() {
    let mut wb = sample();
    wb.conference.ballots.clear();
    let Err(pdf) = docs::build(&wb, DocKind::CountMinutes) else {
        panic!("the PDF is refused");
    };
    let Err(docx) = docs::build_docx(&wb, DocKind::CountMinutes) else {
        panic!("the Word copy is refused");
    };
    assert!(matches!(docx, DocError::Refused { .. }));
    assert_eq!(pdf.to_string(), docx.to_string());
}

#[test]
fn the_party_layout_in_word() {
    let mut wb = sample();
    wb.cluster.document_style = DocumentStyle::Party;
    let p = parts(&docs::build_docx(&wb, DocKind::Proposal).unwrap().docx);
    let t = flat(&text(&p.document));
    assert!(t.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), "{t}");
    assert!(t.contains("T/M CỤM THI ĐUA SỐ 8"), "{t}");
    assert!(t.contains("- Như trên;"), "{t}");
    // The title 15 pt (30 half-points) in the title's style.
    let title = &p.styles[p.styles.find("w:styleId=\"TenLoaiVanBan\"").unwrap()..];
    assert!(title[..title.find("</w:style>").unwrap()].contains("<w:sz w:val=\"30\" />"));
}

/// A control character typed into a free text (a report paragraph pasted
/// from elsewhere) is left out of the Word copy as it is of the PDF: XML
/// cannot carry it, and Word would refuse to open the whole file.
#[test]
fn control_characters_never_reach_the_word_xml() {
    let mut wb = sample();
    wb.documents.report.situation = "Tình hình\u{7} chung\u{b}\tnăm 2019\u{1b}.".into();
    let p = parts(&docs::build_docx(&wb, DocKind::Report).unwrap().docx);
    assert!(
        !p.document
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')),
        "a control character in document.xml"
    );
    assert!(flat(&text(&p.document)).contains("Tình hình chung năm 2019."));
}
