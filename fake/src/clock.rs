//! Server-side timestamps: RFC 3339 in UTC with microseconds, as Cloudflare writes them.

use std::time::{SystemTime, UNIX_EPOCH};

/// The current time, e.g. `2024-05-01T12:34:56.123456Z`.
pub(crate) fn now() -> String {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    format(since.as_secs(), since.subsec_micros())
}

/// `secs` seconds and `micros` microseconds after the Unix epoch, in RFC 3339.
fn format(secs: u64, micros: u32) -> String {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{micros:06}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Year, month and day of the `days`-th day after 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format(0, 0), "1970-01-01T00:00:00.000000Z");
        assert_eq!(format(951_782_400, 5), "2000-02-29T00:00:00.000005Z");
        assert_eq!(format(1_709_251_199, 999_999), "2024-02-29T23:59:59.999999Z");
        assert_eq!(format(4_102_444_800, 0), "2100-01-01T00:00:00.000000Z");
        assert!(flarekit::validate::Format::DateTime.matches(&now()));
    }
}
