//! What each generator means by a post: its own fields (keys and types as
//! its docs and starter templates use them), the key that makes a post a
//! draft, and what its own `new` command writes for a new post. The editor's
//! form, Draft control and New draft follow the generator picked; a user
//! schema still overrides the fields.

use crate::export::Preset;
use crate::schema::{FieldDef, FieldType, Schema};

/// How the generator compares front-matter keys: Hugo ignores case.
pub fn key_case(preset: Preset) -> crate::post::KeyCase {
    match preset {
        Preset::Hugo | Preset::HugoBundle => crate::post::KeyCase::Insensitive,
        _ => crate::post::KeyCase::Exact,
    }
}

/// How a generator says "do not publish this".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKey {
    /// `draft: true` (Hugo, Zola, Astro's blog template).
    Draft,
    /// `published: false` (Jekyll, which ignores `draft`).
    Published,
    /// `eleventyExcludeFromCollections: true` (Eleventy).
    ExcludeFromCollections,
}

impl DraftKey {
    pub fn of(preset: Preset) -> DraftKey {
        match preset {
            Preset::Jekyll => DraftKey::Published,
            Preset::Eleventy => DraftKey::ExcludeFromCollections,
            _ => DraftKey::Draft,
        }
    }

    /// The front-matter key the Draft control writes.
    pub fn key(self) -> &'static str {
        match self {
            DraftKey::Draft => "draft",
            DraftKey::Published => "published",
            DraftKey::ExcludeFromCollections => "eleventyExcludeFromCollections",
        }
    }

    /// The value of [`DraftKey::key`] for a post that is (`true`) or is not a draft.
    pub fn value(self, draft: bool) -> bool {
        match self {
            DraftKey::Published => !draft,
            _ => draft,
        }
    }

    /// Whether a key's boolean value makes the post a draft.
    pub fn is_draft(self, value: bool) -> bool {
        self.value(value)
    }
}

/// Another generator's draft marker (`key` written `value`) as the marker
/// `to` (the chosen generator's, [`DraftKey::of`]) writes the same: `draft: true` under Jekyll is `published: false`. `None`: the
/// key is no draft marker, or already `to`'s. The writer asks for it: a
/// switch of generator never rewrites a post by itself.
pub fn draft_as(key: &str, value: bool, to: DraftKey) -> Option<(&'static str, bool)> {
    let from = [
        DraftKey::Draft,
        DraftKey::Published,
        DraftKey::ExcludeFromCollections,
    ]
    .into_iter()
    .find(|k| k.key() == key)?;
    (from != to).then(|| (to.key(), to.value(from.is_draft(value))))
}

/// The current time on the writer's clock, as the browser or CLI gives it.
#[derive(Debug, Clone, Copy)]
pub struct LocalNow<'a> {
    /// `2026-12-04`
    pub date: &'a str,
    /// `18:42:00`
    pub time: &'a str,
    /// `+01:00`
    pub offset: &'a str,
}

/// What a new post starts with, as the generator's own tooling writes it:
/// Hugo's default archetype (title, date with offset, draft), Jekyll's
/// `jekyll-compose` (layout, title, date; `published: false` for a draft),
/// Zola's TOML, Astro's blog template, Eleventy's base blog.
pub fn starter(preset: Preset, now: LocalNow<'_>) -> String {
    let LocalNow { date, time, offset } = now;
    match preset {
        Preset::Hugo | Preset::HugoBundle => {
            format!("---\ntitle: \"\"\ndate: {date}T{time}{offset}\ndraft: true\n---\n\n")
        }
        Preset::Jekyll => format!(
            "---\nlayout: post\ntitle: \"\"\ndate: {date} {time} {}\npublished: false\n---\n\n",
            offset.replace(':', "")
        ),
        Preset::Zola => format!("+++\ntitle = \"\"\ndate = {date}\ndraft = true\n+++\n\n"),
        Preset::Astro => {
            format!("---\ntitle: \"\"\ndescription: \"\"\npubDate: {date}\ndraft: true\n---\n\n")
        }
        Preset::Eleventy => format!(
            "---\ntitle: \"\"\ndate: {date}\ntags: posts\neleventyExcludeFromCollections: true\n---\n\n"
        ),
    }
}

/// What the open post becomes when the writer switches to generator `to`:
/// a starter nobody has written in becomes `to`'s own (Zola's TOML, Jekyll's
/// `published: false`); anything else is the writer's post and stays as
/// written (`None`), whatever generator reads it now.
pub fn on_switch(text: &str, to: Preset, now: LocalNow<'_>) -> Option<String> {
    let fresh = starter(to, now);
    (crate::post::is_untouched_starter(text) && text != fresh).then_some(fresh)
}

/// The generator's fields with the site's own taxonomies (from its config:
/// Hugo's `[taxonomies]`, Zola's `taxonomies = [{name = …}]`) as lists:
/// a Hugo site's `series`, a Zola site's `[taxonomies] authors`.
pub fn schema_for_site(preset: Preset, taxonomies: &[String]) -> Schema {
    let mut schema = schema(preset);
    for name in taxonomies {
        let key = match preset {
            Preset::Zola => format!("taxonomies.{name}"),
            _ => name.clone(),
        };
        if name.is_empty() || name.contains('.') || schema.field(&key).is_some() {
            continue;
        }
        let mut label: Vec<char> = name.replace(['_', '-'], " ").chars().collect();
        if let Some(c) = label.first_mut() {
            *c = c.to_ascii_uppercase();
        }
        // Beside the other taxonomies: after the last list field.
        let at = schema
            .fields
            .iter()
            .rposition(|f| f.ty == FieldType::StringList && f.key != "aliases")
            .map_or(schema.fields.len(), |i| i + 1);
        schema.fields.insert(
            at,
            FieldDef {
                key,
                label: label.into_iter().collect(),
                ty: FieldType::StringList,
                required: false,
                help: Some("A taxonomy of this site (from its configuration).".to_string()),
            },
        );
    }
    schema
}

/// The fields of a generator's posts, in the order new keys are placed.
pub fn schema(preset: Preset) -> Schema {
    use FieldType::*;
    let f = |key: &str, label: &str, ty: FieldType, required: bool, help: &str| FieldDef {
        key: key.to_string(),
        label: label.to_string(),
        ty,
        required,
        help: (!help.is_empty()).then(|| help.to_string()),
    };
    let title = || f("title", "Title", String, true, "The post's title.");
    let date = |key: &str, label: &str, required: bool| {
        f(key, label, DateTime, required, "e.g. 2024-05-01 or 2024-05-01T10:00:00+02:00; without an offset the site's time zone is used.")
    };
    let description = || {
        f(
            "description",
            "Description",
            Text,
            false,
            "A one or two sentence summary, used by search engines.",
        )
    };
    let tags = || f("tags", "Tags", StringList, false, "");
    let categories = || f("categories", "Categories", StringList, false, "");
    let slug = || {
        f(
            "slug",
            "Slug",
            String,
            false,
            "The last part of the post's URL.",
        )
    };
    let aliases = || {
        f(
            "aliases",
            "Aliases",
            StringList,
            false,
            "Other URLs that redirect to this post.",
        )
    };
    let draft = |help: &str| f("draft", "Draft", Bool, false, help);
    let fields = match preset {
        Preset::Hugo | Preset::HugoBundle => vec![
            title(),
            date("date", "Date", true),
            draft("Hugo does not publish drafts."),
            description(),
            tags(),
            categories(),
            f("summary", "Summary", Text, false, ""),
            date("lastmod", "Last modified", false),
            date("publishDate", "Publish date", false),
            date("expiryDate", "Expiry date", false),
            slug(),
            f(
                "url",
                "URL",
                String,
                false,
                "The whole path of the post's URL, instead of the generated one.",
            ),
            aliases(),
            f("weight", "Weight", Number, false, "Orders pages in lists."),
            f("keywords", "Keywords", StringList, false, ""),
            f("linkTitle", "Link title", String, false, "A shorter title for menus and links."),
            f("images", "Images", ImageList, false, "Hugo's own templates share these."),
            f("image", "Image", Image, false, "The cover many themes show."),
            f("author", "Author", String, false, ""),
            f("layout", "Layout", String, false, ""),
            f("type", "Type", String, false, ""),
            f(
                "params",
                "Params",
                Object,
                false,
                "Your theme's own settings.",
            ),
        ],
        Preset::Jekyll => vec![
            f("layout", "Layout", String, false, ""),
            title(),
            date("date", "Date", false),
            f(
                "published",
                "Draft",
                Bool,
                false,
                "Jekyll ignores draft: a checked box writes published: false.",
            ),
            categories(),
            tags(),
            f("excerpt", "Excerpt", Text, false, ""),
            description(),
            f(
                "permalink",
                "Permalink",
                String,
                false,
                "The post's URL, instead of the site's pattern.",
            ),
            f("author", "Author", String, false, ""),
            f("image", "Image", Image, false, ""),
        ],
        Preset::Zola => vec![
            title(),
            description(),
            date("date", "Date", false),
            date("updated", "Updated", false),
            draft("Zola builds drafts only with --drafts."),
            slug(),
            f(
                "path",
                "Path",
                String,
                false,
                "The whole path of the page's URL.",
            ),
            aliases(),
            f("weight", "Weight", Number, false, ""),
            // Zola's taxonomies live in the [taxonomies] table, edited as chips.
            f("taxonomies.tags", "Tags", StringList, false, ""),
            f("taxonomies.categories", "Categories", StringList, false, ""),
            f(
                "taxonomies",
                "Taxonomies",
                Object,
                false,
                "Other taxonomies: [taxonomies] authors = [\"…\"].",
            ),
            f(
                "extra",
                "Extra",
                Object,
                false,
                "Your theme's own settings.",
            ),
        ],
        Preset::Astro => vec![
            title(),
            description(),
            date("pubDate", "Publication date", true),
            date("updatedDate", "Updated", false),
            f("heroImage", "Hero image", Image, false, ""),
            draft("Left out of the blog's lists."),
            tags(),
        ],
        Preset::Eleventy => vec![
            title(),
            date("date", "Date", false),
            tags(),
            f(
                "permalink",
                "Permalink",
                String,
                false,
                "The page's URL; false writes no page.",
            ),
            f("layout", "Layout", String, false, ""),
            f(
                "eleventyExcludeFromCollections",
                "Draft",
                Bool,
                false,
                "A checked box writes eleventyExcludeFromCollections: true (left out of the site's lists).",
            ),
            description(),
        ],
    };
    Schema { fields }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::post::{Post, Value};

    const NOW: LocalNow<'static> = LocalNow {
        date: "2026-12-04",
        time: "18:42:00",
        offset: "+01:00",
    };

    #[test]
    fn a_new_post_is_what_the_generators_own_tooling_writes() {
        assert_eq!(
            starter(Preset::Hugo, NOW),
            "---\ntitle: \"\"\ndate: 2026-12-04T18:42:00+01:00\ndraft: true\n---\n\n"
        );
        assert_eq!(
            starter(Preset::Jekyll, NOW),
            "---\nlayout: post\ntitle: \"\"\ndate: 2026-12-04 18:42:00 +0100\npublished: false\n---\n\n"
        );
        let zola = Post::parse(&starter(Preset::Zola, NOW));
        assert_eq!(zola.format(), crate::post::Format::Toml);
        assert_eq!(zola.get("draft"), Some(Value::Bool(true)));
        let astro = Post::parse(&starter(Preset::Astro, NOW));
        assert!(astro.get("pubDate").is_some() && astro.get("date").is_none());
        for p in Preset::ALL {
            let post = Post::parse(&starter(p, NOW));
            let key = DraftKey::of(p);
            assert_eq!(
                post.get(key.key()),
                Some(Value::Bool(key.value(true))),
                "{p:?}: a new post is a draft"
            );
            let schema = schema(p);
            for field in post.fields().unwrap() {
                assert!(
                    schema.fields.iter().any(|d| d.key == field.key),
                    "{p:?}: {} is in its schema",
                    field.key
                );
            }
        }
    }

    #[test]
    fn switching_generator_rewrites_only_an_untouched_starter() {
        let hugo = starter(Preset::Hugo, NOW);
        let zola = on_switch(&hugo, Preset::Zola, NOW).expect("an untouched starter follows");
        assert!(zola.starts_with("+++\n"), "{zola}");
        assert_eq!(on_switch(&zola, Preset::Zola, NOW), None, "already Zola's");
        let written = hugo.replace("title: \"\"", "title: \"Mine\"");
        assert_eq!(on_switch(&written, Preset::Zola, NOW), None);
        let body = format!("{hugo}A first line.\n");
        assert_eq!(on_switch(&body, Preset::Jekyll, NOW), None);
    }

    #[test]
    fn another_generators_draft_marker_converts_to_the_same_meaning() {
        assert_eq!(
            draft_as("draft", true, DraftKey::of(Preset::Jekyll)),
            Some(("published", false))
        );
        assert_eq!(
            draft_as("draft", false, DraftKey::of(Preset::Jekyll)),
            Some(("published", true))
        );
        assert_eq!(
            draft_as("published", false, DraftKey::of(Preset::Hugo)),
            Some(("draft", true))
        );
        assert_eq!(
            draft_as("draft", true, DraftKey::of(Preset::Eleventy)),
            Some(("eleventyExcludeFromCollections", true))
        );
        assert_eq!(
            draft_as("draft", true, DraftKey::of(Preset::Zola)),
            None,
            "already Zola's"
        );
        assert_eq!(draft_as("title", true, DraftKey::of(Preset::Jekyll)), None);
    }

    #[test]
    fn a_sites_own_taxonomies_are_list_fields() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let hugo = schema_for_site(Preset::Hugo, &names(&["tags", "series"]));
        let series = hugo.field("series").expect("Hugo's series");
        assert_eq!(
            (series.label.as_str(), &series.ty),
            ("Series", &FieldType::StringList)
        );
        assert_eq!(hugo.fields.iter().filter(|f| f.key == "tags").count(), 1);
        let zola = schema_for_site(Preset::Zola, &names(&["tags", "authors"]));
        assert!(zola.field("taxonomies.authors").is_some() && zola.field("authors").is_none());
        assert_eq!(schema_for_site(Preset::Jekyll, &[]), schema(Preset::Jekyll));
    }

    #[test]
    fn drafts_mean_what_the_generator_means() {
        assert_eq!(
            (
                DraftKey::of(Preset::Jekyll).key(),
                DraftKey::of(Preset::Jekyll).value(true)
            ),
            ("published", false)
        );
        assert_eq!(
            (
                DraftKey::of(Preset::Hugo).key(),
                DraftKey::of(Preset::Hugo).value(true)
            ),
            ("draft", true)
        );
        assert_eq!(
            DraftKey::of(Preset::Eleventy).key(),
            "eleventyExcludeFromCollections"
        );
        assert!(
            !schema(Preset::Jekyll)
                .fields
                .iter()
                .any(|f| f.key == "draft"),
            "Jekyll ignores draft: it is not offered"
        );
        assert!(
            !schema(Preset::Astro).fields.iter().any(|f| f.key == "date"),
            "Astro's template uses pubDate"
        );
        assert!(
            !schema(Preset::Hugo)
                .fields
                .iter()
                .any(|f| f.key == "extra" || f.key == "taxonomies"),
            "Zola's tables are Zola's"
        );
    }
}
