//! Generated workbooks of any size, for benchmarks and property tests.
//! Deterministic: the same sizes give the same workbook.

use super::Workbook;
use super::model::*;
use super::points::Points;
use jiff::civil::date;

/// A valid workbook with `schools` members, `criteria` leaf criteria (in six
/// sections), every school self- and cluster-scored, and `activities`
/// activities spread over the year.
pub fn workbook(schools: usize, criteria: usize, activities: usize) -> Workbook {
    workbook_of_year(schools, criteria, activities, 2024)
}

/// [`workbook`] for another year (a cluster's history of many years).
pub fn workbook_of_year(schools: usize, criteria: usize, activities: usize, year: i16) -> Workbook {
    let mut wb = Workbook::new(
        Cluster {
            name: "Cụm thi đua số 99".into(),
            number: 99,
            region: "Cụm thử nghiệm".into(),
            number_code: "CTĐ99".into(),
            ..Cluster::default()
        },
        year,
    );
    wb.description = "Sổ tạo tự động để đo hiệu năng; số liệu không có thật.".into();
    let provinces = [
        "Hà Giang",
        "Đắk Lắk",
        "Thừa Thiên Huế",
        "Bà Rịa - Vũng Tàu",
        "Quảng Ngãi",
        "Cà Mau",
    ];
    for i in 0..schools {
        let province = format!("{} {}", provinces[i % provinces.len()], i + 1);
        wb.members.push(School {
            id: Id(format!("s{:02}", i + 1)),
            full_name: format!("Trường Chính trị tỉnh {province}"),
            short_name: province.clone(),
            province,
            head: Person {
                name: format!("Nguyễn Thị Thuận {}", i + 1),
                title: "Hiệu trưởng".into(),
            },
            ..School::default()
        });
    }
    let ids: Vec<Id> = wb.members.iter().map(|s| s.id.clone()).collect();
    wb.roles.leader = ids.first().cloned();
    wb.roles.deputies = ids.iter().skip(1).take(2).cloned().collect();
    wb.roles.rotation = ids.clone();

    // Six sections; leaves share the 100 points as evenly as hundredths allow.
    let sections = 6.min(criteria.max(1));
    let per_leaf = Points((10_000 / criteria.max(1) as i64).max(1));
    wb.criteria = (0..sections)
        .map(|s| Criterion {
            id: Id(format!("S{}", s + 1)),
            code: roman(s + 1),
            title: format!("Nhóm tiêu chí {}", s + 1),
            children: (0..criteria)
                .filter(|c| c % sections == s)
                .map(|c| Criterion {
                    id: Id(format!("c{:03}", c + 1)),
                    code: format!("{}", c / sections + 1),
                    title: format!(
                        "Tiêu chí đánh giá số {} về công tác đào tạo, bồi dưỡng",
                        c + 1
                    ),
                    max: Some(per_leaf),
                    ..Criterion::default()
                })
                .collect(),
            ..Criterion::default()
        })
        .collect();
    wb.rules
        .tie_break
        .retain(|t| !matches!(t, TieBreak::Section(_)));
    wb.rules
        .tie_break
        .insert(1, TieBreak::Section(Id::new("S2")));

    let leaves: Vec<Id> = wb.leaf_criteria().iter().map(|c| c.id.clone()).collect();
    for (i, sid) in ids.iter().enumerate() {
        let mut a = Assessment {
            school: sid.clone(),
            ..Assessment::default()
        };
        for (k, cid) in leaves.iter().enumerate() {
            let loss = ((i * 7 + k * 3) % 5) as i64;
            let own = Points((per_leaf.0 - loss).max(0));
            a.self_scores.insert(
                cid.clone(),
                Score {
                    points: own,
                    note: String::new(),
                    evidence: vec![format!("QĐ {}/QĐ-TCT", k + 1)],
                    rev: Rev::default(),
                },
            );
            a.cluster_scores.insert(
                cid.clone(),
                Score {
                    points: Points((own.0 - (k % 2) as i64).max(0)),
                    ..Score::default()
                },
            );
        }
        a.adjustments.push(Adjustment {
            id: Id(format!("cluster-adj{}", i + 1)),
            owner: Owner::Cluster,
            kind: AdjustmentKind::Bonus,
            points: Points::whole((i % 4) as i64 + 1),
            reason: "Đăng cai hội thi của Cụm".into(),
            accepted: None,
            evidence: Vec::new(),
            rev: Rev::default(),
        });
        wb.assessments.push(a);
    }

    for n in 0..activities {
        let host = ids.get(n % ids.len().max(1)).cloned();
        let month = (n % 12) as i8 + 1;
        wb.activities.push(Activity {
            id: Id(format!("a{:05}", n + 1)),
            owner: host.clone().map(Owner::School).unwrap_or(Owner::Cluster),
            kind: ActivityKind::ALL[n % ActivityKind::ALL.len()],
            title: format!(
                "Hội thảo khoa học số {} về đổi mới phương pháp giảng dạy lý luận chính trị",
                n + 1
            ),
            start: date(year, month, (n % 28) as i8 + 1),
            end: None,
            host,
            participants: ids.iter().skip(n % 3).step_by(3).cloned().collect(),
            people: vec![Participant {
                name: "Trần Văn Bình".into(),
                school: ids.first().cloned(),
                role: "Báo cáo viên".into(),
            }],
            results: Vec::new(),
            evidence: vec![format!("KH số {}/KH-CTĐ", n + 1)],
            note: String::new(),
            rev: Rev::default(),
        });
    }
    wb
}

fn roman(n: usize) -> String {
    const R: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    R.get(n.wrapping_sub(1))
        .map_or_else(|| n.to_string(), |s| s.to_string())
}
