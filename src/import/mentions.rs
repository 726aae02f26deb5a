//! Units the document names: detected where the form of a plan names them
//! (a section headed by a unit, the subject of an assignment, the "Đơn vị
//! thực hiện" line), grouped across spellings ("Phòng Nông nghiệp và PTNT
//! huyện", "Phòng Nông nghiệp & PTNT huyện"), declared once with a key.

use std::collections::BTreeMap;

use super::ir::{Block, Doc, Section, TaskKey, UnitDecl};
use crate::model::Unit;
use crate::units::Units;

/// Nouns that open the name of an agency.
const HEADS: [&str; 27] = [
    "Sở",
    "Phòng",
    "Ban",
    "Văn phòng",
    "Trung tâm",
    "Đài",
    "Báo",
    "Hội",
    "Liên minh",
    "Ủy ban",
    "Uỷ ban",
    "UBND",
    "Chi cục",
    "Cục",
    "Bộ",
    "Công an",
    "Tỉnh đoàn",
    "Huyện đoàn",
    "Hiệp hội",
    "Ngân hàng",
    "Kho bạc",
    "Trường",
    "Các Trường",
    "Viện",
    "Cổng thông tin",
    "Hội đồng",
    "Trạm",
];

/// Words that end the subject of an assignment.
const ROLE_VERBS: [&str; 22] = [
    " chủ trì",
    " phối hợp",
    " chủ động",
    " tham mưu",
    " hướng dẫn",
    " thực hiện",
    " triển khai",
    " tổ chức",
    " tham gia",
    " thường xuyên",
    " đẩy mạnh",
    " tiếp tục",
    " hỗ trợ",
    " xây dựng",
    " căn cứ",
    " theo chức năng",
    " rà soát",
    " kiểm tra",
    " lựa chọn",
    " chỉ đạo",
    " tăng cường",
    " ban hành",
];

/// Whether `s` opens with an agency noun followed by a name.
fn head_of(s: &str) -> Option<&'static str> {
    let h = HEADS.iter().find(|h| s.starts_with(&format!("{h} ")))?;
    let next = s[h.len()..].trim_start();
    let ok = next.chars().next().is_some_and(char::is_uppercase)
        || (["UBND", "Ủy ban", "Uỷ ban"].contains(h)
            && ["nhân dân", "các", "cấp", "tỉnh", "huyện", "xã", "thành phố"]
                .iter()
                .any(|w| next.starts_with(w)));
    ok.then_some(*h)
}

/// The unit names at the start of a sentence that assigns work.
pub fn subjects(sentence: &str) -> Vec<String> {
    let s = sentence.trim();
    if head_of(s).is_none() {
        return vec![];
    }
    let cut = ROLE_VERBS.iter().filter_map(|v| s.find(v)).min();
    let Some(cut) = cut else { return vec![] };
    let subject = &s[..cut];
    if subject.split_whitespace().count() > 30 {
        return vec![];
    }
    split_units(subject)
}

/// The units a sentence names after "phối hợp (với)": "… phối hợp với Sở
/// Y tế, Sở Công Thương tổ chức …" → the two names.
pub fn partners(sentence: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in sentence.match_indices("hối hợp ") {
        if !sentence[..at].ends_with(['p', 'P']) {
            continue;
        }
        let after = &sentence[at + "hối hợp ".len()..];
        let after = after.strip_prefix("với ").unwrap_or(after);
        let end = [";", ". ", ":"]
            .iter()
            .filter_map(|m| after.find(m))
            .chain(ROLE_VERBS.iter().filter_map(|v| after.find(v)))
            .min()
            .unwrap_or(after.len());
        // "Sở Tài chính và các đơn vị liên quan": the group is not a unit.
        let names = after[..end].split(" và các ").next().unwrap_or("");
        out.extend(split_units(names.trim_end_matches('.')));
    }
    out
}

/// A partner name longer than this is taken only as far as a unit named
/// elsewhere in the document: "Sở Nông nghiệp và Phát triển nông thôn khảo
/// sát các sản phẩm" names "Sở Nông nghiệp và Phát triển nông thôn".
const MAX_PARTNER_WORDS: usize = 10;

/// `partner` cut to the longest unit of `named` it opens with (compared
/// as [`canonical`] spellings); kept whole when it is short and opens with
/// none; `None` when it is long and opens with none.
fn known_prefix(partner: &str, named: &[String]) -> Option<String> {
    let words: Vec<&str> = partner.split_whitespace().collect();
    let known: Vec<String> = named.iter().map(|n| canonical(n)).collect();
    (1..=words.len())
        .rev()
        .map(|k| words[..k].join(" "))
        .find(|p| known.contains(&canonical(p)))
        .or_else(|| (words.len() <= MAX_PARTNER_WORDS).then(|| partner.to_string()))
}

/// "Báo Hà Tĩnh, Đài Phát thanh - Truyền hình" → the two names.
pub fn split_units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for piece in text.split(", ").flat_map(|p| {
        // " và Sở …", "; Sở …" also separate units.
        let mut v = Vec::new();
        let mut rest = p;
        loop {
            let next = [" và ", "; "]
                .iter()
                .filter_map(|sep| rest.find(sep).map(|i| (i, sep.len())))
                .filter(|(i, l)| head_of(&rest[i + l..]).is_some())
                .min();
            match next {
                Some((i, l)) => {
                    v.push((rest[..i].to_string(), true));
                    rest = &rest[i + l..];
                }
                None => break,
            }
        }
        v.push((rest.to_string(), false));
        v
    }) {
        let (piece, _) = piece;
        let piece = piece.trim();
        // An agency noun opens another unit even before a word in lower
        // case: "Liên minh Hợp tác xã, Hội phụ nữ, Hội nông dân".
        let opens_unit = HEADS.iter().any(|h| piece.starts_with(&format!("{h} ")));
        if opens_unit || cur.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur = piece.to_string();
        } else if is_locality(piece)
            || piece.chars().next().is_some_and(char::is_uppercase) && !cur.starts_with(['U', 'Ủ'])
        {
            cur = format!("{cur}, {piece}");
        } else {
            // The name ended; what follows is not a unit, but a UBND name
            // may still end in a locality: "… các xã, phường tuyên truyền".
            if cur.starts_with(['U', 'Ủ'])
                && let Some(l) = LOCALITIES
                    .iter()
                    .find(|l| piece.starts_with(&format!("{l} ")))
            {
                cur = format!("{cur}, {l}");
            }
            break;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.into_iter()
        .map(|u| {
            u.trim()
                .trim_end_matches([',', ';', '.', ':'])
                .trim()
                .to_string()
        })
        .filter(|u| head_of(u).is_some() && u.split_whitespace().count() >= 2)
        .collect()
}

/// "thành phố", "thị xã", "TP": the localities a UBND name lists.
fn is_locality(piece: &str) -> bool {
    LOCALITIES.contains(&piece.trim())
}

const LOCALITIES: [&str; 11] = [
    "thành phố",
    "thị xã",
    "thị trấn",
    "phường",
    "xã",
    "huyện",
    "tỉnh",
    "TP",
    "TX",
    "quận",
    "đặc khu",
];

/// Spellings compared: case, "UBND", "PTNT", "&", "-" and a final
/// "huyện"/"tỉnh" do not make another unit.
pub fn canonical(name: &str) -> String {
    let mut s = format!(" {} ", name.to_lowercase().replace("uỷ", "ủy"));
    for (a, b) in [
        (" ubnd ", " ủy ban nhân dân "),
        (" ptnt ", " phát triển nông thôn "),
        (" nn&ptnt ", " nông nghiệp và phát triển nông thôn "),
        (" & ", " và "),
        (" - ", " và "),
        (" vh-tt-th ", " văn hóa và thể thao và truyền hình "),
    ] {
        s = s.replace(a, b);
    }
    let mut s = super::para::squeeze(&s);
    for tail in [" huyện", " tỉnh"] {
        if let Some(t) = s.strip_suffix(tail) {
            s = t.to_string();
        }
    }
    s
}

/// A key from the name: initials of its words, without diacritics.
pub(super) fn key_for(name: &str, taken: &[String]) -> String {
    let slug = crate::text::slug(&canonical(name));
    let words: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).collect();
    let mut key = String::new();
    let mut rest: &[&str] = &words;
    if words.starts_with(&["uy", "ban", "nhan", "dan"]) {
        key.push_str("ubnd_");
        rest = &words[4..];
    }
    for w in rest {
        if ["va", "cac"].contains(w) {
            continue;
        }
        if let Some(c) = w.chars().next() {
            key.push(c);
        }
        if key.len() >= 12 {
            break;
        }
    }
    let key = key.trim_end_matches('_').to_string();
    let key = if key.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
        key
    } else {
        format!("dv{key}")
    };
    let mut out = key.clone();
    let mut n = 2;
    while taken.contains(&out) {
        out = format!("{key}{n}");
        n += 1;
    }
    out
}

/// Section title without its note and colon: the unit it names.
pub fn heading_unit(title: &str) -> Option<(String, Option<String>)> {
    let t = title.trim().trim_end_matches(':').trim();
    let (base, note) = match t.strip_suffix(')').and_then(|x| x.rsplit_once(" (")) {
        Some((b, n)) => (b.trim(), Some(n.trim().to_string())),
        None => (t, None),
    };
    // "Sở Công Thương chủ trì, phối hợp với …:" gives work; it is not
    // the unit's own heading.
    let sentence = ROLE_VERBS.iter().any(|v| base.contains(v));
    (head_of(base).is_some()
        && base.split_whitespace().count() <= 16
        && !base.ends_with('.')
        && !sentence)
        .then(|| (base.to_string(), note))
}

/// Finds the units, declares them in `doc.units`, and links unit headings.
#[allow(clippy::too_many_lines)] // issue 20: split by its owner
pub fn declare(doc: &mut Doc) {
    /// Names found where the form names a unit, and names found after
    /// "phối hợp (với)", which may run on into the sentence.
    #[derive(Default)]
    struct Found {
        named: Vec<String>,
        partners: Vec<String>,
    }
    fn walk(list: &[Section], out: &mut Found) {
        for s in list {
            if let Some((u, _)) = heading_unit(&s.title) {
                // "Sở Tài chính, Sở Kế hoạch và Đầu tư": two units.
                out.named.extend(split_units(&u));
            } else {
                // A numbered paragraph that gives work.
                sentence(&s.title, out);
            }
            for b in &s.body {
                blocks(b, out);
            }
            for t in &s.task {
                if t.key == TaskKey::Units
                    || t.label.as_deref().is_some_and(|l| l.starts_with("Đơn vị"))
                {
                    for part in t.text.split("; ") {
                        let subject = ROLE_VERBS
                            .iter()
                            .filter_map(|v| part.find(v))
                            .min()
                            .map_or(part, |c| &part[..c]);
                        out.named.extend(split_units(subject));
                        out.partners.extend(partners(part));
                    }
                }
                for b in &t.blocks {
                    blocks(b, out);
                }
            }
            walk(&s.sections, out);
        }
    }
    fn sentence(t: &str, out: &mut Found) {
        out.named.extend(subjects(t));
        out.partners.extend(partners(t));
    }
    fn blocks(b: &Block, out: &mut Found) {
        match b {
            Block::Para(t) | Block::Assign(t) => sentence(t, out),
            Block::List(items) => {
                for it in items {
                    sentence(&it.text, out);
                    for c in &it.children {
                        sentence(&c.text, out);
                    }
                }
            }
            Block::Enumerate(_) | Block::Table(_) | Block::Refer { .. } => {}
        }
    }
    let mut found = Found::default();
    // A công văn's addressees are units.
    for t in &doc.to {
        found.named.extend(split_units(t));
    }
    walk(&doc.sections, &mut found);
    for b in &doc.body {
        blocks(b, &mut found);
    }
    let mut spellings = found.named.clone();
    spellings.extend(
        found
            .partners
            .iter()
            .filter_map(|p| known_prefix(p, &found.named)),
    );
    // Group the spellings; the name is the most used, then the longest.
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for s in spellings {
        let c = canonical(&s);
        if !groups.contains_key(&c) {
            order.push(c.clone());
        }
        groups.entry(c).or_default().push(s);
    }
    let mut units = Vec::new();
    let mut taken = Vec::new();
    for c in order {
        let all = &groups[&c];
        let mut counts: Vec<(String, usize)> = Vec::new();
        for s in all {
            match counts.iter_mut().find(|(x, _)| x == s) {
                Some((_, n)) => *n += 1,
                None => counts.push((s.clone(), 1)),
            }
        }
        counts.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(b.0.chars().count().cmp(&a.0.chars().count()))
        });
        let name = counts[0].0.clone();
        let key = key_for(&name, &taken);
        taken.push(key.clone());
        units.push(UnitDecl {
            key,
            name,
            aliases: counts[1..].iter().map(|(s, _)| s.clone()).collect(),
            mentions: all.len(),
        });
    }
    let units = distinct_aliases(units);
    let declared = declared(&units);
    let known = Units::new(&declared);
    // Headings that name declared units refer to them: by key where the
    // heading spells the name, else by the spelling as typed.
    fn link(list: &mut [Section], known: &Units, depth: usize) {
        for s in list {
            if depth > 0
                && let Some((base, note)) = heading_unit(&s.title)
                && let Some(refs) = heading_refs(&base, known)
            {
                s.units = refs;
                s.note = note;
                s.colon = s.title.trim_end().ends_with(':');
            }
            // A task whose units line names no declared unit goes to no
            // per-unit dispatch: the reader should know.
            let unknown = s
                .task
                .iter()
                .any(|t| t.key == TaskKey::Units && known.mentions(&t.text).is_empty());
            if unknown && s.check.is_none() {
                s.check = Some(
                    "dòng đơn vị thực hiện không nêu đơn vị nào nhận ra được; muốn có công văn giao việc cho đơn vị đó thì khai báo nó trong `units` và ghi khóa"
                        .into(),
                );
            }
            link(&mut s.sections, known, depth + 1);
        }
    }
    let base_depth = usize::from(doc.kind == super::ir::Kind::Dispatch);
    link(&mut doc.sections, &known, base_depth);
    doc.units = units;
}

/// The units as the loader will read them back.
pub fn declared(units: &[UnitDecl]) -> BTreeMap<String, Unit> {
    units
        .iter()
        .map(|u| {
            (
                u.key.clone(),
                Unit {
                    name: u.name.clone(),
                    short: None,
                    aliases: u.aliases.clone(),
                },
            )
        })
        .collect()
}

/// Keeps only the aliases that are a spelling of their own: one already
/// accepted for some unit (the same words in another case or with the tone
/// mark placed elsewhere) is dropped, so each spelling names one unit.
fn distinct_aliases(mut units: Vec<UnitDecl>) -> Vec<UnitDecl> {
    let all: Vec<Vec<String>> = units
        .iter_mut()
        .map(|u| std::mem::take(&mut u.aliases))
        .collect();
    for (i, aliases) in all.into_iter().enumerate() {
        for a in aliases {
            let map = declared(&units);
            if Units::new(&map).resolve(&a).is_none() {
                units[i].aliases.push(a);
            }
        }
    }
    units
}

/// The references a unit heading prints as: one unit, or several joined
/// by ", " exactly as `unit: [a, b]` prints them. None when some part is
/// not a declared spelling.
fn heading_refs(base: &str, known: &Units) -> Option<Vec<String>> {
    let reference = |part: &str| -> Option<String> {
        let key = known.resolve(part)?;
        Some(if known.get(key)?.name == part {
            key.to_string()
        } else {
            part.to_string()
        })
    };
    let pieces: Vec<&str> = base.split(", ").collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        // The longest run of pieces that is one unit's spelling.
        let (j, r) = (i + 1..=pieces.len())
            .rev()
            .find_map(|j| reference(&pieces[i..j].join(", ")).map(|r| (j, r)))?;
        out.push(r);
        i = j;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partners_named_after_phoi_hop() {
        assert_eq!(
            partners(
                "Sở A chủ trì, phối hợp với Sở Y tế, Sở Văn hóa, Thể thao và Du lịch tổ chức tập huấn."
            ),
            ["Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch"]
        );
        assert_eq!(
            partners(
                "Chủ trì, phối hợp Ủy ban nhân dân các xã, phường tuyên truyền; báo cáo Sở B."
            ),
            ["Ủy ban nhân dân các xã, phường"]
        );
        assert!(partners("Phối hợp với các sở, ngành liên quan thực hiện.").is_empty());
        assert_eq!(
            partners("Phối hợp với Sở Tài chính và các đơn vị liên quan tham mưu."),
            ["Sở Tài chính"]
        );
    }

    #[test]
    fn a_partner_running_on_into_the_sentence_is_cut_to_a_known_unit() {
        let named = vec!["Sở Nông nghiệp và PTNT".to_string()];
        let long = "Sở Nông nghiệp và Phát triển nông thôn khảo sát các sản phẩm tiềm năng";
        assert_eq!(
            known_prefix(long, &named).as_deref(),
            Some("Sở Nông nghiệp và Phát triển nông thôn")
        );
        assert_eq!(known_prefix("Sở Y tế", &named).as_deref(), Some("Sở Y tế"));
        assert_eq!(
            known_prefix(
                "Sở Y tế kiểm tra an toàn thực phẩm tại các cơ sở sản xuất",
                &named
            ),
            None
        );
    }

    #[test]
    fn a_heading_that_gives_work_is_not_a_units_own_heading() {
        assert_eq!(
            heading_unit("Sở Công Thương chủ trì, phối hợp với Văn phòng Điều phối:"),
            None
        );
        assert_eq!(
            heading_unit("Sở Công Thương (cơ quan thường trực):"),
            Some((
                "Sở Công Thương".to_string(),
                Some("cơ quan thường trực".to_string())
            ))
        );
    }

    #[test]
    fn an_agency_noun_opens_another_unit() {
        assert_eq!(
            split_units(
                "Liên minh Hợp tác xã, Hội phụ nữ, Báo Lai Châu, Cổng thông tin điện tử tỉnh"
            ),
            ["Liên minh Hợp tác xã", "Báo Lai Châu"]
        );
        assert_eq!(
            split_units("Sở Văn hóa, Thể thao và Du lịch"),
            ["Sở Văn hóa, Thể thao và Du lịch"]
        );
    }

    #[test]
    fn subjects_of_assignments() {
        assert_eq!(
            subjects("Báo Hà Nam, Đài Phát thanh - Truyền hình chủ động xây dựng kế hoạch."),
            ["Báo Hà Nam", "Đài Phát thanh - Truyền hình"]
        );
        assert_eq!(
            subjects("Sở Văn hóa, Thể thao và Du lịch chủ trì phối hợp với các địa phương."),
            ["Sở Văn hóa, Thể thao và Du lịch"]
        );
        assert_eq!(
            subjects("UBND các huyện, thành phố, thị xã chủ động tổ chức tập huấn."),
            ["UBND các huyện, thành phố, thị xã"]
        );
        assert_eq!(
            subjects("Sở Kế hoạch và Đầu tư, Hiệp hội Doanh nghiệp tỉnh hỗ trợ thành lập."),
            ["Sở Kế hoạch và Đầu tư", "Hiệp hội Doanh nghiệp tỉnh"]
        );
        assert!(subjects("Các sở, ngành liên quan chủ động thực hiện.").is_empty());
        assert!(subjects("Tăng cường công tác tuyên truyền.").is_empty());
    }

    #[test]
    fn spellings_of_one_unit() {
        assert_eq!(
            canonical("Phòng Nông nghiệp & PTNT huyện"),
            canonical("Phòng Nông nghiệp và Phát triển nông thôn")
        );
        assert_eq!(
            canonical("UBND các xã"),
            canonical("Ủy ban nhân dân các xã")
        );
        assert_ne!(canonical("Sở Y tế"), canonical("Sở Tài chính"));
        assert_eq!(
            key_for("Sở Nông nghiệp và Phát triển nông thôn", &[]),
            "snnptnt"
        );
        assert_eq!(key_for("UBND các huyện, thành phố", &[]), "ubnd_htp");
        assert_eq!(key_for("Sở Y tế", &["syt".into()]), "syt2");
    }

    fn decl(key: &str, name: &str, aliases: &[&str]) -> UnitDecl {
        UnitDecl {
            key: key.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            mentions: 1,
        }
    }

    #[test]
    fn aliases_are_spellings_of_their_own() {
        let units = distinct_aliases(vec![
            decl(
                "pnn",
                "Phòng Nông nghiệp và PTNT huyện",
                &[
                    "Phòng Nông nghiệp & PTNT huyện",
                    "phòng nông nghiệp và PTNT huyện",
                ],
            ),
            decl("stc", "Sở Tài chính", &[]),
        ]);
        assert_eq!(units[0].aliases, ["Phòng Nông nghiệp & PTNT huyện"]);
    }

    #[test]
    fn headings_name_one_or_several_units() {
        let units = vec![
            decl("stc", "Sở Tài chính", &[]),
            decl("svh", "Sở Văn hóa, Thể thao và Du lịch", &["Sở VH, TT&DL"]),
        ];
        let map = declared(&units);
        let known = Units::new(&map);
        assert_eq!(
            heading_refs("Sở Tài chính", &known),
            Some(vec!["stc".into()])
        );
        assert_eq!(
            heading_refs("Sở Tài chính, Sở Văn hóa, Thể thao và Du lịch", &known),
            Some(vec!["stc".into(), "svh".into()])
        );
        assert_eq!(
            heading_refs("Sở VH, TT&DL", &known),
            Some(vec!["Sở VH, TT&DL".into()])
        );
        assert_eq!(heading_refs("Sở Tài chính và Sở Y tế", &known), None);
    }

    #[test]
    fn unit_headings_keep_their_colon() {
        let mut doc = Doc::default();
        doc.sections.push(Section {
            title: "NHIỆM VỤ".into(),
            sections: vec![
                Section {
                    title: "Sở Tài chính:".into(),
                    body: vec![Block::Para("Sở Tài chính chủ trì bố trí kinh phí.".into())],
                    ..Section::default()
                },
                Section {
                    title: "Sở Tài chính, Sở Y tế".into(),
                    ..Section::default()
                },
            ],
            ..Section::default()
        });
        declare(&mut doc);
        let s = &doc.sections[0].sections;
        assert_eq!(s[0].units, ["stc"]);
        assert!(s[0].colon);
        assert_eq!(s[1].units, ["stc", "syt"]);
        assert!(!s[1].colon);
    }

    #[test]
    fn unit_headings() {
        assert_eq!(
            heading_unit("Phòng Nông nghiệp huyện (Cơ quan thường trực)"),
            Some((
                "Phòng Nông nghiệp huyện".into(),
                Some("Cơ quan thường trực".into())
            ))
        );
        assert_eq!(
            heading_unit("Sở Tài chính:"),
            Some(("Sở Tài chính".into(), None))
        );
        assert_eq!(heading_unit("Mục đích"), None);
    }
}
