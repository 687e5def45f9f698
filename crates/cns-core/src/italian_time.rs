//! Dates as an Italian reads them. Certificates say "2031-02-28T23:00:00Z" for midnight of 1 March
//! in Italy; showing the UTC date would tell the citizen the wrong day.

use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

/// The instant in Italian civil time (CET, or CEST between the EU summer-time changes: from
/// 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October).
pub fn to_italian(t: OffsetDateTime) -> OffsetDateTime {
    let utc = t.to_offset(UtcOffset::UTC);
    let year = utc.year();
    let summer = match (last_sunday(year, Month::March), last_sunday(year, Month::October)) {
        (Some(start), Some(end)) => {
            let start =
                PrimitiveDateTime::new(start, Time::from_hms(1, 0, 0).unwrap_or(Time::MIDNIGHT)).assume_utc();
            let end =
                PrimitiveDateTime::new(end, Time::from_hms(1, 0, 0).unwrap_or(Time::MIDNIGHT)).assume_utc();
            utc >= start && utc < end
        }
        _ => false,
    };
    let hours = if summer { 2 } else { 1 };
    let offset = UtcOffset::from_hms(hours, 0, 0).unwrap_or(UtcOffset::UTC);
    utc.checked_to_offset(offset).unwrap_or(utc)
}

/// The calendar day in Italy of an instant.
pub fn italian_date(t: OffsetDateTime) -> Date {
    to_italian(t).date()
}

fn last_sunday(year: i32, month: Month) -> Option<Date> {
    let first_next = match month {
        Month::December => Date::from_calendar_date(year + 1, Month::January, 1),
        m => Date::from_calendar_date(year, m.next(), 1),
    }
    .ok()?;
    let mut d = first_next - Duration::days(1);
    while d.weekday() != Weekday::Sunday {
        d = d.previous_day()?;
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn midnight_in_italy_is_the_next_day() {
        // a real 2025 card: certificate ends 2031-12-24T23:00Z = 25/12/2031 00:00 CET
        assert_eq!(italian_date(datetime!(2031-12-24 23:00 UTC)), time::macros::date!(2031 - 12 - 25));
        assert_eq!(italian_date(datetime!(2031-02-28 23:00 UTC)), time::macros::date!(2031 - 03 - 01));
        // summer: 22:00Z is midnight
        assert_eq!(italian_date(datetime!(2026-07-14 22:00 UTC)), time::macros::date!(2026 - 07 - 15));
        assert_eq!(italian_date(datetime!(2026-07-14 21:59 UTC)), time::macros::date!(2026 - 07 - 14));
    }

    #[test]
    fn summer_time_boundaries() {
        // 2026: last Sunday of March = 29, of October = 25
        assert_eq!(to_italian(datetime!(2026-03-29 00:59 UTC)).offset().whole_hours(), 1);
        assert_eq!(to_italian(datetime!(2026-03-29 01:00 UTC)).offset().whole_hours(), 2);
        assert_eq!(to_italian(datetime!(2026-10-25 00:59 UTC)).offset().whole_hours(), 2);
        assert_eq!(to_italian(datetime!(2026-10-25 01:00 UTC)).offset().whole_hours(), 1);
    }
}
