//! The stored format: every value is a JSON envelope `{"v":2,...}`.
//!
//! Format versions:
//! * v1 (the first prototype): the plain text of a draft under
//!   `"{ns}:draft:{id}"`, nothing else. Migrated to v2 on load (rev 1, title
//!   guessed from the first line, timestamps 0).
//! * v2: JSON envelopes, one per key (`ns` defaults to `postwright`):
//!
//! | key | value |
//! | --- | --- |
//! | `{ns}:draft:{id}` | `{"v":2,"rev":3,"id":"..","title":"..","date":"2024-05-01"/null,"text":"..","cursor":{"start":0,"end":0},"created_ms":..,"updated_ms":..,"writer":"tab id"}` |
//! | `{ns}:revs:{id}` | `{"v":2,"next":7,"revs":[{"id":6,"saved_ms":..,"rev":2,"title":"..","date":..,"text":"..","cursor":{..}}, ..]}` (earlier versions, oldest first) |
//! | `{ns}:index` | `{"v":2,"drafts":[{"id":"..","title":"..","date":..,"updated_ms":..,"size":..,"rev":..}, ..]}` (a cache) |
//! | `{ns}:trash` | `{"v":2,"id":"..","deleted_ms":..}` (the draft's own keys stay until purged) |
//! | `{ns}:last_open` | `{"v":2,"id":".."}` |
//! | `{ns}:corrupt:{what}:{n}` | `{"v":2,"from_key":"..","reason":"..","raw":"the unreadable value, verbatim"}` |
//!
//! A value that does not start with `{` (or is JSON without `"v"`) is v1
//! text; one that starts like an envelope but cannot be read is corrupt and
//! set aside; `"v"` above 2 is a newer format, left untouched. `rev` comes
//! right after `v` so that the index can be checked without parsing drafts.
//! Cursor positions and sizes are in UTF-16 code units.

use serde::{de::DeserializeOwned, Deserialize, Serialize};

/// The format version this code writes.
pub const FORMAT_VERSION: u64 = 2;

/// A selection in the text, in UTF-16 code units (what a textarea's
/// `selectionStart`/`selectionEnd` give). `start == end` is a caret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Cursor {
    pub start: usize,
    pub end: usize,
}

impl Cursor {
    pub fn caret(at: usize) -> Self {
        Cursor { start: at, end: at }
    }

    /// The cursor clamped to a text of `len` UTF-16 units, start <= end.
    pub fn clamped(self, len: usize) -> Self {
        let start = self.start.min(len);
        let end = self.end.min(len).max(start);
        Cursor { start, end }
    }
}

/// `"{ns}:draft:{id}"`: one draft, written in one `set`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct DraftEnvelope {
    pub v: u64,
    /// Second, and the writer third, so that [`quick_rev`] and [`quick_head`]
    /// find them without parsing (or even reading) the whole entry. Entries
    /// written before the writer moved up still parse: serde goes by name.
    pub rev: u64,
    #[serde(default)]
    pub writer: String,
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub date: Option<String>,
    pub text: String,
    /// The post's path in the blog (absent: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default)]
    pub cursor: Cursor,
    #[serde(default)]
    pub created_ms: u64,
    #[serde(default)]
    pub updated_ms: u64,
}

/// One kept earlier version of a draft, inside [`RevsEnvelope`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct RevisionEntry {
    pub id: u64,
    pub saved_ms: u64,
    pub rev: u64,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub date: Option<String>,
    pub text: String,
    #[serde(default)]
    pub cursor: Cursor,
    /// The first save this revision stands for (see `history`); absent
    /// in revisions kept before they were coalesced: `saved_ms`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since_ms: Option<u64>,
    /// The tab that wrote this version (absent in older entries).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub writer: String,
    /// Its body's words, counted once when it was kept (for its label).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<usize>,
}

/// `"{ns}:revs:{id}"`: the kept earlier versions of one draft, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub(crate) struct RevsEnvelope {
    pub v: u64,
    /// The id the next revision gets.
    pub next: u64,
    pub revs: Vec<RevisionEntry>,
}

/// Metadata of a draft, as listed. Also the entries of the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftMeta {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub updated_ms: u64,
    /// Storage taken by the draft entry (key plus value), UTF-16 units.
    pub size: usize,
    pub rev: u64,
}

/// `"{ns}:index"`: a cache of the drafts' metadata; rebuilt from the draft
/// entries whenever it is missing, unreadable, or lists other drafts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct IndexEnvelope {
    pub v: u64,
    pub drafts: Vec<DraftMeta>,
}

/// `"{ns}:trash"`: the one deleted draft that can still be undeleted. The
/// draft's entries stay where they are until the trash is purged.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct TrashEnvelope {
    pub v: u64,
    pub id: String,
    pub deleted_ms: u64,
}

/// `"{ns}:last_open"`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct LastOpenEnvelope {
    pub v: u64,
    pub id: String,
}

/// `"{ns}:corrupt:{what}:{n}"`: an unreadable entry set aside, verbatim.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct CorruptEnvelope {
    pub v: u64,
    pub from_key: String,
    pub reason: String,
    pub raw: String,
}

/// What a stored value turned out to be.
pub(crate) enum Parsed<T> {
    /// A v2 envelope.
    Current(T),
    /// Not an envelope at all: v1 plain text.
    Legacy(String),
    /// An envelope of a newer format than this code knows: leave it alone.
    Newer(u64),
    /// An envelope that cannot be read, with the reason.
    Corrupt(String),
}

/// Classifies a stored value. Never panics.
pub(crate) fn parse<T: DeserializeOwned>(raw: &str) -> Parsed<T> {
    let trimmed = raw.trim_start();
    if !trimmed.starts_with('{') {
        return Parsed::Legacy(raw.to_owned());
    }
    match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(serde_json::Value::Object(map)) => match map.get("v") {
            None => Parsed::Legacy(raw.to_owned()),
            Some(v) => match v.as_u64() {
                Some(FORMAT_VERSION) => {
                    match serde_json::from_value::<T>(serde_json::Value::Object(map)) {
                        Ok(t) => Parsed::Current(t),
                        Err(e) => Parsed::Corrupt(format!("bad v2 envelope: {e}")),
                    }
                }
                Some(n) if n > FORMAT_VERSION => Parsed::Newer(n),
                _ => Parsed::Corrupt(format!("unknown format version {v}")),
            },
        },
        Ok(_) => Parsed::Legacy(raw.to_owned()),
        Err(e) => {
            if looks_like_envelope(trimmed) {
                Parsed::Corrupt(format!("truncated or invalid JSON: {e}"))
            } else {
                Parsed::Legacy(raw.to_owned())
            }
        }
    }
}

/// Whether a text that is not valid JSON was meant to be an envelope
/// (starts with `{"v"`), rather than a v1 draft that happens to start with `{`.
fn looks_like_envelope(trimmed: &str) -> bool {
    let rest = trimmed[1..].trim_start();
    rest.starts_with("\"v\"")
}

/// JSON text of an envelope. Serializing these plain structs cannot fail;
/// should it ever, an error is returned rather than a panic.
pub(crate) fn to_json<T: Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| e.to_string())
}

/// A title for a v1 draft, which has none: its first non-empty line,
/// without Markdown heading marks, at most 80 characters.
pub(crate) fn guess_title(text: &str) -> String {
    let line = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| !l.is_empty() && *l != "---")
        .unwrap_or("");
    line.chars().take(80).collect()
}

/// The rev of a draft entry as written by this code (`{"v":2,"rev":N,...`),
/// read without parsing the whole entry; 0 for anything else (v1 text).
pub(crate) fn quick_rev(raw: &str) -> u64 {
    let Some(rest) = raw.strip_prefix("{\"v\":2,\"rev\":") else {
        return 0;
    };
    let digits: &str = &rest[..rest.bytes().take_while(u8::is_ascii_digit).count()];
    digits.parse().unwrap_or(0)
}

/// How many UTF-16 units of a draft entry [`quick_head`] needs at most: the
/// prefix, 20 digits and a 64-character writer (see `sanitize` in the store).
pub(crate) const HEAD_UNITS: usize = 128;

/// The rev and writer of a draft entry as written by this code
/// (`{"v":2,"rev":N,"writer":"W",...`), from its start alone; `None` for
/// anything else (older entries with the writer last, v1 text).
pub(crate) fn quick_head(raw: &str) -> Option<(u64, &str)> {
    let rest = raw.strip_prefix("{\"v\":2,\"rev\":")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let rev = rest[..digits].parse().ok()?;
    let rest = rest[digits..].strip_prefix(",\"writer\":\"")?;
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
        .count();
    rest[len..].starts_with('"').then(|| (rev, &rest[..len]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(raw: &str) -> &'static str {
        match parse::<DraftEnvelope>(raw) {
            Parsed::Current(_) => "current",
            Parsed::Legacy(_) => "legacy",
            Parsed::Newer(_) => "newer",
            Parsed::Corrupt(_) => "corrupt",
        }
    }

    #[test]
    fn classifies_stored_values() {
        assert_eq!(
            kind("{\"v\":2,\"rev\":1,\"id\":\"a\",\"text\":\"t\"}"),
            "current"
        );
        assert_eq!(kind("# A post\n"), "legacy");
        assert_eq!(kind(""), "legacy");
        assert_eq!(kind("{not json at all"), "legacy");
        assert_eq!(kind("{\"title\": \"json without v\"}"), "legacy");
        assert_eq!(kind("[1,2]"), "legacy");
        assert_eq!(kind("{\"v\":3}"), "newer");
        assert_eq!(kind("{\"v\":2,\"rev\":1,\"id\":\"a\",\"te"), "corrupt");
        assert_eq!(kind(" { \"v\" :2"), "corrupt");
        assert_eq!(kind("{\"v\":2}"), "corrupt");
        assert_eq!(kind("{\"v\":1,\"text\":\"x\"}"), "corrupt");
        assert_eq!(kind("{\"v\":\"2\"}"), "corrupt");
    }

    #[test]
    fn quick_rev_reads_what_we_write() {
        let env = DraftEnvelope {
            v: FORMAT_VERSION,
            rev: 42,
            id: "x".into(),
            title: String::new(),
            date: None,
            text: "{\"v\":2,\"rev\":7".into(),
            path: None,
            cursor: Cursor::default(),
            created_ms: 0,
            updated_ms: 0,
            writer: String::new(),
        };
        assert_eq!(quick_rev(&to_json(&env).unwrap()), 42);
        assert_eq!(quick_rev("plain"), 0);
        assert_eq!(quick_rev("{\"v\":2,\"rev\":"), 0);
        assert_eq!(quick_rev("{\"v\":2,\"rev\":99999999999999999999999}"), 0);
    }

    #[test]
    fn quick_head_reads_what_we_write() {
        let env = |writer: &str| DraftEnvelope {
            v: FORMAT_VERSION,
            rev: u64::MAX,
            id: "x".into(),
            title: String::new(),
            date: None,
            text: "{\"v\":2,\"rev\":7,\"writer\":\"evil\"".into(),
            path: None,
            cursor: Cursor::default(),
            created_ms: 0,
            updated_ms: 0,
            writer: writer.into(),
        };
        let longest = "w".repeat(64);
        let json = to_json(&env(&longest)).unwrap();
        // The longest head there can be fits in HEAD_UNITS.
        let needed = json.find(&format!("{longest}\"")).unwrap() + 65;
        assert!(needed <= HEAD_UNITS);
        assert_eq!(
            quick_head(&json[..needed]),
            Some((u64::MAX, longest.as_str()))
        );
        assert_eq!(
            quick_head(&to_json(&env("t1a-_Z")).unwrap()),
            Some((u64::MAX, "t1a-_Z"))
        );
        assert_eq!(
            quick_head(&to_json(&env("")).unwrap()),
            Some((u64::MAX, ""))
        );
        // Cut short, or not written by this code: no answer, never a wrong one.
        assert_eq!(quick_head(&json[..needed - 1]), None);
        assert_eq!(
            quick_head("{\"v\":2,\"rev\":3,\"id\":\"a\",\"writer\":\"t\"}"),
            None
        );
        assert_eq!(quick_head("{\"v\":2,\"rev\":,\"writer\":\"t\""), None);
        assert_eq!(quick_head("{\"v\":2,\"rev\":1,\"writer\":\"t\\\"\""), None);
        assert_eq!(quick_head("# plain text"), None);
    }

    #[test]
    fn guesses_v1_titles() {
        assert_eq!(guess_title("\n\n## Hello world  \nbody"), "Hello world");
        assert_eq!(guess_title("---\ntitle: x\n---\n"), "title: x");
        assert_eq!(guess_title(""), "");
        assert_eq!(guess_title(&"é".repeat(100)).chars().count(), 80);
    }

    #[test]
    fn cursor_clamps() {
        assert_eq!(
            Cursor { start: 5, end: 2 }.clamped(10),
            Cursor { start: 5, end: 5 }
        );
        assert_eq!(Cursor { start: 50, end: 60 }.clamped(10), Cursor::caret(10));
    }
}
