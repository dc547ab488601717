//! Time: `Date.now()`, and the site's wall clock in its own time zone.
//!
//! Business hours are "9:00–18:00 in Paris" whatever the visitor's zone, so
//! the wall clock is computed with `Intl.DateTimeFormat` and the site's IANA
//! time zone; the browser handles daylight-saving changes. UTC (the config's
//! default) is computed without `Intl`: a page's first `DateTimeFormat`
//! loads the browser's time-zone data, a task of 20–56 ms measured on this
//! machine, for a zone that needs none.

use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// A civil date and time in the site's time zone, as plain numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WallTime {
    /// Full year, e.g. 2026.
    pub year: i32,
    /// 1–12.
    pub month: u8,
    /// 1–31.
    pub day: u8,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    /// 0–1439.
    pub minute_of_day: u16,
}

/// Converts instants to the wall clock of one time zone.
pub struct SiteClock {
    /// None: UTC or the browser's zone (see `utc`).
    format: Option<Intl::DateTimeFormat>,
    /// The site's zone is UTC: the wall clock is plain arithmetic.
    utc: bool,
}

/// The names of UTC that the clock computes itself (`Intl` takes zone names
/// in any case).
fn is_utc(zone: &str) -> bool {
    ["UTC", "Etc/UTC", "GMT", "Etc/GMT"]
        .iter()
        .any(|name| zone.trim().eq_ignore_ascii_case(name))
}

impl SiteClock {
    /// A clock for an IANA zone ("Europe/Paris"); an empty or unknown zone
    /// falls back to the browser's own zone (reported on the console).
    pub fn new(time_zone: &str) -> SiteClock {
        if is_utc(time_zone) {
            return SiteClock {
                format: None,
                utc: true,
            };
        }
        let make = |zone: Option<&str>| -> Option<Intl::DateTimeFormat> {
            let options = Object::new();
            let set = |k: &str, v: &str| {
                let _ = Reflect::set(&options, &k.into(), &v.into());
            };
            if let Some(zone) = zone {
                set("timeZone", zone);
            }
            set("year", "numeric");
            set("month", "numeric");
            set("day", "numeric");
            set("weekday", "short");
            set("hour", "numeric");
            set("minute", "numeric");
            set("hourCycle", "h23");
            // The constructor throws a RangeError on an unknown zone.
            let ctor: JsValue = Reflect::get(&js_sys::global(), &"Intl".into())
                .ok()
                .and_then(|intl| Reflect::get(&intl, &"DateTimeFormat".into()).ok())?;
            let ctor: js_sys::Function = ctor.dyn_into().ok()?;
            let args = Array::of2(&"en-US".into(), &options);
            Reflect::construct(&ctor, &args)
                .ok()
                .and_then(|f| f.dyn_into().ok())
        };
        let format = if time_zone.is_empty() {
            make(None)
        } else {
            make(Some(time_zone)).or_else(|| {
                super::dom::warn(&format!(
                    "[nudge] unknown time zone \"{time_zone}\"; using the browser's"
                ));
                make(None)
            })
        };
        SiteClock { format, utc: false }
    }

    /// The wall clock at `ms` since the epoch.
    pub fn wall(&self, ms: u64) -> WallTime {
        if self.utc {
            const DAY: u64 = 86_400_000;
            let minute = ((ms % DAY) / 60_000) as u16;
            let w = crate::engine::clock::WallClock::at((ms / DAY) as i64, minute);
            return WallTime {
                year: w.year,
                month: w.month,
                day: w.day,
                weekday: w.weekday,
                minute_of_day: w.minute_of_day,
            };
        }
        let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
        let Some(format) = &self.format else {
            return local_wall(&date);
        };
        let parts = format.format_to_parts(&date);
        let mut wall = WallTime {
            year: 1970,
            month: 1,
            day: 1,
            weekday: 0,
            minute_of_day: 0,
        };
        let mut hour = 0u16;
        let mut minute = 0u16;
        for part in parts.iter() {
            let get = |k: &str| {
                Reflect::get(&part, &k.into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default()
            };
            let value = get("value");
            let number = value.parse::<i32>().unwrap_or(0);
            match get("type").as_str() {
                "year" => wall.year = number,
                "month" => wall.month = number as u8,
                "day" => wall.day = number as u8,
                "hour" => hour = (number % 24) as u16,
                "minute" => minute = number as u16,
                "weekday" => {
                    wall.weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
                        .iter()
                        .position(|d| *d == value)
                        .unwrap_or(0) as u8
                }
                _ => {}
            }
        }
        wall.minute_of_day = hour * 60 + minute;
        wall
    }

    /// "14:05" at `ms`, for the times shown beside messages.
    pub fn hh_mm(&self, ms: u64) -> String {
        let minutes = self.wall(ms).minute_of_day;
        let (h, m) = (minutes / 60, minutes % 60);
        let digit = |n: u16| char::from(b'0' + (n % 10) as u8);
        [digit(h / 10), digit(h), ':', digit(m / 10), digit(m)]
            .iter()
            .collect()
    }
}

fn local_wall(date: &js_sys::Date) -> WallTime {
    WallTime {
        year: date.get_full_year() as i32,
        month: date.get_month() as u8 + 1,
        day: date.get_date() as u8,
        weekday: ((date.get_day() + 6) % 7) as u8,
        minute_of_day: (date.get_hours() * 60 + date.get_minutes()) as u16,
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    // 2026-03-29 00:30 UTC: Paris switches to summer time at 01:00 UTC.
    const BEFORE_DST: u64 = 1_774_744_200_000;

    #[wasm_bindgen_test]
    fn paris_wall_clock_is_computed_in_its_zone() {
        let clock = SiteClock::new("Europe/Paris");
        let wall = clock.wall(BEFORE_DST);
        assert_eq!((wall.year, wall.month, wall.day), (2026, 3, 29));
        assert_eq!(wall.weekday, 6, "29 March 2026 is a Sunday");
        assert_eq!(wall.minute_of_day, 90, "01:30 in Paris (UTC+1)");
    }

    #[wasm_bindgen_test]
    fn daylight_saving_change_is_applied() {
        let clock = SiteClock::new("Europe/Paris");
        let after = clock.wall(BEFORE_DST + 60 * 60 * 1000);
        assert_eq!(after.minute_of_day, 3 * 60 + 30, "03:30 CEST, not 02:30");
    }

    #[wasm_bindgen_test]
    fn an_unknown_zone_falls_back_to_the_browsers() {
        let clock = SiteClock::new("Mars/Olympus");
        let wall = clock.wall(BEFORE_DST);
        assert_eq!(wall.year, 2026);
    }

    #[wasm_bindgen_test]
    fn the_utc_clock_computed_without_intl_agrees_with_intl() {
        let ours = SiteClock::new("UTC");
        assert!(ours.utc && ours.format.is_none());
        // "Etc/Universal" is UTC too, but not a name the clock computes.
        let intl = SiteClock::new("Etc/Universal");
        assert!(intl.format.is_some());
        let leap_day_end = 1_709_251_199_000; // 2024-02-29 23:59:59 UTC
        for ms in [
            0,
            BEFORE_DST,
            leap_day_end,
            leap_day_end + 1_000,
            4_102_444_800_000,
        ] {
            assert_eq!(ours.wall(ms), intl.wall(ms), "at {ms}");
        }
    }

    #[wasm_bindgen_test]
    fn utc_is_recognised_in_any_case() {
        assert!(SiteClock::new(" utc ").utc);
        assert!(SiteClock::new("Etc/GMT").utc);
        assert!(!SiteClock::new("Europe/London").utc);
    }

    #[wasm_bindgen_test]
    fn times_are_formatted_as_hours_and_minutes() {
        let clock = SiteClock::new("UTC");
        assert_eq!(clock.hh_mm(BEFORE_DST), "00:30");
    }
}
