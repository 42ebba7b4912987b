//! Random numbers for retry jitter and multipart boundaries, without a dependency.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// A random 64-bit number, different for every draw, also for draws made at the same moment on
/// different threads.
///
/// Each draw takes its own number from a counter (`fetch_add` never hands out one twice) and
/// hashes it with the process's randomly keyed SipHash ([`RandomState`]): spread and
/// unpredictable enough for jitter and boundaries (not for secrets).
pub(crate) fn u64() -> u64 {
    static KEYS: OnceLock<RandomState> = OnceLock::new();
    static DRAWS: AtomicU64 = AtomicU64::new(0);
    let draw = DRAWS.fetch_add(1, Ordering::Relaxed);
    let mut hasher = KEYS.get_or_init(RandomState::new).build_hasher();
    hasher.write_u64(draw);
    hasher.finish()
}
