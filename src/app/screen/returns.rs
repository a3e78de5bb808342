//! The tracker of returned files: which schools' files are merged (when,
//! under what name, what was taken) and which schools have not sent theirs
//! yet — what the leader checks the week before the conference.

use crate::app::button::{self, button};
use iced::widget::{column, container, row, scrollable, space, text};
use iced::{Alignment, Element, Length};

use crate::app::{font, strings as s, theme};
use crate::exchange;
use crate::text::format_date;
use crate::workbook::{ReturnRecord, Workbook};

/// The tracker for `wb`; `import` is the message of the import button.
/// `decide` is the message of a decision on the open conflict at an index.
/// What the tracker's buttons send.
pub struct Actions<M, D, R, K> {
    pub import: M,
    pub mail_out: M,
    pub final_copy: M,
    /// A decision on the open conflict at an index.
    pub decide: D,
    /// Re-issue one school's copy (lost, or sent to the wrong address).
    pub reissue: R,
    /// Restore the deleted record at an index of the year's deletions.
    pub restore: K,
}

pub fn view<'a, M, D, R, K>(wb: &'a Workbook, actions: Actions<M, D, R, K>) -> Element<'a, M>
where
    M: Clone + 'a,
    D: Fn(usize, exchange::Decision) -> M,
    R: Fn(crate::workbook::Id) -> M,
    K: Fn(usize) -> M,
{
    let Actions {
        import,
        mail_out,
        final_copy,
        decide,
        reissue,
        restore,
    } = actions;
    let missing = exchange::missing(wb);
    let returns = &wb.provenance.returns;
    let header = row![
        text(s::VIEW_RETURNS)
            .size(theme::TEXT_TITLE)
            .font(font::BOLD),
        space::horizontal(),
        button(s::MAIL_OUT)
            .on_press(mail_out)
            .style(button::secondary),
        button(s::FINAL_COPY)
            .on_press(final_copy)
            .style(button::secondary),
        button(s::IMPORT_RETURNS)
            .on_press(import)
            .style(button::primary),
    ]
    .spacing(theme::SPACE_S)
    .align_y(Alignment::Center);

    let mut merged = column![
        text(s::returns_merged_heading(returns.len()))
            .size(theme::TEXT_HEADING)
            .font(font::BOLD)
    ]
    .spacing(theme::SPACE_S);
    if returns.is_empty() {
        merged = merged.push(text(s::NO_RETURNS).color(theme::MUTED));
    } else {
        let h = |t: &'a str| text(t).size(theme::TEXT_SMALL).color(theme::MUTED);
        merged = merged.push(
            row![
                h(s::RETURN_SCHOOL).width(Length::FillPortion(3)),
                h(s::RETURN_FILE).width(Length::FillPortion(3)),
                h(s::RETURN_DATE).width(Length::FillPortion(1)),
                h(s::RETURN_COUNTS).width(Length::FillPortion(4)),
            ]
            .spacing(theme::SPACE_S),
        );
        for r in returns {
            merged = merged.push(return_row(wb, r));
        }
    }

    let mut waiting = column![
        text(s::returns_missing_heading(missing.len()))
            .size(theme::TEXT_HEADING)
            .font(font::BOLD)
    ]
    .spacing(theme::SPACE_S);
    if missing.is_empty() {
        waiting = waiting.push(text(s::NONE_MISSING).color(theme::GOOD));
    }
    for id in &missing {
        waiting = waiting.push(
            row![
                text(format!("• {}", wb.school_full_name(id))).width(Length::Fill),
                button(text(s::REISSUE).size(theme::TEXT_SMALL))
                    .on_press(reissue(id.clone()))
                    .padding([4, 8])
                    .style(theme::quiet),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
        );
    }

    let mut open = column![
        text(format!(
            "{} ({})",
            s::OPEN_CONFLICTS,
            wb.provenance.conflicts.len()
        ))
        .size(theme::TEXT_HEADING)
        .font(font::BOLD)
    ]
    .spacing(theme::SPACE_S);
    for (n, c) in wb.provenance.conflicts.iter().enumerate() {
        let choice = |label: &'a str, d: exchange::Decision| {
            button(text(label).size(theme::TEXT_SMALL))
                .on_press(decide(n, d))
                .padding([4, 8])
                .style(theme::quiet)
        };
        let can_take = c.school_record.is_some() || c.school_deleted;
        open = open.push(
            row![
                text(s::open_conflict_line(
                    &wb.school_name(&c.school),
                    &c.label,
                    &c.value,
                    &c.file_name,
                ))
                .size(theme::TEXT_SMALL)
                .width(Length::Fill),
                choice(s::KEEP_CLUSTER, exchange::Decision::KeepLeader),
                can_take.then(|| choice(s::TAKE_SCHOOL, exchange::Decision::TakeSchool)),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
        );
    }
    let open = (!wb.provenance.conflicts.is_empty()).then(|| {
        container(open)
            .padding(theme::SPACE_M)
            .width(Length::Fill)
            .style(theme::card)
    });
    let deleted = deletions(wb, restore);
    column![
        header,
        text(s::RETURNS_HELP).color(theme::MUTED),
        scrollable(
            column![
                open,
                container(merged)
                    .padding(theme::SPACE_M)
                    .width(Length::Fill)
                    .style(theme::card),
                container(waiting)
                    .padding(theme::SPACE_M)
                    .width(Length::Fill)
                    .style(theme::card),
                deleted,
            ]
            .spacing(theme::SPACE_M)
            .padding(iced::Padding::ZERO.right(theme::SPACE_M))
        )
        .id("returns-list")
        .height(Length::Fill),
    ]
    .spacing(theme::SPACE_M)
    .into()
}

fn return_row<'a, M: 'a>(wb: &'a Workbook, r: &'a ReturnRecord) -> Element<'a, M> {
    let small = |t: String| text(t).size(theme::TEXT_SMALL);
    row![
        small(wb.school_name(&r.school)).width(Length::FillPortion(3)),
        small(r.file_name.clone()).width(Length::FillPortion(3)),
        small(r.merged_on.map(format_date).unwrap_or_default()).width(Length::FillPortion(1)),
        small(s::return_counts(r.accepted, r.refused, r.kept, r.undecided))
            .width(Length::FillPortion(4)),
    ]
    .spacing(theme::SPACE_S)
    .align_y(Alignment::Center)
    .into()
}

/// "Đã xóa": the year's deletions — what, by whom, when — each with
/// "Khôi phục". A deletion is kept so that a school's older copy cannot
/// bring the record back; restoring it is the clerk's decision, one
/// undoable edit. None while nothing was deleted.
fn deletions<'a, M, K>(wb: &'a Workbook, restore: K) -> Option<Element<'a, M>>
where
    M: Clone + 'a,
    K: Fn(usize) -> M,
{
    let list = &wb.provenance.deleted;
    if list.is_empty() {
        return None;
    }
    let mut col = column![
        text(s::deleted_heading(list.len()))
            .size(theme::TEXT_HEADING)
            .font(font::BOLD),
        text(s::DELETED_HELP)
            .size(theme::TEXT_SMALL)
            .color(theme::MUTED),
    ]
    .spacing(theme::SPACE_S);
    for (n, d) in list.iter().enumerate() {
        let (label, value) = exchange::deletion_label(wb, d);
        let who = exchange::editor_name(wb, &d.by);
        col = col.push(
            row![
                column![
                    text(label).size(theme::TEXT_SMALL).font(font::BOLD),
                    (!value.is_empty()).then(|| text(value).size(theme::TEXT_SMALL)),
                    text(s::deleted_by(&who, d.on.map(format_date)))
                        .size(theme::TEXT_SMALL)
                        .color(theme::MUTED),
                ]
                .spacing(2)
                .width(Length::Fill),
                button(text(s::RESTORE_DELETED).size(theme::TEXT_SMALL))
                    .on_press(restore(n))
                    .padding([4, 8])
                    .style(theme::quiet),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
        );
    }
    Some(
        container(col)
            .padding(theme::SPACE_M)
            .width(Length::Fill)
            .style(theme::card)
            .into(),
    )
}
