//! Phiếu bầu (one ballot paper per voter) and biên bản kiểm phiếu (the
//! counting committee's minutes).

use super::Missing;
use super::common::{self, BLANK, TABLE_PT, ccell, hcell, heading, item, lcell};
use super::minutes::{award_name, ballot_figures, ballot_table, person};
use crate::document::admin::{self, Signer};
use crate::document::{
    Block, Cell, ColumnWidth, Document, FontStyle, PageSetup, Paragraph, Row, Table,
};
use crate::rules::ballot::{describe_threshold, format_percent, voters};
use crate::rules::{Outcome, Results};
use crate::workbook::{DocKind, Id, Person, Workbook};

/// Candidates per award: the ballot's list when recorded, else the schools
/// eligible for it (not already proposed for a higher award).
fn candidates(wb: &Workbook, r: &Results) -> Vec<(Id, u32, Vec<Id>)> {
    r.awards
        .iter()
        .map(|a| {
            let recorded: Vec<Id> = wb
                .conference
                .ballots
                .iter()
                .find(|b| b.award == a.award)
                .map(|b| b.votes.iter().map(|v| v.school.clone()).collect())
                .unwrap_or_default();
            let list = if recorded.is_empty() {
                a.schools
                    .iter()
                    .filter(|s| s.eligible)
                    .filter(|s| {
                        !matches!(&s.outcome, Outcome::NotProposed(why) if why.starts_with("Đã được đề nghị"))
                    })
                    .map(|s| s.school.clone())
                    .collect()
            } else {
                recorded
            };
            (a.award.clone(), a.quota, list)
        })
        .collect()
}

pub(super) fn missing_papers(wb: &Workbook, r: &Results) -> Vec<Missing> {
    let mut out = Vec::new();
    if wb.rules.awards.is_empty() {
        out.push(Missing::refuse("hình thức khen thưởng trong quy định"));
    } else if candidates(wb, r).iter().all(|(_, _, c)| c.is_empty()) {
        out.push(Missing::refuse(
            "trường đủ điều kiện đưa vào phiếu bầu (chưa có trường đạt mức xếp loại yêu cầu)",
        ));
    }
    if voters(wb).0 == 0 {
        out.push(Missing::refuse("số đại biểu bỏ phiếu"));
    }
    out
}

pub(super) fn missing_count(wb: &Workbook, r: &Results) -> Vec<Missing> {
    let mut out = Vec::new();
    if r.ballots.is_empty() {
        out.push(Missing::refuse("kết quả bỏ phiếu"));
    }
    for e in r.ballots.iter().filter_map(|b| b.as_ref().err()) {
        out.push(Missing::refuse(format!(
            "số liệu khớp nhau của phiếu bầu {} ({})",
            award_name(wb, &e.award),
            e.problems.join(" ")
        )));
    }
    if wb
        .conference
        .ballots
        .iter()
        .all(|b| b.counting_committee.is_empty())
        && !r.ballots.is_empty()
    {
        out.push(Missing::blank("ban kiểm phiếu"));
    }
    out
}

/// One page per voter.
pub(super) fn papers(wb: &Workbook, r: &Results) -> Document {
    let issuer = common::issuer(wb);
    let setup = PageSetup {
        page_numbers: false,
        ..PageSetup::default()
    };
    let mut doc = Document::new(format!("Phiếu bầu năm {} — {issuer}", wb.year), setup);
    let total = voters(wb).0.clamp(1, 500);
    let lists = candidates(wb, r);
    for i in 0..total {
        if i > 0 {
            doc.push(Block::PageBreak);
        }
        doc.extend(common::header(wb, DocKind::Ballots, false));
        doc.extend(admin::title(
            common::style(wb),
            "Phiếu bầu",
            &format!("Đề nghị khen thưởng thi đua năm {}", wb.year),
        ));
        doc.push(
            Paragraph::text(
                "Đồng ý trường nào, đánh dấu (X) vào ô “Đồng ý” ở dòng của trường đó. Phiếu đánh dấu nhiều hơn số lượng được đề nghị là phiếu không hợp lệ.",
                FontStyle::Italic,
                TABLE_PT,
            )
            .space_after(2.0),
        );
        for (k, (award, quota, list)) in lists.iter().enumerate() {
            if list.is_empty() {
                continue;
            }
            doc.push(heading(&format!(
                "{}. {} (đề nghị không quá {} trường)",
                k + 1,
                award_name(wb, award),
                quota
            )));
            let mut t = Table::new(vec![
                ColumnWidth::Mm(12.0),
                ColumnWidth::Relative(1.0),
                ColumnWidth::Mm(28.0),
            ])
            .header(Row::new(vec![
                hcell("STT", TABLE_PT + 1.0),
                hcell("Trường", TABLE_PT + 1.0),
                hcell("Đồng ý", TABLE_PT + 1.0),
            ]));
            for (n, s) in list.iter().enumerate() {
                let mut c = ccell((n + 1).to_string(), TABLE_PT + 1.0);
                c.paragraphs[0].space_before_mm = 2.0;
                c.paragraphs[0].space_after_mm = 2.0;
                t = t.row(Row::new(vec![
                    c,
                    lcell(wb.school_full_name(s), TABLE_PT + 1.0),
                    Cell::empty(),
                ]));
            }
            doc.push(t);
        }
        // No number on a paper: a numbered ballot is not secret.
    }
    doc
}

fn committee(wb: &Workbook) -> Vec<Person> {
    let mut out: Vec<Person> = Vec::new();
    for b in &wb.conference.ballots {
        for p in &b.counting_committee {
            if !out.iter().any(|q| q.name == p.name) {
                out.push(p.clone());
            }
        }
    }
    out
}

pub(super) fn count_minutes(wb: &Workbook, r: &Results) -> Document {
    let issuer = common::issuer(wb);
    let c = &wb.conference;
    let mut doc = Document::new(
        format!("Biên bản kiểm phiếu năm {} — {issuer}", wb.year),
        PageSetup::default(),
    );
    doc.extend(common::header(wb, DocKind::CountMinutes, true));
    doc.extend(admin::title(
        common::style(wb),
        "Biên bản kiểm phiếu",
        &format!("Bầu đề nghị khen thưởng thi đua năm {}", wb.year),
    ));
    doc.push(admin::body(&format!(
        "Hôm nay, {}, tại {}, Ban kiểm phiếu Hội nghị tổng kết phong trào thi đua năm {} của {issuer} tiến hành kiểm phiếu bầu đề nghị khen thưởng.",
        common::date_words(c.date),
        common::or_blank(&c.place),
        wb.year
    )));
    doc.push(heading("I. BAN KIỂM PHIẾU"));
    let members = committee(wb);
    if members.is_empty() {
        doc.push(item(&format!("{BLANK};")));
    }
    for p in &members {
        doc.push(item(&format!("{};", person(p))));
    }
    doc.push(heading("II. KẾT QUẢ KIỂM PHIẾU"));
    doc.push(admin::body(&format!(
        "Ngưỡng đề nghị: số phiếu đồng ý {}.",
        describe_threshold(wb)
    )));
    for (i, b) in r.ballots.iter().enumerate() {
        let Ok(b) = b else { continue };
        doc.push(heading(&format!("{}. {}", i + 1, award_name(wb, &b.award))));
        doc.push(admin::body(&ballot_figures(wb, &b.award)));
        doc.push(admin::body(&format!(
            "Tổng số đại biểu: {}; có mặt: {}. {}",
            b.voters_total,
            b.present,
            crate::rules::ballot::describe_denominator_of(
                wb.rules.ballot_for(&b.award),
                b.denominator
            )
        )));
        if let Some(own) = super::minutes::own_rule_line(wb, &b.award) {
            doc.push(admin::body(&own));
        }
        doc.push(ballot_table(wb, b));
        let passed: Vec<String> = b
            .candidates
            .iter()
            .filter(|c| c.threshold_met)
            .map(|c| {
                format!(
                    "{} ({})",
                    wb.school_name(&c.school),
                    format_percent(c.percent_hundredths)
                )
            })
            .collect();
        doc.push(admin::body(&format!(
            "Đạt ngưỡng: {}.",
            if passed.is_empty() {
                "không có trường nào".to_string()
            } else {
                passed.join("; ")
            }
        )));
    }
    doc.push(admin::body(
        "Biên bản kiểm phiếu được lập và công bố trước Hội nghị./.",
    ));
    let signers: Vec<Signer> = if members.is_empty() {
        vec![Signer {
            lines: vec!["TRƯỞNG BAN".into()],
            name: BLANK.into(),
        }]
    } else {
        members
            .iter()
            .map(|p| Signer {
                // Signed under the count's own minutes, "kiểm phiếu" goes
                // without saying: "TRƯỞNG BAN" fits one line of a third.
                lines: vec![if p.title.trim().is_empty() {
                    "THÀNH VIÊN".into()
                } else {
                    let t = p.title.trim().to_uppercase();
                    t.strip_suffix(" KIỂM PHIẾU")
                        .map_or(t.clone(), str::to_string)
                }],
                name: common::or_blank(&p.name),
            })
            .collect()
    };
    doc.push(admin::with_previous(Block::KeepTogether(
        admin::signature_grid(common::style(wb), &signers, 3),
    )));
    doc
}
