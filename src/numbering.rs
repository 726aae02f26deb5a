//! How sections are numbered: I., 1., 1.1., 1.1.1. by depth, or a) b) c) d)
//! đ) e) g) … for a lettered level, or no number. Used to label headings and
//! to cite a section as "mục III.2" in the documents derived from a plan.

use crate::model::{Numbering, PlanFile, Section};
use crate::vn;

/// The numbering state at one level of the outline.
#[derive(Debug, Clone)]
pub struct Numberer {
    /// Arabic numbers from depth 2 down, for 1.1. style labels; None once a
    /// lettered level breaks the chain.
    chain: Option<Vec<usize>>,
    pub depth: usize,
}

impl Numberer {
    /// The top of a plan: its sections are I., II., III. …
    pub fn plan() -> Numberer {
        Numberer {
            chain: None,
            depth: 0,
        }
    }

    /// The top of a dispatch: its sections are 1., 2., 3. …
    pub fn dispatch() -> Numberer {
        Numberer {
            chain: Some(vec![]),
            depth: 1,
        }
    }

    /// The label of the `i`-th (0-based) child in `mode`, and the state its
    /// own children number from.
    pub fn label(&self, mode: Numbering, i: usize) -> (String, Numberer) {
        let n = i + 1;
        let below = |chain| Numberer {
            chain,
            depth: self.depth + 1,
        };
        match mode {
            Numbering::None => (String::new(), below(None)),
            Numbering::Letters => (format!("{})", vn::point_letter(i)), below(None)),
            Numbering::Auto => match (&self.chain, self.depth) {
                (_, 0) => (format!("{}.", vn::roman(n as u32)), below(Some(vec![]))),
                (Some(chain), _) => {
                    let mut next = chain.clone();
                    next.push(n);
                    let label = next
                        .iter()
                        .map(usize::to_string)
                        .collect::<Vec<_>>()
                        .join(".")
                        + ".";
                    (label, below(Some(next)))
                }
                (None, _) => ("-".into(), below(None)),
            },
        }
    }
}

/// A section's reference as the text cites it: "III." under nothing gives
/// "III"; "2." under "III" gives "III.2"; "a)" under "III.5" gives "III.5.a".
pub fn reference(parent: &str, label: &str) -> String {
    let own = label.trim_end_matches(['.', ')']);
    let own = own.rsplit('.').next().unwrap_or(own);
    if parent.is_empty() {
        own.to_string()
    } else {
        format!("{parent}.{own}")
    }
}

/// The printed number of every numbered section of `file`, by its field
/// path: `plan.sections[2]` → `III`, `plan.sections[2].sections[0]` →
/// `III.1`, `dispatches[0].sections[1]` → `2`; so a problem's field can be
/// shown as the reader of the document counts. Sections without a number
/// of their own (and those under them) are left out.
pub fn outline(file: &PlanFile) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(plan) = &file.plan {
        outline_of(
            &plan.sections,
            "plan.sections",
            Numbering::Auto,
            &Numberer::plan(),
            "",
            &mut out,
        );
    }
    for (i, d) in file.dispatches.iter().enumerate() {
        outline_of(
            &d.sections,
            &format!("dispatches[{i}].sections"),
            Numbering::Auto,
            &Numberer::dispatch(),
            "",
            &mut out,
        );
    }
    out
}

fn outline_of(
    sections: &[Section],
    path: &str,
    mode: Numbering,
    numberer: &Numberer,
    parent: &str,
    out: &mut Vec<(String, String)>,
) {
    for (i, s) in sections.iter().enumerate() {
        let (label, below) = numberer.label(mode, i);
        if label.is_empty() || label == "-" {
            continue;
        }
        let here = format!("{path}[{i}]");
        let number = reference(parent, &label);
        out.push((here.clone(), number.clone()));
        outline_of(
            &s.sections,
            &format!("{here}.sections"),
            s.numbering.unwrap_or(Numbering::Auto),
            &below,
            &number,
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_numbers_by_depth() {
        let root = Numberer::plan();
        let (l1, n1) = root.label(Numbering::Auto, 3);
        assert_eq!(l1, "IV.");
        let (l2, n2) = n1.label(Numbering::Auto, 0);
        assert_eq!(l2, "1.");
        let (l3, n3) = n2.label(Numbering::Auto, 1);
        assert_eq!(l3, "1.2.");
        let (l4, _) = n3.label(Numbering::Auto, 2);
        assert_eq!(l4, "1.2.3.");
        let (la, na) = n2.label(Numbering::Letters, 4);
        assert_eq!(la, "đ)");
        assert_eq!(na.label(Numbering::Auto, 0).0, "-");
        assert_eq!(Numberer::dispatch().label(Numbering::Auto, 1).0, "2.");
    }

    #[test]
    fn references_cite_the_outline() {
        assert_eq!(reference("", "III."), "III");
        assert_eq!(reference("III", "2."), "III.2");
        assert_eq!(reference("III.2", "2.1."), "III.2.1");
        assert_eq!(reference("III.5", "a)"), "III.5.a");
    }
}
