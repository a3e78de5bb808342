//! The bundled sample: it is exactly what the builder in `support/sample.rs`
//! makes, it is valid, and it says what DOMAIN.md and the seed say.

mod support;

use support::sample;
use thidua::workbook::{self, Id};

/// Set THIDUA_WRITE_SAMPLE=1 to regenerate the file after changing the builder.
#[test]
fn bundled_sample_file_is_the_builders_output() {
    let bytes = workbook::to_bytes(&sample::build());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(sample::SAMPLE_PATH);
    if std::env::var_os("THIDUA_WRITE_SAMPLE").is_some() {
        std::fs::write(&path, &bytes).unwrap();
    }
    let on_disk = std::fs::read(&path).expect("sample file present");
    assert!(
        on_disk == bytes,
        "assets sample differs from the builder; regenerate with THIDUA_WRITE_SAMPLE=1"
    );
}

#[test]
fn sample_is_valid_and_complete() {
    let loaded = sample::load_sample();
    assert_eq!(loaded.problems, vec![], "sample has content problems");
    let wb = loaded.workbook;
    assert_eq!(wb.cluster.name, "Cụm thi đua số 8");
    assert_eq!(wb.year, 2019);
    assert_eq!(wb.members.len(), 7);
    assert_eq!(wb.roles.leader, Some(Id::new("brvt")));
    assert_eq!(wb.conference.election.leader, Some(Id::new("ninh-thuan")));
    assert_eq!(
        wb.conference.election.deputies,
        vec![Id::new("binh-thuan"), Id::new("binh-duong")]
    );
    assert!(wb.activities.len() >= 12);
    for kind in thidua::workbook::ActivityKind::ALL {
        assert!(
            wb.activities.iter().any(|a| a.kind == kind),
            "no activity of kind {kind:?}"
        );
    }
    let leaves = wb.leaf_criteria().len();
    for a in &wb.assessments {
        assert_eq!(
            a.self_scores.len(),
            leaves,
            "{} self-scored every criterion",
            a.school
        );
    }
    assert!(wb.description.contains("minh họa"));
}
