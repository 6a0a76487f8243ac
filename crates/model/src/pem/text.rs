//! How certificate fields are written: distinguished names, times and subject alternative names.
//!
//! Names keep the certificate's own order (as `openssl x509 -subject` prints them, not RFC 4514's reversed
//! order) and OpenSSL's attribute short names, written `CN=value` and joined by `, `; characters that would
//! make the string ambiguous (`,` `+` `"` `\` `<` `>` `;`, a leading `#` or space, a trailing space) are
//! escaped with a backslash as RFC 4514 does. Non-string values are `#` and their DER in hex.

use x509_parser::x509::X509Name;

/// OpenSSL's short name for a name attribute, or its dotted OID.
fn attribute_name(oid: &str) -> &str {
    match oid {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "street",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.12" => "title",
        "2.5.4.4" => "SN",
        "2.5.4.42" => "GN",
        "2.5.4.43" => "initials",
        "2.5.4.5" => "serialNumber",
        "2.5.4.15" => "businessCategory",
        "2.5.4.17" => "postalCode",
        "2.5.4.46" => "dnQualifier",
        "2.5.4.65" => "pseudonym",
        "2.5.4.97" => "organizationIdentifier",
        "1.2.840.113549.1.9.1" => "emailAddress",
        "0.9.2342.19200300.100.1.1" => "UID",
        "0.9.2342.19200300.100.1.25" => "DC",
        "1.3.6.1.4.1.311.60.2.1.1" => "jurisdictionL",
        "1.3.6.1.4.1.311.60.2.1.2" => "jurisdictionST",
        "1.3.6.1.4.1.311.60.2.1.3" => "jurisdictionC",
        other => other,
    }
}

/// A distinguished name as one line: `C=US, O=Let's Encrypt, CN=R3`.
pub(crate) fn distinguished_name(name: &X509Name<'_>) -> String {
    let rdns: Vec<String> = name
        .iter_rdn()
        .map(|rdn| {
            let parts: Vec<String> = rdn
                .iter()
                .map(|attribute| {
                    let oid = attribute.attr_type().to_id_string();
                    let value = attribute_value(attribute.attr_value());
                    format!("{}={value}", attribute_name(&oid))
                })
                .collect();
            parts.join(" + ")
        })
        .collect();
    rdns.join(", ")
}

/// An attribute's value as text. String types are taken by their bytes rather than their strict
/// alphabets: real certificates put `*` in a PrintableString or UTF-8 in a T61String, and OpenSSL shows
/// those as text too. BMPString is UTF-16. Anything else is `#` and hex.
fn attribute_value(value: &x509_parser::der_parser::asn1_rs::Any<'_>) -> String {
    use x509_parser::der_parser::asn1_rs::Tag;
    let data: &[u8] = value.data;
    let tag = value.tag();
    if tag == Tag::BmpString {
        let units: Vec<u16> = data
            .chunks(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair.get(1).copied().unwrap_or(0)]))
            .collect();
        return escape(&String::from_utf16_lossy(&units));
    }
    let stringish = [
        Tag::Utf8String,
        Tag::PrintableString,
        Tag::Ia5String,
        Tag::T61String,
        Tag::VisibleString,
        Tag::GeneralString,
        Tag::NumericString,
    ]
    .contains(&tag);
    match std::str::from_utf8(data) {
        Ok(text) if stringish => escape(text),
        _ => format!("#{}", hex(data)),
    }
}

/// RFC 4514's escapes for one attribute value.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let last = value.chars().count().saturating_sub(1);
    for (index, c) in value.chars().enumerate() {
        let special = matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';')
            || (index == 0 && matches!(c, '#' | ' '))
            || (index == last && c == ' ');
        if special {
            out.push('\\');
        }
        if c.is_control() {
            out.push_str(&format!("\\{:02X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Lower-case hex, no separators.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Seconds since the Unix epoch as RFC 3339 in UTC: `2026-12-08T00:00:00Z`.
pub fn rfc3339(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let in_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        in_day / 3600,
        in_day / 60 % 60,
        in_day % 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (the well-known era-based conversion).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A duration in whole days, for messages (`in 7 days`, `1 day ago`).
pub fn days(seconds: i64) -> String {
    let days = seconds.abs() / 86_400;
    if days == 1 {
        "1 day".into()
    } else if days == 0 {
        format!("{} hours", seconds.abs() / 3600)
    } else {
        format!("{days} days")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_796_688_000), "2026-12-08T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339(2_524_608_000), "2050-01-01T00:00:00Z");
    }

    #[test]
    fn escapes_what_would_be_ambiguous() {
        assert_eq!(escape("Example, Co."), "Example\\, Co.");
        assert_eq!(escape(" lead#"), "\\ lead#");
        assert_eq!(escape("#x "), "\\#x\\ ");
        assert_eq!(escape("plain"), "plain");
    }
}
