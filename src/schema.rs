//! Front-matter schemas: which fields a post has, their types, labels and
//! order. [`Schema::blog`] is built in; users can load their own from YAML or
//! JSON.

use serde::{Deserialize, Serialize};

/// The type of a front-matter field, driving the editor widget and validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldType {
    String,
    Text,
    Date,
    DateTime,
    StringList,
    Image,
    ImageList,
    Bool,
    Url,
    Number,
    Select(Vec<String>),
    Object,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDef {
    pub key: String,
    pub label: String,
    pub ty: FieldType,
    pub required: bool,
    pub help: Option<String>,
}

/// An ordered list of field definitions; the order is where new keys go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    pub fields: Vec<FieldDef>,
}

fn def(key: &str, label: &str, ty: FieldType, required: bool, help: &str) -> FieldDef {
    FieldDef {
        key: key.to_string(),
        label: label.to_string(),
        ty,
        required,
        help: (!help.is_empty()).then(|| help.to_string()),
    }
}

/// Most top-level fields a user schema may define.
pub const MAX_SCHEMA_FIELDS: usize = 500;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    key: String,
    #[serde(default)]
    label: Option<String>,
    #[serde(default, rename = "type")]
    ty: Option<String>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    options: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawSchema {
    Wrapped { fields: Vec<RawField> },
    List(Vec<RawField>),
}

fn parse_type(t: &str, options: Vec<String>) -> Result<FieldType, String> {
    Ok(
        match t.to_ascii_lowercase().replace(['-', ' '], "_").as_str() {
            "string" | "str" => FieldType::String,
            "text" | "markdown" => FieldType::Text,
            "date" => FieldType::Date,
            "datetime" | "date_time" => FieldType::DateTime,
            "string_list" | "list" | "tags" | "strings" => FieldType::StringList,
            "image" => FieldType::Image,
            "image_list" | "images" => FieldType::ImageList,
            "bool" | "boolean" => FieldType::Bool,
            "url" | "link" => FieldType::Url,
            "number" | "int" | "integer" | "float" => FieldType::Number,
            "select" => {
                if options.is_empty() {
                    return Err("a `select` field needs `options`".into());
                }
                FieldType::Select(options)
            }
            "object" | "map" => FieldType::Object,
            other => return Err(format!("unknown field type `{other}`")),
        },
    )
}

/// `tags` -> `Tags`, `publish_date` -> `Publish date`.
fn label_of(key: &str) -> String {
    let s = key.replace(['_', '-'], " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl Schema {
    /// The built-in blog schema (Hugo/Jekyll/Zola/Astro/Eleventy common keys).
    pub fn blog() -> Schema {
        use FieldType::*;
        Schema {
            fields: vec![
                def("title", "Title", String, true, "The post's title."),
                def(
                    "date",
                    "Date",
                    DateTime,
                    true,
                    "Publication date, e.g. 2024-05-01 or 2024-05-01T10:00:00+02:00.",
                ),
                def("lastmod", "Last modified", DateTime, false, ""),
                def("publishDate", "Publish date", DateTime, false, ""),
                def("expiryDate", "Expiry date", DateTime, false, ""),
                def(
                    "description",
                    "Description",
                    Text,
                    false,
                    "A one or two sentence summary, used by search engines.",
                ),
                def("summary", "Summary", Text, false, ""),
                def("excerpt", "Excerpt", Text, false, ""),
                def("tags", "Tags", StringList, false, ""),
                def("categories", "Categories", StringList, false, ""),
                def("series", "Series", StringList, false, ""),
                def("keywords", "Keywords", StringList, false, ""),
                def("author", "Author", String, false, ""),
                def("authors", "Authors", StringList, false, ""),
                def("draft", "Draft", Bool, false, "Drafts are not published."),
                def("published", "Published", Bool, false, ""),
                def(
                    "slug",
                    "Slug",
                    String,
                    false,
                    "The last part of the post's URL.",
                ),
                def("image", "Image", Image, false, ""),
                def("images", "Images", ImageList, false, ""),
                def("thumbnail", "Thumbnail", Image, false, ""),
                def(
                    "cover",
                    "Cover",
                    Object,
                    false,
                    "A cover image path, or a mapping with `image`, `alt` and `caption`.",
                ),
                def("link", "Link", Url, false, ""),
                def("canonicalURL", "Canonical URL", Url, false, ""),
                def(
                    "aliases",
                    "Aliases",
                    StringList,
                    false,
                    "Other URLs that redirect to this post.",
                ),
                def("weight", "Weight", Number, false, ""),
                def("layout", "Layout", String, false, ""),
                def("type", "Type", String, false, ""),
                def("permalink", "Permalink", String, false, ""),
                def("url", "URL", String, false, ""),
                def("toc", "Table of contents", Bool, false, ""),
                def("comments", "Comments", Bool, false, ""),
                def("math", "Math", Bool, false, ""),
                def("params", "Params", Object, false, ""),
                def("extra", "Extra", Object, false, ""),
                def("taxonomies", "Taxonomies", Object, false, ""),
            ],
        }
    }

    /// Load a user schema from YAML: either `fields: [...]` or a bare list of
    /// `{key, label?, type?, required?, help?, options?}` entries.
    pub fn from_yaml(text: &str) -> Result<Schema, String> {
        if text.len() > 256 * 1024 {
            return Err("schema is too large".into());
        }
        let raw: RawSchema = serde_yaml::from_str(text).map_err(|e| format!("schema: {e}"))?;
        Self::from_raw(raw)
    }

    /// Load a user schema from JSON (same shape as [`Schema::from_yaml`]).
    pub fn from_json(text: &str) -> Result<Schema, String> {
        if text.len() > 256 * 1024 {
            return Err("schema is too large".into());
        }
        let raw: RawSchema = serde_json::from_str(text).map_err(|e| format!("schema: {e}"))?;
        Self::from_raw(raw)
    }

    fn from_raw(raw: RawSchema) -> Result<Schema, String> {
        let list = match raw {
            RawSchema::Wrapped { fields } | RawSchema::List(fields) => fields,
        };
        if list.len() > MAX_SCHEMA_FIELDS {
            return Err(format!(
                "schema has too many fields (at most {MAX_SCHEMA_FIELDS})"
            ));
        }
        let mut fields: Vec<FieldDef> = Vec::with_capacity(list.len());
        for f in list {
            if f.key.trim().is_empty() {
                return Err("schema: a field has an empty key".into());
            }
            if fields.iter().any(|d| d.key == f.key) {
                return Err(format!("schema: field `{}` is defined twice", f.key));
            }
            let ty = parse_type(f.ty.as_deref().unwrap_or("string"), f.options)
                .map_err(|e| format!("schema: field `{}`: {e}", f.key))?;
            fields.push(FieldDef {
                label: f.label.unwrap_or_else(|| label_of(&f.key)),
                key: f.key,
                ty,
                required: f.required,
                help: f.help,
            });
        }
        Ok(Schema { fields })
    }

    pub fn field(&self, key: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// Whether the compact form shows `key` without `More fields`: what a
    /// blogger sets on every post (title, date, whether it is a draft,
    /// tags) and whatever the schema requires.
    pub fn is_key_field(&self, key: &str) -> bool {
        const EVERY_POST: [&str; 8] = [
            "title",
            "date",
            "pubDate",
            "draft",
            "published",
            "eleventyExcludeFromCollections",
            "tags",
            "categories",
        ];
        // A table's tags (Zola's `taxonomies.tags`) are the post's tags.
        let leaf = key.rsplit_once('.').map_or(key, |(_, leaf)| leaf);
        EVERY_POST.contains(&leaf) || self.field(key).is_some_and(|d| d.required)
    }

    /// Whether the compact form shows `key` of a post with `fields` fields:
    /// a short front matter is shown whole (hiding a field or two behind
    /// `More fields` saves no room), a longer one its key fields.
    pub fn in_compact_form(&self, key: &str, fields: usize) -> bool {
        fields <= COMPACT_FORM_FIELDS || self.is_key_field(key)
    }
}

/// Up to this many fields the compact form shows them all.
pub const COMPACT_FORM_FIELDS: usize = 5;

#[cfg(test)]
mod tests {
    use super::Schema;

    #[test]
    fn the_compact_form_keeps_what_every_post_sets() {
        let blog = Schema::blog();
        for key in ["title", "date", "draft", "tags"] {
            assert!(blog.is_key_field(key), "{key}");
        }
        for key in ["description", "author", "image", "layout", "unknown_key"] {
            assert!(!blog.is_key_field(key), "{key}");
            assert!(!blog.in_compact_form(key, 6), "{key} of six fields");
            assert!(blog.in_compact_form(key, 5), "{key} of five fields");
        }
    }
}
