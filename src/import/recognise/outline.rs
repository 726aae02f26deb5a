//! The numbered body: sections (I., 1., 1.1., a)), paragraphs, dash lists
//! with their "+" sub-items, and "(1)" enumerations, into the model's
//! sections and blocks. A label counts where the outline expects it; one
//! written without its dot counts there too; a heading that lost its label
//! is found again from the next label ("II." after an unlabelled heading
//! means that heading was "I."); a number skipped in the original is
//! numbered on with a note, so one bad label never swallows what follows.

use crate::model::{Block, BlockFields, ListItem, ListItemFields, Numbering, Section};

use super::super::notes::Notes;
use super::super::para::{Para, all_caps, squeeze, starts_lower};
use super::labels::{self, Label};

/// One paragraph of the body, read.
#[derive(Debug, Clone)]
pub struct Piece<'a> {
    pub label: Option<Label>,
    /// The label is taken only where the outline expects its number.
    pub tentative: bool,
    /// The label was not in the text: the outline says it was lost.
    pub inferred: bool,
    /// The whole text.
    pub text: String,
    /// After the label.
    pub rest: String,
    pub para: &'a Para,
}

impl<'a> Piece<'a> {
    pub fn new(para: &'a Para) -> Piece<'a> {
        let text = para.text();
        let read = labels::read(&text).map(|r| (r.label, r.rest.to_string(), r.tentative));
        // A label automatic numbering displays is as good as a typed one.
        let numbered = para.label.is_some();
        match read {
            Some((label, rest, tentative)) => Piece {
                label: Some(label),
                tentative: tentative && !numbered,
                inferred: false,
                rest,
                text,
                para,
            },
            None => Piece {
                label: None,
                tentative: false,
                inferred: false,
                rest: text.clone(),
                text,
                para,
            },
        }
    }

    /// An unlabelled line that reads as a heading: short, capitalised,
    /// without a sentence's ending, and set apart (capitals, bold, a
    /// heading style); `plain` accepts a short line without those.
    fn heading_like(&self, plain: bool) -> bool {
        let t = self.text.as_str();
        let words = t.split_whitespace().count();
        let set_apart = all_caps(t) || self.para.bold || self.para.heading_level.is_some();
        self.label.is_none()
            && !t.is_empty()
            && words <= 30
            && !t.ends_with(['.', ';', ','])
            && !starts_lower(t)
            && (set_apart || plain && words <= 12 && !t.ends_with(':'))
    }
}

/// The pieces of `paras`.
pub fn pieces(paras: &[Para]) -> Vec<Piece<'_>> {
    paras.iter().map(Piece::new).collect()
}

/// Gives a lost label back to the heading it belonged to: a "II." that
/// follows no "I." takes the last unlabelled heading before it as "I."
/// (and "3." after "1." takes the heading between them as "2."). Returns
/// the indices of the pieces given a label.
pub fn infer_lost_labels(pieces: &mut [Piece<'_>], dispatch: bool) -> Vec<usize> {
    let mut given = Vec::new();
    // The last index and number seen at each level: 0 the roots.
    let mut last: Vec<Option<(usize, u32)>> = vec![None; 4];
    for i in 0..pieces.len() {
        let Some((level, n)) = level_of(&pieces[i], dispatch) else {
            continue;
        };
        let before = last[level];
        let expected = before.map_or(1, |(_, m)| m + 1);
        if n == expected + 1 {
            // The parent's start (or the body's) bounds the search.
            let from = before
                .map(|(j, _)| j)
                .or_else(|| level.checked_sub(1).and_then(|l| last[l]).map(|(j, _)| j))
                .map_or(0, |j| j + 1);
            let plain = level > 0;
            if let Some(j) = (from..i).rev().find(|&j| pieces[j].heading_like(plain)) {
                let label = match (level, dispatch) {
                    (0, false) => Label::Roman(expected),
                    _ => {
                        let mut chain = chain_of(&pieces[i]);
                        chain.pop();
                        chain.push(expected);
                        Label::Arabic(chain)
                    }
                };
                pieces[j].label = Some(label);
                pieces[j].inferred = true;
                given.push(j);
                for deeper in last.iter_mut().skip(level + 1) {
                    *deeper = None;
                }
            }
        }
        if n >= expected || pieces[i].inferred {
            last[level] = Some((i, n));
            for deeper in last.iter_mut().skip(level + 1) {
                *deeper = None;
            }
        }
    }
    given
}

/// The outline level (0: roots) and number of a heading label.
fn level_of(p: &Piece<'_>, dispatch: bool) -> Option<(usize, u32)> {
    match (&p.label, dispatch) {
        (Some(Label::Roman(n)), false) => Some((0, *n)),
        (Some(Label::Arabic(nums)), _) => {
            let base = usize::from(!dispatch);
            let level = base + nums.len() - 1;
            (level < 4).then(|| (level, *nums.last().unwrap_or(&0)))
        }
        _ => None,
    }
}

fn chain_of(p: &Piece<'_>) -> Vec<u32> {
    match &p.label {
        Some(Label::Arabic(nums)) => nums.clone(),
        _ => vec![],
    }
}

/// Builds the sections of a plan (roots I., II.) or a dispatch (roots 1.,
/// 2.) from the pieces of its body.
pub struct Builder {
    dispatch: bool,
    pub roots: Vec<Section>,
    /// Blocks before the first section.
    pub front: Vec<Block>,
    /// Indices from `roots` down to the open section.
    path: Vec<usize>,
    /// Notes by path under the document's `sections`.
    pub notes: Notes,
    /// The open list's top items are round bullets, not dashes.
    bullet_list: bool,
}

impl Builder {
    pub fn new(dispatch: bool) -> Builder {
        Builder {
            dispatch,
            roots: Vec::new(),
            front: Vec::new(),
            path: Vec::new(),
            notes: Notes::default(),
            bullet_list: false,
        }
    }

    /// The field path of the open section, under `@doc`.
    fn open_path(&self) -> String {
        let mut p = "@doc".to_string();
        for i in &self.path {
            p.push_str(&format!(".sections[{i}]"));
        }
        p
    }

    fn open(&mut self) -> Option<&mut Section> {
        self.section_at(self.path.len().checked_sub(1)?)
    }

    /// Where text goes: the open section's body, or the front.
    fn blocks(&mut self) -> &mut Vec<Block> {
        if self.path.is_empty() {
            return &mut self.front;
        }
        &mut self.open().expect("the path is valid").body
    }

    /// The children of the section at `depth` along the path (0: roots).
    fn children_at(&mut self, depth: usize) -> &mut Vec<Section> {
        let mut list = &mut self.roots;
        for &i in &self.path[..depth] {
            list = &mut list[i].sections;
        }
        list
    }

    /// The open section at `depth` of the path.
    fn section_at(&mut self, depth: usize) -> Option<&mut Section> {
        let (&first, rest) = self.path.get(..=depth)?.split_first()?;
        let mut s = self.roots.get_mut(first)?;
        for &i in rest {
            s = s.sections.get_mut(i)?;
        }
        Some(s)
    }

    fn lettered(&mut self, depth: usize) -> bool {
        self.section_at(depth)
            .is_some_and(|s| s.numbering == Some(Numbering::Letters))
    }

    pub fn add(&mut self, p: &Piece<'_>) {
        let placed = match &p.label {
            Some(Label::Roman(n)) if !self.dispatch => self.roman(p, *n),
            Some(Label::Arabic(nums)) => self.arabic(p, nums),
            Some(Label::Letter(c)) => self.letter(p, *c),
            Some(Label::Dash) => {
                self.item(p.rest.clone(), 0);
                true
            }
            Some(Label::Plus) => {
                self.item(p.rest.clone(), 1);
                true
            }
            Some(Label::Bullet) => {
                self.bullet(p.rest.clone());
                true
            }
            Some(Label::Paren(n)) => {
                self.enumerate(p, *n);
                true
            }
            _ => false,
        };
        if !placed {
            self.para(p);
        }
        for note in &p.para.notes {
            let path = self.open_path();
            self.notes.add(path, note.clone());
        }
    }

    fn roman(&mut self, p: &Piece<'_>, n: u32) -> bool {
        let next = self.roots.len() as u32 + 1;
        if n == next || p.inferred {
            self.push_section(0, p, false);
            self.note_inferred(p);
            return true;
        }
        // A number skipped in the original: numbered on, said.
        if !p.tentative && n == next + 1 {
            self.push_section(0, p, false);
            self.note_renumbered(p);
            return true;
        }
        false
    }

    fn arabic(&mut self, p: &Piece<'_>, nums: &[u32]) -> bool {
        let base = usize::from(!self.dispatch);
        let depth = base + nums.len() - 1;
        // The parent must be open with the same leading numbers.
        let ok = depth <= self.path.len()
            && (depth == 0 || self.chain_matches(depth, &nums[..nums.len() - 1]));
        if !ok || depth > 0 && self.lettered(depth - 1) {
            return false;
        }
        let next = self.children_at(depth).len() as u32 + 1;
        let n = *nums.last().unwrap_or(&0);
        // Without its dot a number opens a heading, or a heading with its
        // text after a colon ("2) Kinh phí: Từ ngân sách …").
        let inline = colon_heading(&p.rest).is_some();
        let heading = !p.tentative || heading_words(&p.rest) || inline;
        if (n == next || p.inferred) && heading {
            self.push_section(depth, p, false);
            self.note_inferred(p);
            return true;
        }
        if !p.tentative && n == next + 1 && next > 1 {
            self.push_section(depth, p, false);
            self.note_renumbered(p);
            return true;
        }
        false
    }

    fn letter(&mut self, p: &Piece<'_>, c: char) -> bool {
        let depth = self.path.len();
        if depth == 0 {
            return false;
        }
        let wanted = |count: usize| crate::vn::point_letter(count) == c.to_string();
        // Letters number the children of the open section.
        if let Some(s) = self.section_at(depth - 1) {
            let count = s.sections.len();
            let letters = s.numbering == Some(Numbering::Letters);
            if (count == 0 || letters) && wanted(count) {
                self.push_section(depth, p, true);
                return true;
            }
        }
        // A sibling letter of the open letter section.
        if depth >= 2
            && let Some(s) = self.section_at(depth - 2)
            && s.numbering == Some(Numbering::Letters)
            && wanted(s.sections.len())
        {
            self.push_section(depth - 1, p, true);
            return true;
        }
        false
    }

    fn enumerate(&mut self, p: &Piece<'_>, n: u32) {
        let blocks = self.blocks();
        if let Some(Block::Fields(f)) = blocks.last_mut()
            && let Some(items) = &mut f.enumerate
            && items.len() + 1 == n as usize
        {
            items.push(p.rest.clone());
            return;
        }
        if n == 1 {
            blocks.push(Block::Fields(Box::new(BlockFields {
                enumerate: Some(vec![p.rest.clone()]),
                ..BlockFields::default()
            })));
        } else {
            blocks.push(Block::Paragraph(p.text.clone()));
        }
    }

    fn note_inferred(&mut self, p: &Piece<'_>) {
        if p.inferred {
            let path = self.open_path();
            self.notes.add(
                path,
                format!(
                    "tiêu đề \"{}\" không có số trong văn bản gốc; ocop đánh số theo mục sau nó",
                    short(&p.text)
                ),
            );
        } else if p.tentative {
            let path = self.open_path();
            self.notes.add(
                path,
                format!(
                    "số mục \"{}\" viết thiếu dấu trong văn bản gốc; ocop đọc là số mục",
                    short(&p.text)
                ),
            );
        }
    }

    fn note_renumbered(&mut self, p: &Piece<'_>) {
        let path = self.open_path();
        let written = p.text[..p.text.len() - p.rest.len()].trim().to_string();
        self.notes.add(
            path,
            format!(
                "văn bản gốc đánh số mục này là \"{written}\" nhưng thiếu mục trước nó; ocop đánh số liền nhau"
            ),
        );
    }

    fn chain_matches(&mut self, depth: usize, chain: &[u32]) -> bool {
        // The open sections at depths base..depth carry these numbers.
        let base = usize::from(!self.dispatch);
        for (k, n) in chain.iter().enumerate() {
            let d = base + k;
            if d >= depth || d >= self.path.len() || self.path[d] + 1 != *n as usize {
                return false;
            }
            if self
                .section_at(d)
                .is_none_or(|s| s.numbering == Some(Numbering::Letters))
            {
                return false;
            }
        }
        true
    }

    fn push_section(&mut self, depth: usize, p: &Piece<'_>, letter: bool) {
        let (title, inline_body) = split_heading(p);
        let bold = p.para.bold || p.para.bold_lead.is_some() || heading_words(&p.rest);
        if letter && let Some(parent) = self.section_at(depth - 1) {
            parent.numbering = Some(Numbering::Letters);
        }
        let mut s = Section {
            title: Some(title),
            bold: (!bold).then_some(false),
            ..Section::default()
        };
        if let Some(text) = inline_body {
            s.inline = true;
            s.body.push(Block::Paragraph(text));
        }
        let list = self.children_at(depth);
        list.push(s);
        let idx = list.len() - 1;
        self.path.truncate(depth);
        self.path.push(idx);
    }

    fn para(&mut self, p: &Piece<'_>) {
        self.blocks().push(Block::Paragraph(p.text.clone()));
    }

    /// A round bullet: the third level under a "+" line (its list opened
    /// with a dash), else a dash.
    fn bullet(&mut self, text: String) {
        let under_plus = !self.bullet_list
            && self
                .blocks()
                .last_mut()
                .and_then(list_of)
                .and_then(|items| items.last())
                .is_some_and(|last| !item_parts(last).1.is_empty());
        self.item(text, if under_plus { 2 } else { 0 });
        if self
            .blocks()
            .last_mut()
            .and_then(list_of)
            .is_some_and(|items| items.len() == 1)
        {
            // The list this bullet opened is a list of bullets.
            self.bullet_list = !under_plus;
        }
    }

    /// A list item at `depth` (0 "-", 1 "+", 2 "•") under the last item
    /// of the list before it.
    fn item(&mut self, text: String, depth: usize) {
        let blocks = self.blocks();
        if let Some(items) = blocks.last_mut().and_then(list_of) {
            if depth == 0 {
                items.push(ListItem::Text(text));
                return;
            }
            if let Some(last) = items.last_mut() {
                push_child(descend(last, depth - 1), text);
                return;
            }
        }
        self.bullet_list = false;
        let blocks = self.blocks();
        if depth > 0 {
            // A "+" line with no dash line before it stays as written.
            blocks.push(Block::Paragraph(format!("+ {text}")));
            return;
        }
        blocks.push(list_block(vec![ListItem::Text(text)]));
    }
}

/// A block that is only a dash list.
pub fn list_block(items: Vec<ListItem>) -> Block {
    Block::Fields(Box::new(BlockFields {
        list: Some(items),
        ..BlockFields::default()
    }))
}

/// The items of a block that is only a dash list.
pub fn list_of(b: &mut Block) -> Option<&mut Vec<ListItem>> {
    match b {
        Block::Fields(f)
            if f.label.is_none()
                && f.text.is_none()
                && f.assign.is_none()
                && f.enumerate.is_none()
                && f.amount.is_none()
                && f.funding.is_none() =>
        {
            f.list.as_mut()
        }
        _ => None,
    }
}

/// The text of a dash line and its "+" lines.
pub fn item_parts(item: &ListItem) -> (&str, &[ListItem]) {
    match item {
        ListItem::Text(t) => (t, &[]),
        ListItem::Fields(f) => (
            f.text.as_deref().or(f.assign.as_deref()).unwrap_or(""),
            &f.list,
        ),
    }
}

/// The last item `depth` levels under `item` (as deep as there are).
fn descend(item: &mut ListItem, depth: usize) -> &mut ListItem {
    if depth == 0 || last_child(item).is_none() {
        return item;
    }
    descend(last_child(item).expect("just seen"), depth - 1)
}

fn last_child(item: &mut ListItem) -> Option<&mut ListItem> {
    match item {
        ListItem::Fields(f) => f.list.last_mut(),
        ListItem::Text(_) => None,
    }
}

fn push_child(item: &mut ListItem, child: String) {
    match item {
        ListItem::Text(t) => {
            *item = ListItem::Fields(ListItemFields {
                text: Some(std::mem::take(t)),
                list: vec![ListItem::Text(child)],
                ..ListItemFields::default()
            });
        }
        ListItem::Fields(f) => f.list.push(ListItem::Text(child)),
    }
}

fn short(text: &str) -> String {
    let t: String = text.chars().take(60).collect();
    if t.len() < text.len() {
        format!("{t}…")
    } else {
        t
    }
}

/// A short numbered line without a final period reads as a heading.
fn heading_words(rest: &str) -> bool {
    rest.chars().count() <= 160 && !rest.ends_with(['.', ';'])
}

/// "Tên mục: Nội dung …": a short title before the colon, a sentence
/// after it.
fn colon_heading(rest: &str) -> Option<(&str, &str)> {
    let (head, body) = rest.split_once(": ")?;
    let words = head.split_whitespace().count();
    ((1..=14).contains(&words)
        && body.chars().next().is_some_and(char::is_uppercase)
        && !head.contains(['(', ';']))
    .then_some((head, body))
}

/// Title and, for "**3. Kinh phí:** Sử dụng …", the text on the same line.
fn split_heading(p: &Piece<'_>) -> (String, Option<String>) {
    if let Some(lead) = &p.para.bold_lead {
        let lead = squeeze(lead);
        if let Some(body) = p.text.strip_prefix(&lead) {
            let label_len = p.text.len() - p.rest.len();
            let title = lead[label_len.min(lead.len())..]
                .trim()
                .trim_end_matches(':')
                .trim()
                .to_string();
            if lead.trim_end().ends_with(':') && !title.is_empty() && !body.trim().is_empty() {
                return (title, Some(body.trim().to_string()));
            }
        }
    }
    // Without emphasis: "2. Tên mục: Nội dung …" when the part before the
    // colon is short and the part after reads as a sentence; in a bold
    // paragraph (a heading style) only when that sentence ends as one: a
    // heading's title never ends with a period.
    if let Some((head, body)) = colon_heading(&p.rest)
        && (!p.para.bold || body.trim_end().ends_with('.'))
    {
        return (head.trim().to_string(), Some(body.trim().to_string()));
    }
    (p.rest.clone(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(lines: &[&str]) -> Vec<Para> {
        lines.iter().map(|l| Para::new(l)).collect()
    }

    fn titles(list: &[Section]) -> Vec<String> {
        list.iter()
            .map(|s| s.title.clone().unwrap_or_default())
            .collect()
    }

    fn build(lines: &[&str], dispatch: bool) -> Builder {
        let ps = paras(lines);
        let mut pieces = pieces(&ps);
        infer_lost_labels(&mut pieces, dispatch);
        let mut b = Builder::new(dispatch);
        for p in &pieces {
            b.add(p);
        }
        b
    }

    #[test]
    fn a_heading_without_its_dot_is_a_heading() {
        let b = build(
            &[
                "I MỤC ĐÍCH, YÊU CẦU",
                "1. Mục đích",
                "- Nội dung.",
                "II. NHIỆM VỤ",
                "III KINH PHÍ",
                "Từ ngân sách.",
                "IV. TỔ CHỨC THỰC HIỆN",
            ],
            false,
        );
        assert_eq!(
            titles(&b.roots),
            [
                "MỤC ĐÍCH, YÊU CẦU",
                "NHIỆM VỤ",
                "KINH PHÍ",
                "TỔ CHỨC THỰC HIỆN"
            ]
        );
        assert_eq!(b.notes.len(), 2, "{:?}", b.notes);
    }

    #[test]
    fn a_heading_that_lost_its_label_is_found_from_the_next() {
        let b = build(
            &[
                "MỤC ĐÍCH, YÊU CẦU",
                "1. Mục đích",
                "Yêu cầu",
                "- Báo cáo đúng hạn.",
                "3. Kinh phí",
                "II. NHIỆM VỤ",
            ],
            false,
        );
        assert!(b.front.is_empty(), "{:?}", b.front);
        assert_eq!(titles(&b.roots), ["MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ"]);
        assert_eq!(
            titles(&b.roots[0].sections),
            ["Mục đích", "Yêu cầu", "Kinh phí"]
        );
    }

    #[test]
    fn a_paren_label_with_its_text_after_a_colon_is_a_heading() {
        let b = build(
            &[
                "I. TỔ CHỨC THỰC HIỆN",
                "1) Phân công: Các sở thực hiện.",
                "2) Kinh phí: Từ ngân sách tỉnh.",
                "3) Báo cáo kết quả thực hiện trước ngày 15/12.",
            ],
            false,
        );
        assert_eq!(
            titles(&b.roots[0].sections),
            ["Phân công", "Kinh phí"],
            "a sentence with a tentative number stays text"
        );
    }

    #[test]
    fn a_bold_heading_with_a_sentence_after_its_colon_is_parted() {
        let mut ps = paras(&[
            "I. TỔ CHỨC THỰC HIỆN",
            "1. Sở Tài chính: Thẩm định, bố trí kinh phí.",
            "2. Phân công: Các sở",
        ]);
        for p in &mut ps {
            p.bold = true;
        }
        let mut b = Builder::new(false);
        for p in &pieces(&ps) {
            b.add(p);
        }
        let s = &b.roots[0].sections;
        assert_eq!(titles(s), ["Sở Tài chính", "Phân công: Các sở"]);
        assert!(s[0].inline);
    }

    #[test]
    fn a_skipped_number_does_not_swallow_the_rest() {
        let b = build(&["I. A", "1. Một", "3. Ba", "- Ý.", "II. B"], false);
        assert_eq!(titles(&b.roots[0].sections), ["Một", "Ba"]);
        assert_eq!(titles(&b.roots), ["A", "B"]);
        assert_eq!(b.notes.len(), 1);
    }

    #[test]
    fn a_bullet_that_starts_with_a_digit_is_its_own_item() {
        let b = build(
            &[
                "I. CHỈ TIÊU",
                "- Có 20 sản phẩm.",
                "- 100% cán bộ được tập huấn.",
            ],
            false,
        );
        let Block::Fields(f) = &b.roots[0].body[0] else {
            panic!("{:?}", b.roots[0].body)
        };
        assert_eq!(f.list.as_ref().map(Vec::len), Some(2));
    }

    /// The top items of the first block of the first section.
    fn top_items(b: &mut Builder) -> Vec<ListItem> {
        list_of(&mut b.roots[0].body[0])
            .cloned()
            .unwrap_or_default()
    }

    fn shape(items: &[ListItem]) -> String {
        items
            .iter()
            .map(|it| match item_parts(it).1 {
                [] => "x".to_string(),
                children => format!("x[{}]", shape(children)),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_round_bullet_under_a_plus_line_is_the_third_level() {
        let mut b = build(
            &[
                "I. NHIỆM VỤ",
                "- Nội dung:",
                "+ Hướng dẫn chủ thể.",
                "+ Hỗ trợ nâng hạng, tập trung vào:",
                "• tiêu chuẩn chất lượng;",
                "• bao bì, nhãn hàng hóa.",
                "+ Kiểm tra.",
                "- Đơn vị thực hiện: Sở A.",
            ],
            false,
        );
        assert_eq!(shape(&top_items(&mut b)), "x[x x[x x] x] x");
    }

    #[test]
    fn round_bullets_that_open_a_list_are_its_top_items() {
        let mut b = build(
            &["I. CHỈ TIÊU", "• Một;", "+ Một một;", "• Hai;", "- Ba."],
            false,
        );
        assert_eq!(shape(&top_items(&mut b)), "x[x] x x");
    }
}
