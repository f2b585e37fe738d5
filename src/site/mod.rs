//! The blog around a post: its configuration ([`config`]), how it reads a
//! post's dates ([`time`]), and whether and where a post will publish
//! ([`publish`]). Pure core: the editor and the CLI give it the files.

pub mod config;
pub mod links;
pub mod publish;
pub mod time;

pub use config::{ConfigError, SiteConfig};
pub use publish::{collisions, status_line, verdict, verdict_of_fields, Verdict, Visibility};
