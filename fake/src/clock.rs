//! The server's clock: the system's, moved ahead by what tests asked
//! ([`crate::MockServer::advance_clock`]). Timestamps are RFC 3339 in UTC with microseconds,
//! as Cloudflare writes them; KV expirations are read against it.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The system's time plus a test's offset.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Clock {
    ahead: Duration,
}

impl Clock {
    fn since_epoch(&self) -> Duration {
        (SystemTime::now() + self.ahead).duration_since(UNIX_EPOCH).unwrap_or_default()
    }

    /// Seconds since the Unix epoch.
    pub(crate) fn unix(&self) -> u64 {
        self.since_epoch().as_secs()
    }

    /// The current time, e.g. `2024-05-01T12:34:56.123456Z`.
    pub(crate) fn now(&self) -> String {
        let since = self.since_epoch();
        format(since.as_secs(), since.subsec_micros())
    }

    /// Moves the clock ahead.
    pub(crate) fn advance(&mut self, by: Duration) {
        self.ahead = self.ahead.saturating_add(by);
    }
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
        let mut clock = Clock::default();
        assert!(flarekit::validate::Format::DateTime.matches(&clock.now()));
        let before = clock.unix();
        clock.advance(Duration::from_secs(86_400));
        assert!((86_400..86_402).contains(&(clock.unix() - before)), "{}", clock.unix() - before);
    }
}
