//! Time: `Date.now()`, and the site's wall clock in its own time zone.
//!
//! Business hours are "9:00–18:00 in Paris" whatever the visitor's zone, so
//! the wall clock is computed in the site's IANA time zone, and the browser
//! handles daylight-saving changes. UTC (the config's default) is computed
//! by arithmetic. A named zone is read through `Temporal` where the browser
//! has it, else through `Intl.DateTimeFormat`: a page's first `Intl` date
//! call loads the browser's ICU data, a task of 15–76 ms measured on this
//! machine (a long task in 2 of 20 loads of a Europe/Paris config), where
//! `Temporal` answers in about 1 ms. Either gives only the zone's offset at
//! an instant; the date and time are then the UTC arithmetic on the shifted
//! instant, one calendar for every source.

use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
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
    source: Source,
}

/// Where a clock reads its zone's offset from UTC.
enum Source {
    /// The site's zone is UTC: plain arithmetic.
    Utc,
    /// `Temporal`, with the zone's IANA name.
    Temporal(JsValue),
    /// `Intl.DateTimeFormat` in the site's zone (no `Temporal`).
    Intl(Intl::DateTimeFormat),
    /// The browser's own zone (`Date`'s `getTimezoneOffset`).
    Local,
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
                source: Source::Utc,
            };
        }
        let zone = JsValue::from_str(time_zone.trim());
        if !time_zone.trim().is_empty() && temporal_offset_ms(&zone, now_ms()).is_some() {
            return SiteClock {
                source: Source::Temporal(zone),
            };
        }
        SiteClock::with_intl(time_zone)
    }

    /// A clock that reads `time_zone` through `Intl` (the path of browsers
    /// without `Temporal`); the browser's own zone when it is empty or
    /// unknown.
    fn with_intl(time_zone: &str) -> SiteClock {
        let time_zone = time_zone.trim();
        if time_zone.is_empty() {
            return SiteClock {
                source: Source::Local,
            };
        }
        // Only the zone's offset is asked for ("GMT+01:00"): the date and
        // time then come from the same arithmetic as UTC's.
        let options = Object::new();
        let _ = Reflect::set(&options, &"timeZone".into(), &time_zone.into());
        let _ = Reflect::set(&options, &"timeZoneName".into(), &"longOffset".into());
        // The constructor throws a RangeError on an unknown zone.
        let format = Reflect::get(&js_sys::global(), &"Intl".into())
            .and_then(|intl| Reflect::get(&intl, &"DateTimeFormat".into()))
            .and_then(|ctor| {
                Reflect::construct(
                    ctor.unchecked_ref::<js_sys::Function>(),
                    &Array::of2(&"en-US".into(), &options),
                )
            });
        match format {
            Ok(format) => SiteClock {
                source: Source::Intl(format.unchecked_into()),
            },
            Err(_) => {
                super::dom::warn(&format!(
                    "[nudge] unknown time zone \"{time_zone}\"; using the browser's"
                ));
                SiteClock {
                    source: Source::Local,
                }
            }
        }
    }

    /// The wall clock at `ms` since the epoch.
    pub fn wall(&self, ms: u64) -> WallTime {
        let offset_ms = match &self.source {
            Source::Utc => Some(0),
            Source::Temporal(zone) => temporal_offset_ms(zone, ms),
            Source::Intl(format) => intl_offset_ms(format, ms),
            Source::Local => None,
        };
        // A zone that worked when the clock was made keeps working; the
        // browser's zone is the last resort.
        let offset = offset_ms.unwrap_or_else(|| local_offset_ms(ms));
        utc_wall((ms as i64 + offset).max(0) as u64)
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

/// The wall clock in UTC, by the engine's civil calendar.
#[inline(never)] // 44 bytes brotli smaller than inlined into `wall` (measured)
fn utc_wall(ms: u64) -> WallTime {
    const DAY: u64 = 86_400_000;
    let minute = ((ms % DAY) / 60_000) as u16;
    let w = crate::engine::clock::WallClock::at((ms / DAY) as i64, minute);
    WallTime {
        year: w.year,
        month: w.month,
        day: w.day,
        weekday: w.weekday,
        minute_of_day: w.minute_of_day,
    }
}

// `Temporal`, where the browser has it. The imports are looked up when
// called, so a browser without it throws there, and `catch` makes that an
// `Err`.
#[wasm_bindgen]
extern "C" {
    type Instant;
    type ZonedDateTime;
    #[wasm_bindgen(catch, js_namespace = ["Temporal", "Instant"], js_name = fromEpochMilliseconds)]
    fn instant_at(ms: f64) -> Result<Instant, JsValue>;
    #[wasm_bindgen(catch, method, js_name = toZonedDateTimeISO)]
    fn in_zone(this: &Instant, zone: &JsValue) -> Result<ZonedDateTime, JsValue>;
    #[wasm_bindgen(method, getter, js_name = offsetNanoseconds)]
    fn offset_ns(this: &ZonedDateTime) -> f64;
}

/// `zone`'s offset from UTC at `ms`, in ms, through `Temporal`; None
/// without `Temporal`, or for a zone it does not know.
fn temporal_offset_ms(zone: &JsValue, ms: u64) -> Option<i64> {
    let offset_ns = Instant::instant_at(ms as f64)
        .ok()?
        .in_zone(zone)
        .ok()?
        .offset_ns();
    offset_ns.is_finite().then(|| (offset_ns / 1e6) as i64)
}

/// The offset at `ms` of the zone `format` was made for, in ms, from its
/// `timeZoneName` part ("GMT+01:00", "GMT-03:30", "GMT").
fn intl_offset_ms(format: &Intl::DateTimeFormat, ms: u64) -> Option<i64> {
    let parts = format.format_to_parts(&js_sys::Date::new(&JsValue::from_f64(ms as f64)));
    let name = parts.iter().find_map(|part| {
        let get = |k: &str| Reflect::get(&part, &k.into()).ok()?.as_string();
        (get("type")? == "timeZoneName").then(|| get("value"))?
    })?;
    parse_gmt_offset(&name).map(|minutes| minutes * 60_000)
}

/// "GMT+01:00" → 60, "GMT-03:30" → -210, "GMT" → 0 (minutes).
fn parse_gmt_offset(name: &str) -> Option<i64> {
    let rest = name.strip_prefix("GMT")?;
    if rest.is_empty() {
        return Some(0);
    }
    let (sign, rest) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let mut fields = rest.split(':').map(|f| f.parse::<i64>().ok());
    let hours = fields.next()??;
    let minutes = fields.next().unwrap_or(Some(0))?;
    Some(sign * (hours * 60 + minutes))
}

/// The browser's own zone's offset from UTC at `ms`, in ms.
fn local_offset_ms(ms: u64) -> i64 {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    -(date.get_timezone_offset() as i64) * 60_000
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
    fn the_clock_s_calendar_agrees_with_the_browser_s_utc_date() {
        // Every source ends in the same arithmetic (the UTC calendar on a
        // shifted instant): checked here against Date's own UTC getters.
        let ours = SiteClock::new("UTC");
        assert!(matches!(ours.source, Source::Utc));
        let leap_day_end = 1_709_251_199_000; // 2024-02-29 23:59:59 UTC
        for ms in [
            0,
            BEFORE_DST,
            leap_day_end,
            leap_day_end + 1_000,
            4_102_444_800_000,
        ] {
            let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
            let browser = WallTime {
                year: date.get_utc_full_year() as i32,
                month: date.get_utc_month() as u8 + 1,
                day: date.get_utc_date() as u8,
                weekday: ((date.get_utc_day() + 6) % 7) as u8,
                minute_of_day: (date.get_utc_hours() * 60 + date.get_utc_minutes()) as u16,
            };
            assert_eq!(ours.wall(ms), browser, "at {ms}");
        }
    }

    #[wasm_bindgen_test]
    fn the_intl_path_gives_paris_its_wall_clock_across_the_change() {
        let clock = SiteClock::with_intl("Europe/Paris");
        assert!(matches!(clock.source, Source::Intl(_)));
        let wall = clock.wall(BEFORE_DST);
        assert_eq!(
            (wall.year, wall.month, wall.day, wall.weekday),
            (2026, 3, 29, 6)
        );
        assert_eq!(wall.minute_of_day, 90, "01:30 CET");
        let after = clock.wall(BEFORE_DST + 60 * 60 * 1000);
        assert_eq!(after.minute_of_day, 3 * 60 + 30, "03:30 CEST");
    }

    #[wasm_bindgen_test]
    fn the_intl_path_reads_a_utc_zone_s_offset_as_zero() {
        // "Etc/Universal" is UTC too, but not a name the clock computes.
        let intl = SiteClock::with_intl("Etc/Universal");
        assert!(matches!(intl.source, Source::Intl(_)));
        assert_eq!(
            intl.wall(BEFORE_DST),
            SiteClock::new("UTC").wall(BEFORE_DST)
        );
    }

    #[wasm_bindgen_test]
    fn utc_is_recognised_in_any_case() {
        let utc = |zone: &str| matches!(SiteClock::new(zone).source, Source::Utc);
        assert!(utc(" utc "));
        assert!(utc("Etc/GMT"));
        assert!(!utc("Europe/London"));
    }

    #[wasm_bindgen_test]
    fn a_named_zone_is_read_through_temporal_where_the_browser_has_it() {
        // The test browser (Chromium 156) has Temporal.
        let has_temporal = Reflect::has(&js_sys::global(), &"Temporal".into()).unwrap_or(false);
        assert!(
            has_temporal,
            "this browser has no Temporal: the test cannot check its path"
        );
        assert!(matches!(
            SiteClock::new("Europe/Paris").source,
            Source::Temporal(_)
        ));
        assert!(
            !matches!(SiteClock::new("Mars/Olympus").source, Source::Temporal(_)),
            "a zone Temporal does not know goes the Intl way (and its warning)"
        );
    }

    #[wasm_bindgen_test]
    fn temporal_and_intl_agree_on_the_wall_clock() {
        // Instants around daylight-saving changes, a leap day, a half-hour
        // zone and a zone whose change is 30 minutes.
        let instants = [
            BEFORE_DST,
            BEFORE_DST + 60 * 60 * 1000,
            1_792_890_000_000, // 2026-10-25 00:20 UTC, the night Paris goes back
            1_792_893_600_000, // an hour later
            1_709_251_199_000, // 2024-02-29 23:59:59 UTC
            1_773_554_400_000, // 2026-03-15 06:00 UTC
            4_102_444_800_000, // 2100-01-01
        ];
        for zone in [
            "Europe/Paris",
            "America/New_York",
            "Asia/Kolkata",
            "Australia/Lord_Howe",
            "Pacific/Chatham",
        ] {
            let temporal = SiteClock::new(zone);
            assert!(matches!(temporal.source, Source::Temporal(_)), "{zone}");
            let intl = SiteClock::with_intl(zone);
            assert!(matches!(intl.source, Source::Intl(_)), "{zone}");
            for ms in instants {
                assert_eq!(temporal.wall(ms), intl.wall(ms), "{zone} at {ms}");
            }
        }
    }

    #[wasm_bindgen_test]
    fn intl_offsets_are_read_with_their_sign_and_minutes() {
        assert_eq!(parse_gmt_offset("GMT"), Some(0));
        assert_eq!(parse_gmt_offset("GMT+01:00"), Some(60));
        assert_eq!(parse_gmt_offset("GMT-03:30"), Some(-210));
        assert_eq!(parse_gmt_offset("GMT+12:45"), Some(765));
        assert_eq!(parse_gmt_offset("GMT+5"), Some(300));
        assert_eq!(parse_gmt_offset("UTC+1"), None);
        assert_eq!(parse_gmt_offset("GMT*1"), None);
    }

    #[wasm_bindgen_test]
    fn times_are_formatted_as_hours_and_minutes() {
        let clock = SiteClock::new("UTC");
        assert_eq!(clock.hh_mm(BEFORE_DST), "00:30");
    }
}
