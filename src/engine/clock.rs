//! Time as the engine sees it: a millisecond timestamp passed in by the host,
//! and the site's wall clock (date, weekday, minute of day) computed by the
//! host in the site's time zone. Between two wall-clock readings the engine
//! derives the wall clock from the last reading plus the elapsed time.
//!
//! Assumption (documented in README.md, "The rules engine"): the site's UTC offset is a whole
//! number of minutes, so wall-clock minutes start when `ms % 60_000 == 0`.
//! This is what makes business-hour deadlines exact to the millisecond.

/// Milliseconds since the Unix epoch. Always passed in: the engine never
/// reads a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub u64);

impl Timestamp {
    /// `self + ms`, saturating.
    pub fn plus(self, ms: u64) -> Timestamp {
        Timestamp(self.0.saturating_add(ms))
    }
    /// Milliseconds from `earlier` to `self` (0 if `earlier` is later).
    pub fn since(self, earlier: Timestamp) -> u64 {
        self.0.saturating_sub(earlier.0)
    }
}

/// The site's local date and time, computed by the caller (the browser's
/// `Intl` knows the time zones; the engine does not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WallClock {
    pub year: i32,
    /// 1..=12
    pub month: u8,
    /// 1..=31
    pub day: u8,
    /// 0 = Monday .. 6 = Sunday
    pub weekday: u8,
    /// 0..1440
    pub minute_of_day: u16,
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn day_number(year: i32, month: u8, day: u8) -> i64 {
    let m = month.clamp(1, 12) as i64;
    let d = day.clamp(1, 31) as i64;
    let y = year as i64 - if m <= 2 { 1 } else { 0 };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number: (year, month, day).
pub fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y as i32, m, d)
}

/// Monday = 0 of a day number (1970-01-01 was a Thursday).
pub fn weekday_of(day: i64) -> u8 {
    (day + 3).rem_euclid(7) as u8
}

impl WallClock {
    /// Days since 1970-01-01 of this date.
    pub fn day_number(&self) -> i64 {
        day_number(self.year, self.month, self.day)
    }
    /// The wall clock at `day` (a day number) and `minute`.
    pub fn at(day: i64, minute: u16) -> WallClock {
        let (year, month, d) = civil_from_days(day);
        WallClock {
            year,
            month,
            day: d,
            weekday: weekday_of(day),
            minute_of_day: minute.min(1439),
        }
    }
}

/// Tracks the wall clock between readings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// Start of the minute of the last reading.
    base: Timestamp,
    base_day: i64,
    base_minute: u16,
    base_weekday: u8,
}

impl Clock {
    /// A reading `wall` taken at `now`.
    pub fn new(now: Timestamp, wall: WallClock) -> Clock {
        Clock {
            base: Timestamp(now.0 - now.0 % 60_000),
            base_day: wall.day_number(),
            base_minute: wall.minute_of_day.min(1439),
            base_weekday: wall.weekday.min(6),
        }
    }
    /// (day number, minute of day, weekday) at `now`.
    pub fn local(&self, now: Timestamp) -> (i64, u16, u8) {
        let mins = now.since(self.base) / 60_000;
        if mins == 0 {
            return (self.base_day, self.base_minute, self.base_weekday);
        }
        let total = self.base_minute as u64 + mins;
        let day = self.base_day + (total / 1440) as i64;
        let minute = (total % 1440) as u16;
        let weekday = ((self.base_weekday as u64 + total / 1440) % 7) as u8;
        (day, minute, weekday)
    }
    /// The timestamp at which local `(day, minute)` begins (saturating to the
    /// base for instants before it).
    pub fn timestamp_of(&self, day: i64, minute: u16) -> Timestamp {
        let mins = (day - self.base_day) * 1440 + minute as i64 - self.base_minute as i64;
        if mins <= 0 {
            self.base
        } else {
            self.base.plus((mins as u64).saturating_mul(60_000))
        }
    }
}

/// Parses "HH:MM" (00:00 to 24:00) into minutes of the day.
pub fn parse_hhmm(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    if b.len() != 5 || b[2] != b':' {
        return None;
    }
    let digit = |c: u8| {
        if c.is_ascii_digit() {
            Some((c - b'0') as u16)
        } else {
            None
        }
    };
    let h = digit(b[0])? * 10 + digit(b[1])?;
    let m = digit(b[3])? * 10 + digit(b[4])?;
    if m >= 60 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

/// Parses "YYYY-MM-DD" into a day number.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: &[u8]| -> Option<i64> {
        let mut n = 0i64;
        for &c in r {
            if !c.is_ascii_digit() {
                return None;
            }
            n = n * 10 + (c - b'0') as i64;
        }
        Some(n)
    };
    let y = num(&b[0..4])?;
    let m = num(&b[5..7])?;
    let d = num(&b[8..10])?;
    if !(1..=12).contains(&m) || d < 1 {
        return None;
    }
    let dn = day_number(y as i32, m as u8, d as u8);
    // Reject 2026-02-30 and the like: the round trip must be exact.
    if civil_from_days(dn) != (y as i32, m as u8, d as u8) {
        return None;
    }
    Some(dn)
}

/// Opening hours: weekly slots plus dated exceptions. A slot is
/// `[start, end)` in minutes of the day; a day absent from the table is closed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BusinessHours {
    /// Monday first.
    pub week: [Vec<(u16, u16)>; 7],
    /// (day number, slots) replacing the weekly slots on that date.
    pub exceptions: Vec<(i64, Vec<(u16, u16)>)>,
}

impl BusinessHours {
    fn slots(&self, day: i64, weekday: u8) -> &[(u16, u16)] {
        for (d, slots) in &self.exceptions {
            if *d == day {
                return slots;
            }
        }
        self.week
            .get(weekday as usize)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    /// Whether the business is open at local `(day, minute)`.
    pub fn is_open(&self, day: i64, minute: u16) -> bool {
        self.slots(day, weekday_of(day))
            .iter()
            .any(|&(a, b)| a <= minute && minute < b)
    }

    /// The next local `(day, minute)` strictly after the given one at which
    /// the open/closed state changes; None if it never changes within a year.
    pub fn next_change(&self, day: i64, minute: u16) -> Option<(i64, u16)> {
        let open = self.is_open(day, minute);
        for d in day..day + 370 {
            let mut candidates: Vec<u16> = Vec::new();
            if d > day {
                candidates.push(0);
            }
            for &(a, b) in self.slots(d, weekday_of(d)) {
                candidates.push(a);
                if b < 1440 {
                    candidates.push(b);
                }
            }
            super::sort_small(&mut candidates, |a, b| a < b);
            for m in candidates {
                if d == day && m <= minute {
                    continue;
                }
                if self.is_open(d, m) != open {
                    return Some((d, m));
                }
            }
        }
        None
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        for dn in [-1000i64, 0, 1, 19_000, 20_818, 60_000] {
            let (y, m, d) = civil_from_days(dn);
            assert_eq!(day_number(y, m, d), dn);
        }
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(weekday_of(day_number(2026, 11, 25)), 2); // a Wednesday
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_hhmm("24:00"), Some(1440));
        assert_eq!(parse_hhmm("9:00"), None);
    }

    #[test]
    fn clock_rolls_over_midnight() {
        let wall = WallClock::at(day_number(2026, 12, 31), 1439);
        let c = Clock::new(Timestamp(1_000_000_020_000), wall);
        let (d, m, w) = c.local(Timestamp(1_000_000_020_000 + 60_000));
        assert_eq!((civil_from_days(d), m), ((2027, 1, 1), 0));
        assert_eq!(w, weekday_of(d));
    }
}
