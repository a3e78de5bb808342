//! Exact scores and ratios. Scores are hundredths of a point stored as
//! integers: binary floats would make 0.1 + 0.2 ≠ 0.3 and a threshold of 2/3
//! undecidable at the boundary.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Add, AddAssign, Neg, Sub};

/// A number of points, in hundredths (9850 = 98,50 điểm).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Points(pub i64);

impl Points {
    pub const ZERO: Points = Points(0);

    /// Whole points.
    pub const fn whole(p: i64) -> Points {
        Points(p * 100)
    }

    pub const fn hundredths(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Parses a score typed the Vietnamese way: the comma is the decimal mark
    /// ("98,50"); a dot followed by exactly three digits is a thousands
    /// separator ("1.000"); any other dot is read as a decimal mark ("9.5").
    /// At most two decimals are accepted: a score is never silently rounded.
    pub fn parse_vi(input: &str) -> Result<Points, PointsError> {
        let s: String = input
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if s.is_empty() {
            return Err(PointsError::Empty);
        }
        let (negative, body) = match s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(&s)),
        };
        let mut int_part = String::new();
        let mut frac_part: Option<String> = None;
        let chars: Vec<char> = body.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '0'..='9' => match &mut frac_part {
                    Some(f) => f.push(c),
                    None => int_part.push(c),
                },
                ',' => {
                    if frac_part.is_some() {
                        return Err(PointsError::NotANumber(input.to_string()));
                    }
                    frac_part = Some(String::new());
                }
                '.' => {
                    let rest = &chars[i + 1..];
                    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
                    let thousands = frac_part.is_none()
                        && !int_part.is_empty()
                        && digits == 3
                        && rest.get(3).is_none_or(|c| *c == '.' || *c == ',');
                    if !thousands {
                        if frac_part.is_some() {
                            return Err(PointsError::NotANumber(input.to_string()));
                        }
                        frac_part = Some(String::new());
                    }
                }
                _ => return Err(PointsError::NotANumber(input.to_string())),
            }
            i += 1;
        }
        if int_part.is_empty() && frac_part.as_ref().is_none_or(|f| f.is_empty()) {
            return Err(PointsError::NotANumber(input.to_string()));
        }
        let frac = frac_part.unwrap_or_default();
        if frac.len() > 2 {
            return Err(PointsError::TooPrecise(input.to_string()));
        }
        let whole: i64 = if int_part.is_empty() {
            0
        } else {
            int_part
                .parse()
                .ok()
                .filter(|w: &i64| *w <= 1_000_000_000)
                .ok_or_else(|| PointsError::NotANumber(input.to_string()))?
        };
        let mut hundredths: i64 = 0;
        for (k, d) in frac.chars().enumerate() {
            let d = d as i64 - '0' as i64;
            hundredths += d * if k == 0 { 10 } else { 1 };
        }
        let v = whole * 100 + hundredths;
        Ok(Points(if negative { -v } else { v }))
    }

    /// Decimal text with a dot, for logs and non-Vietnamese contexts.
    pub fn to_plain(self) -> String {
        self.format('.')
    }

    fn format(self, mark: char) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let (w, f) = (a / 100, a % 100);
        if f == 0 {
            format!("{sign}{w}")
        } else if f % 10 == 0 {
            format!("{sign}{w}{mark}{}", f / 10)
        } else {
            format!("{sign}{w}{mark}{f:02}")
        }
    }
}

/// Vietnamese display: comma decimal mark, no needless zeros ("98,5").
impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(','))
    }
}

// Arithmetic saturates: validation keeps every figure far inside i64, and a
// figure that slipped past it must print as a huge number, never wrap to a
// negative total or panic.
impl Add for Points {
    type Output = Points;
    fn add(self, rhs: Points) -> Points {
        Points(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Points {
    fn add_assign(&mut self, rhs: Points) {
        self.0 = self.0.saturating_add(rhs.0);
    }
}

impl Sub for Points {
    type Output = Points;
    fn sub(self, rhs: Points) -> Points {
        Points(self.0.saturating_sub(rhs.0))
    }
}

impl Neg for Points {
    type Output = Points;
    fn neg(self) -> Points {
        Points(self.0.saturating_neg())
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        Points(iter.fold(0i64, |acc, p| acc.saturating_add(p.0)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PointsError {
    #[error("Chưa nhập điểm.")]
    Empty,
    #[error("\u{201c}{0}\u{201d} không phải là số điểm (ví dụ hợp lệ: 8,5 hoặc 1.000).")]
    NotANumber(String),
    #[error("\u{201c}{0}\u{201d} có quá hai chữ số thập phân.")]
    TooPrecise(String),
}

/// An exact ratio such as 2/3 or 80 %, for thresholds and quorums.
/// Written in the file as "2/3" or "80%".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ratio {
    pub num: u32,
    pub den: u32,
}

impl Ratio {
    pub const fn new(num: u32, den: u32) -> Ratio {
        Ratio { num, den }
    }

    pub const fn percent(p: u32) -> Ratio {
        Ratio { num: p, den: 100 }
    }

    /// Is `part / whole` at least this ratio? Exact: `part * den >= num * whole`.
    pub fn reached_by(self, part: u64, whole: u64) -> bool {
        part * self.den as u64 >= self.num as u64 * whole
    }

    /// Is `part / whole` strictly above this ratio?
    pub fn exceeded_by(self, part: u64, whole: u64) -> bool {
        part * self.den as u64 > self.num as u64 * whole
    }

    /// Percent with two decimals, rounded half up, for display only.
    pub fn percent_hundredths(self) -> u64 {
        if self.den == 0 {
            return 0;
        }
        (self.num as u64 * 10_000 * 2 + self.den as u64) / (2 * self.den as u64)
    }

    pub fn parse(s: &str) -> Option<Ratio> {
        let s = s.trim();
        if let Some(p) = s.strip_suffix('%') {
            let p = Points::parse_vi(p).ok()?;
            if p.0 < 0 {
                return None;
            }
            // 66,67 % → 6667/10000, kept exact.
            let (num, den) = if p.0 % 100 == 0 {
                (p.0 / 100, 100)
            } else {
                (p.0, 10_000)
            };
            return Some(Ratio {
                num: num as u32,
                den,
            });
        }
        let (n, d) = s.split_once('/')?;
        let num: u32 = n.trim().parse().ok()?;
        let den: u32 = d.trim().parse().ok()?;
        (den > 0).then_some(Ratio { num, den })
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.den {
            100 => write!(f, "{}%", self.num),
            10_000 => write!(f, "{}%", Points(self.num as i64)),
            _ => write!(f, "{}/{}", self.num, self.den),
        }
    }
}

impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.den {
            100 => s.serialize_str(&format!("{}%", self.num)),
            10_000 => s.serialize_str(&format!("{}%", Points(self.num as i64).to_plain())),
            _ => s.serialize_str(&format!("{}/{}", self.num, self.den)),
        }
    }
}

impl<'de> Deserialize<'de> for Ratio {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Ratio, D::Error> {
        let s = String::deserialize(d)?;
        Ratio::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("tỉ lệ không hợp lệ \u{201c}{s}\u{201d} (ví dụ: \u{201c}2/3\u{201d}, \u{201c}80%\u{201d})"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_vietnamese_number_habits() {
        assert_eq!(Points::parse_vi("98,50"), Ok(Points(9850)));
        assert_eq!(Points::parse_vi("98,5"), Ok(Points(9850)));
        assert_eq!(Points::parse_vi("1.000"), Ok(Points(100_000)));
        assert_eq!(Points::parse_vi("1.000,5"), Ok(Points(100_050)));
        assert_eq!(Points::parse_vi("9.5"), Ok(Points(950)));
        assert_eq!(Points::parse_vi("9.25"), Ok(Points(925)));
        assert_eq!(Points::parse_vi(" 7 "), Ok(Points(700)));
        assert_eq!(Points::parse_vi(",5"), Ok(Points(50)));
        assert_eq!(Points::parse_vi("-3"), Ok(Points(-300)));
        assert!(matches!(
            Points::parse_vi("9,125"),
            Err(PointsError::TooPrecise(_))
        ));
        assert!(matches!(
            Points::parse_vi("abc"),
            Err(PointsError::NotANumber(_))
        ));
        assert!(matches!(
            Points::parse_vi("1,2,3"),
            Err(PointsError::NotANumber(_))
        ));
        assert_eq!(Points::parse_vi(""), Err(PointsError::Empty));
    }

    #[test]
    fn displays_with_a_comma() {
        assert_eq!(Points(9850).to_string(), "98,5");
        assert_eq!(Points(9805).to_string(), "98,05");
        assert_eq!(Points(10_700).to_string(), "107");
        assert_eq!(Points(-250).to_string(), "-2,5");
    }

    #[test]
    fn ratio_boundaries_are_exact() {
        let two_thirds = Ratio::new(2, 3);
        assert!(two_thirds.reached_by(2, 3));
        assert!(!two_thirds.exceeded_by(2, 3));
        assert!(two_thirds.reached_by(4, 6));
        assert!(!two_thirds.reached_by(66, 100)); // 66 % < 2/3
        let p6667 = Ratio::parse("66,67%").unwrap();
        assert!(!p6667.reached_by(2, 3)); // 2/3 = 66,666… % < 66,67 %
        assert_eq!(Ratio::parse("80%"), Some(Ratio::percent(80)));
        assert_eq!(Ratio::parse("2/3"), Some(two_thirds));
        assert_eq!(Ratio::parse("1/0"), None);
        assert_eq!(two_thirds.percent_hundredths(), 6667);
    }
}
