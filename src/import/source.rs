//! What every reader of a document shares: the format told by the file's
//! content (not only its name), why a file could not be read (in
//! Vietnamese), and the bounded reading of a zip package's parts (.docx,
//! .odt), decoded from UTF-8 or UTF-16 as their byte-order mark says.

use std::io::{Cursor, Read};

/// Why a document could not be read, in Vietnamese: what is wrong and how
/// to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub message: String,
    pub hint: String,
}

pub fn problem(message: impl Into<String>, hint: impl Into<String>) -> Problem {
    Problem {
        message: message.into(),
        hint: hint.into(),
    }
}

/// The kinds of document `ocop import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Word 2007 and later (Office Open XML).
    Docx,
    /// LibreOffice Writer (OpenDocument Text).
    Odt,
    /// Word 97–2003 (an OLE compound file).
    Doc,
    Pdf,
    /// Anything else is read as plain text.
    Text,
}

impl Format {
    /// The format of a file from its first bytes and, where those say
    /// nothing, its name's extension.
    pub fn sniff(bytes: &[u8], name: &str) -> Format {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        if bytes.starts_with(b"PK\x03\x04") {
            // OpenDocument puts an uncompressed `mimetype` entry first.
            let odt = bytes.len() > 38
                && &bytes[30..38] == b"mimetype"
                && memchr::memmem::find(&bytes[38..bytes.len().min(160)], b"opendocument")
                    .is_some();
            return if odt || ext == "odt" {
                Format::Odt
            } else {
                Format::Docx
            };
        }
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return Format::Doc;
        }
        // A PDF may have a few bytes of junk before its header.
        if memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() {
            return Format::Pdf;
        }
        // Without a signature, a word processor's name is taken at its
        // word, and its reader says what the file is not.
        match ext.as_str() {
            "docx" | "docm" | "dotx" => Format::Docx,
            "odt" | "ott" => Format::Odt,
            "doc" | "dot" => Format::Doc,
            _ => Format::Text,
        }
    }

    /// Largest file of this format accepted.
    pub fn max_bytes(self) -> u64 {
        match self {
            Format::Docx | Format::Odt | Format::Doc => 64 << 20,
            Format::Pdf => 128 << 20,
            Format::Text => super::MAX_TEXT_BYTES,
        }
    }

    /// The format's name in the messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Docx => ".docx",
            Format::Odt => ".odt",
            Format::Doc => "Word 97–2003 (.doc)",
            Format::Pdf => "PDF",
            Format::Text => "văn bản",
        }
    }
}

/// Most entries in a zip package.
const MAX_ENTRIES: usize = 20_000;

/// A zip package (.docx, .odt) opened with its entry count bounded.
pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// The format's name and the advice to re-save, for the messages.
    format: &'static str,
    resave: &'static str,
}

impl<'a> Package<'a> {
    pub fn open(
        bytes: &'a [u8],
        format: &'static str,
        resave: &'static str,
    ) -> Result<Package<'a>, Problem> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
            problem(
                format!("tệp không phải {format} (không đọc được dạng nén zip)"),
                resave,
            )
        })?;
        if zip.len() > MAX_ENTRIES {
            return Err(problem(
                format!("tệp {format} có quá nhiều phần bên trong: tệp bất thường"),
                resave,
            ));
        }
        Ok(Package {
            zip,
            format,
            resave,
        })
    }

    /// The part `name` decoded as text, at most `limit` bytes once
    /// decompressed; `Ok(None)` when the package has no such part.
    pub fn part(&mut self, name: &str, limit: u64) -> Result<Option<String>, Problem> {
        let (format, resave) = (self.format, self.resave);
        let Ok(entry) = self.zip.by_name(name) else {
            return Ok(None);
        };
        let mut bytes = Vec::new();
        entry.take(limit + 1).read_to_end(&mut bytes).map_err(|_| {
            problem(
                format!("tệp {format} hỏng: phần {name} không giải nén được"),
                resave,
            )
        })?;
        if bytes.len() as u64 > limit {
            return Err(problem(
                format!(
                    "phần {name} của tệp {format} giải nén ra quá lớn (hơn {} MB): tệp bất thường hoặc bị cố ý làm phình",
                    limit >> 20
                ),
                resave,
            ));
        }
        xml_text(bytes).map(Some).map_err(|_| {
            problem(
                format!("tệp {format} hỏng: phần {name} không phải chữ Unicode (UTF-8 hay UTF-16)"),
                resave,
            )
        })
    }
}

/// An XML part's text: UTF-8, or UTF-16 as its byte-order mark (or its
/// zero bytes) says, with the declaration's encoding made UTF-8 to match.
pub fn xml_text(bytes: Vec<u8>) -> Result<String, crate::text::NotText> {
    let utf8 = match String::from_utf8(bytes) {
        Ok(s) => return Ok(s.trim_start_matches('\u{feff}').to_string()),
        Err(e) => e.into_bytes(),
    };
    let text = crate::text::decode(&utf8)?;
    let text = text.trim_start_matches('\u{feff}');
    // `<?xml … encoding="UTF-16"?>`: the text is UTF-8 now.
    if text.starts_with("<?xml")
        && let Some(end) = text.find("?>")
    {
        let decl = text[..end]
            .replace("UTF-16LE", "UTF-8")
            .replace("UTF-16BE", "UTF-8")
            .replace("UTF-16", "UTF-8")
            .replace("utf-16", "UTF-8");
        return Ok(format!("{decl}{}", &text[end..]));
    }
    Ok(text.to_string())
}

/// The character an entity or character reference in XML text stands for
/// (`&amp;`, `&#7899;`); `None` for an unknown entity.
pub fn entity(r: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    let name: &str = r;
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// An element's or attribute's name without its namespace prefix.
pub fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// The value of attribute `name` (any prefix), unescaped.
pub fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (local(a.key.as_ref()) == name).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(|_| a.value.to_string(), |v| v.into_owned())
        })
    })
}

/// A reader of a word processor's XML part, told its events in order.
pub trait XmlVisitor {
    /// An element opens (`empty`: it also closes at once; `end` follows).
    fn start(&mut self, e: &quick_xml::events::BytesStart<'_>, empty: bool);
    /// An element closes: its local name.
    fn end(&mut self, name: &str) -> Result<(), Problem>;
    /// Character data, entities resolved; the reader decides if it shows.
    fn text(&mut self, text: &str);
}

/// Walks `xml` for `visitor`, bounding the nesting at `max_depth`; a
/// malformed part or one nested too deep is refused in Vietnamese.
pub fn walk_xml(
    xml: &str,
    format: &str,
    resave: &str,
    max_depth: usize,
    visitor: &mut impl XmlVisitor,
) -> Result<(), Problem> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            problem(
                format!(
                    "tệp {format} hỏng: nội dung XML sai ở byte {} ({e})",
                    reader.buffer_position()
                ),
                resave,
            )
        })?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > max_depth {
                    return Err(problem(
                        format!(
                            "tệp {format} lồng nhau quá sâu (hơn {max_depth} cấp): tệp bất thường"
                        ),
                        resave,
                    ));
                }
                visitor.start(&e, false);
            }
            Event::Empty(e) => {
                visitor.start(&e, true);
                visitor.end(local(e.name().as_ref()))?;
            }
            Event::Text(t) => visitor.text(&t.xml10_content()),
            Event::CData(t) => visitor.text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if let Some(c) = entity(&r) {
                    visitor.text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                visitor.end(local(e.name().as_ref()))?;
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content_before_name() {
        assert_eq!(Format::sniff(b"%PDF-1.7\n", "a.txt"), Format::Pdf);
        assert_eq!(Format::sniff(b"\r\n%PDF-1.4", "a"), Format::Pdf);
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0];
        assert_eq!(Format::sniff(&ole, "ke-hoach.docx"), Format::Doc);
        assert_eq!(Format::sniff(b"PK\x03\x04rest", "x.bin"), Format::Docx);
        let mut odt = b"PK\x03\x04".to_vec();
        odt.resize(30, 0);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert_eq!(Format::sniff(&odt, "ke-hoach.docx"), Format::Odt);
        assert_eq!(Format::sniff(b"PK\x03\x04", "k.odt"), Format::Odt);
        assert_eq!(Format::sniff("KẾ HOẠCH".as_bytes(), "k.txt"), Format::Text);
        assert_eq!(Format::sniff("KẾ HOẠCH".as_bytes(), "k.doc"), Format::Doc);
    }

    #[test]
    fn utf16_parts_are_decoded_and_their_declaration_fixed() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>Sở</a>";
        let mut bytes = vec![0xFF, 0xFE];
        for u in xml.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            xml_text(bytes).unwrap(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>Sở</a>"
        );
        let mut with_bom = "\u{feff}<a/>".as_bytes().to_vec();
        assert_eq!(xml_text(std::mem::take(&mut with_bom)).unwrap(), "<a/>");
    }
}
