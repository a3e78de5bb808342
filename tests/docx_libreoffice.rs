//! The Word copies opened by a real word processor (issue 16): every
//! `.docx` of the sample converted by LibreOffice headless in one call;
//! each must open, say the document's words and come out on as many pages
//! as the PDF, with body text above the signature on the last page (issue
//! 30: a signature alone on a page is not signed). Where `soffice` is missing the test says so and passes;
//! under CI (`CI=true`) it must run.

#[path = "support/pdf_text.rs"]
mod pdf_text;
mod support;

use thidua::document::docs;
use thidua::workbook::DocKind;

#[test]
fn libreoffice_opens_every_word_copy_within_a_page_of_the_pdf() {
    let Some(soffice) = support::soffice_or_skip("the .docx files", "libreoffice-writer-nogui")
    else {
        return;
    };
    let wb = support::sample::load_sample().workbook;
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut pdf_pages = Vec::new();
    for kind in docs::ALL {
        let docx = docs::build_docx(&wb, kind).unwrap();
        let pdf = docs::build(&wb, kind).unwrap();
        let name = docs::file_name_as(&wb, kind, docs::Format::Docx);
        let path = dir.path().join(&name);
        std::fs::write(&path, &docx.docx).unwrap();
        files.push(path);
        pdf_pages.push((kind, name, pdf_text::pages(&pdf.pdf).len(), pdf.pdf));
    }
    let out = dir.path().join("lo");
    support::soffice_convert(&soffice, &dir.path().join("profile"), "pdf", &out, &files);
    for (kind, name, ours, pdf) in pdf_pages {
        let converted = out.join(name.replace(".docx", ".pdf"));
        let bytes = std::fs::read(&converted)
            .unwrap_or_else(|_| panic!("{kind:?}: LibreOffice wrote no {}", converted.display()));
        let pages = pdf_text::pages(&bytes);
        assert_eq!(
            pages.len(),
            ours,
            "{kind:?}: {} pages in LibreOffice, {ours} in our PDF",
            pages.len()
        );
        // The last page holds the text above the signature, not the
        // signature alone.
        let last: String = pages
            .last()
            .map(|p| p.text())
            .unwrap_or_default()
            .split_whitespace()
            .collect();
        let above = match kind {
            DocKind::ScoreSheet => Some("Xếploại"),
            DocKind::Pact => Some("Cáctrườngcamkết"),
            DocKind::Minutes => Some("Hộinghịkếtthúc"),
            DocKind::Handover => Some("Haibênđãkiểmtra"),
            _ => None,
        };
        if let Some(above) = above {
            assert!(last.contains(above), "{kind:?}: last page {last}");
        }
        let theirs: String = pdf_text::text(&bytes).split_whitespace().collect();
        // The school names and the document's own number are there.
        for w in ["BàRịa-VũngTàu", "NinhThuận"] {
            assert!(theirs.contains(w), "{kind:?}: {w} missing");
        }
        let number: String = docs::document_number(&wb, kind)
            .split_whitespace()
            .collect();
        let ours_text: String = pdf_text::text(&pdf).split_whitespace().collect();
        if ours_text.contains(&number) {
            assert!(theirs.contains(&number), "{kind:?}: {number} missing");
        }
    }
}
