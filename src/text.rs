//! Vietnamese text: NFC normalisation and dictionary order.
//!
//! Names arrive typed with Unikey (precomposed) or pasted from other programs
//! (decomposed); everything is stored NFC so that equal names compare equal
//! and the PDF fonts draw one glyph per letter.

use std::cmp::Ordering;
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

/// Returns `s` in Unicode NFC, without allocating when it already is.
pub fn nfc(s: &str) -> std::borrow::Cow<'_, str> {
    if matches!(
        is_nfc_quick(s.chars()),
        unicode_normalization::IsNormalized::Yes
    ) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfc().collect())
    }
}

/// Whether `s` is already NFC (the quick check; "maybe" counts as no).
pub fn is_nfc(s: &str) -> bool {
    matches!(
        is_nfc_quick(s.chars()),
        unicode_normalization::IsNormalized::Yes
    )
}

/// Normalises a string in place to NFC.
pub fn nfc_in_place(s: &mut String) {
    if let std::borrow::Cow::Owned(n) = nfc(s) {
        *s = n;
    }
}

/// Vietnamese tone marks, in dictionary order (ngang first).
const TONES: [char; 5] = [
    '\u{300}', // huyền
    '\u{309}', // hỏi
    '\u{303}', // ngã
    '\u{301}', // sắc
    '\u{323}', // nặng
];

/// One letter's place in the Vietnamese alphabet: the base letter's rank and
/// its tone (0 = ngang). Letters outside the alphabet sort after it by code
/// point; digits and punctuation sort before letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Letter {
    rank: u32,
    tone: u8,
    upper: bool,
}

fn letter_rank(base: char, modifier: Option<char>) -> u32 {
    // a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
    let lower = base.to_lowercase().next().unwrap_or(base);
    let idx = match (lower, modifier) {
        ('a', None) => 0,
        ('a', Some('\u{306}')) => 1,
        ('a', Some('\u{302}')) => 2,
        ('b', _) => 3,
        ('c', _) => 4,
        ('d', _) => 5,
        ('đ', _) => 6,
        ('e', None) => 7,
        ('e', Some('\u{302}')) => 8,
        ('f', _) => 9,
        ('g', _) => 10,
        ('h', _) => 11,
        ('i', _) => 12,
        ('j', _) => 13,
        ('k', _) => 14,
        ('l', _) => 15,
        ('m', _) => 16,
        ('n', _) => 17,
        ('o', None) => 18,
        ('o', Some('\u{302}')) => 19,
        ('o', Some('\u{31B}')) => 20,
        ('p', _) => 21,
        ('q', _) => 22,
        ('r', _) => 23,
        ('s', _) => 24,
        ('t', _) => 25,
        ('u', None) => 26,
        ('u', Some('\u{31B}')) => 27,
        ('v', _) => 28,
        ('w', _) => 29,
        ('x', _) => 30,
        ('y', _) => 31,
        ('z', _) => 32,
        (c, _) if c.is_ascii_digit() => return c as u32 - '0' as u32 + 1,
        (c, _) if c.is_alphabetic() => return 1000 + c as u32,
        // Spaces and punctuation first, so "Bình" < "Bình Dương".
        _ => return 0,
    };
    100 + idx
}

fn letters(s: &str) -> Vec<Letter> {
    let mut out = Vec::with_capacity(s.len());
    let mut chars = s.nfd().peekable();
    while let Some(c) = chars.next() {
        let mut modifier = None;
        let mut tone = 0u8;
        while let Some(&m) = chars.peek() {
            if let Some(t) = TONES.iter().position(|&t| t == m) {
                tone = t as u8 + 1;
            } else if matches!(m, '\u{302}' | '\u{306}' | '\u{31B}') {
                modifier = Some(m);
            } else if unicode_normalization::char::is_combining_mark(m) {
                // Other marks do not change Vietnamese order.
            } else {
                break;
            }
            chars.next();
        }
        let rank = letter_rank(c, modifier);
        if rank == 0 && c.is_whitespace() && out.last().is_some_and(|l: &Letter| l.rank == 0) {
            continue; // runs of spaces count once
        }
        out.push(Letter {
            rank,
            tone,
            upper: c.is_uppercase(),
        });
    }
    out
}

/// Compares two strings in Vietnamese dictionary order: letters first
/// (a ă â b c d đ e ê …), then tones (ngang, huyền, hỏi, ngã, sắc, nặng),
/// then case.
pub fn compare_vi(a: &str, b: &str) -> Ordering {
    let la = letters(a.trim());
    let lb = letters(b.trim());
    la.iter()
        .map(|l| l.rank)
        .cmp(lb.iter().map(|l| l.rank))
        .then_with(|| la.iter().map(|l| l.tone).cmp(lb.iter().map(|l| l.tone)))
        .then_with(|| la.iter().map(|l| l.upper).cmp(lb.iter().map(|l| l.upper)))
}

/// Compares people's names the Vietnamese way: by the given name (the last
/// word), then by the rest of the name.
pub fn compare_person_names(a: &str, b: &str) -> Ordering {
    fn split(n: &str) -> (&str, &str) {
        let n = n.trim();
        match n.rsplit_once(char::is_whitespace) {
            Some((rest, given)) => (given, rest),
            None => (n, ""),
        }
    }
    let (ga, ra) = split(a);
    let (gb, rb) = split(b);
    compare_vi(ga, gb).then_with(|| compare_vi(ra, rb))
}

/// The first character a name must not hold: control characters (a tab or
/// line break pasted from a spreadsheet, escape sequences that would drive a
/// terminal) and the invisible zero-width and bidirectional characters that
/// make a name read differently from what it holds ("right-to-left
/// override", a zero-width space). `multiline`: a note, where line breaks
/// and tabs are text.
pub fn forbidden_char(s: &str, multiline: bool) -> Option<char> {
    s.chars().find(|&c| {
        let allowed_space = multiline && matches!(c, '\n' | '\t' | '\r');
        (c.is_control() && !allowed_space) || is_invisible_control(c)
    })
}

/// The invisible characters that change how a name reads or compares
/// without showing: bidirectional controls (a right-to-left override
/// reorders "Bình Dương" on screen and in the signed minutes) and
/// zero-width characters (two names that look the same but differ, a name
/// that matches no search).
fn is_invisible_control(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' // soft hyphen
            | '\u{061C}' // Arabic letter mark
            | '\u{180E}' // Mongolian vowel separator
            | '\u{200B}'..='\u{200F}' // zero-width space, non-joiner, joiner; LRM, RLM
            | '\u{202A}'..='\u{202E}' // embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // isolates
            | '\u{FEFF}' // zero-width no-break space (byte-order mark)
    )
}

/// A name as it may be printed safely in a message: control and
/// bidirectional characters written as their code ("[U+202E]"), so a
/// hostile name cannot drive the terminal or reorder the message.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if forbidden_char(s, false).is_none() {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() || is_invisible_control(c) {
            out.push_str(&format!("[U+{:04X}]", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A name compared for sameness: NFC, case-folded, spaces and dashes
/// collapsed ("Bà Rịa - Vũng Tàu" and "bà rịa – vũng tàu" are one school).
pub fn name_key(s: &str) -> String {
    nfc(s)
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '\u{2013}' | '\u{2014}'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A name as ASCII words run together, for file names: "Bà Rịa - Vũng Tàu"
/// → "BaRiaVungTau" (marks dropped, đ → d, each word capitalised).
pub fn ascii_words(s: &str) -> String {
    let plain: String = s
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect();
    plain
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Why a file could not be read or written, in Vietnamese: the system's
/// own message is English ("No such file or directory (os error 2)").
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    // A message of our own (kind Other) wrapped in an io::Error is already Vietnamese.
    // (Other libraries wrap the system's error the same way, with another
    // kind and an English message: those are told by their kind.)
    if e.kind() == K::Other
        && e.raw_os_error().is_none()
        && let Some(inner) = e.get_ref()
    {
        return inner.to_string();
    }
    let what = match e.kind() {
        K::NotFound => {
            "không tìm thấy thư mục hoặc tệp (có thể đã bị xóa, đổi tên, hoặc USB đã rút ra)"
        }
        K::PermissionDenied => "không có quyền truy cập",
        K::AlreadyExists => "tệp đã có",
        K::StorageFull => "ổ đĩa đã đầy",
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc",
        K::IsADirectory => "đây là một thư mục",
        K::NotADirectory => "một phần của đường dẫn không phải thư mục",
        K::InvalidFilename => "tên tệp không hợp lệ",
        K::FileTooLarge => "tệp quá lớn",
        K::Interrupted | K::TimedOut => "bị gián đoạn, hãy thử lại",
        K::UnexpectedEof => "tệp bị cắt cụt",
        _ => "lỗi của hệ thống",
    };
    match e.raw_os_error() {
        Some(code) => format!("{what} (mã lỗi {code})"),
        None => what.to_string(),
    }
}

/// A date as Vietnamese clerks write it: dd/mm/yyyy.
pub fn format_date(d: jiff::civil::Date) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// Reads a date typed as d/m/yyyy (also with "-" or "."); None when it is
/// not a real calendar date.
pub fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    let parts: Vec<&str> = s.trim().split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let (d, m, y): (i8, i8, i16) = (
        d.trim().parse().ok()?,
        m.trim().parse().ok()?,
        y.trim().parse().ok()?,
    );
    if !crate::limits::YEARS.contains(&y) {
        return None;
    }
    jiff::civil::Date::new(y, m, d).ok()
}

/// `name` cut to `max` characters, the last one an ellipsis when cut (a
/// chart's label under a narrow bar).
pub fn shorten(name: &str, max: usize) -> String {
    if name.chars().count() > max {
        name.chars()
            .take(max.saturating_sub(1))
            .chain(['…'])
            .collect()
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut v: Vec<&str>) -> Vec<&str> {
        v.sort_by(|a, b| compare_vi(a, b));
        v
    }

    #[test]
    fn alphabet_order_puts_modified_letters_after_base() {
        assert_eq!(
            sorted(vec![
                "ân", "ăn", "an", "đa", "da", "ư", "u", "ơ", "ô", "o", "ê", "e"
            ]),
            vec![
                "an", "ăn", "ân", "da", "đa", "e", "ê", "o", "ô", "ơ", "u", "ư"
            ]
        );
    }

    #[test]
    fn tones_compare_after_letters_in_dictionary_order() {
        assert_eq!(
            sorted(vec!["mạ", "má", "mã", "mả", "mà", "ma"]),
            vec!["ma", "mà", "mả", "mã", "má", "mạ"]
        );
        // Letters decide before tones: "mà" < "mai" although à > a.
        assert_eq!(sorted(vec!["mai", "mà"]), vec!["mà", "mai"]);
    }

    #[test]
    fn nfd_and_nfc_sort_the_same() {
        let nfd: String = "Đồng Nai".nfd().collect();
        assert_eq!(compare_vi(&nfd, "Đồng Nai"), Ordering::Equal);
        assert_eq!(nfc(&nfd), "Đồng Nai");
    }

    #[test]
    fn provinces_sort_the_vietnamese_way() {
        assert_eq!(
            sorted(vec![
                "Tây Ninh",
                "Đồng Nai",
                "Bình Dương",
                "Bà Rịa - Vũng Tàu",
                "Bình Thuận",
                "Bình Phước",
                "Ninh Thuận"
            ]),
            vec![
                "Bà Rịa - Vũng Tàu",
                "Bình Dương",
                "Bình Phước",
                "Bình Thuận",
                "Đồng Nai",
                "Ninh Thuận",
                "Tây Ninh"
            ]
        );
    }

    #[test]
    fn people_sort_by_given_name_then_rest() {
        let mut v = vec![
            "Trương Tiến Hưng",
            "Ngô Thị Liên",
            "Nguyễn Thị Thuận Bích",
            "Lê Văn Bích",
        ];
        v.sort_by(|a, b| compare_person_names(a, b));
        assert_eq!(
            v,
            vec![
                "Lê Văn Bích",
                "Nguyễn Thị Thuận Bích",
                "Trương Tiến Hưng",
                "Ngô Thị Liên"
            ]
        );
    }

    #[test]
    fn dates_are_dd_mm_yyyy() {
        let d = parse_date("5/2/2020").unwrap();
        assert_eq!(format_date(d), "05/02/2020");
        assert_eq!(
            parse_date("22/11/2019").map(format_date).as_deref(),
            Some("22/11/2019")
        );
        assert_eq!(parse_date("31/02/2020"), None);
        assert_eq!(parse_date("hôm qua"), None);
    }
}
