//! The preview's blocks, grouped in chunks of about [`CHUNK`] blocks.
//!
//! Why: the preview lets the browser skip the layout and paint of what is off
//! screen (`content-visibility: auto`). Chromium watches every such element
//! with an internal intersection observer, on every frame: one per block cost
//! 15 ms a keystroke on a 1 MB post (about 15,000 blocks, traced); one per
//! chunk of blocks cost 0.7 ms (traced), and still skips the chunks off
//! screen.
//!
//! This module is the pure bookkeeping: it turns a splice of blocks (see
//! [`crate::markdown::incremental::Splice`]) into operations on chunks, which
//! the browser layer carries out on the DOM in order.

/// Blocks per chunk when chunks are made; a chunk grows to twice that before
/// new chunks are made instead, and shrinks freely (an empty one is removed).
pub const CHUNK: usize = 32;

/// One DOM operation. Indices are those at the time the operation runs;
/// `Insert`s take the splice's inserted blocks in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Remove `count` blocks of chunk `chunk`, starting at `offset`.
    Remove {
        chunk: usize,
        offset: usize,
        count: usize,
    },
    /// Remove chunk `chunk` (it is empty).
    RemoveChunk { chunk: usize },
    /// Make an empty chunk at index `at` (`at` = the number of chunks: at the end).
    NewChunk { at: usize },
    /// Move the blocks of chunk `chunk` from `offset` on into a new chunk right after it.
    Split { chunk: usize, offset: usize },
    /// Insert the next `count` blocks into chunk `chunk` before its block
    /// `offset` (`offset` = its length: at its end).
    Insert {
        chunk: usize,
        offset: usize,
        count: usize,
    },
}

/// How many blocks each chunk holds, mirroring the DOM.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chunks {
    sizes: Vec<usize>,
}

impl Chunks {
    /// Chunks for `blocks` blocks in a container filled from scratch.
    pub fn fill(blocks: usize) -> Self {
        let mut sizes = vec![CHUNK; blocks / CHUNK];
        if blocks % CHUNK != 0 {
            sizes.push(blocks % CHUNK);
        }
        Chunks { sizes }
    }

    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    pub fn blocks(&self) -> usize {
        self.sizes.iter().sum()
    }

    /// The chunk holding block `at`, and `at`'s offset in it; `at` = the
    /// number of blocks gives the end of the last chunk.
    fn locate(&self, at: usize) -> (usize, usize) {
        let mut start = 0;
        for (c, &n) in self.sizes.iter().enumerate() {
            if at < start + n {
                return (c, at - start);
            }
            start += n;
        }
        let last = self.sizes.len().saturating_sub(1);
        (last, self.sizes.get(last).copied().unwrap_or(0))
    }

    /// The operations that replace blocks `at..at + removed` with `inserted`
    /// new ones, and the sizes updated to match.
    pub fn splice(&mut self, at: usize, removed: usize, inserted: usize) -> Vec<Op> {
        let mut ops = Vec::new();
        let mut left = removed.min(self.blocks().saturating_sub(at));
        if left > 0 {
            let (mut chunk, mut offset) = self.locate(at);
            while left > 0 {
                let count = left.min(self.sizes[chunk] - offset);
                ops.push(Op::Remove {
                    chunk,
                    offset,
                    count,
                });
                self.sizes[chunk] -= count;
                left -= count;
                if self.sizes[chunk] == 0 {
                    ops.push(Op::RemoveChunk { chunk });
                    self.sizes.remove(chunk);
                } else {
                    chunk += 1;
                }
                offset = 0;
            }
        }
        if inserted == 0 {
            return ops;
        }
        let (chunk, offset) = self.locate(at);
        if self
            .sizes
            .get(chunk)
            .is_some_and(|&n| n + inserted <= 2 * CHUNK)
        {
            ops.push(Op::Insert {
                chunk,
                offset,
                count: inserted,
            });
            self.sizes[chunk] += inserted;
            return ops;
        }
        // Too many for that chunk: new chunks of their own, between the
        // blocks before `at` and those after it.
        let mut next = match self.sizes.get(chunk) {
            None => 0,
            Some(_) if offset == 0 => chunk,
            Some(&n) if offset == n => chunk + 1,
            Some(&n) => {
                ops.push(Op::Split { chunk, offset });
                self.sizes[chunk] = offset;
                self.sizes.insert(chunk + 1, n - offset);
                chunk + 1
            }
        };
        let mut left = inserted;
        while left > 0 {
            let count = left.min(CHUNK);
            ops.push(Op::NewChunk { at: next });
            ops.push(Op::Insert {
                chunk: next,
                offset: 0,
                count,
            });
            self.sizes.insert(next, count);
            left -= count;
            next += 1;
        }
        ops
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Carries out `ops` on chunks of block numbers, as the DOM layer does.
    fn run(model: &mut Vec<Vec<u32>>, ops: &[Op], mut inserted: impl Iterator<Item = u32>) {
        for &op in ops {
            match op {
                Op::Remove {
                    chunk,
                    offset,
                    count,
                } => {
                    model[chunk].drain(offset..offset + count);
                }
                Op::RemoveChunk { chunk } => {
                    assert!(
                        model[chunk].is_empty(),
                        "removing a chunk that still has blocks"
                    );
                    model.remove(chunk);
                }
                Op::NewChunk { at } => model.insert(at, Vec::new()),
                Op::Split { chunk, offset } => {
                    let tail = model[chunk].split_off(offset);
                    model.insert(chunk + 1, tail);
                }
                Op::Insert {
                    chunk,
                    offset,
                    count,
                } => {
                    let new: Vec<u32> = inserted.by_ref().take(count).collect();
                    assert_eq!(new.len(), count, "more blocks inserted than the splice has");
                    model[chunk].splice(offset..offset, new);
                }
            }
        }
        assert_eq!(inserted.next(), None, "inserted blocks left over");
    }

    /// A small deterministic generator (no extra dependency for one test).
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n.max(1)
        }
    }

    #[test]
    fn a_fill_makes_full_chunks_and_one_rest() {
        assert_eq!(Chunks::fill(0).sizes(), &[] as &[usize]);
        assert_eq!(Chunks::fill(CHUNK).sizes(), &[CHUNK]);
        assert_eq!(Chunks::fill(2 * CHUNK + 5).sizes(), &[CHUNK, CHUNK, 5]);
    }

    #[test]
    fn random_splices_keep_the_blocks_in_order_and_the_chunks_bounded() {
        let mut rng = Lcg(7);
        for _ in 0..200 {
            let start = rng.below(300);
            let mut blocks: Vec<u32> = (0..start as u32).collect();
            let mut chunks = Chunks::fill(start);
            let mut model: Vec<Vec<u32>> = blocks.chunks(CHUNK).map(<[u32]>::to_vec).collect();
            let mut fresh = 1_000_000;
            for _ in 0..60 {
                let at = rng.below(blocks.len() + 1);
                let removed = match rng.below(4) {
                    0 => 0,
                    1 => rng.below(3),
                    2 => rng.below(blocks.len() - at + 1),
                    _ => rng.below(CHUNK * 3),
                }
                .min(blocks.len() - at);
                let inserted = match rng.below(4) {
                    0 => 0,
                    1 | 2 => 1 + rng.below(3),
                    _ => rng.below(CHUNK * 5),
                };
                let new: Vec<u32> = (fresh..fresh + inserted as u32).collect();
                fresh += inserted as u32;
                let ops = chunks.splice(at, removed, inserted);
                run(&mut model, &ops, new.iter().copied());
                blocks.splice(at..at + removed, new);

                assert_eq!(model.concat(), blocks, "after {ops:?}");
                assert_eq!(
                    model.iter().map(Vec::len).collect::<Vec<_>>(),
                    chunks.sizes()
                );
                assert!(
                    model.iter().all(|c| !c.is_empty() && c.len() <= 2 * CHUNK),
                    "{:?}",
                    chunks.sizes()
                );
            }
        }
    }

    #[test]
    fn typing_in_one_block_touches_one_chunk() {
        let mut chunks = Chunks::fill(1000);
        let ops = chunks.splice(500, 1, 1);
        assert_eq!(
            ops,
            [
                Op::Remove {
                    chunk: 15,
                    offset: 20,
                    count: 1
                },
                Op::Insert {
                    chunk: 15,
                    offset: 20,
                    count: 1
                }
            ]
        );
    }
}
