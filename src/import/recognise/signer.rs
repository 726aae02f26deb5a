//! The signer (NĐ 30 element 7): the authority lines (TM., TL., TUQ., KT.,
//! Q.), the signer's post in capitals, and the name.

use crate::model::Signer;

use super::super::para::all_caps;

/// The authority a signer line opens with ("TM. ỦY BAN NHÂN DÂN"): its
/// field and the rest of the line.
pub fn authority_line(line: &str) -> Option<(&'static str, String)> {
    for (p, k) in [
        ("TM.", "tm"),
        ("TL.", "tl"),
        ("TUQ.", "tuq"),
        ("KT.", "kt"),
        ("Q.", "q"),
    ] {
        if let Some(rest) = line.trim().strip_prefix(p)
            && rest.starts_with(' ')
            && all_caps(rest)
        {
            return Some((k, rest.trim().to_string()));
        }
    }
    None
}

/// Reads a line of the signature column into `signer`; false when it is
/// none of its lines. `seen`: an authority line or a post came before.
pub fn line(l: &str, signer: &mut Signer, seen: &mut bool) -> bool {
    if let Some((k, v)) = authority_line(l) {
        let slot = match k {
            "tm" => &mut signer.tm,
            "tl" => &mut signer.tl,
            "tuq" => &mut signer.tuq,
            "kt" => &mut signer.kt,
            _ => &mut signer.q,
        };
        *slot = Some(v);
        *seen = true;
        return true;
    }
    if all_caps(l) && signer.title.is_none() && l.split_whitespace().count() <= 8 {
        signer.title = Some(l.to_string());
        *seen = true;
        return true;
    }
    if signer.name.is_empty() && is_person_name(l) && *seen {
        signer.name = l.to_string();
        return true;
    }
    false
}

/// A line of the signer's column: an authority line, a post in capitals,
/// a name.
pub fn is_signer_line(l: &str) -> bool {
    authority_line(l).is_some()
        || all_caps(l) && l.split_whitespace().count() <= 8
        || is_person_name(l)
}

/// "Hà Trọng Hải": two to six words, each capitalised.
pub fn is_person_name(l: &str) -> bool {
    let words: Vec<&str> = l.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        })
        && !all_caps(l)
}

/// The words of a head's post in the signer's column.
const HEADS_POSTS: [&str; 5] = ["CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG", "CHÁNH", "PHÓ"];

/// The most words the signer's glued part has: an authority line
/// ("TM. BAN CHỈ ĐẠO …"), a post or a name is a few.
const GLUED_WORDS: usize = 16;

/// The end of a Nơi nhận line that is the signer's column glued to it when
/// the two columns were flattened onto one line: "- Sở Y tế; KT. CHỦ TỊCH",
/// "- Lưu: VT. Hà Trọng Hải". The line without it, and the glued part.
/// `continued`: the line goes on a Nơi nhận line above. Only the places
/// before the line's last [`GLUED_WORDS`] words are tried, so a line of
/// any length costs a few passes over it.
pub fn glued(line: &str, continued: bool) -> Option<(&str, &str)> {
    let listed = line.starts_with(['-', '–', '—', '•', '+']) || line.starts_with("Nơi nhận");
    if !listed && !continued {
        return None;
    }
    let spaces: Vec<usize> = line.match_indices(' ').map(|(at, _)| at).collect();
    let first = spaces.len().saturating_sub(GLUED_WORDS);
    for &at in &spaces[first..] {
        let (left, right) = (line[..at].trim_end(), line[at..].trim());
        if left.is_empty() || right.is_empty() {
            continue;
        }
        let ended = left.ends_with([';', '.', ':']);
        let last_lower = left
            .split_whitespace()
            .next_back()
            .is_some_and(|w| w.chars().any(char::is_lowercase));
        // "- Lưu: VT, KT. PHÓ CHỦ TỊCH": an archive's "KT." is no "ký thay".
        let authority = authority_line(right).is_some() && (ended || last_lower);
        let words = right.split_whitespace().count();
        // A recipient wrapped before its mark ("… có sản phẩm PHÓ CHỦ
        // TỊCH"): a head's post in capitals right after a word in lower
        // case (an acronym such as "BCĐ OCOP" is no post).
        let lower_before = last_lower && HEADS_POSTS.iter().any(|p| right.contains(p));
        let post = (ended || lower_before)
            && all_caps(right)
            && (2..=6).contains(&words)
            && !right.contains(|c: char| c.is_ascii_punctuation());
        let name = ended && is_person_name(right) && !left.ends_with(':');
        if authority || post || name {
            return Some((left, right));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signers_column_glued_to_a_recipient() {
        assert_eq!(
            glued("Nơi nhận: TM. ỦY BAN NHÂN DÂN", false),
            Some(("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"))
        );
        assert_eq!(
            glued("- Bộ Nông nghiệp (b/c); KT. CHỦ TỊCH", false),
            Some(("- Bộ Nông nghiệp (b/c);", "KT. CHỦ TỊCH"))
        );
        assert_eq!(
            glued("- TT. HĐND tỉnh (b/c); PHÓ CHỦ TỊCH", false),
            Some(("- TT. HĐND tỉnh (b/c);", "PHÓ CHỦ TỊCH"))
        );
        assert_eq!(
            glued("- Lưu: VT, Kt5. Hà Trọng Hải", false),
            Some(("- Lưu: VT, Kt5.", "Hà Trọng Hải"))
        );
        assert_eq!(glued("- TT. Tỉnh ủy (b/c);", false), None);
        assert_eq!(glued("- Lưu: VT, KT.", false), None);
        assert_eq!(glued("TM. ỦY BAN NHÂN DÂN", false), None);
        assert_eq!(
            glued("NTM Trung ương; PHÓ CHỦ TỊCH", true),
            Some(("NTM Trung ương;", "PHÓ CHỦ TỊCH"))
        );
        assert_eq!(glued("- Chủ tịch, các PCT UBND tỉnh;", false), None);
        assert_eq!(
            glued("- UBND các xã, phường có sản phẩm PHÓ CHỦ TỊCH", false),
            Some(("- UBND các xã, phường có sản phẩm", "PHÓ CHỦ TỊCH"))
        );
        assert_eq!(glued("- Các thành viên BCĐ OCOP", false), None);
        assert_eq!(
            glued("- Lưu: VT, KT. PHÓ CHỦ TỊCH", false),
            Some(("- Lưu: VT, KT.", "PHÓ CHỦ TỊCH"))
        );
    }
}
