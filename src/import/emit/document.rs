//! The parts of a plan file, each written from its model type in the key
//! order of docs/schema.md.

use crate::model::{
    Authority, Bases, BasesLayout, Block, BlockFields, Citation, Content, Decision, DecisionKind,
    Dispatch, DocDate, DocNumber, FundingBlock, Issuer, ListItem, ListItemFields, Marker, Member,
    Numbering, Plan, PlanAppendix, PlanFile, Product, Recipient, Role, Section, Signer, TaskBody,
    TaskEntry, TaskNumbering, UnitItem, UnitsEntry,
};

use super::scalar::flow;
use super::{W, flow_list, flow_map, timeline};

pub(super) fn file(w: &mut W<'_>, f: &PlanFile) {
    issuer(w, &f.issuer);
    w.blank();
    if !f.units.is_empty() {
        w.line(0, "units:");
        for (key, u) in &f.units {
            w.line(1, &format!("{key}:"));
            w.kv(2, "name", &u.name);
            w.opt(2, "short", u.short.as_deref());
            if !u.aliases.is_empty() {
                w.line(2, &format!("aliases: {}", flow_list(&u.aliases)));
            }
        }
        w.blank();
    }
    if let Some(p) = &f.plan {
        plan(w, p);
    }
    if !f.dispatches.is_empty() {
        w.line(0, "dispatches:");
        for (i, d) in f.dispatches.iter().enumerate() {
            dispatch(w, d, &format!("dispatches[{i}]"));
        }
    }
    if !f.decisions.is_empty() {
        w.line(0, "decisions:");
        for (i, d) in f.decisions.iter().enumerate() {
            decision(w, d, &format!("decisions[{i}]"));
        }
    }
}

fn issuer(w: &mut W<'_>, i: &Issuer) {
    w.notes(0, "issuer");
    w.line(0, "issuer:");
    let level = match i.level {
        crate::model::Level::Province => "province",
        crate::model::Level::District => "district",
        crate::model::Level::Commune => "commune",
    };
    w.line(1, &format!("level: {level}"));
    w.kv(1, "name", &i.name);
    w.opt(1, "unit_type", i.unit_type.as_deref());
    w.opt(1, "province", i.province.as_deref());
    if i.body != "ỦY BAN NHÂN DÂN" {
        w.kv(1, "body", &i.body);
    }
    w.opt(1, "parent", i.parent.as_deref());
    if i.symbol != "UBND" {
        w.kv(1, "symbol", &i.symbol);
    }
    w.opt(1, "place", i.place.as_deref());
}

fn number(w: &mut W<'_>, d: usize, n: &DocNumber, path: &str) {
    w.notes(d, &format!("{path}.number"));
    match &n.0 {
        Some(n) if n.chars().all(|c| c.is_ascii_digit()) && !n.starts_with('0') => {
            w.line(d, &format!("number: {n}"));
        }
        Some(n) => w.kv(d, "number", n),
        None => w.line(d, "number:                # bản dự thảo: số để trống"),
    }
}

fn date(w: &mut W<'_>, d: usize, date: &DocDate, path: &str) {
    w.notes(d, &format!("{path}.date"));
    match date {
        DocDate::Text(t) => w.kv(d, "date", t),
        DocDate::Parts { year, month, day } => {
            let mut f = vec![("year", year.to_string())];
            f.extend(month.map(|m| ("month", m.to_string())));
            f.extend(day.map(|m| ("day", m.to_string())));
            w.line(d, &format!("date: {}", flow_map(&f)));
        }
    }
}

fn plan(w: &mut W<'_>, p: &Plan) {
    w.notes(0, "plan");
    w.line(0, "plan:");
    number(w, 1, &p.number, "plan");
    w.opt(1, "symbol", p.symbol.as_deref());
    date(w, 1, &p.date, "plan");
    if let Some(y) = p.year {
        w.line(1, &format!("year: {y}"));
    }
    w.notes(1, "plan.title");
    w.kv(1, "title", &p.title);
    if let Some(b) = &p.bases {
        w.notes(1, "plan.bases");
        w.line(1, "bases:");
        for g in &b.groups {
            if b.listed {
                w.item_start(2);
                bases(w, 3, g);
            } else {
                bases(w, 2, g);
            }
        }
    }
    w.notes(1, "plan.intro");
    w.opt(1, "intro", p.intro.as_deref());
    w.blank();
    if let Some(f) = &p.funding {
        super::tables::funding(w, 1, f);
        w.blank();
    }
    w.notes(1, "plan.sections");
    w.line(1, "sections:");
    sections(w, 2, &p.sections, "plan.sections");
    w.blank();
    w.notes(1, "plan.closing");
    w.kv(1, "closing", &p.closing);
    recipients(w, 1, &p.recipients, "plan.recipients");
    w.notes(1, "plan.archive");
    w.kv(1, "archive", &p.archive);
    signer(w, 1, &p.signer, "plan.signer");
    appendices(w, 1, &p.appendices);
}

/// One group of căn cứ, its fields at `d`.
fn bases(w: &mut W<'_>, d: usize, b: &Bases) {
    if b.verb != "Căn cứ" {
        w.kv(d, "verb", &b.verb);
    }
    if b.layout == BasesLayout::Inline {
        w.line(d, "layout: inline");
    }
    if let Some(e) = &b.end {
        w.line(d, &format!("end: {}", super::quoted(e)));
    }
    if let Some(i) = b.italic {
        w.line(d, &format!("italic: {i}"));
    }
    w.line(d, "items:");
    for c in &b.items {
        if let Citation::Text(t) = c {
            w.item(d + 1, t);
        }
    }
}

fn dispatch(w: &mut W<'_>, x: &Dispatch, path: &str) {
    w.notes(1, path);
    w.line(1, "- # công văn");
    number(w, 2, &x.number, path);
    date(w, 2, &x.date, path);
    w.opt(2, "drafting_unit", x.drafting_unit.as_deref());
    w.opt(2, "symbol", x.symbol.as_deref());
    w.notes(2, &format!("{path}.subject"));
    w.opt(2, "subject", x.subject.as_deref());
    if !x.to.is_empty() {
        w.line(2, "to:");
        for t in &x.to {
            w.item(3, t);
        }
    }
    if !x.body.is_empty() {
        w.line(2, "body:");
        blocks(w, 3, &x.body);
    }
    if !x.sections.is_empty() {
        w.line(2, "sections:");
        sections(w, 3, &x.sections, &format!("{path}.sections"));
    }
    w.notes(2, &format!("{path}.closing"));
    w.opt(2, "closing", x.closing.as_deref());
    recipients(w, 2, &x.recipients, &format!("{path}.recipients"));
    w.notes(2, &format!("{path}.archive"));
    w.kv(2, "archive", &x.archive);
    if let Some(s) = &x.signer {
        signer(w, 2, s, &format!("{path}.signer"));
    }
}

fn sections(w: &mut W<'_>, d: usize, list: &[Section], path: &str) {
    for (i, s) in list.iter().enumerate() {
        let here = format!("{path}[{i}]");
        w.notes(d, &here);
        w.item_start(d);
        section(w, d + 1, s, &here);
    }
}

fn section(w: &mut W<'_>, d: usize, s: &Section, path: &str) {
    w.opt(d, "title", s.title.as_deref());
    if let Some(u) = &s.unit {
        match u.0.as_slice() {
            [one] => w.kv(d, "unit", one),
            many => w.line(d, &format!("unit: {}", flow_list(many))),
        }
    }
    w.opt(d, "text", s.text.as_deref());
    w.opt(d, "assign", s.assign.as_deref());
    refs(w, d, "lead", s.lead.as_deref());
    refs(w, d, "support", s.support.as_deref());
    w.opt(d, "note", s.note.as_deref());
    w.flag(d, "colon", s.colon);
    w.flag(d, "inline", s.inline);
    if let Some(b) = s.bold {
        w.line(d, &format!("bold: {b}"));
    }
    if let Some(n) = s.numbering {
        let n = match n {
            Numbering::Auto => "auto",
            Numbering::Letters => "letters",
            Numbering::None => "none",
        };
        w.line(d, &format!("numbering: {n}"));
    }
    if !s.body.is_empty() {
        w.line(d, "body:");
        blocks(w, d + 1, &s.body);
    }
    if !s.task.is_empty() {
        w.line(d, "task:");
        for t in &s.task {
            w.item_start(d + 1);
            task(w, d + 2, t);
        }
    }
    if let Some(m) = s.task_marker {
        let m = match m {
            Marker::Dash => "dash",
            Marker::Letter => "letter",
        };
        w.line(d, &format!("task_marker: {m}"));
    }
    if !s.sections.is_empty() {
        w.line(d, "sections:");
        sections(w, d + 1, &s.sections, &format!("{path}.sections"));
    }
}

fn refs(w: &mut W<'_>, d: usize, key: &str, list: Option<&[String]>) {
    if let Some(list) = list {
        w.line(d, &format!("{key}: {}", flow_list(list)));
    }
}

fn task(w: &mut W<'_>, d: usize, t: &TaskEntry) {
    w.opt(d, "label", t.label.as_deref());
    match &t.content {
        Some(Content::Text(c)) => w.kv(d, "content", c),
        Some(Content::Blocks(b)) => {
            w.line(d, "content:");
            blocks(w, d + 1, b);
        }
        None => {}
    }
    match &t.units {
        Some(UnitsEntry::List(items)) => {
            let list: Vec<String> = items
                .iter()
                .map(|i| match i {
                    UnitItem::Ref(r) => flow(r),
                    UnitItem::Clause(c) => {
                        let mut f = vec![("lead", flow_list(&c.lead))];
                        if !c.support.is_empty() {
                            f.push(("support", flow_list(&c.support)));
                        }
                        if let Some(r) = &c.role {
                            f.push(("role", flow(r)));
                        }
                        flow_map(&f)
                    }
                })
                .collect();
            // Clauses one a line, as a person writes them.
            if items.iter().any(|i| matches!(i, UnitItem::Clause(_))) {
                w.line(d, "units:");
                for (item, written) in items.iter().zip(&list) {
                    match item {
                        UnitItem::Clause(c) => clause(w, d + 1, c),
                        UnitItem::Ref(_) => w.line(d + 1, &format!("- {written}")),
                    }
                }
            } else {
                w.line(d, &format!("units: [{}]", list.join(", ")));
            }
        }
        Some(UnitsEntry::Sentence(s)) if s.lead.is_none() && s.support.is_none() => {
            w.kv(d, "units", &s.text);
        }
        Some(UnitsEntry::Sentence(s)) => {
            w.line(d, "units:");
            w.kv(d + 1, "text", &s.text);
            refs(w, d + 1, "lead", s.lead.as_deref());
            refs(w, d + 1, "support", s.support.as_deref());
        }
        None => {}
    }
    refs(w, d, "support", t.support.as_deref());
    if let Some(tl) = &t.timeline {
        w.line(d, &format!("timeline: {}", timeline(tl)));
    }
    w.opt(d, "text", t.text.as_deref());
    if let Some(l) = &t.list {
        w.line(d, "list:");
        list(w, d + 1, l);
    }
    w.opt(d, "result", t.result.as_deref());
    if let Some(f) = &t.funding {
        w.line(d, &format!("funding: {}", super::tables::amounts(f)));
    }
    w.flag(d, "lines", t.lines);
}

pub(super) fn blocks(w: &mut W<'_>, d: usize, list: &[Block]) {
    for b in list {
        match b {
            Block::Paragraph(t) => w.item(d, t),
            Block::Fields(f) => {
                w.item_start(d);
                block_fields(w, d + 1, f);
            }
        }
    }
}

fn label_style(s: crate::model::LabelStyle) -> &'static str {
    match s {
        crate::model::LabelStyle::Italic => "italic",
        crate::model::LabelStyle::Bold => "bold",
        crate::model::LabelStyle::BoldItalic => "bold_italic",
        crate::model::LabelStyle::Plain => "plain",
    }
}

fn block_fields(w: &mut W<'_>, d: usize, f: &BlockFields) {
    w.opt(d, "label", f.label.as_deref());
    if let Some(s) = f.label_style {
        w.line(d, &format!("label_style: {}", label_style(s)));
    }
    w.opt(d, "text", f.text.as_deref());
    w.opt(d, "assign", f.assign.as_deref());
    refs(w, d, "lead", f.lead.as_deref());
    refs(w, d, "support", f.support.as_deref());
    if let Some(l) = &f.list {
        w.line(d, "list:");
        list(w, d + 1, l);
    }
    if let Some(e) = &f.enumerate {
        w.line(d, "enumerate:");
        for it in e {
            w.item(d + 1, it);
        }
    }
    if let Some(a) = f.amount {
        w.line(d, &format!("amount: {a}"));
    }
    if let Some(i) = f.in_words {
        w.line(d, &format!("in_words: {i}"));
    }
    match &f.funding {
        Some(FundingBlock::Lines(funding)) => {
            w.line(d, "funding:");
            for s in funding {
                let mut fields = vec![("source", flow(&s.source))];
                fields.extend(s.amount.map(|a| ("amount", a.to_string())));
                w.line(d + 1, &format!("- {}", flow_map(&fields)));
            }
        }
        Some(FundingBlock::View(view)) => w.line(d, &format!("funding: {}", flow(view))),
        None => {}
    }
    if let Some(t) = &f.table {
        super::tables::table(w, d, t);
    }
    w.opt(d, "appendix", f.appendix.as_deref());
}

fn list(w: &mut W<'_>, d: usize, items: &[ListItem]) {
    for it in items {
        match it {
            ListItem::Text(t) => w.item(d, t),
            ListItem::Fields(f) => {
                w.item_start(d);
                item_fields(w, d + 1, f);
            }
        }
    }
}

fn item_fields(w: &mut W<'_>, d: usize, f: &ListItemFields) {
    w.opt(d, "label", f.label.as_deref());
    if let Some(s) = f.label_style {
        w.line(d, &format!("label_style: {}", label_style(s)));
    }
    w.opt(d, "text", f.text.as_deref());
    w.opt(d, "assign", f.assign.as_deref());
    refs(w, d, "lead", f.lead.as_deref());
    refs(w, d, "support", f.support.as_deref());
    if !f.list.is_empty() {
        w.line(d, "list:");
        list(w, d + 1, &f.list);
    }
}

fn recipients(w: &mut W<'_>, d: usize, list: &[Recipient], path: &str) {
    w.notes(d, path);
    if list.is_empty() {
        return;
    }
    w.line(d, "recipients:");
    for (i, r) in list.iter().enumerate() {
        w.notes(d + 1, &format!("{path}[{i}]"));
        match r {
            Recipient::Text(t) => w.item(d + 1, t),
            Recipient::Fields(f) => match (&f.group, &f.text) {
                (Some(g), _) => {
                    w.line(d + 1, &format!("- group: {}", flow_list(g)));
                    w.opt(d + 2, "note", f.note.as_deref());
                }
                (None, text) => {
                    let mut fields = Vec::new();
                    fields.extend(text.as_deref().map(|t| ("text", flow(t))));
                    fields.extend(f.note.as_deref().map(|n| ("note", flow(n))));
                    w.line(d + 1, &format!("- {}", flow_map(&fields)));
                }
            },
        }
    }
}

fn signer(w: &mut W<'_>, d: usize, s: &Signer, path: &str) {
    w.notes(d, path);
    w.line(d, "signer:");
    for (k, v) in [
        ("tm", &s.tm),
        ("tl", &s.tl),
        ("tuq", &s.tuq),
        ("kt", &s.kt),
        ("q", &s.q),
        ("title", &s.title),
    ] {
        w.opt(d + 1, k, v.as_deref());
    }
    w.kv(d + 1, "name", &s.name);
}

fn decision(w: &mut W<'_>, x: &Decision, path: &str) {
    w.notes(1, path);
    let kind = match x.kind {
        DecisionKind::Council => "council",
        DecisionKind::Results => "results",
    };
    w.line(1, &format!("- kind: {kind}"));
    number(w, 2, &x.number, path);
    date(w, 2, &x.date, path);
    w.opt(2, "symbol", x.symbol.as_deref());
    if x.authority == Authority::Committee {
        w.line(2, "authority: committee");
    }
    w.notes(2, &format!("{path}.subject"));
    w.opt(2, "subject", x.subject.as_deref());
    w.flag(2, "reconstitute", x.reconstitute);
    if let Some(y) = x.year {
        w.line(2, &format!("year: {y}"));
    }
    w.opt(2, "round", x.round.as_deref());
    if !x.default_bases {
        w.line(2, "default_bases: false");
    }
    if !x.bases.is_empty() {
        w.line(2, "bases:");
        for b in &x.bases {
            if let Citation::Text(t) = b {
                w.item(3, t);
            }
        }
    }
    w.kv(2, "proposal", &x.proposal);
    w.opt(2, "standing_body", x.standing_body.as_deref());
    members(w, 2, "members", &x.members, &format!("{path}.members"));
    if let Some(t) = &x.advisory_team {
        w.line(2, "advisory_team:");
        w.opt(3, "name", t.name.as_deref());
        members(
            w,
            3,
            "members",
            &t.members,
            &format!("{path}.advisory_team.members"),
        );
    }
    if let Some(duties) = &x.duties {
        w.line(2, "duties:");
        for t in duties {
            w.item(3, t);
        }
    }
    products(w, 2, &x.products, &format!("{path}.products"));
    if !x.executors.is_empty() {
        w.line(2, &format!("executors: {}", flow_list(&x.executors)));
    }
    recipients(w, 2, &x.recipients, &format!("{path}.recipients"));
    w.notes(2, &format!("{path}.archive"));
    w.kv(2, "archive", &x.archive);
    if let Some(s) = &x.signer {
        signer(w, 2, s, &format!("{path}.signer"));
    }
}

fn members(w: &mut W<'_>, d: usize, key: &str, list: &[Member], path: &str) {
    w.notes(d, path);
    if list.is_empty() {
        return;
    }
    w.line(d, &format!("{key}:"));
    for m in list {
        let role = match m.role {
            Role::Chairman => "chairman",
            Role::ViceChairman => "vice_chairman",
            Role::Member => "member",
            Role::MemberSecretary => "member_secretary",
            Role::Secretary => "secretary",
            Role::Leader => "leader",
            Role::Deputy => "deputy",
        };
        let mut f = Vec::new();
        f.extend(m.honorific.as_deref().map(|h| ("honorific", flow(h))));
        f.push(("name", flow(&m.name)));
        f.push(("position", flow(&m.position)));
        f.push(("role", role.to_string()));
        w.line(d + 1, &format!("- {}", flow_map(&f)));
    }
}

fn products(w: &mut W<'_>, d: usize, list: &[Product], path: &str) {
    w.notes(d, path);
    if list.is_empty() {
        return;
    }
    w.line(d, "products:");
    for p in list {
        let mut f = Vec::new();
        f.extend(p.stt.as_deref().map(|s| ("stt", flow(s))));
        f.push(("name", flow(&p.name)));
        f.push(("owner", flow(&p.owner)));
        f.push(("address", flow(&p.address)));
        f.extend(p.group.as_deref().map(|g| ("group", flow(g))));
        f.push(("score", super::scalar::number(p.score)));
        f.extend(p.stars.map(|s| ("stars", s.to_string())));
        f.extend(p.number.as_deref().map(|n| ("number", flow(n))));
        f.extend(p.note.as_deref().map(|n| ("note", flow(n))));
        w.line(d + 1, &format!("- {}", flow_map(&f)));
    }
}

/// A unit clause as a block item: `- lead: [a]`, then `support: [b]`.
fn clause(w: &mut W<'_>, d: usize, c: &crate::model::UnitClause) {
    w.item_start(d);
    w.line(d + 1, &format!("lead: {}", flow_list(&c.lead)));
    if !c.support.is_empty() {
        w.line(d + 1, &format!("support: {}", flow_list(&c.support)));
    }
    if let Some(r) = &c.role {
        w.kv(d + 1, "role", r);
    }
}

fn appendices(w: &mut W<'_>, d: usize, list: &[PlanAppendix]) {
    if list.is_empty() {
        return;
    }
    w.line(d, "appendices:");
    for (i, a) in list.iter().enumerate() {
        w.notes(d + 1, &format!("plan.appendices[{i}]"));
        w.item_start(d + 1);
        appendix(w, d + 2, a);
    }
}

fn appendix(w: &mut W<'_>, d: usize, a: &PlanAppendix) {
    w.opt(d, "key", a.key.as_deref());
    w.opt(d, "title", a.title.as_deref());
    if let Some(t) = a.tasks.as_ref().filter(|t| t.enabled) {
        let mut fields = Vec::new();
        if t.numbering == TaskNumbering::Own {
            fields.push(("numbering", "own".to_string()));
        }
        let body = match t.body {
            TaskBody::All => None,
            TaskBody::Content => Some("content"),
            TaskBody::None => Some("none"),
        };
        fields.extend(body.map(|b| ("body", b.to_string())));
        if fields.is_empty() {
            w.line(d, "tasks: true");
        } else {
            w.line(d, &format!("tasks: {}", flow_map(&fields)));
        }
    }
    w.flag(d, "funding", a.funding);
    if let Some(l) = a.landscape {
        w.line(d, &format!("landscape: {l}"));
    }
    if !a.body.is_empty() {
        w.line(d, "body:");
        blocks(w, d + 1, &a.body);
    }
}
