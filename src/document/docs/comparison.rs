//! The year-end report's comparison with the previous year (issue 18): a
//! table of each school's total and rank in both years, and the same
//! figures as a bar chart. Without the previous year's workbook the report
//! leaves the comparison out: why it is missing is said in the window and
//! on the command line, never in the document (issue 30).

use super::common::{TABLE_PT, ccell, hcell, lcell};
use crate::document::admin;
use crate::document::{Block, ColumnWidth, Drawing, FontStyle, Mark, Paragraph, Row, Table};
use crate::rules::{self, Results};
use crate::workbook::{Points, Workbook};

/// One school's two years: (short name, last year's total and rank, this
/// year's).
type Pair = (String, Option<(Points, u32)>, (Points, u32));

pub(super) fn blocks(wb: &Workbook, r: &Results, prev: &Workbook) -> Vec<Block> {
    let prev_year = i32::from(prev.year);
    let before = rules::evaluate(prev);
    let pairs: Vec<Pair> = r
        .schools
        .iter()
        .map(|s| {
            let id = &s.totals.school;
            let then = before
                .schools
                .iter()
                .find(|b| &b.totals.school == id)
                .map(|b| (b.totals.final_score, b.rank));
            (wb.school_name(id), then, (s.totals.final_score, s.rank))
        })
        .collect();
    let mut out: Vec<Block> = vec![
        admin::body(&format!(
            "So với năm {prev_year}, tổng điểm và thứ hạng của các trường như sau:"
        ))
        .keep_with_next()
        .into(),
    ];
    out.push(table(&pairs, prev_year, wb.year.into()).into());
    out.push(
        Paragraph::text(
            format!("Biểu đồ: tổng điểm năm {prev_year} (cột rỗng) và năm {} (cột đặc) của từng trường.", wb.year),
            FontStyle::Italic,
            TABLE_PT - 1.0,
        )
        .centered()
        .keep_with_next()
        .into(),
    );
    out.push(Block::Drawing(chart(&pairs, prev_year, wb.year.into())));
    out
}

fn table(pairs: &[Pair], prev: i32, year: i32) -> Table {
    let mut t = Table::new(vec![
        ColumnWidth::Mm(12.0),
        ColumnWidth::Relative(2.0),
        ColumnWidth::Mm(20.0),
        ColumnWidth::Mm(14.0),
        ColumnWidth::Mm(20.0),
        ColumnWidth::Mm(14.0),
        ColumnWidth::Mm(22.0),
    ])
    .header(Row::new(
        [
            "STT".to_string(),
            "Trường".to_string(),
            format!("Tổng điểm {prev}"),
            format!("Hạng {prev}"),
            format!("Tổng điểm {year}"),
            format!("Hạng {year}"),
            "Tăng (+) / giảm (−)".to_string(),
        ]
        .iter()
        .map(|h| hcell(h, TABLE_PT - 1.0))
        .collect(),
    ));
    for (i, (name, then, now)) in pairs.iter().enumerate() {
        let (then_score, then_rank, change) = match then {
            Some((p, rank)) => {
                let d = now.0.0 - p.0;
                let change = match d.signum() {
                    1 => format!("+{}", Points(d)),
                    -1 => format!("−{}", Points(-d)),
                    _ => "0".to_string(),
                };
                (p.to_string(), rank.to_string(), change)
            }
            None => ("—".into(), "—".into(), "—".into()),
        };
        t = t.row(Row::new(vec![
            ccell((i + 1).to_string(), TABLE_PT),
            lcell(name.clone(), TABLE_PT),
            ccell(then_score, TABLE_PT),
            ccell(then_rank, TABLE_PT),
            ccell(now.0.to_string(), TABLE_PT),
            ccell(now.1.to_string(), TABLE_PT),
            ccell(change, TABLE_PT),
        ]));
    }
    t
}

/// Grouped bars on the text width of a portrait page (165 mm).
fn chart(pairs: &[Pair], prev: i32, year: i32) -> Drawing {
    const WIDTH: f32 = 165.0;
    const HEIGHT: f32 = 72.0;
    const LEFT: f32 = 12.0;
    const TOP: f32 = 9.0;
    const BOTTOM: f32 = 10.0;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let plot_w = WIDTH - LEFT - 2.0;
    let values = pairs
        .iter()
        .flat_map(|(_, t, n)| t.iter().map(|(p, _)| *p).chain([n.0]))
        .map(|p| p.0 as f32 / 100.0);
    let (lo, hi) = values.fold((f32::MAX, f32::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (lo, hi) = if lo > hi { (0.0, 100.0) } else { (lo, hi) };
    // Round scale steps (5, 10 or 20 points) from just under the lowest
    // score to just over the highest.
    let step = match hi - lo {
        r if r <= 25.0 => 5.0,
        r if r <= 60.0 => 10.0,
        _ => 20.0,
    };
    let lo = ((lo - 2.0) / step).floor().max(0.0) * step;
    let hi = ((hi + 1.0) / step).ceil() * step;
    let hi = hi.max(lo + step);
    let lines = ((hi - lo) / step).round() as usize;
    let y_of = |v: f32| TOP + plot_h * (1.0 - (v - lo) / (hi - lo));
    let mut marks = Vec::new();
    // The key.
    marks.push(Mark::Box {
        x: LEFT,
        y: 1.5,
        width: 4.0,
        height: 3.5,
    });
    marks.push(label(LEFT + 5.5, 5.0, format!("Năm {prev}"), 9.0));
    marks.push(Mark::Bar {
        x: LEFT + 28.0,
        y: 1.5,
        width: 4.0,
        height: 3.5,
    });
    marks.push(label(LEFT + 33.5, 5.0, format!("Năm {year}"), 9.0));
    // The scale: five lines with their scores.
    for i in 0..=lines {
        let v = lo + step * i as f32;
        let y = y_of(v);
        marks.push(Mark::HLine {
            x1: LEFT,
            x2: LEFT + plot_w,
            y,
            thickness_pt: if i == 0 { 0.6 } else { 0.2 },
        });
        marks.push(label(
            0.0,
            y + 1.2,
            Points((v * 100.0).round() as i64).to_string(),
            8.0,
        ));
    }
    let n = pairs.len().max(1) as f32;
    let slot = plot_w / n;
    let bar = (slot * 0.3).min(9.0);
    let base = y_of(lo);
    for (i, (name, then, now)) in pairs.iter().enumerate() {
        let x = LEFT + slot * i as f32 + slot / 2.0;
        if let Some((p, _)) = then {
            let top = y_of(p.0 as f32 / 100.0);
            marks.push(Mark::Box {
                x: x - bar,
                y: top,
                width: bar - 0.4,
                height: base - top,
            });
        }
        let top = y_of(now.0.0 as f32 / 100.0);
        marks.push(Mark::Bar {
            x: x + 0.4,
            y: top,
            width: bar - 0.4,
            height: base - top,
        });
        // The school's name under its pair, shortened to its slot.
        let fits = (slot / 1.7).max(3.0) as usize;
        let short = crate::text::shorten(name, fits);
        let w = crate::document::text_width_mm(&short, FontStyle::Regular, 8.0);
        marks.push(label(x - w / 2.0, base + 4.5, short, 8.0));
    }
    Drawing {
        height_mm: HEIGHT,
        marks,
    }
}

fn label(x: f32, y: f32, text: String, size_pt: f32) -> Mark {
    Mark::Label {
        x,
        y,
        text,
        size_pt,
        style: FontStyle::Regular,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chart's data: a solid bar per school for this year, a hollow one
    /// where last year is known, plus one of each in the key; bars grow
    /// with the score and stand on one baseline.
    #[test]
    fn one_pair_of_bars_per_school() {
        let pairs: Vec<Pair> = vec![
            ("A".into(), Some((Points(9000), 2)), (Points(9500), 1)),
            ("B".into(), None, (Points(8000), 2)),
        ];
        let d = chart(&pairs, 2019, 2020);
        let bars: Vec<(f32, f32)> = d
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Bar { y, height, .. } => Some((*y, *height)),
                _ => None,
            })
            .collect();
        let boxes = d
            .marks
            .iter()
            .filter(|m| matches!(m, Mark::Box { .. }))
            .count();
        assert_eq!(bars.len(), 1 + 2, "the key and one per school");
        assert_eq!(
            boxes,
            1 + 1,
            "the key and the school with last year's score"
        );
        let (a, b) = (bars[1], bars[2]);
        assert!(a.1 > b.1, "95 taller than 80: {a:?} {b:?}");
        assert!((a.0 + a.1 - (b.0 + b.1)).abs() < 1e-3, "one baseline");
        assert!(
            d.marks
                .iter()
                .any(|m| matches!(m, Mark::Label { text, .. } if text == "Năm 2019"))
        );
    }
}
