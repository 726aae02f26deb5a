//! The corpus report: pass rate per variant family, per document and per
//! failing stage, and every failing case with its first difference.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::score::{Outcome, Stage};
use super::sources::{Case, Source};
use super::{Config, THRESHOLDS};

pub struct Report<'a> {
    sources: &'a [Source],
    cases: &'a [Case],
    outcomes: &'a [Outcome],
    config: &'a Config,
}

/// Cases and passes of a group, and its failures by stage.
#[derive(Default)]
struct Tally {
    cases: usize,
    passed: usize,
    stages: BTreeMap<Stage, usize>,
}

impl Tally {
    fn add(&mut self, o: &Outcome) {
        self.cases += 1;
        match &o.failure {
            None => self.passed += 1,
            Some((stage, _)) => *self.stages.entry(*stage).or_default() += 1,
        }
    }

    fn rate(&self) -> f64 {
        self.passed as f64 / self.cases.max(1) as f64
    }

    fn row(&self, name: &str) -> String {
        let stages: Vec<String> = self
            .stages
            .iter()
            .map(|(s, n)| format!("{} {n}", s.name()))
            .collect();
        format!(
            "| {name} | {} | {} | {:.1} % | {} |",
            self.cases,
            self.passed,
            100.0 * self.rate(),
            stages.join(", ")
        )
    }
}

impl<'a> Report<'a> {
    pub fn new(
        sources: &'a [Source],
        cases: &'a [Case],
        outcomes: &'a [Outcome],
        config: &'a Config,
    ) -> Report<'a> {
        Report {
            sources,
            cases,
            outcomes,
            config,
        }
    }

    pub fn rate(&self) -> f64 {
        self.tally(|_, _| String::new())[""].rate()
    }

    fn tally(&self, key: impl Fn(&Case, &Outcome) -> String) -> BTreeMap<String, Tally> {
        self.tally_where(|_| true, key)
    }

    fn tally_where(
        &self,
        keep: impl Fn(&Case) -> bool,
        key: impl Fn(&Case, &Outcome) -> String,
    ) -> BTreeMap<String, Tally> {
        let mut out: BTreeMap<String, Tally> = BTreeMap::new();
        for (c, o) in self.cases.iter().zip(self.outcomes) {
            if keep(c) {
                out.entry(key(c, o)).or_default().add(o);
            }
        }
        out
    }

    fn table(&self, out: &mut String, title: &str, key: impl Fn(&Case, &Outcome) -> String) {
        writeln!(out, "\n## By {title}\n").unwrap();
        self.rows(out, title, self.tally(key));
    }

    fn rows(&self, out: &mut String, title: &str, tallies: BTreeMap<String, Tally>) {
        writeln!(out, "| {title} | cases | pass | rate | failing stage |").unwrap();
        writeln!(out, "|---|---:|---:|---:|---|").unwrap();
        for (name, t) in tallies {
            writeln!(out, "{}", t.row(&name)).unwrap();
        }
    }

    /// The families again, counting only the sources whose unharmed form
    /// (`text/plain` for text and PDF, `word/ocop` for Word and office
    /// files) passes: what the variant itself costs.
    fn robustness(&self, out: &mut String) {
        let reference = |family: &str| {
            if family.starts_with("text/") || family == "pdf" {
                "text/plain"
            } else {
                "word/ocop"
            }
        };
        let clean: std::collections::HashSet<(usize, &str)> = self
            .cases
            .iter()
            .zip(self.outcomes)
            .filter(|(c, o)| o.failure.is_none() && c.seed == 0)
            .map(|(c, _)| (c.source, c.family.as_str()))
            .collect();
        writeln!(
            out,
            "\n## By family, where the source's unharmed form passes\n"
        )
        .unwrap();
        let tallies = self.tally_where(
            |c| clean.contains(&(c.source, reference(&c.family))),
            |c, _| c.family.clone(),
        );
        self.rows(out, "family", tallies);
    }

    /// The heading and the tables.
    pub fn summary(&self) -> String {
        let all = &self.tally(|_, _| String::new())[""];
        let mut out = String::new();
        writeln!(
            out,
            "# Import corpus ({}): {}/{} variants pass ({:.1} %)\n",
            self.config.name,
            all.passed,
            all.cases,
            100.0 * all.rate()
        )
        .unwrap();
        writeln!(
            out,
            "A variant passes when `ocop import` reads it, `ocop check` finds no error, the \
             YAML gives a document of the source's kind, no hidden or deleted text comes \
             back, every count of the model equals the source's, textsim recall ≥ {} and \
             precision ≥ {}, outline match ≥ {} (documents without numbering excepted) and \
             every nd30check rule holds. {} sources, {} families.",
            THRESHOLDS.recall,
            THRESHOLDS.precision,
            THRESHOLDS.outline,
            self.sources.len(),
            self.tally(|c, _| c.family.clone()).len()
        )
        .unwrap();
        self.table(&mut out, "family", |c, _| c.family.clone());
        self.robustness(&mut out);
        self.table(&mut out, "document", |c, _| {
            let s = &self.sources[c.source];
            format!("{} ({})", s.name, s.kind.name())
        });
        self.table(&mut out, "stage", |_, o| {
            o.failure
                .as_ref()
                .map_or("pass", |(s, _)| s.name())
                .to_string()
        });
        out
    }

    /// The tables, then every failing case with its first difference.
    pub fn markdown(&self) -> String {
        let mut out = self.summary();
        writeln!(out, "\n## Failing cases\n").unwrap();
        writeln!(out, "| case | stage | first difference |").unwrap();
        writeln!(out, "|---|---|---|").unwrap();
        for (c, o) in self.cases.iter().zip(self.outcomes) {
            if let Some((stage, detail)) = &o.failure {
                writeln!(
                    out,
                    "| {} | {} | {} |",
                    c.id(self.sources),
                    stage.name(),
                    detail.replace('|', "\\|")
                )
                .unwrap();
            }
        }
        out
    }

    /// One line per case: document, family, seed, verdict, stage, recall,
    /// precision, file, first difference.
    pub fn tsv(&self) -> String {
        let mut out =
            String::from("document\tfamily\tseed\tpass\tstage\trecall\tprecision\tfile\tdetail\n");
        for (c, o) in self.cases.iter().zip(self.outcomes) {
            let (stage, detail) = o
                .failure
                .as_ref()
                .map_or(("", ""), |(s, d)| (s.name(), d.as_str()));
            let num = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.3}"));
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{stage}\t{}\t{}\t{}\t{}",
                self.sources[c.source].name,
                c.family,
                c.seed,
                o.failure.is_none(),
                num(o.recall),
                num(o.precision),
                c.file.display(),
                detail.replace(['\t', '\n'], " ")
            )
            .unwrap();
        }
        out
    }
}
