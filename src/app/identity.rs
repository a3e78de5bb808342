//! Whose machine this is and who edits: the cluster's office, a member
//! school, or a school's copy from the mail-out (which knows whose it is).

use super::*;

impl App {
    /// Whose machine this is; the cluster's office until someone says.
    /// Who edits: a school's copy from the mail-out edits as that school,
    /// whatever this machine is set to; otherwise the machine's setting.
    pub fn machine(&self) -> Owner {
        if let Some(school) = self
            .doc
            .as_ref()
            .and_then(|d| d.workbook.provenance.copy_for.clone())
        {
            return Owner::School(school);
        }
        self.settings
            .settings
            .machine
            .clone()
            .unwrap_or(Owner::Cluster)
    }

    /// The school whose copy (from the mail-out) is open on the cluster's
    /// machine: shown read-only, to be merged into the cluster's workbook.
    pub fn viewing_copy(&self) -> Option<workbook::Id> {
        if self.settings.settings.machine != Some(Owner::Cluster) {
            return None;
        }
        self.workbook()?.provenance.copy_for.clone()
    }

    pub(super) fn is_school_machine(&self) -> bool {
        matches!(self.machine(), Owner::School(_))
    }

    pub(super) fn machine_name(&self, owner: &Owner) -> String {
        match owner {
            Owner::Cluster => s::MACHINE_CLUSTER_SHORT.to_string(),
            Owner::School(id) => match self.workbook() {
                Some(wb) => wb.school_name(id),
                None => id.to_string(),
            },
        }
    }

    pub(super) fn machine_label(&self) -> String {
        match &self.settings.settings.machine {
            None => s::MACHINE_NOT_ASKED.to_string(),
            Some(o) => self.machine_name(o),
        }
    }

    /// Asks whose machine this is (the open workbook's schools to choose from).
    pub(super) fn read_only_notice(&self) -> String {
        let name = match self.machine() {
            Owner::School(me) => self
                .workbook()
                .map(|wb| wb.school_name(&me))
                .unwrap_or_else(|| me.to_string()),
            Owner::Cluster => String::new(),
        };
        s::school_machine_scope(&name)
    }

    pub(super) fn ask_machine(&mut self) {
        let mut schools: Vec<(Owner, String)> = self
            .workbook()
            .map(|wb| {
                wb.current_members()
                    .map(|s| (Owner::School(s.id.clone()), s.full_name.clone()))
                    .collect()
            })
            .unwrap_or_default();
        schools.sort_by(|a, b| crate::text::compare_vi(&a.1, &b.1));
        self.modal = Some(Modal::Machine { schools });
    }
}
