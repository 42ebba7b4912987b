//! The string formats of `#[validate(format = "...")]`, checked without a regex engine.

/// A string format a field must have (`#[validate(format = "...")]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// `uuid`: the hyphenated form `8-4-4-4-12` of hexadecimal digits.
    Uuid,
    /// `date-time`: an RFC 3339 timestamp such as `2014-01-01T05:20:00.12345Z`.
    DateTime,
    /// `date`: an RFC 3339 full date such as `2024-02-29`.
    Date,
    /// `email`: an address such as `user@example.com`.
    Email,
}

impl Format {
    /// Every format, in declaration order.
    pub const ALL: &'static [Format] = &[Format::Uuid, Format::DateTime, Format::Date, Format::Email];

    /// The OpenAPI name of the format.
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Uuid => "uuid",
            Format::DateTime => "date-time",
            Format::Date => "date",
            Format::Email => "email",
        }
    }

    /// The format of an OpenAPI name; `None` for a format flarekit does not check.
    ///
    /// ```
    /// use flarekit_vocab::Format;
    /// assert_eq!(Format::from_name("date-time"), Some(Format::DateTime));
    /// assert_eq!(Format::from_name("ipv4"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.as_str() == name)
    }

    /// Whether `value` has this format.
    ///
    /// ```
    /// use flarekit_vocab::Format;
    /// assert!(Format::Uuid.matches("f174e90a-fafe-4643-bbbc-4a0ed4fc8415"));
    /// assert!(!Format::Uuid.matches("f174e90afafe46434bbbc4a0ed4fc8415"));
    /// assert!(Format::DateTime.matches("2014-01-01T05:20:00.12345Z"));
    /// assert!(!Format::Date.matches("2023-02-29"));
    /// assert!(Format::Email.matches("user@example.com"));
    /// ```
    pub fn matches(self, value: &str) -> bool {
        match self {
            Format::Uuid => is_uuid(value),
            Format::DateTime => is_date_time(value),
            Format::Date => is_date(value.as_bytes()),
            Format::Email => is_email(value),
        }
    }
}

fn is_hex(b: &[u8]) -> bool {
    b.iter().all(u8::is_ascii_hexdigit)
}

fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b[8] == b'-'
        && b[13] == b'-'
        && b[18] == b'-'
        && b[23] == b'-'
        && is_hex(&b[..8])
        && is_hex(&b[9..13])
        && is_hex(&b[14..18])
        && is_hex(&b[19..23])
        && is_hex(&b[24..])
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

fn is_date(b: &[u8]) -> bool {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (digits(&b[..4]), digits(&b[5..7]), digits(&b[8..])) else {
        return false;
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

fn is_time_hms(b: &[u8]) -> bool {
    b.len() == 8
        && b[2] == b':'
        && b[5] == b':'
        && digits(&b[..2]).is_some_and(|h| h < 24)
        && digits(&b[3..5]).is_some_and(|m| m < 60)
        && digits(&b[6..]).is_some_and(|s| s <= 60)
}

fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 20 || !is_date(&b[..10]) || !matches!(b[10], b'T' | b't') || !is_time_hms(&b[11..19]) {
        return false;
    }
    let mut rest = &b[19..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            digits(&[*h1, *h2]).is_some_and(|h| h < 24) && digits(&[*m1, *m2]).is_some_and(|m| m < 60)
        }
        _ => false,
    }
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let domain_ok = domain.len() <= 253
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}
