//! What the importer guessed, each note keyed by the field path it
//! concerns (`plan.sections[1].sections[0]`, `issuer`, `plan.date`): the
//! emitter writes it as a `# kiểm tra:` comment above that field, and the
//! summary lists it with the place a reader of the document would look.

/// One guess to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The field path, as `numbering::outline` and the problems name it.
    pub path: String,
    /// Where in the document, as its reader counts ("mục II.1"), when the
    /// path alone would not say it.
    pub place: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes(Vec<Note>);

impl Notes {
    /// A note on the field at `path`.
    pub fn add(&mut self, path: impl Into<String>, text: impl Into<String>) {
        self.0.push(Note {
            path: path.into(),
            place: None,
            text: text.into(),
        });
    }

    /// A note on a part of the document its reader finds at `place`.
    pub fn add_at(&mut self, path: impl Into<String>, place: String, text: impl Into<String>) {
        self.0.push(Note {
            path: path.into(),
            place: Some(place),
            text: text.into(),
        });
    }

    /// Notes on exactly this field.
    pub fn at<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Note> + 'a {
        self.0.iter().filter(move |n| n.path == path)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Note> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Notes recorded under `from` (a path prefix) moved under `to`: the
    /// regions are read before the document they belong to is known.
    pub fn rebase(&mut self, from: &str, to: &str) {
        for n in &mut self.0 {
            if let Some(rest) = n.path.strip_prefix(from) {
                n.path = format!("{to}{rest}");
            }
        }
    }
}
