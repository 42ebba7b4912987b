//! flarekit's benchmarks (see `BENCHMARKS.md`): the criterion bench `benches/overhead.rs`, the
//! binaries `bench_server`, `bench_throughput` and `bench_memory`, and the scripts beside them
//! (`run.sh` runs everything). This library is what they share.

pub mod common;
