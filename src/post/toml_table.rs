//! Keys inside one table of TOML front matter, as Zola nests its
//! taxonomies (`[taxonomies]` `tags = […]`): read, set and removed by
//! splicing the spans toml_edit reports, like root keys, and verified by
//! re-parsing (every other key, inside the table or out, reads the same).

use toml_edit::Item;

use super::toml::{convert, fields, line_end_full, line_start, load, refused, render, render_key};
use super::{EditError, EditResult, Value};

/// The keys of `table` with their values, in order; `None`: no such table.
pub(crate) fn entries(front: &str, table: &str) -> Option<Vec<(String, Value)>> {
    let doc = load(front).ok()?;
    let t = doc.as_table().get(table)?.as_table_like()?;
    Some(
        t.iter()
            .map(|(k, item)| (k.to_string(), convert(front, item)))
            .collect(),
    )
}

/// Sets `table.key` to `value`: its value's text when it is there, a new
/// line after the table's last key when the table is, else a new table at
/// the end of the front matter (tables come after the root keys).
pub(crate) fn set(front: &str, table: &str, key: &str, value: &Value, eol: &str) -> EditResult {
    let doc = load(front).map_err(EditError::syntax)?;
    let inline = |what: &str| {
        EditError::Unsupported(format!(
            "`{table}` is written {what}; edit it in Raw front matter"
        ))
    };
    let line = || -> Result<String, EditError> {
        Ok(format!(
            "{} = {}{eol}",
            render_key(key)?,
            render(value, "", "\"", false)?
        ))
    };
    let out = match doc.as_table().get(table) {
        None => {
            let sep = if front.is_empty() || front.ends_with('\n') {
                ""
            } else {
                eol
            };
            format!("{front}{sep}[{}]{eol}{}", render_key(table)?, line()?)
        }
        Some(Item::Table(t)) => match t.get(key) {
            Some(Item::Value(v)) => {
                let span = v.span().ok_or_else(refused)?;
                let old_src = &front[span.clone()];
                let text = render(value, old_src, "\"", false)?;
                format!("{}{text}{}", &front[..span.start], &front[span.end..])
            }
            Some(_) => return Err(inline("as a table of tables")),
            None if t.is_dotted() => return Err(inline("as dotted keys")),
            None => {
                // After the table's last key, else after its `[header]`.
                let end = t
                    .iter()
                    .filter_map(|(_, item)| item.span())
                    .map(|s| s.end)
                    .max()
                    .or_else(|| t.span().map(|s| s.end))
                    .ok_or_else(refused)?;
                let pos = line_end_full(front, end);
                let sep = if front[..pos].ends_with('\n') {
                    ""
                } else {
                    eol
                };
                format!("{}{sep}{}{}", &front[..pos], line()?, &front[pos..])
            }
        },
        Some(Item::Value(toml_edit::Value::InlineTable(t))) => match t.get(key) {
            Some(v) => {
                let span = v.span().ok_or_else(refused)?;
                let text = render(value, &front[span.clone()], "\"", false)?;
                format!("{}{text}{}", &front[..span.start], &front[span.end..])
            }
            None => return Err(inline("inline")),
        },
        Some(_) => return Err(EditError::Unsupported(format!("`{table}` is not a table"))),
    };
    verify(front, &out, table, key, Some(value))?;
    Ok(out)
}

/// Removes `table.key` (its lines) from a `[table]` or dotted keys.
pub(crate) fn remove(front: &str, table: &str, key: &str) -> EditResult {
    let doc = load(front).map_err(EditError::syntax)?;
    let Some(Item::Table(t)) = doc.as_table().get(table) else {
        return Err(EditError::NotFound(format!("{table}.{key}")));
    };
    let (Some(k), Some(item)) = (t.key(key), t.get(key)) else {
        return Err(EditError::NotFound(format!("{table}.{key}")));
    };
    let (Some(ks), Some(vs)) = (k.span(), item.span()) else {
        return Err(refused());
    };
    let start = line_start(front, ks.start);
    let end = line_end_full(front, vs.end);
    let out = format!("{}{}", &front[..start], &front[end..]);
    verify(front, &out, table, key, None)?;
    Ok(out)
}

/// Only `table.key` changed from `before` to `after`, to `want` (`None`: gone).
fn verify(
    before: &str,
    after: &str,
    table: &str,
    key: &str,
    want: Option<&Value>,
) -> Result<(), EditError> {
    let others = |front: &str| -> Option<Vec<(String, Value)>> {
        Some(
            fields(front)
                .ok()?
                .into_iter()
                .filter(|f| f.key != table)
                .map(|f| (f.key, f.value))
                .collect(),
        )
    };
    let inside = |front: &str| {
        let mut all = entries(front, table).unwrap_or_default();
        let this = all
            .iter()
            .position(|(k, _)| k == key)
            .map(|i| all.remove(i).1);
        (all, this)
    };
    let (old_inside, _) = inside(before);
    let (new_inside, this) = inside(after);
    let reads_back = match (want, &this) {
        (Some(Value::List(items)), Some(Value::List(got))) => items == got,
        (Some(w), Some(got)) => w == got,
        (None, None) => true,
        _ => false,
    };
    if others(before) != others(after) || old_inside != new_inside || !reads_back {
        return Err(refused());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::post::{Post, Value};

    fn list(items: &[&str]) -> Value {
        Value::List(items.iter().map(|s| Value::String(s.to_string())).collect())
    }

    const ZOLA: &str = "+++\ntitle = \"Hi\"\ndate = 2024-01-02\n\n[taxonomies]\n# kept\ntags = [\"rust\", \"wasm\"]\nauthors = [\"me\"]\n\n[extra]\ntoc = true\n+++\nBody\n";

    #[test]
    fn a_taxonomy_is_edited_in_its_table_and_nothing_else_moves() {
        let mut p = Post::parse(ZOLA);
        assert_eq!(
            p.table_entries("taxonomies").unwrap()[0],
            ("tags".to_string(), list(&["rust", "wasm"]))
        );
        p.set_in_table("taxonomies", "tags", &list(&["rust", "yew"]))
            .unwrap();
        assert_eq!(p.to_text(), ZOLA.replace("\"wasm\"]", "\"yew\"]"));
        // A new key goes after the table's last one, not into [extra].
        p.set_in_table("taxonomies", "categories", &list(&["web"]))
            .unwrap();
        assert!(
            p.to_text()
                .contains("authors = [\"me\"]\ncategories = [\"web\"]\n\n[extra]"),
            "{}",
            p.to_text()
        );
        p.remove_in_table("taxonomies", "categories").unwrap();
        assert_eq!(p.to_text(), ZOLA.replace("\"wasm\"]", "\"yew\"]"));
    }

    #[test]
    fn a_missing_table_is_added_at_the_end_and_other_shapes_are_left_to_the_raw_box() {
        let mut p =
            Post::parse("+++\r\ntitle = \"Hi\"\r\n[extra]\r\ntoc = true\r\n+++\r\nBody\r\n");
        p.set_in_table("taxonomies", "tags", &list(&["a"])).unwrap();
        assert_eq!(
            p.to_text(),
            "+++\r\ntitle = \"Hi\"\r\n[extra]\r\ntoc = true\r\n[taxonomies]\r\ntags = [\"a\"]\r\n+++\r\nBody\r\n"
        );
        assert!(p.get("extra").is_some());
        let mut inline = Post::parse("+++\ntitle = \"x\"\ntaxonomies = { tags = [\"a\"] }\n+++\n");
        inline
            .set_in_table("taxonomies", "tags", &list(&["a", "b"]))
            .unwrap();
        assert!(inline.to_text().contains("{ tags = [\"a\", \"b\"] }"));
        assert!(inline
            .set_in_table("taxonomies", "categories", &list(&["c"]))
            .is_err());
        let mut yaml = Post::parse("---\ntitle: x\n---\n");
        assert!(yaml
            .set_in_table("taxonomies", "tags", &list(&["a"]))
            .is_err());
        assert_eq!(yaml.table_entries("taxonomies"), None);
    }
}
