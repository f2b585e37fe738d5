//! Filtered fragments, per thread (the UI re-renders the same document on
//! every keystroke). Only fragments whose output does not depend on the
//! filter's state are stored.

use std::cell::RefCell;
use std::collections::HashMap;

use super::{Base, Mode};

pub(super) const MAX_FRAGMENT: usize = 4096;
const MAX_BYTES: usize = 4 << 20;

#[derive(Default)]
struct Cache {
    base: Option<Base>,
    block: HashMap<String, String>,
    inline: HashMap<String, String>,
    bytes: usize,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

fn same_base(a: Option<&Base>, b: Option<&Base>) -> bool {
    a == b
}

pub(super) fn get(mode: Mode, frag: &str, base: Option<&Base>, out: &mut String) -> bool {
    CACHE.with(|c| {
        let c = c.borrow();
        if !same_base(c.base.as_ref(), base) {
            return false;
        }
        let map = if mode == Mode::Block {
            &c.block
        } else {
            &c.inline
        };
        match map.get(frag) {
            Some(s) => {
                out.push_str(s);
                true
            }
            None => false,
        }
    })
}

pub(super) fn put(mode: Mode, frag: &str, base: Option<&Base>, html: &str) {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if !same_base(c.base.as_ref(), base) || c.bytes > MAX_BYTES {
            *c = Cache {
                base: base.cloned(),
                ..Cache::default()
            };
        }
        c.bytes += frag.len() + html.len() + 64;
        let map = if mode == Mode::Block {
            &mut c.block
        } else {
            &mut c.inline
        };
        map.insert(frag.to_string(), html.to_string());
    })
}

pub(crate) fn clear() {
    CACHE.with(|c| *c.borrow_mut() = Cache::default());
}
