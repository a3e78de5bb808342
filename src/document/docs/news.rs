//! Tin bài: the news item the leader's school posts after the conference,
//! drafted from the year's data in the register of such items (the seed
//! of this project is one). It tells what happened — when and where, who
//! chaired, what was assessed, what the conference *proposed* (a proposal
//! to the Academy, not an award), the election and the handover — with no
//! scores, a byline the clerk fills in and the photo captions the clerk
//! typed (none otherwise).
//! The same text is a PDF and plain text for the clipboard.

use super::Missing;
use super::common::BLANK;
use super::minutes::award_name;
use crate::document::{Align, Block, Document, FontStyle, PageSetup, Paragraph};
use crate::rules::Results;
use crate::text::format_date;
use crate::workbook::{Person, Workbook};

const TITLE_PT: f32 = 15.0;
const BODY_PT: f32 = 13.0;

/// The news item as parts: headline, byline lines, body paragraphs and the
/// photo captions the clerk typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsItem {
    /// The headline's two lines: the conference, then the cluster.
    pub headline: [String; 2],
    pub byline: Vec<String>,
    pub paragraphs: Vec<String>,
    pub captions: Vec<String>,
}

impl NewsItem {
    /// Plain text, ready to paste into the school's website.
    pub fn plain_text(&self) -> String {
        let mut out = vec![self.headline.join(" "), String::new()];
        out.extend(self.byline.iter().cloned());
        out.push(String::new());
        for p in &self.paragraphs {
            out.push(p.clone());
            out.push(String::new());
        }
        out.extend(self.captions.iter().cloned());
        out.join("\n")
    }
}

pub(super) fn missing(wb: &Workbook) -> Vec<Missing> {
    let c = &wb.conference;
    let mut out = Vec::new();
    if c.date.is_none() {
        out.push(Missing::blank("ngày hội nghị"));
    }
    if c.place.trim().is_empty() {
        out.push(Missing::blank("nơi họp"));
    }
    if c.chair.name.trim().is_empty() {
        out.push(Missing::blank("người chủ trì"));
    }
    if wb.documents.news_byline.trim().is_empty() {
        out.push(Missing::blank("tên người viết tin (tác giả)"));
    }
    out
}

/// "đồng chí Ngô Thị Liên - Hiệu trưởng Trường Chính trị tỉnh …".
fn comrade(p: &Person) -> String {
    let name = if p.name.trim().is_empty() {
        BLANK
    } else {
        p.name.trim()
    };
    if p.title.trim().is_empty() {
        format!("đồng chí {name}")
    } else {
        format!("đồng chí {name} - {}", p.title.trim())
    }
}

/// A list in words: "A, B và C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} và {last}", rest.join(", ")),
    }
}

/// Drafts the news item of the year's conference.
pub fn news(wb: &Workbook, r: &Results) -> NewsItem {
    let c = &wb.conference;
    let year = wb.year;
    let next = i32::from(year) + 1;
    let cluster = wb.cluster.name.trim().to_string();
    let region = wb.cluster.region.trim();
    let headline = [
        format!("HỘI NGHỊ TỔNG KẾT PHONG TRÀO THI ĐUA NĂM {year}"),
        if region.is_empty() {
            cluster.to_uppercase()
        } else {
            format!("{} {}", cluster, region).to_uppercase()
        },
    ];
    let byline: Vec<String> = wb
        .documents
        .news_byline
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let byline = if byline.is_empty() {
        vec![BLANK.to_string()]
    } else {
        byline
    };

    let members: Vec<String> = wb
        .current_members()
        .map(|s| s.full_name.trim().to_string())
        .collect();
    let date = c.date.map_or_else(|| BLANK.to_string(), format_date);
    let place = if c.place.trim().is_empty() {
        BLANK.to_string()
    } else {
        c.place.trim().to_string()
    };
    let mut paragraphs = vec![format!(
        "Ngày {date}, tại {place}, {cluster} gồm {} trường ({}) đã tổ chức Hội nghị tổng kết phong trào thi đua năm {year}, phương hướng, nhiệm vụ năm {next}.",
        members.len(),
        members.join(", ")
    )];

    // Who chaired, and who attended.
    let mut chairs = vec![comrade(&c.chair)];
    chairs.extend(c.co_chairs.iter().map(comrade));
    let chaired = if chairs.len() > 1 {
        format!("{} đồng chủ trì Hội nghị.", and_list(&chairs))
    } else {
        format!("{} chủ trì Hội nghị.", chairs[0])
    };
    let present = c.attendance.iter().filter(|a| a.present).count();
    let attended = if present > 0 {
        format!(
            " Dự Hội nghị có đại diện lãnh đạo và cán bộ làm công tác thi đua của {present}/{} trường trong Cụm.",
            members.len()
        )
    } else {
        " Dự Hội nghị có đại diện lãnh đạo và cán bộ làm công tác thi đua của các trường trong Cụm."
            .to_string()
    };
    paragraphs.push(capitalise(&format!("{chaired}{attended}")));

    paragraphs.push(format!(
        "Hội nghị đã thảo luận và thông qua Báo cáo tổng kết phong trào thi đua năm {year}, phương hướng, nhiệm vụ năm {next} của {cluster}; tổ chức chấm điểm, bình xét thi đua theo bảng tiêu chí của Cụm."
    ));

    // What was proposed: a proposal to the Academy, never an award.
    let proposals: Vec<String> = r
        .awards
        .iter()
        .filter(|a| !a.proposed.is_empty())
        .map(|a| {
            let schools: Vec<String> = a.proposed.iter().map(|s| wb.school_full_name(s)).collect();
            format!(
                "{} cho {}",
                short_award(&award_name(wb, &a.award)),
                and_list(&schools)
            )
        })
        .collect();
    if proposals.is_empty() {
        paragraphs.push("Qua bình xét, Hội nghị chưa đề nghị khen thưởng trường nào.".into());
    } else {
        paragraphs.push(format!(
            "Qua bình xét, bỏ phiếu kín, Hội nghị thống nhất đề nghị Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh tặng {}.",
            and_list(&proposals)
        ));
    }

    // The election and the handover.
    let e = &r.election;
    if let Some(leader) = &e.leader {
        let deputies: Vec<String> = e.deputies.iter().map(|d| wb.school_full_name(d)).collect();
        let deputies = if deputies.is_empty() {
            String::new()
        } else {
            format!(", Cụm phó là {}", and_list(&deputies))
        };
        paragraphs.push(format!(
            "Hội nghị đã thống nhất giới thiệu đơn vị Cụm trưởng năm {next} là {}{deputies}. Việc bàn giao nhiệm vụ giữa Cụm trưởng năm {year} và Cụm trưởng năm {next} cũng được thực hiện tại Hội nghị./.",
            wb.school_full_name(leader)
        ));
    } else if let Some(last) = paragraphs.last_mut() {
        last.push_str("/.");
    }

    // Photo captions only as the clerk typed them: a placeholder would be
    // published as it is (issue 30).
    let captions: Vec<String> = wb
        .documents
        .news_captions
        .iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    NewsItem {
        headline,
        byline,
        paragraphs,
        captions,
    }
}

/// "Cờ thi đua của Học viện …" → "Cờ thi đua" in a sentence that already
/// names the Academy.
fn short_award(name: &str) -> String {
    name.split(" của ")
        .next()
        .unwrap_or(name)
        .trim()
        .to_string()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn document(wb: &Workbook, r: &Results) -> Document {
    let item = news(wb, r);
    let mut doc = Document::new(
        format!(
            "Tin bài hội nghị tổng kết năm {} — {}",
            wb.year, wb.cluster.name
        ),
        PageSetup::default(),
    );
    for (i, line) in item.headline.iter().enumerate() {
        doc.push(
            // The cluster's line is the longer one: a size smaller.
            Paragraph::text(line, FontStyle::Bold, TITLE_PT - 2.0 * i as f32)
                .centered()
                .space_after(if i == 1 { 4.0 } else { 0.0 })
                .keep_with_next(),
        );
    }
    for line in &item.byline {
        doc.push(
            Paragraph::text(line, FontStyle::BoldItalic, BODY_PT)
                .align(Align::Right)
                .keep_with_next(),
        );
    }
    doc.push(Block::Spacer(3.0));
    for p in &item.paragraphs {
        doc.push(
            Paragraph::text(p, FontStyle::Regular, BODY_PT)
                .align(Align::Justify)
                .indent(10.0)
                .space_after(2.0),
        );
    }
    for caption in &item.captions {
        doc.push(Paragraph::text(caption, FontStyle::Italic, BODY_PT - 1.0).centered());
    }
    doc
}
