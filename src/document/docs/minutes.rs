//! Biên bản họp bình xét: the year-end conference's assessment meeting.

use super::Missing;
use super::common::{
    self, BLANK, TABLE_PT, ccell, hcell, heading, item, labelled, lcell, or_blank,
};
use crate::document::admin::{self, Signer};
use crate::document::{Block, ColumnWidth, Document, PageSetup, Row, Table};
use crate::rules::ballot::{describe_threshold, format_percent};
use crate::rules::{BallotResult, Outcome, Results};
use crate::workbook::{DocKind, Person, Workbook};

pub(super) fn missing(wb: &Workbook, r: &Results) -> Vec<Missing> {
    let c = &wb.conference;
    let mut out = Vec::new();
    if c.start.is_none() {
        out.push(Missing::blank("giờ bắt đầu hội nghị"));
    }
    if c.end.is_none() {
        out.push(Missing::blank("giờ kết thúc hội nghị"));
    }
    if c.place.trim().is_empty() {
        out.push(Missing::blank("địa điểm hội nghị"));
    }
    if c.chair.name.trim().is_empty() {
        out.push(Missing::blank("người chủ trì"));
    }
    if c.secretary.name.trim().is_empty() {
        out.push(Missing::blank("thư ký hội nghị"));
    }
    if c.attendance.is_empty() {
        out.push(Missing::blank("danh sách trường dự họp"));
    }
    if c.attendance
        .iter()
        .any(|a| a.present && a.representatives.is_empty())
    {
        out.push(Missing::blank("đại biểu của từng trường dự họp"));
    }
    if c.discussion.trim().is_empty() {
        out.push(Missing::blank("tóm tắt ý kiến thảo luận"));
    }
    if c.conclusion.trim().is_empty() {
        out.push(Missing::blank("kết luận của chủ trì"));
    }
    if c.election.leader.is_some() && c.election.agreed.is_none() {
        out.push(Missing::blank(
            "kết quả biểu quyết giới thiệu Cụm trưởng, Cụm phó",
        ));
    }
    for b in r.ballots.iter().filter_map(|b| b.as_ref().err()) {
        out.push(Missing::blank(format!(
            "số liệu hợp lệ của phiếu bầu {} ({})",
            award_name(wb, &b.award),
            b.problems.join(" ")
        )));
    }
    out
}

pub(crate) fn award_name(wb: &Workbook, id: &crate::workbook::Id) -> String {
    wb.award(id)
        .map_or_else(|| id.to_string(), |a| a.name.clone())
}

pub(crate) fn person(p: &Person) -> String {
    if p.name.trim().is_empty() {
        return BLANK.into();
    }
    if p.title.trim().is_empty() {
        format!("Đồng chí {}", p.name.trim())
    } else {
        format!("Đồng chí {}, {}", p.name.trim(), p.title.trim())
    }
}

/// The candidate table of a counted ballot.
pub(crate) fn ballot_table(wb: &Workbook, b: &BallotResult) -> Table {
    let mut t = Table::new(vec![
        ColumnWidth::Mm(12.0),
        ColumnWidth::Relative(3.0),
        ColumnWidth::Mm(25.0),
        ColumnWidth::Mm(25.0),
        ColumnWidth::Mm(28.0),
    ])
    .header(Row::new(
        ["STT", "Trường", "Số phiếu đồng ý", "Tỷ lệ", "Kết quả"]
            .iter()
            .map(|h| hcell(h, TABLE_PT))
            .collect(),
    ));
    for (i, c) in b.candidates.iter().enumerate() {
        t = t.row(Row::new(vec![
            ccell((i + 1).to_string(), TABLE_PT),
            lcell(wb.school_name(&c.school), TABLE_PT),
            ccell(format!("{}/{}", c.votes, b.denominator), TABLE_PT),
            ccell(format_percent(c.percent_hundredths), TABLE_PT),
            ccell(
                if c.threshold_met {
                    "Đạt"
                } else {
                    "Không đạt"
                },
                TABLE_PT,
            ),
        ]));
    }
    t
}

/// "Số phiếu phát ra: 7; thu về: 7; hợp lệ: 7; không hợp lệ: 0."
pub(crate) fn ballot_figures(wb: &Workbook, award: &crate::workbook::Id) -> String {
    match wb.conference.ballots.iter().find(|b| &b.award == award) {
        Some(b) => format!(
            "Số phiếu phát ra: {}; số phiếu thu về: {}; số phiếu hợp lệ: {}; số phiếu không hợp lệ: {}.",
            b.issued, b.returned, b.valid, b.invalid
        ),
        None => format!(
            "Số phiếu phát ra: {BLANK}; số phiếu thu về: {BLANK}; số phiếu hợp lệ: {BLANK}; số phiếu không hợp lệ: {BLANK}."
        ),
    }
}

/// The ballot section shared by the minutes and the count minutes.
pub(crate) fn ballot_blocks(wb: &Workbook, r: &Results) -> Vec<Block> {
    let mut blocks = Vec::new();
    if r.ballots.is_empty() {
        blocks.push(admin::body("Hội nghị không tổ chức bỏ phiếu.").into());
        return blocks;
    }
    blocks.push(
        admin::body(&format!(
            "Ngưỡng đề nghị: số phiếu đồng ý {}.",
            describe_threshold(wb)
        ))
        .into(),
    );
    for (i, b) in r.ballots.iter().enumerate() {
        let award = match b {
            Ok(b) => &b.award,
            Err(e) => &e.award,
        };
        blocks.push(labelled(
            &format!(
                "{}) {}. ",
                (b'a' + (i % 26) as u8) as char,
                award_name(wb, award)
            ),
            &ballot_figures(wb, award),
        ));
        match b {
            Ok(b) => {
                blocks.push(
                    admin::body(&format!(
                        "Có mặt {}/{} đại biểu ({}; cần tối thiểu {}). {}",
                        b.present,
                        b.voters_total,
                        if b.quorum_met {
                            "đủ số đại biểu theo quy định"
                        } else {
                            "không đủ số đại biểu theo quy định"
                        },
                        b.quorum_needed,
                        crate::rules::ballot::describe_denominator_of(
                            wb.rules.ballot_for(&b.award),
                            b.denominator
                        )
                    ))
                    .into(),
                );
                if let Some(own) = own_rule_line(wb, &b.award) {
                    blocks.push(admin::body(&own).into());
                }
                blocks.push(ballot_table(wb, b).into());
            }
            Err(_) => blocks.push(
                admin::body(&format!(
                    "Kết quả: {BLANK} (số liệu phiếu bầu chưa khớp, cần kiểm tra lại)."
                ))
                .into(),
            ),
        }
    }
    blocks
}

/// "Bà Rịa - Vũng Tàu (hạng 1, 7/7 phiếu, 100%)" lines of the proposals.
pub(crate) fn proposal_lines(wb: &Workbook, r: &Results) -> Vec<String> {
    let mut lines = Vec::new();
    for a in &r.awards {
        for s in &a.schools {
            if let Outcome::Proposed {
                votes,
                percent_hundredths,
            } = &s.outcome
            {
                lines.push(format!(
                    "Đề nghị tặng {} cho {} (xếp hạng {}, {} phiếu đồng ý, đạt {}).",
                    award_name(wb, &a.award),
                    wb.school_full_name(&s.school),
                    s.rank,
                    votes,
                    format_percent(*percent_hundredths)
                ));
            }
        }
    }
    lines
}

/// Schools that reached the threshold of an award's ballot but are not
/// proposed for it, each with the reason the rules give (the quota is
/// full, already proposed for the flag, under review …): a reader of the
/// minutes otherwise cannot tell why.
pub(crate) fn passed_over_lines(wb: &Workbook, r: &Results) -> Vec<String> {
    let mut lines = Vec::new();
    for a in &r.awards {
        let Some(b) = r
            .ballots
            .iter()
            .filter_map(|b| b.as_ref().ok())
            .find(|b| b.award == a.award)
        else {
            continue;
        };
        for s in &a.schools {
            if let Outcome::NotProposed(why) = &s.outcome
                && b.candidate(&s.school).is_some_and(|v| v.threshold_met)
            {
                lines.push(format!(
                    "{} đạt ngưỡng số phiếu nhưng không được đề nghị tặng {}: {}.",
                    wb.school_full_name(&s.school),
                    award_name(wb, &a.award),
                    lower_first(why.trim_end_matches('.'))
                ));
            }
        }
    }
    lines
}

/// "Đã đủ chỉ tiêu" → "đã đủ chỉ tiêu", inside a sentence.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn document(wb: &Workbook, r: &Results) -> Document {
    let c = &wb.conference;
    let issuer = common::issuer(wb);
    let mut doc = Document::new(
        format!("Biên bản họp bình xét thi đua năm {} — {issuer}", wb.year),
        PageSetup::default(),
    );
    doc.extend(common::header(wb, DocKind::Minutes, true));
    doc.extend(admin::title(
        common::style(wb),
        "Biên bản",
        &format!("Họp bình xét thi đua năm {} của {issuer}", wb.year),
    ));
    doc.push(admin::body(&format!(
        "Vào lúc {}, {}, tại {}, {issuer} tổ chức Hội nghị tổng kết phong trào thi đua và bình xét thi đua năm {}.",
        common::time_words(c.start),
        common::date_words(c.date),
        or_blank(&c.place),
        wb.year
    )));
    doc.push(heading("I. THÀNH PHẦN"));
    doc.push(labelled("Chủ trì: ", &person(&c.chair)));
    if !c.co_chairs.is_empty() {
        let co: Vec<String> = c.co_chairs.iter().map(person).collect();
        doc.push(labelled("Đồng chủ trì: ", &co.join("; ")));
    }
    doc.push(labelled("Thư ký: ", &person(&c.secretary)));
    let (total, present) = crate::rules::ballot::voters(wb);
    if c.attendance.is_empty() {
        doc.push(labelled(
            "Đại biểu dự họp: ",
            &format!("{BLANK} (chưa ghi danh sách)."),
        ));
    } else {
        doc.push(labelled(
            "Đại biểu dự họp: ",
            &format!("có mặt {present}/{total}, gồm:"),
        ));
        let mut lines = Vec::new();
        for a in &c.attendance {
            let reps: Vec<String> = a
                .representatives
                .iter()
                .map(|p| {
                    if p.title.trim().is_empty() {
                        p.name.clone()
                    } else {
                        format!("{}, {}", p.name, p.title)
                    }
                })
                .collect();
            let mut line = wb.school_full_name(&a.school);
            if !a.present {
                line.push_str(": vắng mặt");
            } else if !reps.is_empty() {
                line.push_str(&format!(": {}", reps.join("; ")));
            }
            if !a.note.trim().is_empty() {
                line.push_str(&format!(" ({})", a.note.trim()));
            }
            lines.push(line);
        }
        list(&mut doc, lines);
    }
    if !c.guests.is_empty() {
        doc.push(labelled("Khách mời: ", ""));
        // A guest may be a group ("Các đồng chí trưởng, phó khoa …").
        let guest = |g: &Person| {
            if g.name.trim().is_empty() {
                g.title.trim().to_string()
            } else {
                person(g)
            }
        };
        list(&mut doc, c.guests.iter().map(guest).collect());
    }
    if let Some(b) = r.ballots.iter().find_map(|b| b.as_ref().ok()) {
        doc.push(admin::body(&format!(
            "Số đại biểu có mặt {}/{}, {} (cần tối thiểu {}).",
            b.present,
            b.voters_total,
            if b.quorum_met {
                "đủ điều kiện tiến hành hội nghị và bỏ phiếu"
            } else {
                "không đủ số đại biểu để bỏ phiếu"
            },
            b.quorum_needed
        )));
    }
    doc.push(heading("II. NỘI DUNG"));
    doc.push(heading("1. Thảo luận báo cáo tổng kết"));
    doc.extend(common::paragraphs(&c.discussion));
    doc.push(heading("2. Kết quả chấm điểm thi đua"));
    doc.push(admin::body(&format!(
        "Hội nghị đã thông qua kết quả chấm điểm thi đua năm {} của các trường (thang điểm {}), cụ thể như sau:",
        wb.year,
        wb.max_total()
    )));
    doc.push(common::ranking_table(wb, r, TABLE_PT));
    doc.extend(common::tie_note(wb, r, TABLE_PT));
    doc.push(heading("3. Kết quả bỏ phiếu bình xét khen thưởng"));
    doc.extend(ballot_blocks(wb, r));
    doc.push(heading("4. Đề nghị khen thưởng"));
    let lines = proposal_lines(wb, r);
    if lines.is_empty() {
        doc.push(admin::body("Hội nghị không đề nghị trường nào."));
    } else {
        doc.push(admin::body(&format!(
            "Hội nghị thống nhất đề nghị Giám đốc Học viện xét tặng thưởng năm {}:",
            wb.year
        )));
        for l in &lines {
            doc.push(item(l));
        }
    }
    for l in passed_over_lines(wb, r) {
        doc.push(item(&l));
    }
    for a in r.awards.iter().filter(|a| a.withheld.is_some()) {
        doc.push(item(&format!(
            "{}: {}.",
            award_name(wb, &a.award),
            a.withheld.as_deref().unwrap_or_default()
        )));
    }
    let next = i32::from(wb.year) + 1;
    doc.push(heading(&format!("5. Bầu Cụm trưởng, Cụm phó năm {next}")));
    let e = &r.election;
    let leader = e
        .leader
        .as_ref()
        .map_or_else(|| BLANK.to_string(), |l| wb.school_full_name(l));
    let deputies = if e.deputies.is_empty() {
        BLANK.to_string()
    } else {
        e.deputies
            .iter()
            .map(|d| wb.school_full_name(d))
            .collect::<Vec<_>>()
            .join("; ")
    };
    // How the vote was taken, not only its outcome.
    let vote = crate::rules::election::show_of_hands(wb).unwrap_or_else(|| {
        format!(
            "(……/{} trường tán thành)",
            crate::rules::election::schools_present(wb)
        )
    });
    doc.push(admin::body(&format!(
        "Hội nghị biểu quyết {vote} giới thiệu đơn vị Cụm trưởng, Cụm phó năm {next}:"
    )));
    doc.push(item(&format!("Cụm trưởng: {leader};")));
    doc.push(item(&format!("Cụm phó: {deputies}.")));
    if !c.election.note.trim().is_empty() {
        doc.push(admin::body(&format!(
            "{}.",
            c.election.note.trim().trim_end_matches('.')
        )));
    }
    doc.push(heading("III. KẾT LUẬN CỦA CHỦ TRÌ HỘI NGHỊ"));
    doc.extend(common::paragraphs(&c.conclusion));
    doc.push(Block::KeepTogether(vec![
        admin::body(&format!(
            "Hội nghị kết thúc vào lúc {} cùng ngày. Biên bản đã được đọc lại cho các đại biểu dự hội nghị cùng nghe và nhất trí thông qua./.",
            common::time_words(c.end)
        ))
        .into(),
        admin::signatures_two(common::style(wb), &Signer {
                lines: vec!["THƯ KÝ".into()],
                name: or_blank(&c.secretary.name),
            },
            &Signer {
                lines: vec!["CHỦ TRÌ".into()],
                name: or_blank(&c.chair.name),
            },
        ),
    ]));
    doc
}

/// A list: each item ends with ";", the last with ".".
fn list(doc: &mut Document, lines: Vec<String>) {
    let n = lines.len();
    for (i, line) in lines.into_iter().enumerate() {
        let end = if i + 1 == n { '.' } else { ';' };
        doc.push(item(&format!("{}{end}", line.trim_end_matches(['.', ';']))));
    }
}

/// "Ngưỡng riêng của Bằng khen: …" where an award has a ballot rule of its
/// own (the general one is printed once, above).
pub(crate) fn own_rule_line(wb: &Workbook, award: &crate::workbook::Id) -> Option<String> {
    let a = wb.award(award)?;
    let rule = a.ballot.as_ref()?;
    Some(format!(
        "Ngưỡng riêng của {}: số phiếu đồng ý {}; số đại biểu tối thiểu {}.",
        a.short_name,
        crate::rules::ballot::describe_rule(rule),
        rule.quorum
    ))
}
