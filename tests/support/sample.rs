//! The bundled sample, "Cụm thi đua số 8, 2019", built in code so that the
//! file in `assets/samples/` can be checked (and regenerated) against it.
//! Names of schools, leaders and the outcome follow the 2019 news item in
//! `shared/seed/`; scores, people other than the three named heads, and
//! activities are illustrative.

use jiff::civil::{date, time};
use thidua::workbook::*;

pub const SAMPLE_PATH: &str = "assets/samples/cum8-2019.json";

fn school(id: &str, province: &str, head: &str, officer: &str, phone: &str) -> School {
    School {
        id: Id::new(id),
        full_name: format!("Trường Chính trị tỉnh {province}"),
        short_name: province.to_string(),
        province: province.to_string(),
        address: String::new(),
        head: Person {
            name: head.into(),
            title: "Hiệu trưởng".into(),
        },
        officer: Contact {
            name: officer.into(),
            phone: phone.into(),
            email: format!("thiduakhenthuong.{id}@example.vn"),
        },
        ..School::default()
    }
}

/// Per-school losses against the maximum, per leaf in table order, in
/// hundredths: (self, cluster). Chosen so the ranking is BR-VT, Ninh Thuận,
/// Bình Thuận, Bình Dương, Đồng Nai, Tây Ninh, Bình Phước.
fn losses(school: usize, leaf: usize) -> (i64, i64) {
    // Total loss target per school (cluster view), in hundredths.
    const CLUSTER_LOSS: [i64; 7] = [150, 325, 450, 700, 900, 1150, 1400];
    const SELF_LOSS: [i64; 7] = [100, 250, 400, 500, 700, 900, 1000];
    let spread = |total: i64| -> i64 {
        // Spread the loss over leaves 0..18 in steps of 25 hundredths.
        let steps = total / 25;
        let per = steps / 18;
        let extra = steps % 18;
        (per + i64::from((leaf as i64) < extra)) * 25
    };
    (spread(SELF_LOSS[school]), spread(CLUSTER_LOSS[school]))
}

pub fn build() -> Workbook {
    let mut wb = Workbook::new(
        Cluster {
            name: "Cụm thi đua số 8".into(),
            number: 8,
            region: "Các trường chính trị miền Đông Nam Bộ".into(),
            number_code: "CTĐ8".into(),
            ..Cluster::default()
        },
        2019,
    );
    wb.description =
        "Sổ mẫu của Cụm thi đua số 8 năm 2019, dựng theo tin tổng kết ngày 22/11/2019. \
        Tên trường, người chủ trì và kết quả bình xét theo bản tin; điểm số, hoạt động, \
        số phiếu và các nhân sự khác là số liệu minh họa."
            .into();
    wb.members = vec![
        school(
            "brvt",
            "Bà Rịa - Vũng Tàu",
            "Ngô Thị Liên",
            "Đinh Thị Mai Yên",
            "0254 3852 123",
        ),
        school(
            "binh-thuan",
            "Bình Thuận",
            "Nguyễn Thị Thuận Bích",
            "Lê Văn Hùng",
            "0252 3821 456",
        ),
        school(
            "ninh-thuan",
            "Ninh Thuận",
            "Trương Tiến Hưng",
            "Phạm Thị Hằng",
            "0259 3822 789",
        ),
        school(
            "binh-phuoc",
            "Bình Phước",
            "Hoàng Văn Đức",
            "Vũ Thị Thu",
            "0271 3879 012",
        ),
        school(
            "binh-duong",
            "Bình Dương",
            "Trần Quốc Tuấn",
            "Nguyễn Ngọc Ánh",
            "0274 3822 345",
        ),
        school(
            "dong-nai",
            "Đồng Nai",
            "Lê Thị Ngọc Hà",
            "Đỗ Minh Khoa",
            "0251 3822 678",
        ),
        school(
            "tay-ninh",
            "Tây Ninh",
            "Phan Văn Ơn",
            "Huỳnh Thị Ý",
            "0276 3822 901",
        ),
    ];
    wb.members[0].address = "Đường 3 tháng 2, phường 11, thành phố Vũng Tàu".into();
    let ids: Vec<Id> = wb.members.iter().map(|s| s.id.clone()).collect();
    wb.roles = Roles {
        leader: Some(Id::new("brvt")),
        deputies: vec![Id::new("ninh-thuan"), Id::new("binh-thuan")],
        decision: DecisionRef {
            number: "1523/QĐ-HVCTQG".into(),
            date: Some(date(2019, 1, 15)),
            issuer: "Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh".into(),
        },
        rotation: [
            "brvt",
            "ninh-thuan",
            "binh-thuan",
            "binh-duong",
            "dong-nai",
            "tay-ninh",
            "binh-phuoc",
        ]
        .into_iter()
        .map(Id::new)
        .collect(),
        rev: Rev::default(),
    };
    // 2019 legal basis: the law and decree in force then.
    wb.rules.legal_basis = vec![
        "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013;".into(),
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;".into(),
        "Căn cứ Hướng dẫn công tác thi đua, khen thưởng năm 2019 của Học viện Chính trị quốc gia Hồ Chí Minh;".into(),
    ];

    let leaves: Vec<(Id, Points)> = wb
        .leaf_criteria()
        .iter()
        .map(|c| (c.id.clone(), c.max_points()))
        .collect();
    for (i, sid) in ids.iter().enumerate() {
        let mut a = Assessment {
            school: sid.clone(),
            ..Assessment::default()
        };
        a.registration = Registration {
            award: Some(Id::new(if i < 3 { "co-thi-dua" } else { "bang-khen" })),
            targets: vec![
                "Hoàn thành 100% kế hoạch đào tạo, bồi dưỡng năm 2019".into(),
                "Mỗi giảng viên dự giờ ít nhất 4 tiết/năm".into(),
            ],
            date: Some(date(2019, 3, 15)),
            signed_pact: true,
            rev: Rev::default(),
        };
        for (k, (cid, max)) in leaves.iter().enumerate() {
            let (self_loss, cluster_loss) = losses(i, k);
            a.self_scores.insert(
                cid.clone(),
                Score {
                    points: Points((max.0 - self_loss).max(0)),
                    note: if k == 0 {
                        "Có kế hoạch, phát động đầu năm".into()
                    } else {
                        String::new()
                    },
                    evidence: if k == 0 {
                        vec![format!("KH số 12/KH-{}", sid.as_str().to_uppercase())]
                    } else {
                        Vec::new()
                    },
                    rev: Rev::default(),
                },
            );
            // Bình Phước's section VI was not reviewed by the cluster: its
            // self-scores count there (and the results say so).
            if sid.as_str() == "binh-phuoc" && cid.as_str().starts_with("VI.") {
                continue;
            }
            a.cluster_scores.insert(
                cid.clone(),
                Score {
                    points: Points((max.0 - cluster_loss).max(0)),
                    ..Score::default()
                },
            );
        }
        wb.assessments.push(a);
    }
    let bonus = |id: &str, points: i64, reason: &str| Adjustment {
        id: Id::new(id),
        owner: Owner::Cluster,
        kind: AdjustmentKind::Bonus,
        points: Points::whole(points),
        reason: reason.into(),
        accepted: None,
        evidence: Vec::new(),
        rev: Rev::default(),
    };
    wb.assessments[0].adjustments.push(bonus(
        "cluster-adj1",
        3,
        "Đăng cai Hội nghị tổng kết và Hội thi giảng viên dạy giỏi của Cụm",
    ));
    wb.assessments[2].adjustments.push(bonus(
        "cluster-adj2",
        2,
        "Giải Nhất Hội thi giảng viên dạy giỏi cấp Cụm",
    ));
    wb.assessments[5].adjustments.push(Adjustment {
        kind: AdjustmentKind::Deduction,
        ..bonus("cluster-adj3", 1, "Gửi báo cáo sơ kết chậm hạn")
    });

    wb.activities = activities(&ids);
    wb.conference = conference(&ids);
    // Each school sent its head and its emulation officer (the seed: "đại
    // diện lãnh đạo, các đồng chí cán bộ làm công tác thi đua").
    let delegates: Vec<(Id, Vec<Person>)> = wb
        .members
        .iter()
        .map(|m| {
            (
                m.id.clone(),
                vec![
                    Person {
                        name: m.head.name.clone(),
                        title: "Hiệu trưởng".into(),
                    },
                    Person {
                        name: m.officer.name.clone(),
                        title: "cán bộ phụ trách thi đua".into(),
                    },
                ],
            )
        })
        .collect();
    for a in &mut wb.conference.attendance {
        if let Some((_, people)) = delegates.iter().find(|(id, _)| *id == a.school) {
            a.representatives = people.clone();
        }
    }
    wb.documents = Documents {
        numbers: [
            (DocKind::ScoreSheet, "04"),
            (DocKind::Minutes, "05"),
            (DocKind::Proposal, "06"),
            (DocKind::Report, "07"),
            (DocKind::Pact, "02"),
            (DocKind::Handover, "08"),
            (DocKind::CountMinutes, "09"),
        ]
        .into_iter()
        .map(|(k, n)| (k, n.to_string()))
        .collect(),
        dates: [(DocKind::Pact, date(2019, 3, 15))].into_iter().collect(),
        place: "Bà Rịa - Vũng Tàu".into(),
        report: ReportTexts {
            situation: "Năm 2019, các trường chính trị trong Cụm thi đua số 8 thực hiện nhiệm vụ trong bối cảnh yêu cầu nâng cao chất lượng đào tạo, bồi dưỡng cán bộ ngày càng cao. Được sự quan tâm chỉ đạo của Học viện Chính trị quốc gia Hồ Chí Minh và cấp ủy, chính quyền các tỉnh, các trường đã tích cực hưởng ứng phong trào thi đua do Cụm phát động.".into(),
            results: "Các trường đều chú trọng nâng cao chất lượng đào tạo, bồi dưỡng thông qua thực hiện khâu đột phá trong công tác đào tạo; đổi mới cách thức thi, đánh giá kết quả học tập của học viên; nâng cao chất lượng nghiên cứu khoa học, tổ chức hội thảo, tọa đàm; đưa giảng viên đi nghiên cứu thực tế ở cơ sở; công tác thao giảng, dự giờ; tổ chức hội thi giảng viên dạy giỏi, hội thi học viên học giỏi lý luận chính trị.".into(),
            assessment: "Phong trào thi đua của Cụm được triển khai đồng bộ, có trọng tâm, gắn với việc thực hiện Chỉ thị 05 của Bộ Chính trị về \u{201c}Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh\u{201d}. Bên cạnh kết quả đạt được, việc trao đổi kinh nghiệm giữa các trường có lúc chưa thường xuyên.".into(),
            directions: "Năm 2020, Cụm tiếp tục đổi mới nội dung, hình thức thi đua; tập trung nâng cao chất lượng đào tạo, bồi dưỡng, nghiên cứu khoa học; tổ chức các hoạt động chào mừng đại hội đảng bộ các cấp.".into(),
            proposals: "Đề nghị Học viện tiếp tục quan tâm tổ chức tập huấn nghiệp vụ thi đua, khen thưởng cho cán bộ làm công tác thi đua của các trường.".into(),
        },
        recipients: vec![
            "Học viện CTQG Hồ Chí Minh (Vụ Thi đua - Khen thưởng)".into(),
            "Các trường trong Cụm thi đua số 8".into(),
            "Lưu: VT, Cụm thi đua số 8".into(),
        ],
        attachments: vec![
            "Biên bản họp bình xét thi đua năm 2019".into(),
            "Báo cáo tổng kết phong trào thi đua năm 2019".into(),
            "Bảng tổng hợp điểm chấm thi đua năm 2019".into(),
        ],
        news_byline: "Đinh Thị Mai Yên\nPhó Trưởng phòng TC-HC-TT-TL".into(),
        news_captions: vec![
            "Quang cảnh Hội nghị tổng kết phong trào thi đua năm 2019".into(),
            "Đồng chí Ngô Thị Liên, Hiệu trưởng Trường Chính trị tỉnh Bà Rịa - Vũng Tàu, phát biểu khai mạc Hội nghị".into(),
        ],
        rev: Rev::default(),
    };
    wb.provenance.saved_by = Some(Owner::Cluster);
    wb.provenance.save_count = 1;
    wb
}

fn activity(
    n: usize,
    kind: ActivityKind,
    title: &str,
    start: jiff::civil::Date,
    end: Option<jiff::civil::Date>,
    host: &str,
    participants: &[&Id],
) -> Activity {
    Activity {
        id: Id(format!("cluster-a{n}")),
        owner: Owner::Cluster,
        kind,
        title: title.into(),
        start,
        end,
        host: Some(Id::new(host)),
        participants: participants.iter().map(|id| (*id).clone()).collect(),
        people: Vec::new(),
        results: Vec::new(),
        evidence: Vec::new(),
        note: String::new(),
        rev: Rev::default(),
    }
}

fn activities(ids: &[Id]) -> Vec<Activity> {
    use ActivityKind::*;
    let all: Vec<&Id> = ids.iter().collect();
    let mut v = vec![
        activity(
            1,
            TeachingContest,
            "Hội thi giảng viên dạy giỏi Cụm thi đua số 8 năm 2019",
            date(2019, 5, 14),
            Some(date(2019, 5, 17)),
            "brvt",
            &all,
        ),
        activity(
            2,
            LearnerContest,
            "Hội thi học viên giỏi lý luận chính trị cấp Cụm",
            date(2019, 8, 20),
            Some(date(2019, 8, 21)),
            "dong-nai",
            &all,
        ),
        activity(
            3,
            Seminar,
            "Hội thảo khoa học \u{201c}Đổi mới phương pháp giảng dạy lý luận chính trị ở trường chính trị tỉnh\u{201d}",
            date(2019, 6, 12),
            None,
            "binh-duong",
            &all,
        ),
        activity(
            4,
            Seminar,
            "Tọa đàm \u{201c}50 năm thực hiện Di chúc của Chủ tịch Hồ Chí Minh\u{201d}",
            date(2019, 9, 5),
            None,
            "ninh-thuan",
            &all,
        ),
        activity(
            5,
            FieldTrip,
            "Nghiên cứu thực tế tại huyện Côn Đảo cho giảng viên các trường",
            date(2019, 7, 8),
            Some(date(2019, 7, 12)),
            "brvt",
            &[&ids[0], &ids[1], &ids[2], &ids[4]],
        ),
        activity(
            6,
            FieldTrip,
            "Nghiên cứu thực tế mô hình nông thôn mới tại Tây Ninh",
            date(2019, 10, 15),
            Some(date(2019, 10, 18)),
            "tay-ninh",
            &[&ids[3], &ids[5], &ids[6]],
        ),
        activity(
            7,
            ObservedLesson,
            "Thao giảng, dự giờ chuyên đề Xây dựng Đảng",
            date(2019, 4, 10),
            None,
            "binh-thuan",
            &[&ids[1], &ids[2], &ids[0]],
        ),
        activity(
            8,
            ObservedLesson,
            "Dự giờ chéo giữa các khoa Lý luận cơ sở",
            date(2019, 11, 5),
            None,
            "binh-phuoc",
            &[&ids[3], &ids[4]],
        ),
        activity(
            9,
            SportsArts,
            "Hội thao chào mừng Ngày Nhà giáo Việt Nam 20/11",
            date(2019, 11, 16),
            None,
            "dong-nai",
            &all,
        ),
        activity(
            10,
            SportsArts,
            "Hội diễn văn nghệ \u{201c}Mừng Đảng, mừng Xuân\u{201d}",
            date(2019, 1, 25),
            None,
            "binh-thuan",
            &[&ids[1], &ids[2], &ids[6]],
        ),
        activity(
            11,
            Other,
            "Hội nghị sơ kết 6 tháng đầu năm 2019 của Cụm",
            date(2019, 7, 19),
            None,
            "ninh-thuan",
            &all,
        ),
        activity(
            12,
            Other,
            "Hội nghị tổng kết phong trào thi đua năm 2019",
            date(2019, 11, 22),
            None,
            "brvt",
            &all,
        ),
        activity(
            13,
            Seminar,
            "Hội thảo \u{201c}Nâng cao chất lượng bồi dưỡng cán bộ cơ sở\u{201d}",
            date(2019, 3, 28),
            None,
            "dong-nai",
            &[&ids[5], &ids[4], &ids[3]],
        ),
    ];
    v[0].results = vec![
        Prize {
            prize: "Giải Nhất".into(),
            school: Some(Id::new("ninh-thuan")),
            person: "Nguyễn Văn Khánh".into(),
        },
        Prize {
            prize: "Giải Nhì".into(),
            school: Some(Id::new("brvt")),
            person: "Trần Thị Mỹ Linh".into(),
        },
        Prize {
            prize: "Giải Ba".into(),
            school: Some(Id::new("binh-thuan")),
            person: "Lê Quang Vinh".into(),
        },
    ];
    v[0].people = vec![Participant {
        name: "Ngô Thị Liên".into(),
        school: Some(Id::new("brvt")),
        role: "Trưởng ban giám khảo".into(),
    }];
    v[0].evidence = vec!["QĐ số 45/QĐ-CTĐ8 thành lập Ban tổ chức hội thi".into()];
    v[1].results = vec![Prize {
        prize: "Giải Nhất toàn đoàn".into(),
        school: Some(Id::new("dong-nai")),
        person: String::new(),
    }];
    v[2].people = vec![Participant {
        name: "Trần Quốc Tuấn".into(),
        school: Some(Id::new("binh-duong")),
        role: "Chủ trì".into(),
    }];
    v[2].evidence = vec!["Kỷ yếu hội thảo, 24 bài tham luận".into()];
    v
}

fn conference(ids: &[Id]) -> Conference {
    let p = |name: &str, title: &str| Person {
        name: name.into(),
        title: title.into(),
    };
    Conference {
        date: Some(date(2019, 11, 22)),
        start: Some(time(8, 0, 0, 0)),
        end: Some(time(11, 30, 0, 0)),
        place: "Trường Chính trị tỉnh Bà Rịa - Vũng Tàu".into(),
        chair: p("Ngô Thị Liên", "Hiệu trưởng Trường Chính trị tỉnh Bà Rịa - Vũng Tàu, Cụm trưởng"),
        co_chairs: vec![
            p("Trương Tiến Hưng", "Hiệu trưởng Trường Chính trị tỉnh Ninh Thuận"),
            p("Nguyễn Thị Thuận Bích", "Hiệu trưởng Trường Chính trị tỉnh Bình Thuận"),
        ],
        secretary: p("Đinh Thị Mai Yên", "Phó Trưởng phòng TC-HC-TT-TL, Trường Chính trị tỉnh Bà Rịa - Vũng Tàu"),
        attendance: ids
            .iter()
            .map(|id| Attendance { school: id.clone(), present: true, representatives: Vec::new(), note: String::new() })
            .collect(),
        guests: vec![p(
            "",
            "Các đồng chí trưởng, phó khoa, phòng của Trường Chính trị tỉnh Bà Rịa - Vũng Tàu",
        )],
        discussion: "Hội nghị đã thảo luận và thông qua Dự thảo Báo cáo tổng kết phong trào thi đua năm 2019, phương hướng, nhiệm vụ năm 2020 của Cụm thi đua số 8.\nCác đại biểu thảo luận sôi nổi, thống nhất các nội dung của báo cáo tổng kết và phương hướng thi đua năm 2020, tập trung đề xuất các giải pháp nâng cao chất lượng đào tạo, bồi dưỡng, gắn với việc thực hiện Chỉ thị 05 của Bộ Chính trị về \u{201c}Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh\u{201d}.".into(),
        conclusion: "Đồng chí chủ trì ghi nhận kết quả thi đua năm 2019 của các trường trong Cụm, đề nghị các trường tiếp thu ý kiến thảo luận để hoàn thiện báo cáo tổng kết, hoàn chỉnh hồ sơ đề nghị khen thưởng gửi Học viện đúng thời hạn và triển khai phong trào thi đua năm 2020 ngay từ đầu năm.".into(),
        ballots: vec![
            Ballot {
                id: Id::new("cluster-ballot1"),
                award: Id::new("co-thi-dua"),
                issued: 7,
                returned: 7,
                valid: 7,
                invalid: 0,
                votes: vec![CandidateVotes { school: Id::new("brvt"), votes: 7 }],
                written_votes: Vec::new(),
                counting_committee: vec![p("Lê Văn Hùng", "Trưởng ban kiểm phiếu"), p("Phạm Thị Hằng", "Thành viên"), p("Nguyễn Ngọc Ánh", "Thành viên")],
                rev: Rev::default(),
            },
            Ballot {
                id: Id::new("cluster-ballot2"),
                award: Id::new("bang-khen"),
                issued: 7,
                returned: 7,
                valid: 7,
                invalid: 0,
                votes: vec![
                    CandidateVotes { school: Id::new("ninh-thuan"), votes: 6 },
                    CandidateVotes { school: Id::new("binh-thuan"), votes: 1 },
                ],
                written_votes: Vec::new(),
                counting_committee: vec![p("Lê Văn Hùng", "Trưởng ban kiểm phiếu"), p("Phạm Thị Hằng", "Thành viên"), p("Nguyễn Ngọc Ánh", "Thành viên")],
                rev: Rev::default(),
            },
        ],
        tie_decisions: Vec::new(),
        academy_decisions: Vec::new(),
        election: Election {
            leader: Some(Id::new("ninh-thuan")),
            deputies: vec![Id::new("binh-thuan"), Id::new("binh-duong")],
            agreed: Some(7),
            note: String::new(),
        },
        handover: Handover {
            date: Some(date(2019, 11, 22)),
            place: "Trường Chính trị tỉnh Bà Rịa - Vũng Tàu".into(),
            outgoing: p("Ngô Thị Liên", "Hiệu trưởng Trường Chính trị tỉnh Bà Rịa - Vũng Tàu"),
            incoming: p("Trương Tiến Hưng", "Hiệu trưởng Trường Chính trị tỉnh Ninh Thuận"),
            items: vec![
                "Sổ thi đua năm 2019 của Cụm và các biên bản, báo cáo kèm theo".into(),
                "Sổ thi đua năm 2020 lập từ sổ năm 2019 (thành viên, bảng tiêu chí, quy định)".into(),
                "Hồ sơ đề nghị khen thưởng năm 2019 đã gửi Học viện".into(),
            ],
            note: String::new(),
            next_year_file: "cum8-2020.json".into(),
        },
        rev: Rev::default(),
    }
}

/// Reads the bundled sample file.
pub fn load_sample() -> thidua::workbook::Loaded {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE_PATH);
    thidua::workbook::load(&path).expect("the bundled sample loads")
}
