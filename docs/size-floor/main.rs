//! The size-floor probe (`make size-floor`, see run.sh): a textarea and an
//! output div. Each library a cargo feature enables really processes the
//! textarea's value on `input`, so the optimiser cannot drop it.
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[allow(dead_code)]
fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

#[allow(dead_code)]
fn pre(label: &str, body: &str, out: &mut String) {
    out.push_str("<pre data-k=\"");
    out.push_str(label);
    out.push_str("\">");
    escape(body, out);
    out.push_str("</pre>");
}

/// Splits "front\n---\nbody" (front matter before a `---` line).
#[allow(dead_code)]
fn split_front(text: &str) -> (&str, &str) {
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return (&text[..pos], &text[pos + line.len()..]);
        }
        pos += line.len();
    }
    ("", text)
}

#[cfg(feature = "pulldown")]
fn markdown(md: &str) -> String {
    use pulldown_cmark::{html, Options, Parser};
    // The editor's dialect (src/markdown/dialect.rs), smart punctuation
    // chosen at runtime as the editor does (every extension on, or none,
    // measured within 100 bytes of this).
    let mut opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if md.starts_with('%') {
        opts |= Options::ENABLE_SMART_PUNCTUATION;
    }
    let parser = Parser::new_ext(md, opts);
    let mut out = String::new();
    html::push_html(&mut out, parser);
    out
}

#[cfg(feature = "html5gum")]
fn reserialize(html: &str) -> String {
    use html5gum::{Token, Tokenizer};
    let mut out = String::new();
    for token in Tokenizer::new(html) {
        let Ok(token) = token;
        match token {
            Token::StartTag(t) => {
                out.push('<');
                out.push_str(&String::from_utf8_lossy(&t.name));
                for (k, v) in &t.attributes {
                    out.push(' ');
                    out.push_str(&String::from_utf8_lossy(k));
                    out.push_str("=\"");
                    escape(&String::from_utf8_lossy(&v.value), &mut out);
                    out.push('"');
                }
                if t.self_closing {
                    out.push_str(" /");
                }
                out.push('>');
            }
            Token::EndTag(t) => {
                out.push_str("</");
                out.push_str(&String::from_utf8_lossy(&t.name));
                out.push('>');
            }
            Token::String(s) => escape(&String::from_utf8_lossy(&s.value), &mut out),
            Token::Comment(c) => {
                out.push_str("<!--");
                out.push_str(&String::from_utf8_lossy(&c.value));
                out.push_str("-->");
            }
            Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    out
}

#[cfg(feature = "zip")]
fn zip_len(text: &str) -> Result<usize, String> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .unix_permissions(0o644);
    w.start_file("post.md", options).map_err(|e| e.to_string())?;
    w.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(w.finish().map_err(|e| e.to_string())?.into_inner().len())
}

/// The div's inner HTML for the textarea's text.
#[cfg(feature = "pulldown")]
fn process(text: &str) -> String {
    let mut out = String::new();
    {
        #[cfg(feature = "serde_yaml")]
        let (front, body) = split_front(text);
        #[cfg(not(feature = "serde_yaml"))]
        let body = text;

        let html = markdown(body);
        #[cfg(feature = "html5gum")]
        let html = reserialize(&html);
        out.push_str(&html);

        #[cfg(feature = "serde_yaml")]
        {
            let y = match serde_yaml::from_str::<serde_yaml::Value>(front) {
                Ok(v) => serde_yaml::to_string(&v).unwrap_or_else(|e| e.to_string()),
                Err(e) => e.to_string(),
            };
            pre("yaml", &y, &mut out);
        }
        #[cfg(feature = "toml_json")]
        {
            let t = match front.parse::<toml_edit::DocumentMut>() {
                Ok(doc) => doc.to_string(),
                Err(e) => e.to_string(),
            };
            pre("toml", &t, &mut out);
            let j = match serde_json::from_str::<serde_json::Value>(front) {
                Ok(v) => serde_json::to_string(&v).unwrap_or_else(|e| e.to_string()),
                Err(e) => e.to_string(),
            };
            pre("json", &j, &mut out);
        }
        #[cfg(feature = "zip")]
        {
            let z = match zip_len(text) {
                Ok(n) => format!("zip: {n} bytes"),
                Err(e) => e,
            };
            pre("zip", &z, &mut out);
        }
    }
    out
}

#[function_component]
fn App() -> Html {
    let out = use_state(String::new);
    let oninput = {
        let out = out.clone();
        Callback::from(move |e: InputEvent| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            #[cfg(not(feature = "pulldown"))]
            out.set(ta.value());
            #[cfg(feature = "pulldown")]
            out.set(process(&ta.value()));
        })
    };
    // yew-only: plain text echo; otherwise the processed HTML as inner HTML.
    #[cfg(not(feature = "pulldown"))]
    let inner = html! { {(*out).clone()} };
    #[cfg(feature = "pulldown")]
    let inner = Html::from_html_unchecked(AttrValue::from((*out).clone()));
    html! {
        <>
            <textarea id="src" {oninput} />
            <div id="out">{inner}</div>
        </>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
