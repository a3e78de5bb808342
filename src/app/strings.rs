//! Every string the window shows, Vietnamese first. Kept in one module so a
//! second language (or a wording fix asked by a clerk) touches one file.

pub const APP_NAME: &str = "Sổ Thi Đua";
pub const UNSAVED_MARK: &str = "•";
pub const UNTITLED: &str = "Sổ mới (chưa lưu)";

// Welcome
pub const WELCOME_TITLE: &str = "Sổ Thi Đua";
pub const WELCOME_SUBTITLE: &str = "Sổ theo dõi thi đua của cụm thi đua các trường chính trị: thành viên, hoạt động, chấm điểm, bình xét và bàn giao.";
pub const NEW_WORKBOOK: &str = "Tạo sổ mới";
pub const FROM_LAST_YEAR: &str = "Tạo sổ năm mới từ sổ năm trước";
pub const OPEN_FILE: &str = "Mở tệp…";
pub const OPEN_SAMPLE: &str = "Mở sổ mẫu (Cụm 8, 2019)";
pub const TYPE_PATH: &str = "Gõ đường dẫn tệp…";
pub const RECENT_FILES: &str = "Tệp mở gần đây";
pub const NO_RECENT: &str = "Chưa có tệp nào.";
pub const SCALE: &str = "Cỡ giao diện";

// Wizard
pub const WIZARD_TITLE: &str = "Tạo sổ thi đua mới";
pub const CLUSTER_NAME: &str = "Tên cụm thi đua";
pub const CLUSTER_NAME_HINT: &str = "ví dụ: Cụm thi đua số 8";
pub const CLUSTER_NUMBER: &str = "Số cụm";
pub const YEAR: &str = "Năm";
pub const MEMBER_SCHOOLS: &str = "Các trường thành viên (mỗi dòng một trường)";
pub const CREATE: &str = "Tạo sổ";
pub const CANCEL: &str = "Hủy";
pub const BAD_NUMBER: &str = "Số cụm phải là số nguyên dương.";
pub const BAD_YEAR: &str = "Năm phải là số có bốn chữ số, từ 1900 đến 2200 (ví dụ 2026).";
pub const NEED_NAME: &str = "Hãy nhập tên cụm thi đua.";

// Shell: navigation
pub const VIEW_MEMBERS: &str = "Thành viên";
pub const VIEW_ACTIVITIES: &str = "Hoạt động";
pub const VIEW_SCORING: &str = "Tiêu chí & chấm điểm";
pub const VIEW_AWARDS: &str = "Bình xét & khen thưởng";
pub const VIEW_YEAR_END: &str = "Tổng kết & bàn giao";
pub const VIEW_DOCUMENTS: &str = "Văn bản";

// Toolbar
pub const NEW: &str = "Mới";
pub const OPEN: &str = "Mở";
pub const SAVE: &str = "Lưu";
pub const SAVE_AS: &str = "Lưu thành…";
pub const UNDO: &str = "Hoàn tác";
pub const REDO: &str = "Làm lại";
pub const CLOSE_FILE: &str = "Đóng sổ";

// Members
pub const ADD_SCHOOL: &str = "Thêm trường";
pub const EDIT: &str = "Sửa";
pub const REMOVE: &str = "Xóa";
pub const SAVE_CHANGES: &str = "Lưu thay đổi";
pub const MAKE_LEADER: &str = "Đặt cụm trưởng";
pub const MAKE_DEPUTY: &str = "Đặt cụm phó";
pub const UNSET_DEPUTY: &str = "Bỏ cụm phó";
pub const UNSET_LEADER: &str = "Bỏ cụm trưởng";
pub const LEADER: &str = "Cụm trưởng";
pub const DEPUTY: &str = "Cụm phó";
pub const NO_MEMBERS: &str =
    "Chưa có trường thành viên. Bấm \u{201c}Thêm trường\u{201d} để bắt đầu.";
pub const NEW_SCHOOL: &str = "Trường mới";
pub const EDIT_SCHOOL: &str = "Sửa thông tin trường";
pub const FULL_NAME: &str = "Tên đầy đủ";
pub const SHORT_NAME: &str = "Tên ngắn";
pub const PROVINCE: &str = "Tỉnh, thành phố";
pub const ADDRESS: &str = "Địa chỉ";
pub const HEAD_NAME: &str = "Thủ trưởng (họ tên)";
pub const HEAD_TITLE: &str = "Chức vụ";
pub const OFFICER_NAME: &str = "Cán bộ thi đua";
pub const OFFICER_PHONE: &str = "Điện thoại";
pub const OFFICER_EMAIL: &str = "Thư điện tử";
pub const REMOVE_TITLE: &str = "Xóa trường khỏi cụm?";
pub const REMOVE_ALSO: &str = "Trường này đang được dùng ở nơi khác. Xóa trường cũng sẽ:";
pub const REMOVE_PLAIN: &str = "Trường chưa được dùng ở đâu khác. Có thể hoàn tác bằng Ctrl+Z.";
pub const REF_LEADER: &str = "bỏ vai trò cụm trưởng năm nay";
pub const REF_DEPUTY: &str = "bỏ vai trò cụm phó năm nay";
pub const REF_ROTATION: &str = "bỏ trường khỏi thứ tự luân phiên cụm trưởng";
pub const REF_SCORES: &str =
    "xóa điểm tự chấm, điểm cụm chấm, đăng ký và điểm thưởng/trừ của trường";

pub fn ref_activities(n: usize) -> String {
    format!("bỏ trường khỏi {n} hoạt động (đơn vị chủ trì, tham gia, đạt giải)")
}
pub fn ref_ballots(n: usize) -> String {
    format!("xóa số phiếu, phiếu gửi trước của trường trong {n} cuộc bỏ phiếu")
}
pub fn ref_conference(n: usize) -> String {
    format!("xóa {n} mục trong hồ sơ hội nghị (điểm danh, bầu cử, quyết định)")
}
pub fn ref_successor(n: usize) -> String {
    format!("bỏ liên kết \u{201c}trường kế thừa\u{201d} ở {n} trường khác")
}
pub fn members_heading(n: usize) -> String {
    format!("Trường thành viên ({n})")
}

// Problems on open
pub const PROBLEMS_TITLE: &str = "Sổ mở được nhưng có chỗ cần sửa:";
pub const HIDE: &str = "Ẩn";
pub const REFORMATTED: &str =
    "Tệp đã qua Notepad (có BOM hoặc xuống dòng kiểu Windows): lần lưu sau sẽ ghi lại cho chuẩn.";

// Error screen
pub const ERROR_TITLE: &str = "Không mở được sổ";
pub const WHAT_TO_DO: &str = "Nên làm gì:";
pub const OPEN_OTHER: &str = "Mở tệp khác…";
pub const OPEN_BACKUP: &str = "Mở bản sao lưu (.bak)";
pub const BACK_HOME: &str = "Về màn hình đầu";

pub fn file_label(path: &std::path::Path) -> String {
    format!("Tệp: {}", path.display())
}

// Modals
pub const CLOSE_TITLE: &str = "Lưu thay đổi trước khi đóng?";
pub const CLOSE_BODY: &str = "Sổ có thay đổi chưa lưu. Nếu không lưu, các thay đổi sẽ mất.";
pub const DONT_SAVE: &str = "Không lưu";
/// Forms still open with typing not in the workbook, by view.
pub fn open_forms_body(views: &[&str]) -> String {
    format!(
        "Còn nội dung đang nhập chưa lưu vào sổ ({}). Nội dung đó sẽ mất nếu tiếp tục; bấm \u{201c}{GO_BACK}\u{201d} để lưu bằng nút \u{201c}{SAVE_CHANGES}\u{201d} của biểu mẫu.",
        views.join(", ")
    )
}
pub const GO_BACK: &str = "Quay lại";
pub const DROP_TYPING: &str = "Bỏ nội dung đang nhập";
pub const DISCARD_TITLE: &str = "Bỏ các thay đổi chưa lưu?";
pub const DISCARD_BODY: &str = "Sổ đang mở có thay đổi chưa lưu. Lưu trước khi mở sổ khác?";
pub const CHANGED_TITLE: &str = "Tệp đã bị thay đổi bên ngoài";
pub const CHANGED_BODY: &str = "Từ lúc mở, tệp trên đĩa đã được sửa hoặc chép đè (có thể bởi người khác hoặc một cửa sổ khác). Ghi đè sẽ làm mất bản trên đĩa.";
pub const OVERWRITE: &str = "Vẫn ghi đè";
pub const RECOVERY_TITLE: &str = "Khôi phục sổ chưa lưu?";
pub const RECOVERY_RESTORE: &str = "Khôi phục";
pub const RECOVERY_DISCARD: &str = "Bỏ bản khôi phục";

pub fn recovery_body(file: &str, when: &str, school: Option<&str>) -> String {
    let whose = school
        .map(|s| format!(" ({})", copy_of(s)))
        .unwrap_or_default();
    format!(
        "Lần trước chương trình đóng đột ngột khi sổ \u{201c}{file}\u{201d}{whose} còn thay đổi chưa lưu. Có bản khôi phục lúc {when}."
    )
}
pub fn copy_of(school: &str) -> String {
    format!("bản của {school}")
}
pub const DISCARD_RECOVERY_TITLE: &str = "Xóa hẳn bản khôi phục?";
pub const DISCARD_RECOVERY_BODY: &str =
    "Các thay đổi chưa lưu trong bản khôi phục sẽ mất hẳn, không lấy lại được.";
pub const DISCARD_RECOVERY_CONFIRM: &str = "Xóa bản khôi phục";
pub const RESTORED_DISK_CHANGED: &str = "Đã khôi phục sổ, nhưng tệp trên đĩa đã thay đổi sau lúc ghi bản khôi phục (có thể đã được lưu từ cửa sổ hay máy khác). Khi lưu, chương trình sẽ hỏi trước khi ghi đè; nên \u{201c}Lưu thành…\u{201d} một tệp mới rồi so sánh.";
pub const PATH_TITLE: &str = "Nhập đường dẫn tệp";
pub const PATH_NO_DIALOG: &str =
    "Máy này không mở được hộp thoại chọn tệp. Hãy gõ (hoặc dán) đường dẫn đầy đủ của tệp .json:";
pub const PATH_NO_DIALOG_RETURNS: &str = "Máy này không mở được hộp thoại chọn tệp. Hãy gõ (hoặc dán) đường dẫn đầy đủ của tệp trường gửi về (.json, hoặc phiếu Excel .xlsx):";
pub const PATH_HINT: &str = "ví dụ: C:\\Users\\vanthu\\Documents\\cum8-2026.json";
pub const OK: &str = "Đồng ý";

// Notices
pub fn saved(path: &std::path::Path) -> String {
    format!("Đã lưu vào {}", path.display())
}
pub fn nothing_to_save(path: &std::path::Path) -> String {
    format!(
        "Không có thay đổi nào từ lần lưu trước: tệp {} giữ nguyên.",
        path.display()
    )
}
pub fn save_waits_for_forms(forms: &[&str]) -> String {
    format!(
        "Chưa lưu: biểu mẫu ở {} còn đang mở với nội dung chưa hợp lệ (xem lỗi trong biểu mẫu). Hãy sửa rồi bấm \u{201c}Lưu thay đổi\u{201d}, hoặc bấm \u{201c}Hủy\u{201d}, rồi lưu sổ.",
        forms.join(", ")
    )
}
pub fn save_failed(reason: &str) -> String {
    format!("Chưa lưu được. {reason} Các thay đổi vẫn còn trong chương trình.")
}
pub const NOTHING_TO_UNDO: &str = "Không còn gì để hoàn tác.";
pub const NOTHING_TO_REDO: &str = "Không còn gì để làm lại.";

// Undo and redo: what they say (one rule for the whole window)
pub fn undone(what: &crate::app::document::Label) -> String {
    match &what.before {
        Some(v) => format!("Đã hoàn tác: {} trở lại {v}.", what.what),
        None => format!("Đã hoàn tác: {}.", what.what),
    }
}
pub fn redone(what: &crate::app::document::Label) -> String {
    match &what.after {
        Some(v) => format!("Đã làm lại: {} thành {v}.", what.what),
        None => format!("Đã làm lại: {}.", what.what),
    }
}
pub fn undo_waits_for_forms(forms: &[&str]) -> String {
    format!(
        "Chưa hoàn tác trong sổ: biểu mẫu ở {} đang có chữ gõ chưa lưu. Ctrl+Z trong ô đang gõ hoàn tác việc gõ ở ô đó; hãy lưu hoặc hủy biểu mẫu trước khi hoàn tác trong sổ.",
        forms.join(", ")
    )
}
pub const UNDO_CONFLICT_DECIDED: &str = "quyết định một xung đột";
pub fn undo_restored(label: &str) -> String {
    format!("khôi phục {label}")
}
const EMPTY_VALUE: &str = "trống";

/// What an edit does to `wb`, in the clerk's words, for "Đã hoàn tác: …":
/// the record it touches and, where it has one, the value before and
/// after ("điểm cụm chấm BR-VT I.1", "3,75", "4").
pub fn edit_label(
    wb: &crate::workbook::Workbook,
    edit: &crate::workbook::edit::Edit,
) -> crate::app::document::Label {
    use crate::app::document::Label;
    use crate::workbook::edit::Edit;
    use crate::workbook::edit::activities::ActivityEdit;
    use crate::workbook::edit::conference::ConferenceEdit;
    use crate::workbook::edit::criteria::CriteriaEdit;
    use crate::workbook::edit::scores::{ScoreEdit, Side};
    let plain = |what: String| Label {
        what,
        before: None,
        after: None,
    };
    let quoted = |t: &str| format!("\u{201c}{t}\u{201d}");
    let score_of = |school: &crate::workbook::Id, criterion: &crate::workbook::Id, side: Side| {
        wb.assessment(school).and_then(|a| {
            match side {
                Side::Own => &a.self_scores,
                Side::Cluster => &a.cluster_scores,
            }
            .get(criterion)
            .cloned()
        })
    };
    let side_name = |side: Side| match side {
        Side::Own => "tự chấm",
        Side::Cluster => "cụm chấm",
    };
    let code = |id: &crate::workbook::Id| {
        wb.criterion(id)
            .map(|c| c.code.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let activity = |id: &crate::workbook::Id| {
        wb.activities
            .iter()
            .find(|a| &a.id == id)
            .map(|a| quoted(&a.title))
            .unwrap_or_else(|| id.to_string())
    };
    match edit {
        Edit::AddSchool(school) => plain(format!("thêm trường {}", quoted(&school.full_name))),
        Edit::SetSchool(school) => plain(format!("sửa trường {}", quoted(&school.full_name))),
        Edit::RemoveSchool(id) => plain(format!(
            "xóa trường {} khỏi cụm",
            quoted(&wb.school_full_name(id))
        )),
        Edit::SetLeader(_) => plain("cụm trưởng".into()),
        Edit::SetDeputies(_) => plain("cụm phó".into()),
        Edit::SetRules(_) => plain("quy chế (xếp loại, khen thưởng, bỏ phiếu, căn cứ)".into()),
        Edit::SetDocuments(_) => plain("nội dung văn bản (số, ngày, nơi nhận, báo cáo)".into()),
        Edit::Conference(c) => plain(
            match c {
                ConferenceEdit::SetDetails(_) => "thông tin hội nghị",
                ConferenceEdit::SetAttendance(_) => "danh sách có mặt ở hội nghị",
                ConferenceEdit::AddBallot(_) => "thêm kết quả bỏ phiếu",
                ConferenceEdit::SetBallot(_) => "kết quả bỏ phiếu",
                ConferenceEdit::RemoveBallot(_) => "xóa kết quả bỏ phiếu",
                ConferenceEdit::SetElection(_) => "kết quả bầu cụm trưởng, cụm phó",
                ConferenceEdit::SetHandover(_) => "bàn giao",
                ConferenceEdit::SetAcademyDecision(_) => "quyết định của Học viện",
                ConferenceEdit::SetNewsByline(_) => "người viết tin",
                ConferenceEdit::SetMinutesText(_) => "nội dung biên bản",
            }
            .into(),
        ),
        Edit::Activity(a) => plain(match a {
            ActivityEdit::Add(a) => format!("thêm hoạt động {}", quoted(&a.title)),
            ActivityEdit::Set(a) => format!("sửa hoạt động {}", quoted(&a.title)),
            ActivityEdit::Remove(id) => format!("xóa hoạt động {}", activity(id)),
        }),
        Edit::Criteria(c) => plain(match c {
            CriteriaEdit::Add { node, .. } => format!("thêm tiêu chí {}", node.code),
            CriteriaEdit::Set { id, .. } => format!("sửa tiêu chí {}", code(id)),
            CriteriaEdit::Remove(id) => format!("xóa tiêu chí {}", code(id)),
            CriteriaEdit::Move { id, .. } => format!("chuyển chỗ tiêu chí {}", code(id)),
            CriteriaEdit::Caps { .. } => "mức tối đa điểm thưởng, điểm trừ".into(),
            CriteriaEdit::Replace(_) => "chép bảng tiêu chí".into(),
        }),
        Edit::Score(e) => match e {
            ScoreEdit::Points {
                school,
                criterion,
                side,
                points,
            } => Label {
                what: format!(
                    "điểm {} {} {}",
                    side_name(*side),
                    wb.school_name(school),
                    code(criterion)
                ),
                before: Some(
                    score_of(school, criterion, *side)
                        .map(|s| s.points.to_string())
                        .unwrap_or_else(|| EMPTY_VALUE.into()),
                ),
                after: Some(
                    points
                        .map(|p| p.to_string())
                        .unwrap_or_else(|| EMPTY_VALUE.into()),
                ),
            },
            ScoreEdit::Note {
                school,
                criterion,
                side,
                ..
            } => plain(format!(
                "ghi chú điểm {} {} {}",
                side_name(*side),
                wb.school_name(school),
                code(criterion)
            )),
            ScoreEdit::Evidence {
                school,
                criterion,
                side,
                ..
            } => plain(format!(
                "minh chứng điểm {} {} {}",
                side_name(*side),
                wb.school_name(school),
                code(criterion)
            )),
            ScoreEdit::AddAdjustment { school, .. } => plain(format!(
                "thêm điểm thưởng/trừ của {}",
                wb.school_name(school)
            )),
            ScoreEdit::RemoveAdjustment { school, .. } => plain(format!(
                "xóa điểm thưởng/trừ của {}",
                wb.school_name(school)
            )),
            ScoreEdit::AcceptAdjustment { school, .. } => plain(format!(
                "mức cụm chấp nhận điểm thưởng của {}",
                wb.school_name(school)
            )),
        },
        Edit::Replace(_) => plain("gộp tệp các trường gửi về".into()),
        Edit::Batch(edits) => match edits.as_slice() {
            [one] => edit_label(wb, one),
            [first, ..] => {
                let mut l = edit_label(wb, first);
                l.what = format!("{} (và {} thay đổi kèm theo)", l.what, edits.len() - 1);
                l
            }
            [] => plain("không có gì".into()),
        },
    }
}
pub const NOT_JSON_DROP: &str = "Chỉ mở được tệp sổ thi đua (.json).";
pub const NO_SAMPLE: &str = "Không tìm thấy sổ mẫu.";
pub fn other_recovery(file: &str) -> String {
    format!("Có bản khôi phục của sổ {file} (cửa sổ trước bị tắt đột ngột).")
}
pub const OPEN_OTHER_RECOVERY: &str = "Mở";
pub const OTHER_RECOVERY_STARTED: &str =
    "Đã mở một cửa sổ mới để khôi phục sổ kia; sổ đang mở ở đây giữ nguyên.";
pub fn other_recovery_failed(why: &str) -> String {
    format!("Không mở được cửa sổ mới để khôi phục: {why}")
}
pub const RESTORED: &str = "Đã khôi phục sổ từ bản khôi phục. Hãy lưu lại để giữ các thay đổi.";
pub const FILTER_NAME: &str = "Sổ thi đua (*.json)";
pub const DIALOG_OPEN: &str = "Mở sổ thi đua";
pub const DIALOG_SAVE: &str = "Lưu sổ thi đua";
pub const DIALOG_LAST_YEAR: &str = "Chọn sổ năm trước";

// ----- Awards, year-end, documents (issue 7) -----
pub const DATE_HINT: &str = "ngày/tháng/năm, ví dụ 22/11/2019";
pub const TIME_HINT: &str = "ví dụ 08:00";
pub const BAD_DATE: &str = "Ngày chưa đúng: hãy gõ ngày/tháng/năm, ví dụ 22/11/2019.";
pub const NOT_SAVED_YET: &str = "Chưa lưu vào sổ.";
pub const DISCARD_DRAFT: &str = "Bỏ thay đổi";
pub fn bad_date(field: &str, typed: &str) -> String {
    format!(
        "{field}: \u{201c}{typed}\u{201d} không phải ngày. Hãy gõ ngày/tháng/năm, ví dụ 22/11/2019."
    )
}
pub fn bad_time(field: &str, typed: &str) -> String {
    format!(
        "{field}: \u{201c}{typed}\u{201d} không phải giờ. Hãy gõ giờ:phút, ví dụ 08:00 hoặc 8h30."
    )
}

// Awards and ballot
pub const PRINT_BALLOTS: &str = "In phiếu bầu (PDF)…";
pub const NO_AWARDS: &str = "Quy định năm nay chưa có danh hiệu khen thưởng nào.";
pub const BALLOTS_ISSUED: &str = "Số phiếu phát ra";
pub const BALLOTS_RETURNED: &str = "Số phiếu thu về";
pub const BALLOTS_VALID: &str = "Phiếu hợp lệ";
pub const BALLOTS_INVALID: &str = "Phiếu không hợp lệ";
pub const VOTES: &str = "Số phiếu bầu";
pub const VOTES_HINT: &str =
    "Số phiếu bầu của từng trường (để trống: trường không có trong danh sách bỏ phiếu):";
pub const WRITTEN_VOTES: &str = "Phiếu gửi trước của trường vắng mặt";
pub const NO_ABSENT: &str = "Không có trường vắng mặt.";
pub fn sent_written(school: &str) -> String {
    format!("{school} gửi phiếu, bầu:")
}
pub const SAVE_BALLOT: &str = "Lưu kết quả bỏ phiếu";
pub const REMOVE_BALLOT: &str = "Xóa kết quả bỏ phiếu";
pub const NO_BALLOT_YET: &str = "Chưa ghi kết quả bỏ phiếu cho danh hiệu này.";
pub const BALLOT_BEING_TYPED: &str =
    "Đang nhập kết quả: bấm \u{201c}Lưu kết quả bỏ phiếu\u{201d} khi xong.";
pub const BALLOT_SAVED: &str = "Kết quả đã lưu vào sổ.";
pub const COUNTING_COMMITTEE: &str = "Ban kiểm phiếu";
pub const COMMITTEE_HINT: &str =
    "Họ tên và chức danh trong Ban; ghi vào biên bản kiểm phiếu. Dòng để trống tên được bỏ qua.";
pub const COMMITTEE_NAME: &str = "Họ và tên";
pub const COMMITTEE_TITLE: &str = "Chức danh trong Ban";
pub const COMMITTEE_HEAD: &str = "Trưởng ban";
pub const COMMITTEE_MEMBER: &str = "Thành viên";
pub const ADD_COMMITTEE_MEMBER: &str = "+ Thêm người";
pub const LIVE_RESULT: &str = "Kết quả kiểm phiếu";
pub const BALLOT_INCONSISTENT: &str = "Số liệu phiếu bầu chưa khớp, chưa thành kết quả:";
pub const THRESHOLD_MET: &str = "Đạt ngưỡng";
pub const THRESHOLD_MISSED: &str = "Chưa đạt ngưỡng";
pub const PROPOSALS: &str = "Đề nghị khen thưởng";
pub const NO_PROPOSAL: &str = "Chưa có trường nào được đề nghị.";
pub const ELIGIBILITY: &str = "Xét điều kiện từng trường";
pub const RANK: &str = "Hạng";
pub const SCHOOL: &str = "Trường";
pub const SCORE: &str = "Điểm";
pub const RATING: &str = "Xếp loại";
pub const OUTCOME: &str = "Kết quả xét";
pub const ACADEMY_DECISIONS: &str = "Quyết định của Học viện";
pub const ACADEMY_HINT: &str = "Đề nghị chưa phải là khen thưởng: khi có quyết định của Học viện, ghi số, ngày và kết quả tại đây.";
pub const RECORD_DECISION: &str = "Ghi quyết định";
pub const DECISION_NUMBER: &str = "Số quyết định";
pub const DECISION_DATE: &str = "Ngày quyết định";
pub const DECISION_ISSUER: &str = "Cơ quan, người ký";
pub fn outcome_label(o: crate::workbook::DecisionOutcome) -> &'static str {
    use crate::workbook::DecisionOutcome as O;
    match o {
        O::Pending => "Chờ quyết định",
        O::Awarded => "Được khen thưởng",
        O::NotAwarded => "Không được khen thưởng",
    }
}
pub fn decision_line(outcome: &str, number: &str, date: &str) -> String {
    match (number.is_empty(), date.is_empty()) {
        (true, true) => outcome.to_string(),
        (false, true) => format!("{outcome} (QĐ số {number})"),
        (true, false) => format!("{outcome} (ngày {date})"),
        (false, false) => format!("{outcome} (QĐ số {number}, ngày {date})"),
    }
}
pub fn rule_line(threshold: &str, quorum: &str, present: u32, total: u32) -> String {
    format!(
        "Ngưỡng đề nghị: {threshold}. Điều kiện hợp lệ: có mặt từ {quorum} số thành viên (hiện có mặt {present}/{total})."
    )
}
pub fn quorum_line(present: u32, total: u32, needed: u32, met: bool) -> String {
    if met {
        format!("Đủ số đại biểu: có mặt {present}/{total} (cần {needed}).")
    } else {
        format!(
            "Không đủ số đại biểu: có mặt {present}/{total}, cần {needed}. Kết quả không được tính."
        )
    }
}
pub fn next_year_refused(problems: &[crate::workbook::Problem]) -> String {
    let list: Vec<String> = problems.iter().map(|p| p.message()).collect();
    format!(
        "Chưa lập được sổ năm sau: sổ mới sẽ có lỗi. Hãy sửa trong sổ năm nay: {}",
        list.join(" ")
    )
}
pub fn not_a_number(field: &str, typed: &str) -> String {
    format!("{field}: \u{201c}{typed}\u{201d} không phải số nguyên.")
}
pub fn proposed_line(votes: u32, percent: &str) -> String {
    format!("Đề nghị ({votes} phiếu, {percent})")
}
pub fn quota_line(explained: &str) -> String {
    format!("Chỉ tiêu: {explained}.")
}

// Year-end and handover
pub const CREATE_NEXT_YEAR: &str = "Tạo sổ năm sau…";
pub const DIALOG_NEXT_YEAR: &str = "Lưu sổ thi đua năm sau";
pub const PATH_NO_DIALOG_NEXT_YEAR: &str =
    "Máy này không mở được hộp thoại lưu tệp. Gõ đường dẫn đầy đủ cho sổ năm sau (.json):";
pub const CONFERENCE: &str = "Hội nghị tổng kết";
pub const CONF_DATE: &str = "Ngày họp";
pub const CONF_START: &str = "Giờ bắt đầu";
pub const CONF_END: &str = "Giờ kết thúc";
pub const CONF_PLACE: &str = "Địa điểm";
pub const CONF_CHAIR: &str = "Chủ trì (họ tên)";
pub const CONF_CHAIR_TITLE: &str = "Chức vụ người chủ trì";
pub const CONF_SECRETARY: &str = "Thư ký (họ tên)";
pub const CONF_SECRETARY_TITLE: &str = "Chức vụ thư ký";
pub const ALL_PRESENT: &str = "Tất cả có mặt";
pub fn attendance_heading(present: usize, total: usize) -> String {
    format!("Điểm danh: có mặt {present}/{total} trường")
}
pub const ELECTION: &str = "Bầu cụm trưởng, cụm phó năm sau";
pub const NEXT_LEADER: &str = "Cụm trưởng năm sau";
pub const NEXT_DEPUTIES: &str = "Cụm phó năm sau:";
pub const CHOOSE_SCHOOL: &str = "Chọn trường…";
pub const USE_SUGGESTION: &str = "Dùng gợi ý";
pub const NO_ROTATION: &str = "Chưa có thứ tự luân phiên cụm trưởng: hội nghị bầu trực tiếp.";
pub fn rotation_suggests(leader: &str, deputies: &str) -> String {
    if deputies.is_empty() {
        format!("Theo thứ tự luân phiên: cụm trưởng {leader}.")
    } else {
        format!("Theo thứ tự luân phiên: cụm trưởng {leader}; cụm phó {deputies}.")
    }
}
pub const DIFFERS_FROM_ROTATION: &str =
    "Kết quả bầu khác gợi ý luân phiên (hội nghị quyết định; biên bản sẽ ghi theo kết quả bầu).";
pub const ELECTION_NOTE: &str = "Ghi chú thêm về việc bầu";
pub const ELECTION_NOTE_HINT: &str = "ví dụ: Cụm phó thứ hai do Hội nghị đề cử";
/// The show of hands on the election, out of the schools present.
pub fn agreed_label(present: u32) -> String {
    format!("Số trường biểu quyết tán thành (trên {present} trường có mặt)")
}
pub const AGREED_HINT: &str = "ví dụ: 7 — để trống nếu chưa biểu quyết";
pub const AGREED_NOT_A_NUMBER: &str =
    "Số trường biểu quyết tán thành phải là một số nguyên (ví dụ 7), hoặc để trống.";
pub const DELEGATES_HINT: &str = "Đại biểu: Họ tên, chức vụ; Họ tên, chức vụ";
pub const SAVE_DELEGATES: &str = "Lưu danh sách đại biểu";
pub const MINUTES_TEXT: &str = "Nội dung biên bản họp";
pub const MINUTES_TEXT_HELP: &str =
    "Ghi trong cuộc họp; in vào Biên bản họp bình xét. Mỗi dòng một đoạn.";
pub const GUESTS: &str = "Khách mời (mỗi dòng một người hoặc một nhóm, như sẽ in)";
pub const GUESTS_HINT: &str =
    "ví dụ: Đồng chí Nguyễn Văn A, Phó Vụ trưởng Vụ Thi đua - Khen thưởng";
pub const NOT_TYPED_YET: &str = "(chưa ghi)";
pub const DISCUSSION: &str = "Tóm tắt ý kiến thảo luận";
pub const CONCLUSION: &str = "Kết luận của chủ trì hội nghị";
pub const HANDOVER: &str = "Bàn giao";
pub const HANDOVER_DATE: &str = "Ngày bàn giao";
pub const HANDOVER_PLACE: &str = "Địa điểm bàn giao";
pub const HANDOVER_OUTGOING: &str = "Bên giao (họ tên)";
pub const HANDOVER_OUTGOING_TITLE: &str = "Chức vụ bên giao";
pub const HANDOVER_INCOMING: &str = "Bên nhận (họ tên)";
pub const HANDOVER_INCOMING_TITLE: &str = "Chức vụ bên nhận";
pub const HANDOVER_NOTE: &str = "Ghi chú";
pub const HANDOVER_ITEMS: &str = "Hồ sơ bàn giao (mỗi dòng một mục)";
pub const ADD_ITEM: &str = "Thêm mục";
pub fn next_year_file(name: &str) -> String {
    format!("Sổ năm sau: {name}")
}
pub fn next_year_created(path: &std::path::Path) -> String {
    format!("Đã tạo sổ năm sau: {}. Sổ này đang mở.", path.display())
}
pub fn next_year_created_recorded(path: &std::path::Path, name: &str, saved: bool) -> String {
    let this_year = if saved {
        "đã ghi tên tệp năm sau"
    } else {
        "có thay đổi: ghi tên tệp năm sau"
    };
    format!(
        "Đã tạo sổ năm sau: {}. Sổ năm nay {this_year} ({name}) vào phần bàn giao{}.",
        path.display(),
        if saved {
            " và đã được lưu"
        } else {
            ", chưa lưu"
        }
    )
}
pub fn next_year_failed(reason: &str) -> String {
    format!("Chưa tạo được sổ năm sau. {reason}")
}

// Documents
pub const DOCUMENTS_HINT: &str = "Chọn văn bản để xem còn thiếu gì. Văn bản còn chỗ trống vẫn xuất được dưới dạng bản nháp (để trống \u{201c}……\u{201d}).";
pub const EXPORT_ALL: &str = "Xuất tất cả (PDF) vào thư mục…";
pub const EXPORT_ALL_WORD_TOO: &str = "Xuất tất cả (PDF và Word)…";
pub const EXPORT_ONE: &str = "Xuất PDF…";
pub const EXPORT_ONE_WORD: &str = "Xuất Word (.docx)…";
pub const EXPORT_ONE_EXCEL: &str = "Xuất Excel (.xlsx)…";
pub const EXCEL_HINT: &str = "Bản Excel của bảng điểm: số là số (sắp xếp, cộng được), các dòng tổng là công thức; thêm trang các hoạt động trong năm.";
pub const WORD_HINT: &str = "Bản Word để sửa lần cuối trước khi ký và để nộp kèm hồ sơ điện tử; bản PDF là bản in chính thức.";
pub const READY: &str = "Đủ dữ liệu";
pub const DRAFT: &str = "Bản nháp";
pub const CANNOT_MAKE: &str = "Chưa lập được";
pub const NOTHING_MISSING: &str = "Đã đủ dữ liệu.";
pub const MISSING_BLOCKING: &str = "Còn thiếu (mục có dấu * phải có mới lập được):";
pub const MISSING_BLANKS: &str = "Còn thiếu (sẽ để trống trong bản nháp):";
pub const REQUIRED_MARK: &str = " *";
pub const DIALOG_EXPORT: &str = "Lưu văn bản PDF";
pub const DIALOG_EXPORT_ALL: &str = "Chọn thư mục lưu các văn bản";
pub const FILTER_PDF: &str = "Văn bản PDF (*.pdf)";
pub const DIALOG_EXPORT_WORD: &str = "Lưu văn bản Word";
pub const FILTER_WORD: &str = "Văn bản Word (*.docx)";
pub const DIALOG_EXPORT_EXCEL: &str = "Lưu bảng điểm Excel";
pub const FILTER_EXCEL: &str = "Bảng tính Excel (*.xlsx)";
pub const PATH_NO_DIALOG_EXCEL: &str =
    "Máy này không mở được hộp thoại lưu tệp. Gõ đường dẫn đầy đủ của tệp Excel (.xlsx):";
pub const PATH_NO_DIALOG_WORD: &str =
    "Máy này không mở được hộp thoại lưu tệp. Gõ đường dẫn đầy đủ của tệp Word (.docx):";
pub const PATH_NO_DIALOG_PDF: &str =
    "Máy này không mở được hộp thoại lưu tệp. Gõ đường dẫn đầy đủ của tệp PDF:";
pub const PATH_NO_DIALOG_FOLDER: &str =
    "Máy này không mở được hộp thoại chọn thư mục. Gõ đường dẫn đầy đủ của thư mục:";
pub const EXPORT_BUSY: &str = "Đang xuất văn bản, hãy chờ xong rồi xuất tiếp.";
pub const EXPORT_CRASHED: &str = "Lỗi bất ngờ khi lập văn bản.";
pub const WAITING: &str = "Đang chờ";
pub const BUILDING: &str = "Đang lập…";
pub const WRITTEN: &str = "Đã lưu";
pub const OPEN_PDF: &str = "Mở";
pub const OPEN_FOLDER: &str = "Mở thư mục";
pub fn written_draft(blanks: usize) -> String {
    format!("Đã lưu, bản nháp ({blanks} chỗ trống)")
}
pub fn export_progress(done: usize, total: usize) -> String {
    format!("Đang xuất văn bản: {done}/{total}")
}
pub fn export_done(done: usize, total: usize) -> String {
    format!("Đã xuất xong {done}/{total} văn bản")
}
pub fn file_name_line(name: &str) -> String {
    format!("Tên tệp: {name}")
}
pub fn not_a_folder(path: &std::path::Path) -> String {
    format!("\u{201c}{}\u{201d} không phải thư mục.", path.display())
}
pub fn cannot_open(path: &std::path::Path, reason: &str) -> String {
    format!(
        "Không mở được {} ({reason}). Hãy mở tệp bằng tay.",
        path.display()
    )
}

// ----- Scoring grid (issue 6) -----
pub const SCORING_TITLE: &str = "Chấm điểm";
pub const TYPING: &str = "Đang nhập:";
pub const CLUSTER_SCORE: &str = "Cụm chấm";
pub const SELF_SCORE: &str = "Tự chấm";
pub const NOTHING_TO_SCORE: &str = "Chưa có trường thành viên hoặc chưa có tiêu chí để chấm. Hãy thêm ở mục Thành viên và Bảng tiêu chí.";
pub const CRITERION: &str = "Tiêu chí";
pub const CELL_LEGEND: &str = "Mỗi ô: điểm bên kia (màu cam nếu khác) · điểm đang nhập. Tab: sang phải, Enter: xuống dưới, F6: ra các nút. * có ghi chú/minh chứng";
pub const MAX: &str = "Tối đa";
pub const FINAL_SHORT: &str = "Tổng";
pub const RANK_SHORT: &str = "Hạng";
pub const NOT_A_NUMBER: &str = "Không phải số.";
pub const SELECT_CELL: &str =
    "Bấm vào một ô để nhập điểm; ghi chú, minh chứng và điểm thưởng/trừ của trường hiện ở đây.";
pub const SCHOOL_NOTE: &str = "Trường ghi";
pub const NOTE: &str = "Ghi chú";
pub const EVIDENCE_HINT: &str = "Minh chứng (cách nhau bằng dấu ;)";
pub const ADJUSTMENTS: &str = "Điểm thưởng, điểm trừ";
pub const BONUS: &str = "Thưởng";
pub const DEDUCTION: &str = "Trừ";
pub const POINTS: &str = "Điểm";
pub const REASON: &str = "Lý do";
pub const ADD: &str = "Thêm";

/// The allowed range of a score, as shown inline: "0 – 4".
pub fn score_range(max: crate::workbook::Points) -> String {
    format!("Điểm hợp lệ: 0 – {max}")
}
/// Under each school's column: what is still missing.
pub fn missing_short(missing_self: usize, unreviewed: usize) -> String {
    match (missing_self, unreviewed) {
        (0, 0) => "Đủ điểm".into(),
        (m, 0) => format!("Thiếu tự chấm: {m}"),
        (0, u) => format!("Cụm chưa chấm: {u}"),
        (m, u) => format!("Thiếu {m} · chưa chấm {u}"),
    }
}
pub fn adjustment_totals(
    bonus: crate::workbook::Points,
    bonus_claimed: crate::workbook::Points,
    bonus_cap: crate::workbook::Points,
    deduction: crate::workbook::Points,
    deduction_claimed: crate::workbook::Points,
    deduction_cap: crate::workbook::Points,
) -> String {
    format!(
        "Thưởng +{bonus} (đề nghị {bonus_claimed}, trần {bonus_cap}) · Trừ {} (ghi {deduction_claimed}, trần {deduction_cap})",
        // "Trừ −0" read as a minus zero.
        if deduction.is_zero() {
            "0".to_string()
        } else {
            format!("−{deduction}")
        }
    )
}

// ----- Activities (issue 6) -----
pub const ACTIVITIES_TITLE: &str = "Hoạt động trong năm";
pub const ADD_ACTIVITY: &str = "Thêm hoạt động";
pub const NEW_ACTIVITY: &str = "Hoạt động mới";
pub const EDIT_ACTIVITY: &str = "Sửa hoạt động";
pub const ACTIVITY_NAME: &str = "Tên hoạt động";
pub const ACTIVITY_KIND: &str = "Loại hoạt động";
pub const START_DATE: &str = "Ngày bắt đầu";
pub const END_DATE: &str = "Ngày kết thúc (nếu khác)";
/// Short: the date boxes are narrow ("ví dụ 14/0…" was cut).
pub const ACTIVITY_DATE_HINT: &str = "ngày/tháng/năm";
pub const ACTIVITY_END_HINT: &str = "trống nếu trong một ngày";
pub const HOST: &str = "Đơn vị chủ trì";
pub const NO_HOST: &str = "(không có)";
pub const PARTICIPANTS: &str = "Trường tham gia";
// People and prizes: one row each, the school picked from the members.
pub const PEOPLE: &str = "Người tham gia";
pub const RESULTS: &str = "Kết quả, giải thưởng";
pub const PERSON_NAME: &str = "Họ tên";
pub const PERSON_ROLE: &str = "Vai trò";
pub const PRIZE: &str = "Giải";
pub const PRIZE_PERSON: &str = "Họ tên (để trống nếu giải của trường)";
pub const SCHOOL_SEARCH: &str = "Trường: gõ tên để tìm";
pub const ADD_PERSON: &str = "+ Thêm người";
pub const ADD_PRIZE: &str = "+ Thêm giải";
pub const REMOVE_ROW: &str = "Bỏ dòng";
pub const NO_SCHOOL_PICKED: &str = "Chưa chọn trường";
pub const NO_SCHOOL_PICKED_SAVE: &str =
    "Chưa chọn trường: bấm tên trường trong gợi ý (hoặc bỏ dòng) rồi lưu.";
pub const NO_SUCH_SCHOOL: &str = "Không có trường nào như vậy trong cụm vào ngày của hoạt động.";
pub const PICK_SCHOOL: &str = "Chọn:";
pub const NO_PERSON_NAME: &str = "Chưa có họ tên.";
pub const NO_PRIZE_NAME: &str = "Chưa ghi giải.";
/// On an activity's card: a person or prize no school is credited with.
pub const NO_SCHOOL_ON_CARD: &str = "chưa có trường";
pub const DUPLICATE: &str = "Nhân bản";
pub const COPY: &str = "bản sao";
pub const SEARCH: &str = "Tìm theo tên, người, minh chứng…";
pub const ALL_KINDS: &str = "Mọi loại hoạt động";
pub const ALL_SCHOOLS: &str = "Mọi trường";
pub const ALL_MONTHS: &str = "Cả năm";
pub const COUNT_BY_SCHOOL: &str = "Số hoạt động theo trường";
pub const COUNT_BY_KIND: &str = "Số hoạt động theo loại";

pub fn month(m: i8) -> String {
    format!("Tháng {m}")
}
pub fn activities_shown(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total} hoạt động")
    } else {
        format!("{shown} / {total} hoạt động")
    }
}
/// Per school: hosted, took part.
pub fn count_line(hosted: usize, part: usize) -> String {
    format!("chủ trì {hosted} · tham gia {part}")
}
pub fn participants_count(n: usize) -> String {
    format!("{n} trường tham gia")
}
/// Why an activity's rows were not saved: which rows, by list and number.
pub fn rows_unfinished(rows: &[String]) -> String {
    format!(
        "Chưa lưu: {} dòng chưa xong ({}). Chọn trường cho từng người, từng giải trong gợi ý, hoặc bỏ dòng.",
        rows.len(),
        rows.join("; ")
    )
}
/// "Người tham gia 2 (Lê Văn X)" / "Kết quả 3 (Giải Ba)".
pub fn row_label(list: &str, n: usize, what: &str) -> String {
    if what.trim().is_empty() {
        format!("{list} {n}")
    } else {
        format!("{list} {n} ({})", what.trim())
    }
}
pub fn bad_activity_date(typed: &str) -> String {
    format!(
        "\u{201c}{typed}\u{201d} không phải ngày hợp lệ: hãy gõ ngày/tháng/năm, ví dụ 14/05/2019."
    )
}

// ----- Criteria table (issue 6) -----
pub const VIEW_CRITERIA: &str = "Bảng tiêu chí";
pub const CRITERIA_TITLE: &str = "Bảng tiêu chí";
pub const CRITERIA_TABLE_TOTAL: &str = "Tổng điểm chuẩn của bảng";
pub const NO_CRITERIA: &str = "Chưa có tiêu chí nào. Hãy thêm mục (I, II, …) rồi thêm tiêu chí vào từng mục, hoặc chép bảng tiêu chí từ sổ năm trước.";
pub const COPY_CRITERIA: &str = "Chép bảng tiêu chí từ sổ khác…";
pub const DIALOG_COPY_CRITERIA: &str = "Chọn sổ có bảng tiêu chí cần chép";
pub const ADD_SECTION: &str = "Thêm mục";
pub const ADD_CRITERION: &str = "Thêm tiêu chí";
pub const ADD_SUB_CRITERION: &str = "Thêm tiêu chí con";
pub const MOVE_UP: &str = "Lên";
pub const MOVE_DOWN: &str = "Xuống";
pub const NEW_SECTION: &str = "Mục mới";
pub const NEW_CRITERION: &str = "Tiêu chí mới";
pub const EDIT_CRITERION: &str = "Sửa tiêu chí";
pub const CRITERION_CODE: &str = "Số thứ tự (mã)";
pub const CRITERION_TITLE: &str = "Nội dung tiêu chí";
pub const MAX_POINTS: &str = "Điểm tối đa";
pub const MAX_POINTS_OPTIONAL: &str = "Điểm tối đa (để trống nếu mục sẽ có tiêu chí)";
pub const MAX_IS_SUM: &str = "Điểm tối đa là tổng điểm của các tiêu chí con.";
pub const BONUS_CAP: &str = "Trần điểm thưởng";
pub const DEDUCTION_CAP: &str = "Trần điểm trừ";
pub const SAVE_CAPS: &str = "Lưu mức trần";
pub const REMOVE_CRITERION_CHILDREN: &str = "Các tiêu chí con bên trong cũng bị xóa.";
pub fn criteria_total(total: crate::workbook::Points) -> String {
    format!("Tổng: {total} điểm")
}
pub fn remove_criterion(code: &str, title: &str) -> String {
    format!("Xóa {code}. {title}?")
}
pub fn remove_criterion_scores(n: usize) -> String {
    format!("{n} điểm đã chấm cho phần này cũng bị xóa.")
}
pub fn criteria_copied(file: &str) -> String {
    format!(
        "Đã chép bảng tiêu chí từ \u{201c}{file}\u{201d}. Bấm Hoàn tác nếu muốn trở lại bảng cũ."
    )
}
pub fn criteria_file_unreadable(file: &str, reason: &str) -> String {
    format!("Không đọc được \u{201c}{file}\u{201d}: {reason}")
}

// Whose machine (issue 8)
pub const MACHINE_TITLE: &str = "Máy này của trường nào?";
pub const MACHINE_BODY: &str = "Mỗi lần lưu, sổ ghi ai đã lưu: nhờ đó khi trường gửi tệp về, văn phòng cụm biết tệp của trường nào. Chọn văn phòng cụm (cụm trưởng) nếu máy này dùng để tổng hợp cho cả cụm; chọn trường của mình nếu máy này của một trường thành viên. Có thể đổi sau bằng nút trên thanh công cụ.";
pub const MACHINE_CLUSTER: &str = "Văn phòng cụm (cụm trưởng tổng hợp)";
pub const MACHINE_LATER: &str = "Để sau";
pub fn machine_label(owner: &str) -> String {
    format!("Máy này: {owner}")
}
pub const MACHINE_CLUSTER_SHORT: &str = "văn phòng cụm";
pub const MACHINE_NOT_ASKED: &str = "chưa chọn";
pub fn machine_set(owner: &str) -> String {
    format!("Từ nay, các lần lưu trên máy này ghi là của {owner}.")
}

// Returned files (issue 8)
pub const VIEW_RETURNS: &str = "Tệp các trường gửi về";
pub const VIEW_HISTORY: &str = "Qua các năm";
pub const HISTORY_NO_FOLDER: &str = "Sổ này chưa được lưu vào thư mục nào: lưu sổ, hoặc bấm \u{201c}Chọn thư mục khác…\u{201d} để đọc thư mục chứa sổ các năm.";
pub const HISTORY_PICK: &str = "Chọn thư mục chứa sổ thi đua các năm";
pub const HISTORY_OTHER_FOLDER: &str = "Chọn thư mục khác…";
pub const HISTORY_RELOAD: &str = "Đọc lại";
pub const HISTORY_LOADING: &str = "Đang đọc các sổ trong thư mục…";
pub const HISTORY_TABLE: &str =
    "Tổng điểm và xếp hạng từng năm (= là đồng hạng; — là năm trường không có trong sổ)";
pub const HISTORY_CHART: &str = "Tổng điểm qua các năm";
pub const HISTORY_BARS_HINT: &str =
    "Số trên mỗi cặp cột: điểm cụm chấm thấp hơn (đỏ) hoặc cao hơn (xanh) điểm trường tự chấm.";
pub const NOT_SCORED: &str = "chưa chấm";
pub const HISTORY_MERGERS: &str = "Trường không còn trong cụm";
pub const HISTORY_MERGERS_HINT: &str = "Nếu trường đã sáp nhập vào một trường thành viên hiện nay, chọn trường đó: các năm của trường cũ sẽ hiện dưới trường mới (không cộng dồn).";
pub const CONTINUED_BY: &str = "Sáp nhập vào…";
pub const HISTORY_MERGER_SAVED: &str = "Đã ghi việc sáp nhập vào sổ. Lưu sổ rồi bấm \u{201c}Đọc lại\u{201d} ở \u{201c}Qua các năm\u{201d} để bảng hiện theo.";
pub fn history_gone(name: &str, last: i16) -> String {
    format!("{name} (năm cuối trong sổ: {last})")
}
pub const FORMERLY: &str = "tên cũ:";
pub const MERGED_IN: &str = "đã sáp nhập";
pub fn history_folder(f: &std::path::Path) -> String {
    format!("Thư mục: {}", f.display())
}
pub fn history_years(cluster: &str, files: usize, first: Option<i16>, last: Option<i16>) -> String {
    match (first, last) {
        (Some(a), Some(b)) => format!("{cluster}: {files} sổ, các năm {a}–{b}."),
        _ => "Thư mục không có sổ thi đua nào của cụm.".to_string(),
    }
}
pub fn history_missing(years: &str) -> String {
    format!("Không có sổ các năm: {years}.")
}
pub fn history_skipped(file: &str, why: &str) -> String {
    format!("Bỏ qua {file}: {why}.")
}
pub fn history_bars(year: i16) -> String {
    format!("Năm {year}: điểm tự chấm và điểm cụm chấm của từng trường")
}
pub fn cannot_read_folder(f: &std::path::Path, why: &str) -> String {
    format!("Không đọc được thư mục {}: {why}.", f.display())
}
pub const IMPORT_RETURNS: &str = "Nhập tệp các trường gửi về…";
pub const MAIL_OUT: &str = "Gửi cho các trường…";
pub const SAVE_THEN_SEND_TITLE: &str = "Lưu sổ rồi gửi?";
pub const SAVE_THEN_SEND_BODY: &str = "Sổ có thay đổi chưa lưu (hoặc biểu mẫu đang mở). Bản gửi đi chỉ mang những gì đã lưu trong sổ cụm, để sổ cụm luôn có đủ những gì các trường nhận được: lưu sổ rồi gửi, hoặc hủy.";
pub const SAVE_THEN_SEND: &str = "Lưu sổ rồi gửi";
pub const MAIL_OUT_SAVE_FIRST: &str =
    "Hãy lưu sổ của cụm trước: các bản gửi trường được lập trong thư mục bên cạnh tệp sổ.";
pub const RETURN_SIGNED: &str = "Có chữ ký của trường (bản nhận từ đợt gửi của cụm).";
pub const RETURN_UNSIGNED: &str = "Không có chữ ký: không chứng minh được trường nào gửi (tệp cũ, hoặc không phải bản cụm đã gửi). Chỉ nhận khi chắc chắn.";
pub const RETURN_EXCEL: &str = "Phiếu Excel của chính trường (mã phiếu khớp với khóa của trường): trường không dùng phần mềm, điền phiếu cụm gửi.";
pub const REVIEW_NOTES: &str = "Bỏ qua (không nhận, chỉ để biết):";
pub const RETURN_REOPENED: &str =
    "Tệp này đã gộp trước đây; các xung đột chưa quyết định được mở lại.";
pub const OPEN_CONFLICTS: &str = "Xung đột đang chờ quyết định";
pub const CONFLICT_DECIDED: &str = "Đã quyết định xung đột (có thể hoàn tác bằng Ctrl+Z).";
pub fn mailed_out(n: usize, dir: &std::path::Path) -> String {
    format!(
        "Đã lập {n} bản gửi các trường (mỗi trường một tệp .json và một phiếu tự chấm Excel .xlsx cho trường chưa dùng phần mềm) trong thư mục {}. Mỗi bản chỉ gửi cho đúng trường có tên trên tệp.",
        dir.display()
    )
}
pub fn open_conflict_line(school: &str, label: &str, value: &str, file: &str) -> String {
    format!("{school}: {label} — trường đề nghị: {value} (tệp {file})")
}
pub const DIALOG_RETURNS: &str = "Chọn các tệp các trường gửi về";
pub const FILTER_RETURNS: &str = "Tệp các trường gửi về (*.json, phiếu Excel *.xlsx)";
pub const FORM_DROP_NEEDS_MASTER: &str = "Đây là phiếu tự chấm Excel của một trường. Mở sổ của cụm trước (trên máy văn phòng cụm), rồi kéo phiếu vào cửa sổ để gộp.";
pub const DIALOG_MASTER: &str = "Chọn sổ của cụm để gộp bản của trường vào";
pub const ACCEPTED_HINT: &str = "cụm nhận";
/// A school's bonus claim beside what the cluster accepted of it.
pub fn bonus_claim_line(
    claimed: crate::workbook::Points,
    accepted: Option<crate::workbook::Points>,
    reason: &str,
) -> String {
    match accepted {
        None => format!("+{claimed} {reason} (trường đề nghị; cụm chưa xét)"),
        Some(a) => format!("+{claimed} {reason} (trường đề nghị; cụm nhận {a})"),
    }
}
pub const RELOAD: &str = "Tải lại tệp";
pub const DETAILS: &str = "Chi tiết…";
pub const NEWS_TITLE: &str = "Tin bài về hội nghị";
pub const NEWS_HELP: &str =
    "Tin bài được lập từ dữ liệu của năm (trong mục Văn bản). Ở đây chỉ cần ghi người viết tin.";
pub const BYLINE_HINT: &str = "Người viết tin: họ tên; chức vụ";
pub const COPY_NEWS: &str = "Chép nội dung tin (để dán lên trang web)";
pub const DETAILS_TITLE: &str = "Thông báo";
pub fn changed_on_disk_clean(file: &str) -> String {
    format!(
        "Tệp \u{201c}{file}\u{201d} vừa được lưu từ cửa sổ hoặc chương trình khác. Bấm \u{201c}Tải lại tệp\u{201d} để xem bản mới nhất."
    )
}
pub fn changed_on_disk_dirty(file: &str) -> String {
    format!(
        "Tệp \u{201c}{file}\u{201d} vừa được lưu từ cửa sổ hoặc chương trình khác, trong khi ở đây còn thay đổi chưa lưu. Tải lại sẽ hỏi trước khi bỏ các thay đổi này; lưu sẽ hỏi trước khi ghi đè."
    )
}
pub fn export_folder(dir: &std::path::Path) -> String {
    format!("Thư mục: {}", dir.display())
}
pub const CLUSTER_SCORE_KEY: &str = "Cụm chấm (Alt+C)";
pub const SELF_SCORE_KEY: &str = "Tự chấm (Alt+T)";
pub const DIALOG_KEYS: &str = "Enter: nút đầu tiên · Esc: thoát, không thay đổi gì";
pub const RECOVERY_KEYS: &str = "Enter: khôi phục";
pub const MERGE_COPY: &str = "Gộp vào sổ cụm…";
pub const FINAL_COPY: &str = "Gửi bản cuối…";
pub const REISSUE: &str = "Lập lại bản gửi";
pub fn final_copy_written(path: &std::path::Path) -> String {
    format!(
        "Đã lập bản cuối gửi các trường: {} (không có khóa ký; gửi cho mọi trường).",
        path.display()
    )
}
pub fn reissued(school: &str, path: &std::path::Path) -> String {
    format!(
        "Đã lập lại bản gửi {school}: {} và phiếu Excel cùng tên (cùng khóa, số liệu hiện tại).",
        path.display()
    )
}
pub const MASTER_IS_A_COPY: &str =
    "Tệp vừa chọn cũng là bản của một trường, không phải sổ của cụm: hãy chọn sổ của cụm.";
/// Above a school's copy opened on the cluster's machine.
pub fn copy_on_cluster_machine(school: &str) -> String {
    format!(
        "Đây là bản của {school} (bản gửi các trường). Máy này là máy của cụm: bản này chỉ để xem; gộp nó vào sổ của cụm để nhận các thay đổi."
    )
}
pub fn copy_read_only(school: &str) -> String {
    format!(
        "Bản của {school} chỉ để xem trên máy của cụm: không sửa được. Bấm \u{201c}Gộp vào sổ cụm…\u{201d} để nhận các thay đổi của trường."
    )
}
/// When a school opens its copy: what is still to fill before sending.
pub fn copy_still_missing(school: &str, missing: &[String]) -> String {
    if missing.is_empty() {
        return format!(
            "Bản của {school}: đã tự chấm đủ các tiêu chí. Lưu tệp rồi gửi lại cho Cụm trưởng."
        );
    }
    let shown: Vec<&str> = missing.iter().take(12).map(String::as_str).collect();
    let more = if missing.len() > shown.len() {
        format!(" và {} tiêu chí khác", missing.len() - shown.len())
    } else {
        String::new()
    };
    format!(
        "Bản của {school}: còn thiếu tự chấm {} tiêu chí: {}{more}. Chấm xong, lưu tệp rồi gửi lại cho Cụm trưởng.",
        missing.len(),
        shown.join(", ")
    )
}
pub const REVIEW_TITLE: &str = "Xem trước khi gộp tệp các trường gửi về";
pub const REVIEW_HELP: &str = "Sổ chưa thay đổi. Bỏ đánh dấu thay đổi không muốn nhận; với mỗi xung đột, chọn giữ bản của cụm hay lấy bản của trường. Thay đổi bị từ chối không bao giờ được gộp. Bấm \u{201c}Áp dụng\u{201d} để gộp tất cả trong một bước (có thể hoàn tác).";
pub const REVIEW_LEAVE_OUT: &str = "Bỏ tệp này";
pub const REVIEW_SENT_BY: &str = "Trường gửi tệp này:";
pub const REVIEW_PICK_SCHOOL: &str = "Chọn trường…";
pub const REVIEW_NAME_SCHOOLS: &str =
    "Tệp không có chữ ký: hãy chọn trường đã gửi từng tệp trước khi áp dụng.";
pub const REVIEW_CANNOT_REREAD: &str =
    "Không đọc lại được tệp này để gộp theo trường đã chọn: hãy bỏ tệp này rồi mở lại.";
pub const CLAIMS_NO_SCHOOL: &str = "không ghi trường nào";
pub fn return_unsigned_claims(school: &str) -> String {
    format!("Tệp không có chữ ký, tự ghi là của {school}")
}
pub fn return_claims_other(school: &str) -> String {
    format!("Tệp tự ghi là của {school}, khác trường đã chọn: chỉ gộp vào phần của trường đã chọn.")
}
pub const RETURN_FORGED: &str = "GIẢ MẠO — chữ ký không khớp với trường có tên trên tệp: không gộp. Hãy hỏi lại trường qua điện thoại.";
pub const RETURN_REFUSED_WHOLE: &str = "Không gộp được tệp này.";
pub const REVIEW_NO_CHANGES: &str = "Tệp không có thay đổi nào so với sổ đang mở.";
pub const REVIEW_RECORD: &str = "Nội dung";
pub const REVIEW_KIND: &str = "Loại";
pub const REVIEW_OLD: &str = "Trong sổ của cụm";
pub const REVIEW_NEW: &str = "Trong tệp của trường";
pub const REVIEW_STATUS: &str = "Xử lý";
pub const REVIEW_ACCEPT: &str = "Nhận";
pub const KEEP_CLUSTER: &str = "Giữ của cụm";
pub const TAKE_SCHOOL: &str = "Lấy của trường";
pub const MERGE_APPLY: &str = "Áp dụng";
pub const MERGE_CANCELLED: &str = "Đã hủy: sổ không thay đổi.";
pub const NO_RETURNS: &str = "Chưa gộp tệp nào.";
pub const NONE_MISSING: &str = "Tất cả các trường đã gửi tệp về.";
pub const RETURNS_HELP: &str = "Các tệp đã gộp vào sổ và các trường chưa gửi tệp về. Có thể kéo thả tệp các trường gửi về vào cửa sổ.";
pub const RETURN_SCHOOL: &str = "Trường";
pub const RETURN_FILE: &str = "Tệp";
pub const RETURN_DATE: &str = "Ngày gộp";
pub const RETURN_COUNTS: &str = "Kết quả";
pub const DROP_OPEN_HINT: &str =
    "Muốn mở tệp này như một sổ riêng, hãy đóng sổ đang mở hoặc dùng nút \u{201c}Mở\u{201d}.";
pub fn return_from(school: &str) -> String {
    format!("Tệp của {school}")
}
pub fn return_file_line(file: &str, save_count: u64) -> String {
    format!("Tệp \u{201c}{file}\u{201d} — lưu lần thứ {save_count}")
}
pub fn return_form_line(file: &str) -> String {
    format!("Tệp \u{201c}{file}\u{201d} — phiếu tự chấm Excel")
}
pub fn return_refused(file: &str, reason: &str) -> String {
    format!("\u{201c}{file}\u{201d}: {reason}")
}
pub fn return_already_in_review(file: &str, school: &str, other: &str) -> String {
    format!(
        "\u{201c}{file}\u{201d}: đang xem tệp \u{201c}{other}\u{201d} của {school}. Hãy áp dụng hoặc hủy tệp đó trước rồi nhập lại tệp này."
    )
}
pub fn review_undecided(n: usize) -> String {
    format!("Còn {n} xung đột chưa chọn: hãy chọn giữ của cụm hay lấy của trường.")
}
pub fn merge_refused(why: &str) -> String {
    format!("Chưa gộp gì (sổ giữ nguyên):\n{why}")
}
pub fn merged(files: usize, accepted: u32, kept: u32, refused: u32) -> String {
    format!(
        "Đã gộp {files} tệp: nhận {accepted} thay đổi, giữ bản của cụm {kept}, từ chối {refused}. Bấm Hoàn tác nếu muốn trở lại như trước khi gộp."
    )
}
pub fn returns_merged_heading(n: usize) -> String {
    format!("Đã gộp ({n} tệp)")
}
pub fn returns_missing_heading(n: usize) -> String {
    format!("Chưa gửi về ({n} trường)")
}
pub fn return_counts(accepted: u32, refused: u32, kept: u32, undecided: u32) -> String {
    let mut s = format!("nhận {accepted} · giữ của cụm {kept} · từ chối {refused}");
    if undecided > 0 {
        s.push_str(&format!(" · chưa quyết {undecided}"));
    }
    s
}

/// On a member school's machine, above the scoring grid.
pub fn own_scores_only(school: &str) -> String {
    format!("Máy của {school}: chỉ nhập điểm tự chấm của trường mình; phần còn lại chỉ xem.")
}

/// On a member school's machine, above every view but the scoring grid.
pub fn school_machine_scope(school: &str) -> String {
    format!(
        "Máy của {school}: chỉ sửa được phần của trường mình (điểm tự chấm, ghi chú, minh chứng, hoạt động do trường nhập); phần còn lại chỉ xem."
    )
}

// ---- the year's deletions ("Đã xóa") ----------------------------------------

pub fn deleted_heading(n: usize) -> String {
    format!("Đã xóa trong năm ({n})")
}
pub const DELETED_HELP: &str = "Bản ghi đã xóa được giữ lại ở đây để tệp cũ của các trường gửi về không đưa chúng trở lại. Bấm \u{201c}Khôi phục\u{201d} nếu xóa nhầm.";
pub fn deleted_by(who: &str, on: Option<String>) -> String {
    match on {
        Some(on) => format!("Xóa bởi {who}, ngày {on}"),
        None => format!("Xóa bởi {who}"),
    }
}
pub const RESTORE_DELETED: &str = "Khôi phục";
pub const RESTORE_UNREADABLE: &str = "Không đọc được bản ghi đã xóa này: không khôi phục được.";
pub fn restored(label: &str) -> String {
    format!("Đã khôi phục: {label}. (Ctrl+Z để hoàn tác.)")
}

// The lock beside an open workbook (`master::lock`).
pub const HELD_TITLE: &str = "Sổ đang được mở ở nơi khác";
pub const HELD_CRASHED_TITLE: &str = "Sổ vẫn ghi là đang được mở trên máy khác";
pub const HELD_READ_ONLY: &str = "Mở chỉ để xem";
pub const HELD_TAKE_OVER: &str = "Mở tiếp";
pub fn held_body(why: &str) -> String {
    format!(
        "{why}\n\nCó thể mở sổ chỉ để xem: không lưu đè được lên tệp này (dùng \u{201c}Lưu thành…\u{201d} để lưu ra tệp khác)."
    )
}
pub fn held_crashed_body(why: &str) -> String {
    format!(
        "{why} Mở tiếp?\n\nChỉ chọn \u{201c}Mở tiếp\u{201d} khi chắc chắn máy đó không còn mở sổ (đã tắt, hoặc đã đóng chương trình): nếu không, hai nơi cùng ghi một sổ sẽ mất dữ liệu."
    )
}
pub fn read_only_save_refused(who: &str) -> String {
    format!(
        "Sổ đang được mở trên {who}: cửa sổ này chỉ để xem, không lưu đè lên tệp. Mọi thay đổi vẫn còn trong cửa sổ; hãy dùng \u{201c}Lưu thành…\u{201d} để lưu ra tệp khác."
    )
}
pub fn read_only_notice(who: &str) -> String {
    format!("Mở chỉ để xem: sổ đang được mở trên {who}.")
}
pub const CREATE_FOLDER_TITLE: &str = "Thư mục chưa có";
pub const CREATE_FOLDER: &str = "Tạo thư mục rồi lưu";
pub fn create_folder_body(dir: &std::path::Path) -> String {
    format!(
        "Thư mục \u{201c}{}\u{201d} chưa có. Tạo thư mục này rồi lưu vào đó?",
        dir.display()
    )
}

/// Under a text field near its limit: "190/200 ký tự".
pub fn chars_left(n: usize, max: usize) -> String {
    format!("{n}/{max} ký tự")
}

/// F1: every shortcut of the window, as the clerk reads them.
pub const SHORTCUTS: &str = "Phím tắt của Sổ Thi Đua\n\
\n\
Ctrl+N — Sổ mới\n\
Ctrl+O — Mở sổ\n\
Ctrl+S — Lưu\n\
Ctrl+Shift+S — Lưu thành…\n\
Ctrl+Z — Hoàn tác (trong ô đang gõ: hoàn tác chữ vừa gõ)\n\
Ctrl+Y hoặc Ctrl+Shift+Z — Làm lại\n\
Ctrl+ + / Ctrl+ − — Phóng to / thu nhỏ chữ\n\
Tab / Shift+Tab — Sang ô, nút kế tiếp / trước\n\
Enter — Bấm nút đang chọn; ghi điểm và xuống ô dưới\n\
Esc — Đóng hộp thoại, bỏ điều đang gõ\n\
Alt+C / Alt+T — Bảng điểm: nhập điểm cụm chấm / tự chấm\n\
← / → — Bảng điểm: ghi điểm đang gõ và sang ô bên cạnh\n\
F2 — Bảng điểm: sửa điểm trong ô (← / → di chuyển trong ô)\n\
Esc — Bảng điểm: trả lại điểm cũ của ô\n\
F6 — Ra khỏi bảng điểm, sang ghi chú và các nút\n\
F1 — Danh sách phím tắt này";
/// Beside an inline confirmation's buttons.
pub const CONFIRM_KEYS: &str = "Enter: xóa · Esc: hủy";
/// Beside an invalid cell's error: the way out.
pub const ESC_RESTORES: &str = "Esc: trả lại điểm cũ";
/// Beside the grid's title: the legend shows on hover.
pub const HOW_TO_TYPE: &str = "Cách nhập (di chuột vào đây)";
/// The folded panel of a cell (short windows) and the button folding it.
pub const OPEN_PANEL: &str = "Ghi chú, minh chứng, điểm thưởng/trừ ▸";
pub const FOLD_PANEL: &str = "Thu gọn ▴";
/// Exporting into a folder that does not exist yet.
pub fn create_export_folder_body(dir: &std::path::Path) -> String {
    format!(
        "Thư mục \u{201c}{}\u{201d} chưa có. Tạo thư mục này rồi xuất các văn bản vào đó?",
        dir.display()
    )
}
pub const CREATE_FOLDER_EXPORT: &str = "Tạo thư mục và xuất";
pub fn cannot_create_folder(why: &str) -> String {
    format!("Không tạo được thư mục: {why}")
}
/// Beside an activity's disabled buttons on a machine that may not change it.
pub fn not_yours_hint(whose: &str) -> String {
    format!("Chỉ xem: {whose}")
}
pub const READ_ONLY_COPY_HINT: &str = "Chỉ xem: đây là bản sao, không sửa ở đây";

// ----- Quy chế (the rules view) -----
pub const VIEW_RULES: &str = "Quy chế";
pub const RULES_THRESHOLD: &str = "Ngưỡng biểu quyết";
pub const RULES_QUORUM: &str = "Số đại biểu tối thiểu";
pub const RULES_BANDS: &str = "Mức xếp loại (cao nhất trước; điểm tối thiểu)";
pub const RULES_BAND_NAME: &str = "Tên mức xếp loại";
pub const RULES_FROM: &str = "từ";
pub const RULES_NO_ZERO: &str = "không tiêu chí nào 0 điểm";
pub const RULES_ADD_BAND: &str = "+ Thêm mức xếp loại";
pub const RULES_BALLOT: &str = "Bỏ phiếu (chung cho các danh hiệu)";
pub const RULES_AWARDS: &str = "Danh hiệu đề nghị khen thưởng";
pub const RULES_AWARD_SHORT: &str = "Tên ngắn";
pub const RULES_AWARD_NAME: &str = "Tên đầy đủ";
pub const RULES_QUOTA: &str = "Chỉ tiêu";
pub const RULES_OWN_RULE: &str = "ngưỡng bỏ phiếu riêng";
pub const RULES_TIE_BREAK: &str = "Thứ tự tiêu chí phụ khi bằng điểm";
pub const RULES_LEGAL: &str = "Căn cứ pháp lý (mỗi dòng một căn cứ, theo thứ tự in)";
pub const RULES_LEGAL_HINT: &str = "Ví dụ: Nghị định số 152/2025/NĐ-CP ngày … của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng";
pub const RULES_APPLY: &str = "Áp dụng";
pub const RULES_DISCARD: &str = "Bỏ thay đổi";
pub const RULES_NO_EFFECT: &str = "Thay đổi này không làm đổi kết quả năm nay.";
pub const RULES_EFFECT_TITLE: &str = "Nếu áp dụng, kết quả năm nay sẽ đổi:";
pub const RULES_MORE_THAN: &str = "trên";
pub const RULES_AT_LEAST: &str = "từ";
pub const RULES_OF_ALL: &str = "tổng số thành viên";
pub const RULES_OF_PRESENT: &str = "số đại biểu có mặt";
pub const ROUND_DOWN: &str = "làm tròn xuống";
pub const ROUND_NEAREST: &str = "làm tròn";
pub const ROUND_UP: &str = "làm tròn lên";
pub const TIE_FEWER_DEDUCTIONS: &str = "Ít điểm trừ hơn";
pub const TIE_CHAIR: &str = "Chủ trì hội nghị quyết định";
pub fn tie_ballot(award: &str) -> String {
    format!("Nhiều phiếu bầu {award} hơn")
}
pub fn tie_section(code: &str, title: &str) -> String {
    format!("Điểm mục {code} ({title}) cao hơn")
}
pub fn rules_bad_ratio(label: &str, of: &str, typed: &str) -> String {
    let of = if of.is_empty() {
        String::new()
    } else {
        format!(" ({of})")
    };
    format!("{label}{of}: \u{201c}{typed}\u{201d} không phải tỷ lệ (ví dụ 50% hoặc 2/3).")
}
pub fn rules_bad_points(label: &str, typed: &str) -> String {
    format!("{label}: \u{201c}{typed}\u{201d} không phải số điểm.")
}
pub fn rules_bad_quota(award: &str, typed: &str) -> String {
    format!(
        "Chỉ tiêu {award}: \u{201c}{typed}\u{201d} phải là số trường (ví dụ 1) hoặc tỷ lệ (ví dụ 20%)."
    )
}
pub fn rules_refused(problem: &str) -> String {
    format!("Chưa áp dụng được: {problem}")
}
pub fn effect_rating(school: &str, from: &str, to: &str) -> String {
    format!("{school}: xếp loại từ \u{201c}{from}\u{201d} thành \u{201c}{to}\u{201d}")
}
pub fn effect_rank(school: &str, from: u32, to: u32) -> String {
    format!("{school}: hạng {from} thành hạng {to}")
}
pub fn effect_threshold(school: &str, award: &str, met: bool) -> String {
    if met {
        format!("{school} sẽ đạt ngưỡng {award}")
    } else {
        format!("{school} sẽ không còn đạt ngưỡng {award}")
    }
}
pub fn effect_proposal(school: &str, award: &str, proposed: bool) -> String {
    if proposed {
        format!("{school} sẽ được đề nghị {award}")
    } else {
        format!("{school} sẽ không còn được đề nghị {award}")
    }
}

// ----- the documents' editor -----
pub const DOC_EDITOR_TITLE: &str = "Nội dung văn bản";
pub const DOC_EDITOR_HINT: &str = "Chọn một văn bản ở danh sách trên để sửa số, ngày, nơi nhận và nội dung, xem trang in ngay bên cạnh.";
pub const DOC_NUMBER: &str = "Số văn bản";
pub const DOC_DATE: &str = "Ngày văn bản (trống: ngày hội nghị)";
pub const DOC_DATE_HINT: &str = "ngày/tháng/năm";
pub const DOC_PLACE: &str = "Địa danh ở dòng ngày tháng (trống: tỉnh của cụm trưởng)";
pub const DOC_PLACE_HINT: &str = "Bà Rịa - Vũng Tàu";
pub const DOC_RECIPIENTS: &str = "Nơi nhận (mỗi dòng một nơi; chung cho các văn bản gửi đi)";
pub const DOC_ATTACHMENTS: &str = "Hồ sơ gửi kèm tờ trình (mỗi dòng một văn bản)";
pub const DOC_BYLINE: &str = "Người viết tin (dòng 1: họ tên; dòng 2: chức vụ)";
pub const DOC_SAVE: &str = "Lưu vào sổ";
pub const DOC_DISCARD: &str = "Bỏ thay đổi";
pub const DOC_PREVIEW: &str = "Trang in (cập nhật khi gõ)";
pub fn doc_bad_date(typed: &str) -> String {
    format!("Ngày \u{201c}{typed}\u{201d} không hợp lệ: hãy gõ ngày/tháng/năm, ví dụ 22/11/2019.")
}
pub const BACK_TO_DOCUMENTS: &str = "← Danh sách văn bản";

// ----- criteria imported from Word or Excel -----
pub const DIALOG_IMPORT_CRITERIA: &str = "Chọn tệp Word hoặc Excel có bảng tiêu chí";
pub const FILTER_TABLES: &str = "Bảng Word, Excel (.docx, .xlsx, .xls, .ods)";
pub const IMPORT_CRITERIA: &str = "Nhập từ Word/Excel…";
pub const IMPORT_APPLY: &str = "Nhập vào sổ";
pub const IMPORT_REPLACE: &str = "Bỏ các tiêu chí này cùng điểm đã chấm";
pub const IMPORT_NOT_UNDERSTOOD: &str = "Các dòng chưa hiểu (không nhập):";
pub const IMPORT_VANISHING: &str = "Các tiêu chí đã có điểm sẽ không còn chỗ trong bảng mới:";
pub fn criteria_table_unreadable(name: &str, why: &str) -> String {
    format!("Không nhập được bảng tiêu chí từ \u{201c}{name}\u{201d}: {why}")
}
pub fn import_title(name: &str, count: usize, total: crate::workbook::Points) -> String {
    format!("Bảng đọc từ \u{201c}{name}\u{201d}: {count} tiêu chí, tổng {total} điểm")
}
pub fn import_fit(matched: usize, added: usize, gone: usize) -> String {
    format!(
        "So với bảng đang có: {matched} tiêu chí khớp mã (giữ điểm đã chấm), {added} tiêu chí mới, {gone} tiêu chí không còn."
    )
}
pub fn criteria_imported(name: &str) -> String {
    format!("Đã nhập bảng tiêu chí từ \u{201c}{name}\u{201d} (Ctrl+Z để hoàn tác).")
}
pub const WARN_NO_NUMBER: &str = "Chưa có số văn bản: bản in để trống chỗ số.";
pub const WARN_NO_DATE: &str = "Chưa có ngày văn bản (và chưa có ngày hội nghị).";
pub const WARN_LONE_SIGNATURE: &str =
    "Trang cuối chỉ còn phần ký: nên rút gọn nội dung để phần ký đi cùng đoạn cuối.";
pub fn warn_same_number(n: &str, other: &str) -> String {
    format!("Số {n} trùng với số của {other}.")
}
pub fn warn_basis_replaced(basis: &str) -> String {
    format!(
        "Căn cứ \u{201c}{}\u{201d}: Nghị định 98/2023/NĐ-CP đã được thay bằng Nghị định 152/2025/NĐ-CP từ 01/07/2025.",
        crate::text::shorten(basis, 60)
    )
}
pub fn warn_basis_not_yet(basis: &str) -> String {
    format!(
        "Căn cứ \u{201c}{}\u{201d}: Nghị định 152/2025/NĐ-CP chỉ có hiệu lực từ 01/07/2025, sau ngày của văn bản.",
        crate::text::shorten(basis, 60)
    )
}
