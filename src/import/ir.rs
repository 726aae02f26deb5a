//! What the recogniser found, in the terms of the YAML schema: the
//! emitter writes it out in document order.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Plan,
    Dispatch,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Issuer {
    /// "province", "district", "commune".
    pub level: &'static str,
    pub name: String,
    /// "thành phố", "thị xã" … where it is not the level's default noun.
    pub unit_type: Option<String>,
    pub province: Option<String>,
    pub body: Option<String>,
    pub parent: Option<String>,
    pub symbol: Option<String>,
    pub place: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocDate {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bases {
    pub verb: String,
    /// One paragraph with the intro: "Thực hiện …; …, UBND tỉnh ban hành …".
    pub inline: bool,
    /// The mark after the group's last basis, where it is not the one the
    /// layout prints by default ("," before the intro of an inline group;
    /// ";" between groups, "." at the end without an intro).
    pub end: Option<String>,
    pub items: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(String),
    /// A paragraph that gives work to declared units (`assign:`).
    Assign(String),
    List(Vec<Item>),
    Enumerate(Vec<String>),
    /// A table of the author's own (`table:`), read from a table of the
    /// document that holds neither tasks nor funding.
    Table(Table),
    /// A paragraph whose end ocop prints from the plan's data: "… tại Phụ
    /// lục I kèm theo Kế hoạch này." (`appendix: tasks`), "Tổng kinh phí
    /// …: 2.040 triệu đồng (Bằng chữ: …)." (`funding: total`, `in_words`).
    Refer {
        text: String,
        key: &'static str,
        value: String,
        in_words: bool,
    },
}

/// A table as read: the header rows (a cell's text at its column, with
/// the columns it spans), the body rows, and the unit line above it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub unit: Option<String>,
    pub columns: usize,
    /// Header cells: (column, columns spanned, rows spanned, text).
    pub header: Vec<Vec<(usize, usize, usize, String)>>,
    /// Column titles, from the header row the columns' own titles are in.
    pub titles: Vec<Option<String>>,
    pub rows: Vec<Vec<String>>,
}

/// The plan's funding read from its funding table (`plan.funding`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Funding {
    pub unit: Option<String>,
    /// (key, name, the total its totals row states).
    pub sources: Vec<(String, String, Option<String>)>,
    /// Lines that are not a task: content and amounts by source key.
    pub items: Vec<(String, Vec<(String, String)>)>,
    /// The grand total as stated.
    pub total: Option<String>,
}

/// A Phụ lục after the signature.
#[derive(Debug, Clone, PartialEq)]
pub enum Appendix {
    /// The assignment table, made from the tasks; `body` says what the
    /// body keeps of each task (`all`, `content`).
    Tasks {
        title: Option<String>,
        body: &'static str,
    },
    Funding {
        title: Option<String>,
    },
    /// A table of the author's own, with its label and title.
    Table {
        title: String,
        table: Table,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Item {
    pub text: String,
    pub children: Vec<Item>,
    /// The line gives work to declared units (`assign:`).
    pub assign: bool,
}

/// A numbered line that is a sentence, not a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbered {
    /// `text:`
    Text,
    /// `assign:`: it gives work to declared units.
    Assign,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TaskKey {
    Content,
    Units,
    Timeline,
    Text,
    /// The lead and cooperating units of an assignment table's row (unit
    /// keys, or names as typed).
    Assigned {
        lead: Vec<String>,
        support: Vec<String>,
    },
    /// `result:` (the text).
    Result,
    /// `funding:` amounts by source key.
    Funding(Vec<(String, String)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskLine {
    pub key: TaskKey,
    /// The lead-in as written, when it is not the default for the key.
    pub label: Option<String>,
    /// The text after the lead-in (empty when blocks follow).
    pub text: String,
    /// Lines under the lead-in ("+ …").
    pub blocks: Vec<Block>,
    /// A timeline written as a value, proven to print as `text`.
    pub timeline: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    /// The number as written ("1.2.", "a)").
    pub label: String,
    pub title: String,
    /// The declared units the heading names (key, or the spelling as
    /// typed), in its order: "7. Sở Tài chính, Sở Kế hoạch và Đầu tư".
    pub units: Vec<String>,
    /// The heading ends with a colon: "1. Sở Nông nghiệp và PTNT:".
    pub colon: bool,
    pub note: Option<String>,
    pub inline: bool,
    pub bold: bool,
    pub letters: bool,
    /// Set when the numbered line is a sentence (written `text:` or
    /// `assign:` instead of `title:`).
    pub sentence: Option<Numbered>,
    pub body: Vec<Block>,
    pub task: Vec<TaskLine>,
    pub task_letters: bool,
    pub sections: Vec<Section>,
    /// Said in a `# kiểm tra:` comment above the section.
    pub check: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RecipientGroup {
    pub first: usize,
    pub last: usize,
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signer {
    pub tm: Option<String>,
    pub tl: Option<String>,
    pub tuq: Option<String>,
    pub kt: Option<String>,
    pub q: Option<String>,
    pub title: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnitDecl {
    pub key: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// How often the document names it.
    pub mentions: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub kind: Kind,
    pub issuer: Issuer,
    pub number: Option<String>,
    pub symbol: Option<String>,
    pub date: DocDate,
    /// Trích yếu (plan title, dispatch subject after "V/v"), by line.
    pub title: Vec<String>,
    pub to: Vec<String>,
    /// Căn cứ groups, each with its verb.
    pub bases: Vec<Bases>,
    pub intro: Vec<String>,
    /// Body text before the first numbered section (dispatches).
    pub body: Vec<Block>,
    pub sections: Vec<Section>,
    pub closing: Option<String>,
    pub recipients: Vec<String>,
    /// Nơi nhận lines that share one note (a brace): first and last index
    /// into `recipients`, and the note.
    pub recipient_groups: Vec<RecipientGroup>,
    pub archive: Option<String>,
    pub signer: Signer,
    pub units: Vec<UnitDecl>,
    /// Top-level `# kiểm tra:` notes, by the key they concern.
    pub checks: Vec<(&'static str, String)>,
    /// The funding read from a funding table.
    pub funding: Option<Funding>,
    /// Phụ lục after the signature.
    pub appendices: Vec<Appendix>,
}
