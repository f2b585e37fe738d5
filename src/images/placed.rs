//! What Save to folder did with a post's pictures, in the notice's words.

/// What writing the pictures after the post did.
#[derive(Default)]
pub struct PicturesPlaced {
    pub written: usize,
    /// Repo paths where another file was: left as it was.
    pub different: Vec<String>,
    pub failed: Vec<String>,
}

impl PicturesPlaced {
    /// The notice's words after `Saved path.` (empty: nothing to say).
    pub fn describe(&self) -> String {
        let mut out = String::new();
        if self.written > 0 {
            out.push_str(&format!(
                " Wrote {}.",
                crate::wording::counted(self.written, "picture", "pictures")
            ));
        }
        if !self.different.is_empty() {
            out.push_str(&format!(
                " Left {} as it was: another file is there, not written over.",
                self.different.join(", ")
            ));
        }
        if !self.failed.is_empty() {
            out.push_str(&format!(" Could not write {}.", self.failed.join(", ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_says_what_was_written_and_what_was_left() {
        assert_eq!(PicturesPlaced::default().describe(), "");
        let placed = PicturesPlaced {
            written: 2,
            different: vec!["static/images/a.png".into()],
            failed: vec![],
        };
        assert_eq!(
            placed.describe(),
            " Wrote 2 pictures. Left static/images/a.png as it was: another file is there, not written over."
        );
        let one = PicturesPlaced {
            written: 1,
            ..Default::default()
        };
        assert_eq!(one.describe(), " Wrote 1 picture.");
    }
}
