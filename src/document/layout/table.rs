//! Tables: every row becomes one chunk (rows move between pages whole), the
//! header rows become a chunk the paginator repeats on each new page.

use std::rc::Rc;

use super::chunk::{Chunk, EPS, Item};
use super::paragraph::{self, sane_mm};
use super::resolve_widths;
use crate::document::LayoutError;
use crate::document::model::{Row, Table, VAlign};

/// Narrowest text area of a cell, so text always has somewhere to go even
/// when padding eats the whole column.
const MIN_CONTENT_MM: f32 = 1.0;

pub(super) fn layout(table: &Table, width: f32) -> Result<Vec<Chunk>, LayoutError> {
    let widths = resolve_widths(&table.columns, width);
    let style = CellStyle {
        pad_x: sane_mm(table.padding_x_mm),
        pad_y: sane_mm(table.padding_y_mm),
        border_pt: sane_mm(table.border_pt),
    };
    let header_rows = table
        .header_rows
        .iter()
        .map(|r| row(r, &widths, &style))
        .collect::<Result<Vec<_>, _>>()?;
    let header_rows = merge_row_spans(&table.header_rows, header_rows, &widths);
    let mut body = table
        .body_rows
        .iter()
        .map(|r| {
            row(r, &widths, &style).map(|mut c| {
                c.keep_with_next = r.keep_with_next;
                c
            })
        })
        .collect::<Result<Vec<_>, _>>()?;

    let mut chunks = Vec::with_capacity(body.len() + 1);
    if header_rows.is_empty() {
        chunks.append(&mut body);
    } else {
        let header = Chunk::stack(header_rows);
        if body.is_empty() {
            chunks.push(header);
        } else {
            let shared = Rc::new(header.clone());
            let mut body = body.into_iter();
            // The header never stands alone at the foot of a page: it is glued
            // to the first row.
            if let Some(first) = body.next() {
                let mut glued = Chunk::stack(vec![header, first]);
                glued.header = Some(Rc::clone(&shared));
                glued.header_included = true;
                chunks.push(glued);
            }
            for mut row in body {
                row.header = Some(Rc::clone(&shared));
                chunks.push(row);
            }
        }
    }
    if let Some(first) = chunks.first_mut() {
        first.space_before = sane_mm(table.space_before_mm);
    }
    if let Some(last) = chunks.last_mut() {
        last.space_after = sane_mm(table.space_after_mm);
    }
    Ok(chunks)
}

/// Header cells that cover several rows: one frame over the rows they
/// cover, their text in its middle, and the covered rows' cells at that
/// place dropped. The header becomes one chunk (it is one anyway).
fn merge_row_spans(model: &[Row], rows: Vec<Chunk>, widths: &[f32]) -> Vec<Chunk> {
    let spans = model.iter().any(|r| r.cells.iter().any(|c| c.row_span > 1));
    if !spans || rows.len() < 2 {
        return rows;
    }
    let heights: Vec<f32> = rows.iter().map(|r| r.height).collect();
    let tops: Vec<f32> = heights
        .iter()
        .scan(0.0, |y, h| {
            let top = *y;
            *y += h;
            Some(top)
        })
        .collect();
    let mut per_row: Vec<Vec<Item>> = rows
        .iter()
        .zip(&tops)
        .map(|(r, &top)| {
            r.items
                .iter()
                .cloned()
                .map(|i| i.shifted(0.0, top))
                .collect()
        })
        .collect();
    for (i, r) in model.iter().enumerate() {
        let mut x = 0.0;
        let mut column = 0;
        for cell in &r.cells {
            if column >= widths.len() {
                break;
            }
            let span = cell.col_span.clamp(1, widths.len() - column);
            let w: f32 = widths[column..column + span].iter().sum();
            let last = (i + cell.row_span.max(1) - 1).min(rows.len() - 1);
            if last > i {
                let height: f32 = heights[i..=last].iter().sum();
                let inside = |ix: f32| ix >= x - EPS && ix < x + w - EPS;
                for item in &mut per_row[i] {
                    match item {
                        Item::Frame { x: fx, bottom, .. } if (*fx - x).abs() < EPS => {
                            *bottom = tops[i] + height
                        }
                        Item::Text(t) if inside(t.x) => {
                            let dy = (height - heights[i]) / 2.0;
                            t.baseline += dy;
                            t.top += dy;
                            t.bottom += dy;
                        }
                        _ => {}
                    }
                }
                for below in &mut per_row[i + 1..=last] {
                    below.retain(|item| match item {
                        Item::Frame { x: fx, .. } => (*fx - x).abs() >= EPS,
                        Item::Text(t) => !inside(t.x),
                        Item::Rule { .. } => true,
                    });
                }
            }
            x += w;
            column += span;
        }
    }
    let total = heights.iter().sum();
    vec![Chunk::content(
        total,
        per_row.into_iter().flatten().collect(),
    )]
}

struct CellStyle {
    pad_x: f32,
    pad_y: f32,
    border_pt: f32,
}

fn row(row: &Row, widths: &[f32], style: &CellStyle) -> Result<Chunk, LayoutError> {
    let mut placed: Vec<(f32, f32, Chunk, VAlign)> = Vec::new();
    let mut column = 0;
    let mut x = 0.0;
    for cell in &row.cells {
        if column >= widths.len() {
            return Err(LayoutError::TooManyCells {
                columns: widths.len(),
                cells: row.cells.iter().map(|c| c.col_span.max(1)).sum(),
            });
        }
        let span = cell.col_span.clamp(1, widths.len() - column);
        let cell_width: f32 = widths[column..column + span].iter().sum();
        let content_width = (cell_width - 2.0 * style.pad_x).max(MIN_CONTENT_MM);
        let content = Chunk::stack(
            cell.paragraphs
                .iter()
                .flat_map(|p| paragraph::layout(p, content_width))
                .collect(),
        );
        placed.push((x, cell_width, content, cell.v_align));
        x += cell_width;
        column += span;
    }
    // Columns the row leaves out still get their borders.
    for &w in &widths[column.min(widths.len())..] {
        placed.push((x, w, Chunk::content(0.0, Vec::new()), VAlign::Top));
        x += w;
    }

    let height = placed
        .iter()
        .map(|(_, _, c, _)| c.height + 2.0 * style.pad_y)
        .fold(2.0 * style.pad_y, f32::max);
    let mut items = Vec::new();
    for (x, w, content, v_align) in placed {
        let free = height - 2.0 * style.pad_y - content.height;
        let dy = style.pad_y
            + match v_align {
                VAlign::Top => 0.0,
                VAlign::Middle => free / 2.0,
            };
        if style.border_pt > 0.0 {
            items.push(Item::Frame {
                x,
                width: w,
                top: 0.0,
                bottom: height,
                thickness_pt: style.border_pt,
            });
        }
        items.extend(
            content
                .items
                .into_iter()
                .map(|i| i.shifted(x + style.pad_x, dy)),
        );
    }
    Ok(Chunk::content(height, items))
}
