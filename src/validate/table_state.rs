//! What checking a file's tables keeps: the references its plan declares
//! for the body, and each table laid out once for composition. Apart from
//! the rules (tables.rs) so that the checker can carry them without
//! reaching into the rules that use it.

use std::collections::HashMap;

use crate::doc;
use crate::model::Table;
use crate::table::Page;

/// What the plan being checked declares for its body to refer to: the
/// keys of its appendices, and of its funding sources when it has
/// `funding:`. None outside a plan.
#[derive(Debug, Clone)]
pub struct PlanRefs {
    pub appendices: Vec<String>,
    pub sources: Option<Vec<String>>,
    /// The page of the appendix whose blocks are being checked; None in
    /// the body.
    pub page: Option<Page>,
}

/// The tables of a file, laid out once, when they are checked, for
/// composition to take as they are: found by the table they come from.
#[derive(Debug, Default)]
pub struct LaidTables(HashMap<usize, doc::Table>);

impl LaidTables {
    /// Where `t` is: the model is borrowed, unmoved, while tables are looked up.
    fn key(t: &Table) -> usize {
        std::ptr::from_ref(t) as usize
    }

    /// Keeps `laid`, the table `t` laid out.
    pub(super) fn insert(&mut self, t: &Table, laid: doc::Table) {
        self.0.insert(Self::key(t), laid);
    }

    /// The table `t` laid out.
    pub fn get(&self, t: &Table) -> Option<&doc::Table> {
        self.0.get(&Self::key(t))
    }
}
