//! Line breaking: a paragraph of styled spans becomes lines of positioned
//! text. Greedy first fit (what Word does), words longer than the line are
//! broken between characters, justified lines are stretched by placing each
//! word at its own position (PDF word spacing does not apply to CID fonts).

use unicode_normalization::char::is_combining_mark;

use super::chunk::{Chunk, EPS, Item, Text};
use crate::document::fonts::{self, FontStyle, MM_PER_PT};
use crate::document::model::{Align, Paragraph};

/// Size used for the empty line of a paragraph without any span.
const DEFAULT_SIZE_PT: f32 = 13.0;

/// Keeps sizes finite and printable: no user input makes layout loop or
/// divide by zero.
pub(super) fn sane_size(size_pt: f32) -> f32 {
    if size_pt.is_finite() {
        size_pt.clamp(1.0, 200.0)
    } else {
        DEFAULT_SIZE_PT
    }
}

/// Non-negative finite millimetres.
pub(super) fn sane_mm(mm: f32) -> f32 {
    if mm.is_finite() { mm.max(0.0) } else { 0.0 }
}

/// A piece of one word (or of a run of spaces) in one style and size.
#[derive(Debug, Clone)]
struct Atom {
    style: FontStyle,
    size_pt: f32,
    text: String,
    width: f32,
}

impl Atom {
    fn new(style: FontStyle, size_pt: f32, text: String) -> Atom {
        let width = fonts::text_width_mm(&text, style, size_pt);
        Atom {
            style,
            size_pt,
            text,
            width,
        }
    }
}

#[derive(Debug, Clone)]
enum Token {
    Word(Vec<Atom>),
    Space(Vec<Atom>),
    Newline,
}

fn width(atoms: &[Atom]) -> f32 {
    atoms.iter().map(|a| a.width).sum()
}

/// Splits the spans into words, spaces and forced breaks, NFC-normalising
/// first: decomposed marks would be drawn beside their letters.
fn tokens(p: &Paragraph) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    for span in &p.spans {
        let size = sane_size(span.size_pt);
        for c in span.printable_text().chars() {
            let (is_space, c) = match c {
                '\n' => {
                    out.push(Token::Newline);
                    continue;
                }
                ' ' => (true, ' '),
                c => (false, c),
            };
            let same_kind = matches!(
                (out.last(), is_space),
                (Some(Token::Space(_)), true) | (Some(Token::Word(_)), false)
            );
            if !same_kind {
                out.push(if is_space {
                    Token::Space(Vec::new())
                } else {
                    Token::Word(Vec::new())
                });
            }
            if let Some(Token::Space(atoms) | Token::Word(atoms)) = out.last_mut() {
                match atoms.last_mut() {
                    Some(a) if a.style == span.style && a.size_pt == size => a.text.push(c),
                    _ => atoms.push(Atom {
                        style: span.style,
                        size_pt: size,
                        text: c.to_string(),
                        width: 0.0,
                    }),
                }
            }
        }
    }
    // Measure whole atoms once rather than per character.
    for token in &mut out {
        if let Token::Word(atoms) | Token::Space(atoms) = token {
            for a in atoms.iter_mut() {
                a.width = fonts::text_width_mm(&a.text, a.style, a.size_pt);
            }
        }
    }
    out
}

/// A word on a line, with the spaces before it.
#[derive(Debug, Clone)]
struct Segment {
    gap: Vec<Atom>,
    word: Vec<Atom>,
}

#[derive(Debug, Default)]
struct Line {
    segments: Vec<Segment>,
    width: f32,
    /// Ended by `'\n'` or the paragraph end: never stretched.
    forced_end: bool,
}

impl Line {
    fn push(&mut self, gap: Vec<Atom>, word: Vec<Atom>) {
        let gap = if self.segments.is_empty() {
            Vec::new()
        } else {
            gap
        };
        self.width += width(&gap) + width(&word);
        self.segments.push(Segment { gap, word });
    }
}

/// Breaks a word wider than a whole line between characters, keeping any
/// combining mark with its base letter. Returns full-line pieces and the rest.
fn break_word(word: Vec<Atom>, line_width: f32) -> (Vec<Vec<Atom>>, Vec<Atom>) {
    let mut pieces = Vec::new();
    let mut current: Vec<Atom> = Vec::new();
    let mut current_width = 0.0;
    for atom in word {
        let mut cluster = String::new();
        let mut chars = atom.text.chars().peekable();
        while let Some(c) = chars.next() {
            cluster.push(c);
            if chars.peek().is_some_and(|&n| is_combining_mark(n)) {
                continue;
            }
            let w = fonts::text_width_mm(&cluster, atom.style, atom.size_pt);
            if current_width + w > line_width + EPS && !current.is_empty() {
                pieces.push(std::mem::take(&mut current));
                current_width = 0.0;
            }
            match current.last_mut() {
                Some(a) if a.style == atom.style && a.size_pt == atom.size_pt => {
                    a.text.push_str(&cluster);
                    a.width += w;
                }
                _ => current.push(Atom::new(atom.style, atom.size_pt, cluster.clone())),
            }
            current_width += w;
            cluster.clear();
        }
    }
    (pieces, current)
}

fn break_lines(tokens: Vec<Token>, first_width: f32, other_width: f32) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut line = Line::default();
    let mut gap: Vec<Atom> = Vec::new();
    let avail = |lines: &Vec<Line>| {
        if lines.is_empty() {
            first_width
        } else {
            other_width
        }
    };
    for token in tokens {
        match token {
            Token::Newline => {
                line.forced_end = true;
                lines.push(std::mem::take(&mut line));
                gap.clear();
            }
            Token::Space(atoms) => gap.extend(atoms),
            Token::Word(word) => {
                let w = width(&word);
                let fits = line.width + width_if_not_first(&line, &gap) + w <= avail(&lines) + EPS;
                if !line.segments.is_empty() && !fits {
                    lines.push(std::mem::take(&mut line));
                }
                if line.segments.is_empty() && w > avail(&lines) + EPS {
                    let (pieces, rest) = break_word(word, avail(&lines));
                    let mut pieces = pieces.into_iter();
                    if let Some(first) = pieces.next() {
                        line.push(Vec::new(), first);
                        lines.push(std::mem::take(&mut line));
                    }
                    for piece in pieces {
                        line.push(Vec::new(), piece);
                        lines.push(std::mem::take(&mut line));
                    }
                    if !rest.is_empty() {
                        line.push(Vec::new(), rest);
                    }
                } else {
                    line.push(std::mem::take(&mut gap), word);
                }
                gap.clear();
            }
        }
    }
    line.forced_end = true;
    lines.push(line);
    lines
}

fn width_if_not_first(line: &Line, gap: &[Atom]) -> f32 {
    if line.segments.is_empty() {
        0.0
    } else {
        width(gap)
    }
}

/// Lays out a paragraph in `width` mm as chunks of lines: the first two and
/// the last two lines stay together, so no page starts or ends with a lone
/// line of it (widow and orphan control).
pub(super) fn layout(p: &Paragraph, width: f32) -> Vec<Chunk> {
    let indent = sane_mm(p.first_line_indent_mm).min(width);
    let spacing = if p.line_spacing.is_finite() {
        p.line_spacing.clamp(0.5, 5.0)
    } else {
        1.0
    };
    let default_size = p
        .spans
        .first()
        .map_or(DEFAULT_SIZE_PT, |s| sane_size(s.size_pt));
    let metrics = fonts::vertical_metrics(FontStyle::Regular);
    let lines = break_lines(tokens(p), width - indent, width);

    let mut line_chunks: Vec<Chunk> = Vec::with_capacity(lines.len());
    for (index, line) in lines.iter().enumerate() {
        let start = if index == 0 { indent } else { 0.0 };
        let avail = width - start;
        let size = line
            .segments
            .iter()
            .flat_map(|s| s.word.iter())
            .map(|a| a.size_pt)
            .fold(0.0, f32::max);
        let size_mm = if size > 0.0 { size } else { default_size } * MM_PER_PT;
        let natural = size_mm * (metrics.ascent + metrics.descent);
        let height = size_mm * metrics.line_height() * spacing;
        let baseline = (height - natural) / 2.0 + size_mm * metrics.ascent;
        let items = place_line(line, p.align, start, avail, baseline, height);
        line_chunks.push(Chunk::content(height, items));
    }

    let mut chunks = group_widows_and_orphans(line_chunks);
    if let Some(first) = chunks.first_mut() {
        first.space_before = sane_mm(p.space_before_mm);
    }
    if let Some(last) = chunks.last_mut() {
        last.space_after = sane_mm(p.space_after_mm);
        last.keep_with_next = p.keep_with_next;
    }
    chunks
}

fn group_widows_and_orphans(lines: Vec<Chunk>) -> Vec<Chunk> {
    let n = lines.len();
    if n <= 3 {
        return vec![Chunk::stack(lines)];
    }
    let mut lines = lines.into_iter();
    let mut out = vec![Chunk::stack(lines.by_ref().take(2).collect())];
    out.extend(lines.by_ref().take(n - 4));
    out.push(Chunk::stack(lines.collect()));
    out
}

/// Positions a line's atoms and merges neighbours of the same style that
/// touch, so an unjustified line is one text run per style change.
fn place_line(
    line: &Line,
    align: Align,
    start: f32,
    avail: f32,
    baseline: f32,
    height: f32,
) -> Vec<Item> {
    let slack = (avail - line.width).max(0.0);
    let gaps = line.segments.len().saturating_sub(1);
    let stretch = if align == Align::Justify && !line.forced_end && gaps > 0 {
        slack / gaps as f32
    } else {
        0.0
    };
    let mut x = start
        + match align {
            Align::Left | Align::Justify => 0.0,
            Align::Center => slack / 2.0,
            Align::Right => slack,
        };
    let mut items: Vec<Item> = Vec::new();
    for (i, segment) in line.segments.iter().enumerate() {
        if i > 0 && stretch > 0.0 {
            // Spaces are not drawn in stretched lines: the word positions say it.
            x += width(&segment.gap) + stretch;
        } else {
            for atom in &segment.gap {
                push_atom(&mut items, atom, x, baseline, height);
                x += atom.width;
            }
        }
        for atom in &segment.word {
            push_atom(&mut items, atom, x, baseline, height);
            x += atom.width;
        }
    }
    items
}

fn push_atom(items: &mut Vec<Item>, atom: &Atom, x: f32, baseline: f32, height: f32) {
    if let Some(Item::Text(prev)) = items.last_mut()
        && prev.style == atom.style
        && prev.size_pt == atom.size_pt
        && (prev.x + prev.width - x).abs() < EPS
    {
        prev.text.push_str(&atom.text);
        prev.width += atom.width;
        return;
    }
    items.push(Item::Text(Text {
        x,
        baseline,
        top: 0.0,
        bottom: height,
        width: atom.width,
        style: atom.style,
        size_pt: atom.size_pt,
        text: atom.text.clone(),
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::model::Span;

    fn texts(chunks: &[Chunk]) -> Vec<(f32, f32, String)> {
        chunks
            .iter()
            .flat_map(|c| c.items.iter())
            .filter_map(|i| match i {
                Item::Text(t) => Some((t.x, t.x + t.width, t.text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn justified_lines_reach_both_edges_but_the_last_does_not() {
        let words = "Cụm thi đua số 8 gồm các trường chính trị tỉnh ".repeat(8);
        let p = Paragraph::text(words, FontStyle::Regular, 14.0).align(Align::Justify);
        let chunks = layout(&p, 100.0);
        let runs = texts(&chunks);
        let max_end = runs.iter().map(|r| r.1).fold(0.0, f32::max);
        assert!((max_end - 100.0).abs() < 0.01, "{max_end}");
        assert!(runs.iter().all(|r| r.0 >= -EPS && r.1 <= 100.0 + EPS));
        let last = runs.last().expect("text");
        assert!(last.1 < 99.0, "last line is not stretched: {last:?}");
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken() {
        let p = Paragraph::text("x".repeat(200), FontStyle::Bold, 13.0);
        let runs = texts(&layout(&p, 20.0));
        assert!(runs.len() > 5);
        assert!(runs.iter().all(|r| r.1 <= 20.0 + EPS));
        assert_eq!(runs.iter().map(|r| r.2.len()).sum::<usize>(), 200);
    }

    #[test]
    fn styles_inside_a_word_stay_joined_and_nfd_becomes_nfc() {
        let p = Paragraph::new(vec![
            Span::bold("Số:", 13.0),
            Span::regular(" 05/BB-CTĐ8", 13.0),
        ]);
        let runs = texts(&layout(&p, 150.0));
        assert_eq!(runs.len(), 2);
        assert!((runs[0].1 - runs[1].0).abs() < EPS);
        let p = Paragraph::text("Vie\u{302}\u{323}t Nam", FontStyle::Regular, 13.0);
        assert_eq!(texts(&layout(&p, 150.0))[0].2, "Việt Nam");
    }

    #[test]
    fn empty_and_degenerate_paragraphs_do_not_panic() {
        assert_eq!(layout(&Paragraph::default(), 100.0).len(), 1);
        let p = Paragraph::text("a b", FontStyle::Regular, f32::NAN)
            .indent(f32::INFINITY)
            .line_spacing(-3.0);
        assert!(!layout(&p, 0.0).is_empty());
        let p = Paragraph::text("\n\n\t \u{7}", FontStyle::Italic, 0.0);
        assert!(layout(&p, 50.0)[0].height > 0.0);
    }
}
