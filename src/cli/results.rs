//! `thidua results FILE`: the ranking table, the ballots and the proposals.

use super::{EXIT_FAILED, EXIT_OK, Usage, files, load_for};
use crate::rules::{self, Outcome, ballot::format_percent};
use crate::workbook::Scope;
use crate::workbook::Workbook;
use std::io::Write;

pub fn run(
    parser: &mut lexopt::Parser,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, Usage> {
    let files = files(parser)?;
    let [path] = files.as_slice() else {
        return Err(Usage("cần đúng một tệp sổ thi đua".into()));
    };
    // Scores and rankings need a sound file and sound scores; a ballot or
    // an election that does not add up is reported with the results, and
    // withholds only what depends on it.
    let Some(loaded) = load_for(
        path,
        "tính kết quả",
        |s| matches!(s, Scope::File | Scope::Scores),
        err,
    ) else {
        return Ok(EXIT_FAILED);
    };
    let _ = out.write_all(report(&loaded.workbook).as_bytes());
    let rest: Vec<_> = loaded
        .problems
        .iter()
        .filter(|p| !matches!(p.scope, Scope::File | Scope::Scores))
        .collect();
    if !rest.is_empty() {
        let heading = format!(
            "{}: còn {} lỗi ở phần bỏ phiếu hoặc bầu cử (kết quả điểm vẫn đúng; các đề nghị liên quan chưa được lập):",
            path.display(),
            rest.len()
        );
        super::print_problems(err, &heading, rest);
    }
    Ok(EXIT_OK)
}

/// The results as plain text, in Vietnamese.
pub fn report(wb: &Workbook) -> String {
    let r = rules::evaluate(wb);
    let mut s = String::new();
    use std::fmt::Write as _;
    let _ = writeln!(
        s,
        "KẾT QUẢ CHẤM ĐIỂM THI ĐUA — {} — NĂM {}",
        wb.cluster.name.to_uppercase(),
        wb.year
    );
    let _ = writeln!(
        s,
        "Thang điểm {}; điểm thưởng tối đa {}, điểm trừ tối đa {}.",
        wb.max_total(),
        wb.rules.bonus_cap,
        wb.rules.deduction_cap
    );
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<4} {:<28} {:>9} {:>9} {:>6} {:>6} {:>9}  Xếp loại",
        "Hạng", "Trường", "Tự chấm", "Cụm chấm", "Thưởng", "Trừ", "Tổng"
    );
    let ties = rules::ranking::tie_notes(wb, &r.schools);
    for sr in &r.schools {
        let t = &sr.totals;
        let name = wb.school_name(&t.school);
        let rank = if sr.tied_with.is_empty() {
            sr.rank.to_string()
        } else {
            format!("{}=", sr.rank)
        };
        let _ = writeln!(
            s,
            "{:<4} {:<28} {:>9} {:>9} {:>6} {:>6} {:>9}  {}",
            rank,
            name,
            t.self_total.to_string(),
            t.cluster_total.to_string(),
            t.bonus.to_string(),
            t.deduction.to_string(),
            t.final_score.to_string(),
            sr.rating.band_name
        );
        let mut notes = Vec::new();
        let unreviewed: Vec<&str> = t.unreviewed().map(|c| c.as_str()).collect();
        if !unreviewed.is_empty() {
            notes.push(format!(
                "cụm chưa chấm, tính điểm tự chấm ở: {}",
                unreviewed.join(", ")
            ));
        }
        let missing: Vec<&str> = t.missing_self().map(|c| c.as_str()).collect();
        if !missing.is_empty() && t.self_assessed {
            notes.push(format!("chưa tự chấm: {}", missing.join(", ")));
        }
        if t.bonus_claimed > t.bonus {
            notes.push(format!(
                "điểm thưởng {} vượt mức tối đa, tính {}",
                t.bonus_claimed, t.bonus
            ));
        }
        if t.deduction_claimed > t.deduction {
            notes.push(format!(
                "điểm trừ {} vượt mức tối đa, tính {}",
                t.deduction_claimed, t.deduction
            ));
        }
        notes.extend(sr.rating.reasons.iter().cloned());
        notes.extend(
            ties.iter()
                .filter(|(id, _)| id == &t.school)
                .map(|(_, n)| n.clone()),
        );
        if !sr.tied_with.is_empty() {
            let others: Vec<String> = sr.tied_with.iter().map(|id| wb.school_name(id)).collect();
            notes.push(format!(
                "bằng hạng với {} (chưa phân định được; cần chủ trì quyết định)",
                others.join(", ")
            ));
        }
        for n in notes {
            let _ = writeln!(s, "     · {n}");
        }
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "BỎ PHIẾU (ngưỡng: {}; số đại biểu tối thiểu {})",
        rules::ballot::describe_threshold(wb),
        wb.rules.ballot.quorum
    );
    if r.ballots.is_empty() {
        let _ = writeln!(s, "  Chưa ghi kết quả bỏ phiếu.");
    }
    for b in &r.ballots {
        match b {
            Ok(b) => {
                let kind = wb.award(&b.award);
                let award = kind.map(|a| a.short_name.clone()).unwrap_or_default();
                // An award with a ballot rule of its own says it here.
                let own = kind
                    .and_then(|a| a.ballot.as_ref())
                    .map_or_else(String::new, |r| {
                        format!(
                            " (ngưỡng riêng: {}; số đại biểu tối thiểu {})",
                            rules::ballot::describe_rule(r),
                            r.quorum
                        )
                    });
                let _ = writeln!(
                    s,
                    "  {award}{own}: có mặt {}/{} ({}; cần {}). {}",
                    b.present,
                    b.voters_total,
                    if b.quorum_met {
                        "đủ số đại biểu"
                    } else {
                        "KHÔNG đủ số đại biểu"
                    },
                    b.quorum_needed,
                    rules::ballot::describe_denominator_of(
                        wb.rules.ballot_for(&b.award),
                        b.denominator
                    )
                );
                for c in &b.candidates {
                    let _ = writeln!(
                        s,
                        "    - {}: {}/{} phiếu = {} — {}",
                        wb.school_name(&c.school),
                        c.votes,
                        b.denominator,
                        format_percent(c.percent_hundredths),
                        if c.threshold_met {
                            "đạt"
                        } else {
                            "không đạt"
                        }
                    );
                }
            }
            Err(e) => {
                let award = wb
                    .award(&e.award)
                    .map(|a| a.short_name.clone())
                    .unwrap_or_default();
                let _ = writeln!(s, "  {award}: KẾT QUẢ BỎ PHIẾU KHÔNG HỢP LỆ:");
                for p in &e.problems {
                    let _ = writeln!(s, "    - {p}");
                }
            }
        }
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "ĐỀ NGHỊ KHEN THƯỞNG");
    for a in &r.awards {
        let award = wb
            .award(&a.award)
            .map(|a| a.name.clone())
            .unwrap_or_default();
        let _ = writeln!(s, "  {award} — chỉ tiêu: {}", a.quota_explained);
        if let Some(why) = &a.withheld {
            let _ = writeln!(s, "    ✘ {why}.");
            continue;
        }
        for so in &a.schools {
            let name = wb.school_name(&so.school);
            match &so.outcome {
                Outcome::Proposed {
                    votes,
                    percent_hundredths,
                } => {
                    let _ = writeln!(
                        s,
                        "    ✔ {name} (hạng {}): đề nghị — {votes} phiếu, {}",
                        so.rank,
                        format_percent(*percent_hundredths)
                    );
                }
                Outcome::NotProposed(why) => {
                    let _ = writeln!(s, "    ✘ {name} (hạng {}): {why}", so.rank);
                }
            }
        }
    }
    let _ = writeln!(s);
    let e = &r.election;
    let name = |id: &Option<crate::workbook::Id>| {
        id.as_ref()
            .map(|i| wb.school_name(i))
            .unwrap_or_else(|| "chưa bầu".into())
    };
    let names = |ids: &[crate::workbook::Id]| {
        if ids.is_empty() {
            "chưa bầu".to_string()
        } else {
            ids.iter()
                .map(|i| wb.school_name(i))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let _ = writeln!(s, "CỤM TRƯỞNG, CỤM PHÓ NĂM {}", i32::from(wb.year) + 1);
    let _ = writeln!(
        s,
        "  Theo thứ tự luân phiên: cụm trưởng {}; cụm phó {}.",
        name(&e.suggested_leader),
        names(&e.suggested_deputies)
    );
    let _ = writeln!(
        s,
        "  Hội nghị bầu: cụm trưởng {}; cụm phó {}.",
        name(&e.leader),
        names(&e.deputies)
    );
    if e.differs_from_rotation {
        let _ = writeln!(s, "  (Kết quả bầu khác thứ tự luân phiên.)");
    }
    s
}
