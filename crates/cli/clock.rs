//! `--now`: RFC 3339 timestamps to seconds since the epoch, and the system clock otherwise.

use shiplint_model::Timestamp;

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (a space or `t` may stand for `T`, `z` for `Z`).
pub fn parse_rfc3339(text: &str) -> Result<Timestamp, String> {
    let invalid =
        || format!("invalid --now `{text}`: expected RFC 3339 such as 2026-12-01T00:00:00Z");
    let bytes = text.as_bytes();
    if bytes.len() < 20 || !text.is_ascii() {
        return Err(invalid());
    }
    let number = |range: std::ops::Range<usize>| -> Result<i64, String> {
        text.get(range)
            .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse().ok())
            .ok_or_else(invalid)
    };
    let separators_ok = bytes[4] == b'-'
        && bytes[7] == b'-'
        && matches!(bytes[10], b'T' | b't' | b' ')
        && bytes[13] == b':'
        && bytes[16] == b':';
    if !separators_ok {
        return Err(invalid());
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(invalid());
        }
        rest = &fraction[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6
            && matches!(rest.as_bytes()[0], b'+' | b'-')
            && rest.as_bytes()[3] == b':' =>
        {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            let hours: i64 = rest[1..3].parse().map_err(|_| invalid())?;
            let minutes: i64 = rest[4..6].parse().map_err(|_| invalid())?;
            if hours > 23 || minutes > 59 {
                return Err(invalid());
            }
            sign * (hours * 3600 + minutes * 60)
        }
        _ => return Err(invalid()),
    };
    let days_in_month = days_in_month(year, month);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month
        || hour > 23
        || minute > 59
        || second > 60
    {
        return Err(invalid());
    }
    let seconds =
        days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second.min(59);
    Ok(Timestamp(seconds - offset))
}

/// The system clock.
pub fn system_now() -> Timestamp {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    Timestamp(since_epoch.as_secs() as i64)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's well-known algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_utc_offsets_and_fractions() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Ok(Timestamp(0)));
        assert_eq!(
            parse_rfc3339("2026-12-01T00:00:00Z"),
            Ok(Timestamp(1_796_083_200))
        );
        assert_eq!(
            parse_rfc3339("2026-12-01T01:00:00.250+01:00"),
            Ok(Timestamp(1_796_083_200))
        );
        assert_eq!(
            parse_rfc3339("2000-02-29T12:00:00-00:30"),
            Ok(Timestamp(951_827_400))
        );
    }

    #[test]
    fn rejects_what_is_not_rfc3339() {
        for bad in [
            "2026-12-01",
            "2026-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-12-01T00:00:00",
            "tomorrow",
        ] {
            assert!(parse_rfc3339(bad).is_err(), "{bad}");
        }
    }
}
