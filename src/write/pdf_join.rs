//! Joining PDFs page after page into one file: the merged certificate file
//! is produced in parts so memory stays flat however long the list, and the
//! parts are joined here one at a time, straight into the output, so only
//! one part is ever parsed in memory. The first part's catalog, document
//! information, metadata and identifier become the file's; every part
//! contributes its pages and what they use. Parts must be untagged:
//! structure trees cannot be joined this way.
//!
//! Parts exported as PDF/A give a PDF/A file: the first part's XMP
//! identification (page count corrected) and output intent are the
//! file's, the others' output intents are left out, and the file keeps
//! a classic cross-reference table.

use std::io::Write;

use lopdf::{Document, Object, ObjectId, Stream, Writer};

/// Joins `parts` (complete PDF files) into one PDF written to `out`, pages
/// in order.
pub fn join(parts: &[Vec<u8>], out: &mut dyn Write) -> Result<(), String> {
    let (first, rest) = parts.split_first().ok_or("không có trang nào để ghép")?;
    let mut doc = load(first)?;
    let catalog_id = reference(doc.trailer.get(b"Root"))?;
    let mut catalog = doc.catalog().map_err(|e| e.to_string())?.clone();
    let root_pages = reference(catalog.get(b"Pages"))?;
    let mut root = doc
        .get_dictionary(root_pages)
        .map_err(|e| e.to_string())?
        .clone();
    let mut trailer = doc.trailer.clone();
    let metadata = reference(catalog.get(b"Metadata"))
        .ok()
        .and_then(|id| Some((id, doc.objects.remove(&id)?)));
    let mut file = PdfFile::start(out).map_err(io)?;
    let mut kids = Vec::new();
    file.copy_part(&mut doc, root_pages, &mut kids, Keep::InfoToo)?;
    let mut next_id = doc.max_id + 1;
    for part in rest {
        let mut doc = load(part)?;
        doc.renumber_objects_with(next_id);
        next_id = doc.max_id + 1;
        file.copy_part(&mut doc, root_pages, &mut kids, Keep::PagesOnly)?;
    }
    let pages = kids.len();
    root.set("Count", pages as i64);
    root.set(
        "Kids",
        kids.into_iter().map(Object::Reference).collect::<Vec<_>>(),
    );
    file.object(root_pages, &Object::Dictionary(root))
        .map_err(io)?;
    match metadata {
        Some((id, Object::Stream(mut stream))) => {
            correct_page_count(&mut stream, pages);
            file.object(id, &Object::Stream(stream)).map_err(io)?;
        }
        _ => drop(catalog.remove(b"Metadata")),
    }
    file.object(catalog_id, &Object::Dictionary(catalog))
        .map_err(io)?;
    trailer.set("Size", i64::from(next_id));
    trailer.remove(b"Prev");
    trailer.remove(b"XRefStm");
    file.finish(next_id, &trailer).map_err(io)
}

/// What of a part besides its pages goes into the joined file.
#[derive(PartialEq)]
enum Keep {
    /// The first part: its document information is the file's.
    InfoToo,
    PagesOnly,
}

fn io(e: std::io::Error) -> String {
    e.to_string()
}

fn reference(object: lopdf::Result<&Object>) -> Result<ObjectId, String> {
    object
        .and_then(Object::as_reference)
        .map_err(|e| e.to_string())
}

fn load(bytes: &[u8]) -> Result<Document, String> {
    Document::load_mem(bytes).map_err(|e| format!("không đọc lại được phần tệp PDF: {e}"))
}

/// The XMP metadata names the page count of the part it came from.
fn correct_page_count(stream: &mut Stream, pages: usize) {
    const OPEN: &str = "<xmpTPg:NPages>";
    let Ok(text) = std::str::from_utf8(&stream.content) else {
        return;
    };
    let Some(start) = text.find(OPEN).map(|i| i + OPEN.len()) else {
        return;
    };
    let Some(len) = text[start..].find('<') else {
        return;
    };
    let corrected = format!("{}{pages}{}", &text[..start], &text[start + len..]);
    stream.set_plain_content(corrected.into_bytes());
}

/// A PDF written object by object, remembering where each one starts.
struct PdfFile<'a> {
    out: &'a mut dyn Write,
    position: u64,
    offsets: Vec<(u32, u16, u64)>,
}

impl<'a> PdfFile<'a> {
    fn start(out: &'a mut dyn Write) -> std::io::Result<Self> {
        let mut file = PdfFile {
            out,
            position: 0,
            offsets: Vec::new(),
        };
        file.write(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(file)
    }

    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)?;
        self.position += bytes.len() as u64;
        Ok(())
    }

    fn object(&mut self, id: ObjectId, object: &Object) -> std::io::Result<()> {
        self.offsets.push((id.0, id.1, self.position));
        let mut body = format!("{} {} obj\n", id.0, id.1).into_bytes();
        Writer::write_object(&mut body, object)?;
        body.extend_from_slice(b"\nendobj\n");
        self.write(&body)
    }

    /// Writes a part's pages (now children of `root_pages`) and the objects
    /// they use; its catalog, page-tree nodes and metadata are left out.
    fn copy_part(
        &mut self,
        doc: &mut Document,
        root_pages: ObjectId,
        kids: &mut Vec<ObjectId>,
        keep: Keep,
    ) -> Result<(), String> {
        for id in doc.get_pages().into_values() {
            materialise_inherited(doc, id)?;
            doc.get_dictionary_mut(id)
                .map_err(|e| e.to_string())?
                .set("Parent", root_pages);
            kids.push(id);
        }
        let catalog = reference(doc.trailer.get(b"Root")).ok();
        let info = reference(doc.trailer.get(b"Info")).ok();
        let metadata = doc
            .catalog()
            .ok()
            .and_then(|c| reference(c.get(b"Metadata")).ok());
        // A later part's output intent (a PDF/A part's colour profile)
        // would be an orphan: the file has the first part's.
        let intents = match keep {
            Keep::PagesOnly => output_intent_objects(doc),
            Keep::InfoToo => Vec::new(),
        };
        for (id, object) in std::mem::take(&mut doc.objects) {
            let page_tree_node = object.type_name().ok() == Some(b"Pages".as_slice());
            let left_out = page_tree_node
                || Some(id) == catalog
                || Some(id) == metadata
                || intents.contains(&id)
                || (Some(id) == info && keep == Keep::PagesOnly);
            if !left_out {
                self.object(id, &object).map_err(io)?;
            }
        }
        Ok(())
    }

    /// The cross-reference table (free entries for numbers left unused,
    /// linked as the format asks) and the trailer.
    fn finish(mut self, size: u32, trailer: &lopdf::Dictionary) -> std::io::Result<()> {
        let mut entries: Vec<Option<(u16, u64)>> = vec![None; size as usize];
        for (number, generation, offset) in &self.offsets {
            if let Some(entry) = entries.get_mut(*number as usize) {
                *entry = Some((*generation, *offset));
            }
        }
        let free: Vec<usize> = (1..entries.len())
            .filter(|n| entries[*n].is_none())
            .collect();
        let xref_position = self.position;
        let mut table = format!("xref\n0 {size}\n");
        let next_free = |after: usize| free.iter().find(|n| **n > after).copied().unwrap_or(0);
        table.push_str(&format!("{:010} 65535 f \n", next_free(0)));
        for (number, entry) in entries.iter().enumerate().skip(1) {
            match entry {
                Some((generation, offset)) => {
                    table.push_str(&format!("{offset:010} {generation:05} n \n"))
                }
                None => table.push_str(&format!("{:010} 00001 f \n", next_free(number))),
            }
        }
        table.push_str("trailer\n");
        self.write(table.as_bytes())?;
        let mut tail = Vec::new();
        Writer::write_object(&mut tail, &Object::Dictionary(trailer.clone()))?;
        tail.extend_from_slice(format!("\nstartxref\n{xref_position}\n%%EOF\n").as_bytes());
        self.write(&tail)
    }
}

/// The objects a part's output intents are made of (the intent
/// dictionaries and their colour profiles).
fn output_intent_objects(doc: &Document) -> Vec<ObjectId> {
    let Ok(intents) = doc.catalog().and_then(|c| c.get(b"OutputIntents")) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut todo = vec![intents.clone()];
    while let Some(object) = todo.pop() {
        match object {
            Object::Reference(id) if !found.contains(&id) => {
                found.push(id);
                if let Ok(o) = doc.get_object(id) {
                    todo.push(o.clone());
                }
            }
            Object::Array(items) => todo.extend(items),
            Object::Dictionary(d) => todo.extend(d.into_iter().map(|(_, v)| v)),
            Object::Stream(s) => todo.extend(s.dict.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    found
}

/// Copies onto the page what it inherits from its page-tree ancestors, so
/// it keeps its size and resources under a new parent.
fn materialise_inherited(doc: &mut Document, page: ObjectId) -> Result<(), String> {
    const INHERITED: [&[u8]; 4] = [b"MediaBox", b"CropBox", b"Resources", b"Rotate"];
    let own = doc.get_dictionary(page).map_err(|e| e.to_string())?;
    let mut missing: Vec<&[u8]> = INHERITED.into_iter().filter(|k| !own.has(k)).collect();
    let mut found = Vec::new();
    let mut parent = reference(own.get(b"Parent")).ok();
    let mut depth = 0;
    while let Some(id) = parent {
        depth += 1;
        if depth > 64 || missing.is_empty() {
            break;
        }
        let node = doc.get_dictionary(id).map_err(|e| e.to_string())?;
        missing.retain(|key| match node.get(key) {
            Ok(value) => {
                found.push((key.to_vec(), value.clone()));
                false
            }
            Err(_) => true,
        });
        parent = reference(node.get(b"Parent")).ok();
    }
    let dict = doc.get_dictionary_mut(page).map_err(|e| e.to_string())?;
    for (key, value) in found {
        dict.set(key, value);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{Engine, PdfMeta, export_pdf};
    use crate::markup::{Markup, Templates};
    use crate::vn::Date;

    fn part(engine: &Engine, markup: &str) -> Vec<u8> {
        part_as(engine, markup, Default::default())
    }

    fn part_as(engine: &Engine, markup: &str, standard: crate::doc::PdfStandard) -> Vec<u8> {
        let document = engine
            .compile(Markup {
                source: markup.to_string(),
                files: Vec::new(),
            })
            .unwrap();
        let meta = PdfMeta {
            ident: "thử",
            date: Date::new(2027, 6, 30).unwrap(),
            tagged: false,
            standard,
        };
        export_pdf(&document, meta).unwrap()
    }

    #[test]
    fn pages_of_every_part_in_order_with_their_own_sizes() {
        let engine =
            Engine::new(&Templates::load(None).unwrap().libraries, Vec::new(), None).unwrap();
        let parts = [
            part(&engine, "#set page(paper: \"a4\")\nMột"),
            part(&engine, "#set page(paper: \"a5\")\nHai\n#pagebreak()\nBa"),
            part(&engine, "#set page(paper: \"a4\", flipped: true)\nBốn"),
        ];
        let mut joined = Vec::new();
        join(&parts, &mut joined).unwrap();
        let doc = Document::load_mem(&joined).unwrap();
        let pages = doc.get_pages();
        assert_eq!(pages.len(), 4);
        let widths: Vec<i64> = pages
            .values()
            .map(|id| {
                let media = doc.get_dictionary(*id).unwrap().get(b"MediaBox").unwrap();
                let width = media.as_array().unwrap()[2].as_float().unwrap();
                width.round() as i64
            })
            .collect();
        assert_eq!(widths, [595, 420, 420, 842]);
    }

    #[test]
    fn pdfa_parts_join_into_one_pdfa_file() {
        let engine =
            Engine::new(&Templates::load(None).unwrap().libraries, Vec::new(), None).unwrap();
        let a2b = crate::doc::PdfStandard::A2b;
        let parts = [
            part_as(&engine, "#set document(title: [GCN])\nMột", a2b),
            part_as(
                &engine,
                "#set document(title: [GCN])\nHai\n#pagebreak()\nBa",
                a2b,
            ),
        ];
        let mut joined = Vec::new();
        join(&parts, &mut joined).unwrap();
        let doc = Document::load_mem(&joined).unwrap();
        assert_eq!(doc.get_pages().len(), 3);
        let catalog = doc.catalog().unwrap();
        let intents = catalog.get(b"OutputIntents").unwrap();
        let intents = match intents {
            Object::Reference(id) => doc.get_object(*id).unwrap().as_array().unwrap(),
            other => other.as_array().unwrap(),
        };
        assert_eq!(intents.len(), 1);
        // One output intent in the file, the first part's: the others'
        // are not carried along as orphans.
        let intent_objects = doc
            .objects
            .values()
            .filter(|o| {
                o.as_dict()
                    .is_ok_and(|d| d.get(b"DestOutputProfile").is_ok())
            })
            .count();
        let inline = intents.iter().filter(|i| i.as_dict().is_ok()).count();
        assert_eq!(intent_objects + inline, 1);
        let size = |parts: &[Vec<u8>]| {
            let mut out = Vec::new();
            join(parts, &mut out).unwrap();
            out.len()
        };
        // A second part adds its page, not its colour profile (some kB).
        assert!(size(&parts) < size(&parts[..1]) + parts[1].len() - 2000);
        let xmp = doc
            .get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap())
            .unwrap()
            .as_stream()
            .unwrap();
        let xmp = String::from_utf8_lossy(&xmp.content);
        assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
        assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
        assert!(xmp.contains("<xmpTPg:NPages>3</xmpTPg:NPages>"));
        assert!(joined.windows(5).any(|w| w == b"\nxref"));
    }

    #[test]
    fn one_part_comes_back_whole_and_garbage_is_refused() {
        let engine =
            Engine::new(&Templates::load(None).unwrap().libraries, Vec::new(), None).unwrap();
        let one = part(&engine, "Một");
        let mut joined = Vec::new();
        join(std::slice::from_ref(&one), &mut joined).unwrap();
        assert_eq!(Document::load_mem(&joined).unwrap().get_pages().len(), 1);
        assert!(join(&[], &mut Vec::new()).is_err());
        assert!(join(&[one, b"not a pdf".to_vec()], &mut Vec::new()).is_err());
    }
}
