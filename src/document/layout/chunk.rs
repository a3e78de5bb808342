//! Chunks: the units the paginator stacks down a page. A chunk is a box of
//! already positioned items (relative to its top-left corner) that is moved
//! to the next page whole when it does not fit; only a chunk taller than a
//! whole page is ever cut, between text lines.

use std::rc::Rc;

use crate::document::fonts::FontStyle;

/// Tolerance for comparing millimetre positions summed from many floats.
pub(super) const EPS: f32 = 1e-3;

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Text {
    pub x: f32,
    pub baseline: f32,
    /// The line box; a page is never cut through it.
    pub top: f32,
    pub bottom: f32,
    pub width: f32,
    pub style: FontStyle,
    pub size_pt: f32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Item {
    Text(Text),
    /// A horizontal line at height `y`.
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        thickness_pt: f32,
    },
    /// A rectangle outline (table cell border). When a chunk is cut through
    /// it, both halves get a closed frame, so a split row keeps its borders.
    Frame {
        x: f32,
        width: f32,
        top: f32,
        bottom: f32,
        thickness_pt: f32,
    },
}

impl Item {
    pub fn shifted(mut self, dx: f32, dy: f32) -> Item {
        match &mut self {
            Item::Text(t) => {
                t.x += dx;
                t.baseline += dy;
                t.top += dy;
                t.bottom += dy;
            }
            Item::Rule { x1, x2, y, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y += dy;
            }
            Item::Frame { x, top, bottom, .. } => {
                *x += dx;
                *top += dy;
                *bottom += dy;
            }
        }
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Content,
    /// Vertical space: dropped at the top of a page.
    Spacer,
    PageBreak,
}

#[derive(Debug, Clone)]
pub(super) struct Chunk {
    pub kind: Kind,
    pub height: f32,
    pub items: Vec<Item>,
    /// Gaps to the neighbours; dropped at the top of a page.
    pub space_before: f32,
    pub space_after: f32,
    /// Table header rows to draw above this chunk when it starts a page.
    pub header: Option<Rc<Chunk>>,
    /// The header is already part of `items` (the table's first rows).
    pub header_included: bool,
    /// Goes to a new page with the next content chunk (see `glue`).
    pub keep_with_next: bool,
    /// Goes to a new page with the previous content chunk.
    pub keep_with_previous: bool,
}

impl Chunk {
    pub fn content(height: f32, items: Vec<Item>) -> Chunk {
        Chunk {
            kind: Kind::Content,
            height,
            items,
            space_before: 0.0,
            space_after: 0.0,
            header: None,
            header_included: false,
            keep_with_next: false,
            keep_with_previous: false,
        }
    }

    pub fn spacer(height: f32) -> Chunk {
        Chunk {
            kind: Kind::Spacer,
            ..Chunk::content(height, Vec::new())
        }
    }

    pub fn page_break() -> Chunk {
        Chunk {
            kind: Kind::PageBreak,
            ..Chunk::content(0.0, Vec::new())
        }
    }

    /// Stacks chunks into one unbreakable chunk (page breaks inside are
    /// meaningless there and are dropped). The first gap before and the last
    /// gap after stay outside, so they can still vanish at a page top.
    pub fn stack(chunks: Vec<Chunk>) -> Chunk {
        let mut chunks = chunks.into_iter().filter(|c| c.kind != Kind::PageBreak);
        let Some(first) = chunks.next() else {
            return Chunk::content(0.0, Vec::new());
        };
        let space_before = first.space_before;
        let keep_with_previous = first.keep_with_previous;
        let mut keep_with_next = first.keep_with_next;
        // A table's header travels with the stack (a heading glued to the
        // table's first rows, a section row glued to the next row).
        let mut header = first.header.clone();
        let mut header_included = first.header_included;
        let mut y = first.height;
        let mut after = first.space_after;
        let mut items = first.items;
        for chunk in chunks {
            y += after + chunk.space_before;
            if header.is_none() && chunk.header.is_some() {
                header = chunk.header.clone();
                header_included = chunk.header_included;
            }
            items.extend(chunk.items.into_iter().map(|i| i.shifted(0.0, y)));
            y += chunk.height;
            after = chunk.space_after;
            keep_with_next = chunk.keep_with_next;
        }
        Chunk {
            space_before,
            space_after: after,
            header,
            header_included,
            keep_with_next,
            keep_with_previous,
            ..Chunk::content(y, items)
        }
    }

    /// Puts stacked columns side by side: `(x offset, column)`. Each column's
    /// own leading gap is kept inside it, relative to the smallest one.
    pub fn beside(columns: Vec<(f32, Chunk)>) -> Chunk {
        let lead = columns
            .iter()
            .map(|(_, c)| c.space_before)
            .fold(f32::INFINITY, f32::min);
        let lead = if lead.is_finite() { lead } else { 0.0 };
        let mut height: f32 = 0.0;
        let mut after: f32 = 0.0;
        let mut items = Vec::new();
        for (x, column) in columns {
            let dy = column.space_before - lead;
            height = height.max(dy + column.height);
            after = after.max(column.space_after);
            items.extend(column.items.into_iter().map(|i| i.shifted(x, dy)));
        }
        Chunk {
            space_before: lead,
            space_after: after,
            ..Chunk::content(height, items)
        }
    }

    /// Cuts the chunk so that the first part is at most `max_height` tall,
    /// never through a line of text. `None` when not even one line fits.
    pub fn split(self, max_height: f32) -> Option<(Chunk, Chunk)> {
        let mut cut = max_height.min(self.height);
        // Move the cut up above every line box it crosses, until none does.
        loop {
            let crossing = self
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(t) if t.top < cut - EPS && t.bottom > cut + EPS => Some(t.top),
                    _ => None,
                })
                .fold(f32::INFINITY, f32::min);
            if crossing.is_finite() {
                cut = crossing;
            } else {
                break;
            }
        }
        // Side-by-side cells with different line pitches can leave no
        // height where every column has a gap between lines. Then each line
        // that crosses the page end moves whole to the next page and the
        // rest follows it up: the head ends at `cut`, the tail starts at
        // `shift` (the top of its highest line), so nothing is cut through.
        let shift = if cut > EPS {
            cut
        } else {
            cut = max_height.min(self.height);
            let shift = self
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(t) if t.bottom > cut + EPS => Some(t.top),
                    _ => None,
                })
                .fold(cut, f32::min);
            let head_has_text = self
                .items
                .iter()
                .any(|i| matches!(i, Item::Text(t) if t.bottom <= cut + EPS));
            if shift <= EPS || !head_has_text {
                return None; // a single line taller than the page
            }
            shift
        };
        let mut head = Vec::new();
        let mut tail = Vec::new();
        for item in self.items {
            match item {
                Item::Text(ref t) => {
                    if t.bottom <= cut + EPS {
                        head.push(item);
                    } else {
                        tail.push(item.shifted(0.0, -shift));
                    }
                }
                Item::Rule { y, .. } => {
                    if y <= cut {
                        head.push(item);
                    } else {
                        tail.push(item.shifted(0.0, -shift));
                    }
                }
                Item::Frame {
                    x,
                    width,
                    top,
                    bottom,
                    thickness_pt,
                } => {
                    if top < cut - EPS {
                        head.push(Item::Frame {
                            x,
                            width,
                            top,
                            bottom: bottom.min(cut),
                            thickness_pt,
                        });
                    }
                    if bottom > cut + EPS {
                        tail.push(Item::Frame {
                            x,
                            width,
                            top: (top - shift).max(0.0),
                            bottom: bottom - shift,
                            thickness_pt,
                        });
                    }
                }
            }
        }
        let first = Chunk {
            space_before: self.space_before,
            header: self.header.clone(),
            header_included: self.header_included,
            ..Chunk::content(cut, head)
        };
        let rest = Chunk {
            space_after: self.space_after,
            header: self.header,
            ..Chunk::content(self.height - shift, tail)
        };
        Some((first, rest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(top: f32, height: f32) -> Item {
        Item::Text(Text {
            x: 0.0,
            baseline: top + height * 0.8,
            top,
            bottom: top + height,
            width: 10.0,
            style: FontStyle::Regular,
            size_pt: 12.0,
            text: "x".into(),
        })
    }

    #[test]
    fn split_never_cuts_a_line_and_closes_frames() {
        let frame = Item::Frame {
            x: 0.0,
            width: 50.0,
            top: 0.0,
            bottom: 30.0,
            thickness_pt: 0.5,
        };
        let chunk = Chunk::content(
            30.0,
            vec![frame, line(0.0, 6.0), line(6.0, 6.0), line(12.0, 6.0)],
        );
        let (head, tail) = chunk.split(15.0).expect("two lines fit");
        assert!((head.height - 12.0).abs() < EPS);
        assert_eq!(
            head.items
                .iter()
                .filter(|i| matches!(i, Item::Text(_)))
                .count(),
            2
        );
        assert!(
            tail.items
                .iter()
                .any(|i| matches!(i, Item::Frame { top, .. } if *top == 0.0))
        );
        assert!(
            Chunk::content(6.0, vec![line(0.0, 6.0)])
                .split(3.0)
                .is_none()
        );
    }

    #[test]
    fn stack_keeps_gaps_between_but_not_around() {
        let mut a = Chunk::content(5.0, vec![line(0.0, 5.0)]);
        a.space_before = 3.0;
        a.space_after = 2.0;
        let mut b = Chunk::content(5.0, vec![line(0.0, 5.0)]);
        b.space_before = 1.0;
        b.space_after = 4.0;
        let s = Chunk::stack(vec![a, b]);
        assert!((s.height - 13.0).abs() < EPS);
        assert_eq!((s.space_before, s.space_after), (3.0, 4.0));
    }

    #[test]
    fn columns_with_no_common_gap_split_without_cutting_a_line() {
        // Column A: lines every 5 mm from 0; column B: from 2,5 mm. No height
        // is free in both, so lines crossing the cut move whole to the tail.
        let mut items = Vec::new();
        for k in 0..8 {
            items.push(line(k as f32 * 5.0, 5.0));
            items.push(line(2.5 + k as f32 * 5.0, 5.0).shifted(30.0, 0.0));
        }
        let chunk = Chunk::content(42.5, items);
        let (head, tail) = chunk.split(12.0).expect("splits");
        let tops = |c: &Chunk| -> Vec<(f32, f32)> {
            c.items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(t) => Some((t.x, t.top)),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(tops(&head), vec![(0.0, 0.0), (30.0, 2.5), (0.0, 5.0)]);
        assert!(
            head.items
                .iter()
                .all(|i| !matches!(i, Item::Text(t) if t.bottom > 12.0 + EPS))
        );
        // The tail starts with B's line that began at 7,5 mm.
        assert!(tops(&tail).contains(&(30.0, 0.0)));
        assert!(tops(&tail).contains(&(0.0, 2.5)));
        assert_eq!(tops(&tail).len(), 16 - 3);
    }
}
