//! [`PreviewSync`]: keeping the preview pane in step with the body. The
//! incremental renderer's blocks are patched into the pane's DOM (see
//! [`BlockPatcher`]); a long post's keystroke does only what it must at
//! once and leaves the rest (a whole render, the word count) for later; and
//! the preview's scroll follows the Markdown's.

use gloo_timers::callback::Timeout;
use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::{Callback, NodeRef};

use super::msg::Msg;
use super::preview::BlockPatcher;
use crate::markdown::{self, RenderOptions, Stats};

/// Above this body size, a keystroke that needs the whole body rendered
/// again (a heading renamed, a footnote added) leaves that to a task of its
/// own, so the typed character paints first; keystrokes re-rendering only
/// their blocks (nearly all) are rendered at once at any size.
const DEFER_PREVIEW_BYTES: usize = 256 * 1024;

/// Above this body size a keystroke does only what it must, the preview's
/// blocks around it; the word count (a sum over blocks, but shown by
/// rendering the whole editor again) and checking the body against the
/// textarea (a whole read of it) wait for a pause in typing.
pub(super) const LONG_POST_BYTES: usize = 64 * 1024;

/// How long typing must pause before a long post's deferred work runs.
const PAUSE_MS: u32 = 300;

pub(super) struct PreviewSync {
    /// The body's rendered blocks, kept up to date edit by edit.
    renderer: markdown::Incremental,
    /// The splices not yet applied to the preview's DOM.
    patcher: BlockPatcher,
    /// The preview region, and the block container inside it.
    pane: NodeRef,
    blocks: NodeRef,
    /// The word count shown (a long post's waits for a pause in typing).
    stats: Stats,
    /// A long post's whole render, in a task of its own after the keystroke
    /// (coalescing keystrokes that arrive meanwhile).
    deferred: Option<Timeout>,
    /// The pause after typing a long post.
    pause: Option<Timeout>,
    /// A pending pass of scroll sync, and the preview's height at the last one.
    scroll_task: Option<Timeout>,
    scroll_height: i32,
    /// Messages to the editor (from the timers above).
    send: Callback<Msg>,
}

impl PreviewSync {
    pub(super) fn new(send: Callback<Msg>) -> Self {
        PreviewSync {
            renderer: markdown::Incremental::new(RenderOptions::default()),
            patcher: BlockPatcher::default(),
            pane: NodeRef::default(),
            blocks: NodeRef::default(),
            stats: Stats::default(),
            deferred: None,
            pause: None,
            scroll_task: None,
            scroll_height: 0,
            send,
        }
    }

    pub(super) fn pane_ref(&self) -> NodeRef {
        self.pane.clone()
    }

    pub(super) fn blocks_ref(&self) -> NodeRef {
        self.blocks.clone()
    }

    pub(super) fn stats(&self) -> Stats {
        self.stats
    }

    /// The body or the render options changed: the blocks and the counts
    /// come up to date (the DOM at the next [`Self::apply`]).
    pub(super) fn refresh(&mut self, body: &str, options: RenderOptions) {
        let splice = self.renderer.set_options(options);
        self.patcher.push(splice);
        let splice = self.renderer.update(body);
        self.patcher.push(splice);
        self.stats = self.renderer.stats();
    }

    /// A keystroke in a long post (over [`LONG_POST_BYTES`]): its own blocks
    /// now, the rest later.
    pub(super) fn keystroke(&mut self, body: &str) {
        if let Some(splice) = self.renderer.update_partial(body) {
            self.patcher.push(splice);
        } else if body.len() <= DEFER_PREVIEW_BYTES {
            self.patcher.push(self.renderer.update(body));
        } else if self.deferred.is_none() {
            let send = self.send.clone();
            self.deferred = Some(Timeout::new(0, move || send.emit(Msg::RenderPreview)));
        }
        // After a pause: a new keystroke drops the timer and sets another.
        let send = self.send.clone();
        self.pause = Some(Timeout::new(PAUSE_MS, move || send.emit(Msg::TypingPaused)));
    }

    /// The whole render a long post's keystroke left for later.
    pub(super) fn render_deferred(&mut self, body: &str) {
        self.deferred = None;
        let splice = self.renderer.update(body);
        self.patcher.push(splice);
        self.stats = self.renderer.stats();
    }

    /// Typing paused: the word count shows (a render left for later brings
    /// its own).
    pub(super) fn typing_paused(&mut self) {
        self.pause = None;
        if self.deferred.is_none() {
            self.stats = self.renderer.stats();
        }
    }

    /// Patches the preview's DOM with the splices pending.
    pub(super) fn apply(&mut self) {
        self.patcher
            .apply(self.blocks.cast(), self.renderer.blocks());
    }

    /// Scrolls the preview to the share of its scroll range the Markdown is
    /// scrolled to. The preview's off-screen chunks have estimated heights
    /// until they are laid out, and scrolling lays some out, which changes its
    /// height (and the browser's scroll anchoring moves it): so the scroll is
    /// set again, a few frames later, until the height holds still.
    pub(super) fn sync_scroll(&mut self, area: &HtmlTextAreaElement, pass: u8) {
        const PASSES: u8 = 10;
        let Some(preview) = self.pane.cast::<HtmlElement>() else {
            return;
        };
        let range = (area.scroll_height() - area.client_height()).max(1) as f64;
        let ratio = area.scroll_top() as f64 / range;
        let height = preview.scroll_height();
        let target = (height - preview.client_height()).max(0) as f64;
        preview.set_scroll_top((ratio * target).round() as i32);
        let settled = pass > 0 && height == self.scroll_height;
        self.scroll_height = height;
        self.scroll_task = (!settled && pass < PASSES).then(|| {
            let send = self.send.clone();
            Timeout::new(40, move || send.emit(Msg::SettleScroll(pass + 1)))
        });
    }
}
