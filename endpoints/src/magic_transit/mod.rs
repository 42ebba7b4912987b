//! Magic Transit: packet captures.

pub mod pcaps;
