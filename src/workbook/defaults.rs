//! Defaults for a new workbook: our own proposal from DOMAIN.md, not an
//! official table. Every cluster edits its own copy in the workbook.

use super::model::*;
use super::points::{Points, Ratio};

pub const BAND_EXCELLENT: &str = "xuat-sac";
/// The default flag award's id.
pub const AWARD_FLAG: &str = "co-thi-dua";
pub const BAND_GOOD: &str = "tot";
pub const BAND_DONE: &str = "hoan-thanh";
pub const BAND_NOT_DONE: &str = "khong-hoan-thanh";

pub fn bands() -> Vec<RatingBand> {
    vec![
        RatingBand {
            id: Id::new(BAND_EXCELLENT),
            name: "Hoàn thành xuất sắc nhiệm vụ".into(),
            min: Points::whole(95),
            requires_no_zero: true,
        },
        RatingBand {
            id: Id::new(BAND_GOOD),
            name: "Hoàn thành tốt nhiệm vụ".into(),
            min: Points::whole(85),
            requires_no_zero: true,
        },
        RatingBand {
            id: Id::new(BAND_DONE),
            name: "Hoàn thành nhiệm vụ".into(),
            min: Points::whole(75),
            requires_no_zero: false,
        },
        RatingBand {
            id: Id::new(BAND_NOT_DONE),
            name: "Không hoàn thành nhiệm vụ".into(),
            min: Points::ZERO,
            requires_no_zero: false,
        },
    ]
}

/// A new workbook's rules are the defaults.
impl Default for Rules {
    fn default() -> Self {
        rules()
    }
}

pub fn rules() -> Rules {
    Rules {
        awards: vec![
            AwardKind {
                id: Id::new(AWARD_FLAG),
                name: "Cờ thi đua của Học viện Chính trị quốc gia Hồ Chí Minh".into(),
                short_name: "Cờ thi đua".into(),
                level: AwardLevel::Flag,
                quota: Quota::Count(1),
                min_band: Id::new(BAND_EXCELLENT),
                ballot: None,
            },
            AwardKind {
                id: Id::new("bang-khen"),
                name: "Bằng khen của Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh".into(),
                short_name: "Bằng khen".into(),
                level: AwardLevel::Merit,
                quota: Quota::Percent {
                    percent: 20,
                    rounding: Rounding::Down,
                },
                min_band: Id::new(BAND_EXCELLENT),
                ballot: None,
            },
        ],
        bands: bands(),
        downgrades: vec![Downgrade {
            id: Id::new("khien-trach"),
            reason: "Người đứng đầu bị kỷ luật khiển trách".into(),
            max_band: Id::new(BAND_GOOD),
        }],
        no_self_assessment_band: Some(Id::new(BAND_NOT_DONE)),
        bonus_cap: Points::whole(5),
        deduction_cap: Points::whole(5),
        ballot: BallotRule {
            threshold: Ratio::percent(50),
            comparison: Comparison::MoreThan,
            denominator: Denominator::AllMembers,
            voters: Voters::PerSchool,
            quorum: Ratio::new(2, 3),
        },
        tie_break: vec![
            TieBreak::BallotVotes(Id::new(AWARD_FLAG)),
            TieBreak::Section(Id::new("II")),
            TieBreak::FewerDeductions,
            TieBreak::ChairDecision,
        ],
        legal_basis: vec![
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;".into(),
            "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;".into(),
            "Căn cứ hướng dẫn công tác thi đua, khen thưởng năm của Học viện Chính trị quốc gia Hồ Chí Minh;".into(),
        ],
        rev: Rev::default(),
    }
}

fn leaf(id: &str, code: &str, title: &str, max: i64) -> Criterion {
    Criterion {
        id: Id::new(id),
        code: code.into(),
        title: title.into(),
        max: Some(Points::whole(max)),
        ..Criterion::default()
    }
}

fn section(id: &str, title: &str, children: Vec<Criterion>) -> Criterion {
    Criterion {
        id: Id::new(id),
        code: id.into(),
        title: title.into(),
        children,
        ..Criterion::default()
    }
}

/// The default criteria table (100 points; bonus cap 5, deduction cap 5).
pub fn criteria() -> Vec<Criterion> {
    vec![
        section(
            "I",
            "Lãnh đạo, chỉ đạo và tổ chức phong trào thi đua",
            vec![
                leaf(
                    "I.1",
                    "1",
                    "Ban hành kế hoạch, phát động phong trào thi đua; ký giao ước thi đua",
                    4,
                ),
                leaf(
                    "I.2",
                    "2",
                    "Sơ kết, tổng kết, nhân rộng điển hình tiên tiến",
                    3,
                ),
                leaf(
                    "I.3",
                    "3",
                    "Thực hiện chế độ thông tin, báo cáo với Cụm và Học viện đúng hạn",
                    3,
                ),
            ],
        ),
        section(
            "II",
            "Công tác đào tạo, bồi dưỡng",
            vec![
                leaf(
                    "II.1",
                    "1",
                    "Hoàn thành kế hoạch đào tạo, bồi dưỡng được giao",
                    10,
                ),
                leaf(
                    "II.2",
                    "2",
                    "Đổi mới nội dung, phương pháp giảng dạy; quản lý đào tạo",
                    8,
                ),
                leaf(
                    "II.3",
                    "3",
                    "Đổi mới thi, kiểm tra, đánh giá kết quả học tập",
                    6,
                ),
                leaf(
                    "II.4",
                    "4",
                    "Công tác quản lý học viên, khảo sát chất lượng sau đào tạo",
                    6,
                ),
            ],
        ),
        section(
            "III",
            "Nghiên cứu khoa học và tổng kết thực tiễn",
            vec![
                leaf("III.1", "1", "Đề tài khoa học các cấp được nghiệm thu", 8),
                leaf(
                    "III.2",
                    "2",
                    "Hội thảo, tọa đàm khoa học; bài viết đăng tạp chí",
                    7,
                ),
                leaf(
                    "III.3",
                    "3",
                    "Tổng kết thực tiễn, biên soạn tài liệu tham khảo",
                    5,
                ),
            ],
        ),
        section(
            "IV",
            "Xây dựng đội ngũ, cơ sở vật chất, chuẩn hóa",
            vec![
                leaf(
                    "IV.1",
                    "1",
                    "Đội ngũ giảng viên đạt chuẩn; giảng viên đi nghiên cứu thực tế",
                    5,
                ),
                leaf("IV.2", "2", "Thao giảng, dự giờ theo quy định", 5),
                leaf(
                    "IV.3",
                    "3",
                    "Cơ sở vật chất, thư viện, chuyển đổi số; tiêu chí trường chuẩn",
                    5,
                ),
            ],
        ),
        section(
            "V",
            "Tham gia hoạt động của Cụm và Học viện",
            vec![
                leaf(
                    "V.1",
                    "1",
                    "Tham gia hội thi giảng viên dạy giỏi, học viên giỏi",
                    6,
                ),
                leaf(
                    "V.2",
                    "2",
                    "Tham gia hội thảo, tọa đàm, nghiên cứu thực tế do Cụm tổ chức",
                    5,
                ),
                leaf(
                    "V.3",
                    "3",
                    "Tham gia các hoạt động khác của Cụm, Học viện",
                    4,
                ),
            ],
        ),
        section(
            "VI",
            "Công tác xây dựng Đảng, đoàn kết nội bộ, thực hành tiết kiệm, phòng chống tham nhũng",
            vec![
                leaf(
                    "VI.1",
                    "1",
                    "Tổ chức đảng đạt trong sạch, vững mạnh; đoàn thể vững mạnh",
                    4,
                ),
                leaf("VI.2", "2", "Đoàn kết nội bộ; thực hiện quy chế dân chủ", 3),
                leaf(
                    "VI.3",
                    "3",
                    "Thực hành tiết kiệm, chống lãng phí, phòng chống tham nhũng",
                    3,
                ),
            ],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_table_totals_one_hundred_with_the_domain_sections() {
        let c = criteria();
        let sections: Vec<i64> = c
            .iter()
            .map(|s| s.max_points().hundredths() / 100)
            .collect();
        assert_eq!(sections, vec![10, 30, 20, 15, 15, 10]);
        assert_eq!(
            c.iter().map(Criterion::max_points).sum::<Points>(),
            Points::whole(100)
        );
    }
}
