//! flarekit's benchmarks (see `BENCHMARKS.md`): the criterion bench `benches/overhead.rs`, the
//! binaries `bench_server`, `bench_throughput`, `bench_bodies`, `bench_memory` and `bench_stream`,
//! and the scripts beside them (`run.sh` runs everything). This library is what they share.

pub mod bare;
pub mod bodies;
pub mod common;
pub mod paired;
