//! [`Document`]: the post being edited, with what is derived from its front
//! matter (the fields the form shows, the problems, whether it parses) and
//! the schema it is checked against, kept in step with every edit. Every
//! edit of the editor's front matter and body goes through here, so the
//! fields and problems the form shows are never those of another text.
//!
//! Pure: the editor component holds one and shows it; the preview is
//! derived from the body elsewhere (`markdown::Incremental`).

use std::rc::Rc;

use crate::export::PostNames;
use crate::markdown::{footnote_problems, FootnoteProblem};
use crate::post::{box_position, BoxPosition, EditError, Field, KeyCase, Post, Value};
use crate::schema::{FieldType, Schema};
use crate::validate::{self, Diagnostic, Fix, Severity};

pub struct Document {
    post: Post,
    schema: Rc<Schema>,
    /// The last fields that parsed (the form keeps showing them while the
    /// raw front matter is broken).
    fields: Rc<Vec<Field>>,
    /// The front matter does not parse right now (its error is in `diagnostics`).
    broken: bool,
    /// The title, slug and date of the last front matter that parsed: what
    /// the post is called (and its file named) while it is being mended.
    names: PostNames,
    diagnostics: Rc<Vec<Diagnostic>>,
    /// The body's problems (footnotes that go nowhere), at the Markdown
    /// box's lines, as of the last [`Self::check_body`].
    body_problems: Rc<Vec<FootnoteProblem>>,
    /// How keys compare: as the chosen generator's do (Hugo ignores case).
    keys: KeyCase,
    /// The schema's keys inside a TOML table (`taxonomies.tags`) the post has.
    nested: Rc<Nested>,
    /// The body's pictures without alt text (warnings).
    pictures: Vec<Diagnostic>,
}

/// The schema's nested keys (`taxonomies.tags`: Zola's taxonomies) a TOML
/// post has, as fields the form shows (as chips), and the tables they make
/// up whole (the form shows those only through them).
#[derive(Debug, Default, PartialEq)]
pub struct Nested {
    pub fields: Vec<Field>,
    pub whole_tables: Vec<String>,
    /// The post is TOML: nested keys can be added.
    pub addable: bool,
}

impl Document {
    pub fn new(text: &str, schema: Rc<Schema>) -> Self {
        let mut doc = Document {
            keys: KeyCase::Exact,
            post: Post::parse(text),
            schema,
            fields: Rc::default(),
            broken: false,
            names: PostNames::default(),
            diagnostics: Rc::default(),
            nested: Rc::default(),
            pictures: Vec::new(),
            body_problems: Rc::default(),
        };
        doc.refresh();
        doc.check_body();
        doc
    }

    pub fn post(&self) -> &Post {
        &self.post
    }

    pub fn schema(&self) -> &Rc<Schema> {
        &self.schema
    }

    pub fn fields(&self) -> &Rc<Vec<Field>> {
        &self.fields
    }

    pub fn nested(&self) -> &Rc<Nested> {
        &self.nested
    }

    pub fn broken(&self) -> bool {
        self.broken
    }

    pub fn diagnostics(&self) -> &Rc<Vec<Diagnostic>> {
        &self.diagnostics
    }

    /// The problems worth showing above the editor: errors and warnings
    /// (of the front matter, then of the body's pictures).
    pub fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| matches!(d.severity, Severity::Error | Severity::Warning))
            .chain(&self.pictures)
    }

    /// The body's pictures without alt text, as warnings.
    pub fn picture_warnings(&self) -> &[Diagnostic] {
        &self.pictures
    }

    fn check_pictures(&mut self) {
        // A picture without alt text is written `![]` (or `![ ]`): the
        // whole parse only when there may be one, not on every keystroke.
        let body = self.post.body();
        let maybe = body.contains("![]") || body.contains("![ ");
        if !maybe && self.pictures.is_empty() {
            return;
        }
        self.pictures = match maybe {
            true => crate::images::refs::missing_alt(&crate::images::refs::image_refs(&self.post)),
            false => Vec::new(),
        };
    }

    /// The problems with no place of their own on screen, for the alert
    /// above the editor: each problem shows once. A field's problem shows
    /// under the field and a syntax error under the `Raw front matter` box
    /// (open by itself then) while the form is shown beside the writing
    /// (`form_shown`: not hidden, and not after the writing as on a phone);
    /// the rest (a required field missing, front matter after blank lines,
    /// or all of them while the form is not beside the writing) above.
    pub fn problems_at_top(&self, form_shown: bool) -> Vec<&Diagnostic> {
        let placed = |d: &Diagnostic| {
            form_shown
                && match &d.key {
                    Some(key) => self.fields.iter().any(|f| &f.key == key),
                    None => self
                        .syntax_problem()
                        .is_some_and(|(s, _)| std::ptr::eq(s, d)),
                }
        };
        self.problems().filter(|d| !placed(d)).collect()
    }

    /// While the front matter does not parse: why, and where in the
    /// `Raw front matter` box (its own line numbers, not the file's).
    pub fn syntax_problem(&self) -> Option<(&Diagnostic, BoxPosition)> {
        if !self.broken {
            return None;
        }
        let d = self.diagnostics.first()?;
        Some((d, box_position(&self.post, d)?))
    }

    /// The post's title, when it has a non-blank one (while the front
    /// matter does not parse, the last one it had).
    pub fn title(&self) -> Option<String> {
        self.names.title.clone()
    }

    /// What names the post's file: the title, slug and date of the last
    /// front matter that parsed (see [`PostNames`]).
    pub fn names(&self) -> &PostNames {
        &self.names
    }

    /// Another post altogether (a draft opened, the host's value).
    pub fn replace(&mut self, text: &str) {
        self.post = Post::parse(text).with_key_case(self.keys);
        self.refresh();
        self.check_body();
    }

    /// The body's problems, as of the last [`Self::check_body`]: warnings
    /// with the line and column the Markdown box shows them at.
    pub fn body_problems(&self) -> &Rc<Vec<FootnoteProblem>> {
        &self.body_problems
    }

    /// Checks the body again (an edit, or for a long post typing paused;
    /// another post); returns whether its problems changed.
    pub fn check_body(&mut self) -> bool {
        let now = footnote_problems(self.post.body());
        if now == *self.body_problems {
            return false;
        }
        self.body_problems = Rc::new(now);
        true
    }

    /// Reads keys as the generator does: under Hugo `Title:` is the title
    /// (the form shows it, an edit of Title rewrites that line as written).
    pub fn set_key_case(&mut self, keys: KeyCase) {
        if keys != self.keys {
            self.keys = keys;
            self.post = self.post.clone().with_key_case(keys);
            self.refresh();
        }
    }

    /// Checks against another schema.
    pub fn set_schema(&mut self, schema: Rc<Schema>) {
        self.schema = schema;
        self.refresh();
    }

    /// The Markdown changed (the preview follows from [`Self::post`]).
    pub fn set_body(&mut self, body: &str) {
        self.post.set_body(body);
        self.check_pictures();
    }

    /// The `Raw front matter` box changed to `text` (as a textarea gives
    /// it: LF line ends, which a CRLF post gets back). `Err`: it does not
    /// parse now; the form keeps the last fields that did.
    pub fn raw_input(&mut self, text: String) -> Result<(), Box<Diagnostic>> {
        let text = with_newlines_of(self.post.front_matter(), text);
        self.post.set_front_matter(&text);
        self.refresh();
        match self.post.fields() {
            Ok(_) => Ok(()),
            Err(d) => Err(Box::new(d)),
        }
    }

    /// The Markdown textarea's value as the body: in the post's line ends.
    pub fn body_from_textarea(&self, value: String) -> String {
        with_newlines_of(self.post.body(), value)
    }

    /// A form edit: that field's lines only (see [`Post::set`]; a nested
    /// key of the schema, see [`Post::set_in_table`]).
    pub fn set_field(&mut self, key: &str, value: &Value) -> Result<(), EditError> {
        match self.nested_key(key) {
            Some((table, sub)) => self.post.set_in_table(table, sub, value)?,
            None => self.post.set(key, value, &self.schema)?,
        }
        self.refresh();
        Ok(())
    }

    pub fn remove_field(&mut self, key: &str) -> Result<(), EditError> {
        match self.nested_key(key) {
            Some((table, sub)) => self.post.remove_in_table(table, sub)?,
            None => self.post.remove(key)?,
        }
        self.refresh();
        Ok(())
    }

    /// `taxonomies.tags` as (`taxonomies`, `tags`), when the schema has it
    /// and the post is TOML (where a key of that name is a table's).
    fn nested_key<'k>(&self, key: &'k str) -> Option<(&'k str, &'k str)> {
        (self.post.format() == crate::post::Format::Toml && self.schema.field(key).is_some())
            .then(|| key.split_once('.'))
            .flatten()
    }

    /// Applies a problem's fix; returns the key of the field it changed.
    pub fn apply_fix(&mut self, fix: &Fix) -> Result<String, EditError> {
        self.post.apply_fix(fix, &self.schema)?;
        self.refresh();
        Ok(match fix {
            Fix::RenameKey { to, .. } => to.clone(),
            Fix::SetValue { key, .. } => key.clone(),
        })
    }

    /// What a field added from the form starts as, by its schema type
    /// (`today` for a date).
    pub fn new_field_value(&self, key: &str, today: &str) -> Value {
        match self.schema.field(key).map(|d| &d.ty) {
            Some(FieldType::Bool) => Value::Bool(false),
            Some(FieldType::StringList | FieldType::ImageList) => Value::List(vec![]),
            Some(FieldType::Date) => Value::String(today.to_string()),
            _ => Value::String(String::new()),
        }
    }

    /// The front matter changed: re-read the fields and validate.
    fn refresh(&mut self) {
        match self.post.fields() {
            Ok(fields) => {
                self.fields = Rc::new(fields);
                self.broken = false;
                self.names = PostNames::of(&self.post);
            }
            Err(_) => self.broken = true,
        }
        self.diagnostics = Rc::new(validate::validate(&self.post, &self.schema));
        let nested = self.read_nested();
        if *self.nested != nested {
            self.nested = Rc::new(nested);
        }
        self.check_pictures();
    }

    fn read_nested(&self) -> Nested {
        let addable = self.post.format() == crate::post::Format::Toml;
        let mut out = Nested {
            addable,
            ..Nested::default()
        };
        if !addable {
            return out;
        }
        let mut tables: Vec<&str> = Vec::new();
        for def in &self.schema.fields {
            if let Some((table, _)) = def.key.split_once('.') {
                if !tables.contains(&table) {
                    tables.push(table);
                }
            }
        }
        for table in tables {
            let Some(entries) = self.post.table_entries(table) else {
                continue;
            };
            let at = self.fields.iter().find(|f| f.key == table);
            let mut whole = true;
            for (key, value) in entries {
                let full = format!("{table}.{key}");
                if self.schema.field(&full).is_some() {
                    out.fields.push(Field {
                        key: full,
                        key_is_text: true,
                        value,
                        line: at.map_or(1, |f| f.line),
                        column: at.map_or(1, |f| f.column),
                    });
                } else {
                    whole = false;
                }
            }
            if whole {
                out.whole_tables.push(table.to_string());
            }
        }
        out
    }
}

/// The schema a host gave as text (JSON or YAML; none: the built-in blog
/// schema), and, when it could not be read, why, for the user (the blog
/// schema is used then).
pub fn schema_or_blog(text: Option<&str>) -> (Schema, Option<String>) {
    schema_or(text, Schema::blog())
}

/// The schema a host gave as text (JSON or YAML), else `builtin` (the
/// generator's own fields, see [`crate::presets::schema`]); when the host's
/// could not be read, `builtin` and why, for the user.
pub fn schema_or(text: Option<&str>, builtin: Schema) -> (Schema, Option<String>) {
    let Some(text) = text.map(str::trim).filter(|s| !s.is_empty()) else {
        return (builtin, None);
    };
    let parsed = if text.starts_with('{') || text.starts_with('[') {
        Schema::from_json(text)
    } else {
        Schema::from_yaml(text)
    };
    match parsed {
        Ok(schema) => (schema, None),
        Err(e) => (
            builtin,
            Some(format!(
                "The field schema could not be read ({e}); using the built-in fields."
            )),
        ),
    }
}

/// Text from a textarea uses LF; a CRLF post keeps CRLF (no whole-file diff).
fn with_newlines_of(original: &str, text: String) -> String {
    if original.contains("\r\n") && !text.contains("\r\n") {
        text.replace('\n', "\r\n")
    } else {
        text
    }
}
