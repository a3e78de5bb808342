//! The Excel form's layout, written once: each sheet's name, the mark of
//! its hidden key column, the prefix of its row keys, its header row and
//! its columns (header and width). The writer (`form`) lays the sheets out
//! from it and the reader (`read`) finds sheets and columns by it, so the
//! two cannot disagree (before, each kept its own list of headers).

/// One column of a sheet.
pub struct Column {
    /// Its header, by which the reader finds it (the clerk may move it).
    pub header: &'static str,
    /// Its width in Excel's character units.
    pub width: f64,
}

/// One input sheet of the form.
pub struct Sheet {
    /// The tab's name.
    pub name: &'static str,
    /// The header of the hidden key column: finds the sheet and its header
    /// row whatever the clerk renamed or inserted above it.
    pub mark: &'static str,
    /// What each row's key starts with ("c:" + a criterion's id …).
    pub key_prefix: &'static str,
    /// The header row (0-based) as written.
    pub header_row: u32,
    pub columns: &'static [Column],
}

impl Sheet {
    /// The columns' headers, in order.
    pub fn headers(&self) -> Vec<&'static str> {
        self.columns.iter().map(|c| c.header).collect()
    }
}

const fn col(header: &'static str, width: f64) -> Column {
    Column { header, width }
}

/// "Tự chấm": the criteria, each leaf with the school's score, note and
/// evidence. Columns by position: see [`self_col`].
pub const SELF: Sheet = Sheet {
    name: "Tự chấm",
    mark: "#tu-cham",
    key_prefix: "c:",
    header_row: 4,
    columns: &[
        col("Mã", 8.0),
        col("Tiêu chí", 62.0),
        col("Điểm chuẩn", 10.0),
        col("Tự chấm", 10.0),
        col("Ghi chú", 30.0),
        col("Minh chứng (mỗi dòng một văn bản)", 32.0),
    ],
};

/// Positions in [`SELF`].
pub mod self_col {
    pub const CODE: usize = 0;
    pub const TITLE: usize = 1;
    pub const MAX: usize = 2;
    pub const POINTS: usize = 3;
    pub const NOTE: usize = 4;
    pub const EVIDENCE: usize = 5;
}

/// "Điểm thưởng": the school's bonus claims, the cluster's accepted amount.
pub const BONUS: Sheet = Sheet {
    name: "Điểm thưởng",
    mark: "#diem-thuong",
    key_prefix: "b:",
    header_row: 4,
    columns: &[
        col("STT", 6.0),
        col("Nội dung đề nghị thưởng", 60.0),
        col("Điểm đề nghị", 12.0),
        col("Minh chứng (mỗi dòng một văn bản)", 40.0),
        col("Cụm chấp nhận", 12.0),
    ],
};

/// Positions in [`BONUS`].
pub mod bonus_col {
    pub const REASON: usize = 1;
    pub const POINTS: usize = 2;
    pub const EVIDENCE: usize = 3;
    pub const ACCEPTED: usize = 4;
}

/// "Đăng ký": the award registered, commitments, date, pact.
pub const REGISTRATION: Sheet = Sheet {
    name: "Đăng ký",
    mark: "#dang-ky",
    key_prefix: "",
    header_row: 3,
    columns: &[col("Nội dung", 34.0), col("Trường điền", 90.0)],
};

/// Positions in [`REGISTRATION`].
pub mod registration_col {
    pub const VALUE: usize = 1;
}

/// "Hoạt động": the activities the school created or hosts.
pub const ACTIVITIES: Sheet = Sheet {
    name: "Hoạt động",
    mark: "#hoat-dong",
    key_prefix: "a:",
    header_row: 4,
    columns: &[
        col("STT", 6.0),
        col("Loại hoạt động", 30.0),
        col("Tên hoạt động", 50.0),
        col("Từ ngày", 12.0),
        col("Đến ngày", 12.0),
        col("Ghi chú", 30.0),
        col("Minh chứng (mỗi dòng một văn bản)", 30.0),
    ],
};

/// Positions in [`ACTIVITIES`].
pub mod activity_col {
    pub const KIND: usize = 1;
    pub const TITLE: usize = 2;
    pub const START: usize = 3;
    pub const END: usize = 4;
    pub const NOTE: usize = 5;
    pub const EVIDENCE: usize = 6;
}

/// The input sheets, in the workbook's order.
pub const SHEETS: [&Sheet; 4] = [&SELF, &BONUS, &REGISTRATION, &ACTIVITIES];
