//! Theming: the stylesheet text, with the merchant's colour, side and
//! z-index as CSS custom properties. Pure Rust.
//!
//! The colour goes into CSS text, so it is validated strictly (`#rgb` or
//! `#rrggbb`); anything else falls back to [`DEFAULT_ACCENT`] and can never
//! inject CSS. The text colour on the accent (`--nudge-on`) is chosen white or
//! black, whichever contrasts more, so any accent meets WCAG AA (4.5:1).

use super::state::Side;

/// White on `#1f5fd1` is 5.8:1 (WCAG AA needs 4.5:1 for normal text).
pub const DEFAULT_ACCENT: &str = "#1f5fd1";
/// Just under the usual maximum, so host overlays meant to cover everything still can.
pub const DEFAULT_Z: i32 = 2_147_483_000;

/// The widget's stylesheet, without the theme block.
pub const BASE_CSS: &str = include_str!("style.css");

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    /// `#rgb` or `#rrggbb`; anything else falls back to the default accent.
    pub color: String,
    pub side: Side,
    pub z_index: i32,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            color: DEFAULT_ACCENT.into(),
            side: Side::Right,
            z_index: DEFAULT_Z,
        }
    }
}

/// `(r, g, b)` of a `#rgb` / `#rrggbb` colour (surrounding spaces allowed).
pub fn parse_color(s: &str) -> Option<[u8; 3]> {
    let hex = s.trim().strip_prefix('#')?;
    let digit = |i: usize| (hex.as_bytes()[i] as char).to_digit(16).map(|d| d as u8);
    let mut rgb = [0u8; 3];
    match hex.len() {
        3 => {
            for (i, c) in rgb.iter_mut().enumerate() {
                *c = digit(i)? * 17;
            }
        }
        6 => {
            for (i, c) in rgb.iter_mut().enumerate() {
                *c = digit(2 * i)? * 16 + digit(2 * i + 1)?;
            }
        }
        _ => return None,
    }
    Some(rgb)
}

/// Approximate WCAG relative luminance (polynomial sRGB curve, no `powf`:
/// keeps libm out of the wasm; the native tests check it against the exact one).
fn luminance([r, g, b]: [u8; 3]) -> f32 {
    let lin = |v: u8| {
        let c = v as f32 / 255.0;
        c * (c * (c * 0.305_306 + 0.682_171) + 0.012_523)
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// White text unless black contrasts more (crossover at L ≈ 0.179).
fn on_color(rgb: [u8; 3]) -> &'static str {
    if luminance(rgb) <= 0.179 {
        "#fff"
    } else {
        "#000"
    }
}

/// The full stylesheet: [`BASE_CSS`] plus the theme's custom properties.
pub fn stylesheet(theme: &Theme) -> String {
    let mut css = String::from(BASE_CSS);
    css.push_str(&theme_css(theme));
    css
}

/// The theme's part of the stylesheet alone: the loader (`static/nudge.js`)
/// installs [`BASE_CSS`] and a theme block of its own before the wasm runs;
/// the widget replaces that block only when it differs from this one.
pub fn theme_css(theme: &Theme) -> String {
    let (color, rgb) = match parse_color(&theme.color) {
        Some(rgb) => (theme.color.trim(), rgb),
        None => (DEFAULT_ACCENT, [0x1f, 0x5f, 0xd1]),
    };
    let mut css = String::with_capacity(128);
    css.push_str(":host{--nudge-accent:");
    css.push_str(color);
    css.push_str(";--nudge-on:");
    css.push_str(on_color(rgb));
    css.push_str(";--nudge-z:");
    css.push_str(&theme.z_index.to_string());
    css.push('}');
    if theme.side == Side::Left {
        css.push_str(".n{left:20px;right:auto;align-items:flex-start}");
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact_luminance(rgb: [u8; 3]) -> f64 {
        let lin = |v: u8| {
            let c = v as f64 / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
    }

    fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
        let (x, y) = (exact_luminance(a), exact_luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    fn theme(color: &str) -> Theme {
        Theme {
            color: color.into(),
            ..Theme::default()
        }
    }

    #[test]
    fn the_default_accent_meets_wcag_aa_with_white_text() {
        let c = contrast(parse_color(DEFAULT_ACCENT).unwrap(), [255; 3]);
        assert!(c >= 4.5, "{c}");
        assert!(stylesheet(&Theme::default()).contains("--nudge-on:#fff"));
    }

    #[test]
    fn the_text_on_any_accent_meets_wcag_aa() {
        for r in (0..=255u32).step_by(5) {
            for g in (0..=255u32).step_by(5) {
                for b in (0..=255u32).step_by(5) {
                    let rgb = [r as u8, g as u8, b as u8];
                    let on = if on_color(rgb) == "#fff" {
                        [255; 3]
                    } else {
                        [0; 3]
                    };
                    assert!(contrast(rgb, on) >= 4.5, "{rgb:?} {}", contrast(rgb, on));
                }
            }
        }
    }

    #[test]
    fn short_and_long_hex_colours_are_accepted() {
        assert_eq!(parse_color("#fff"), Some([255, 255, 255]));
        assert_eq!(parse_color(" #1F5fd1 "), Some([0x1f, 0x5f, 0xd1]));
        assert!(stylesheet(&theme("#e91e63")).contains("--nudge-accent:#e91e63;"));
    }

    #[test]
    fn a_light_accent_gets_dark_text() {
        assert!(stylesheet(&theme("#ffd600")).contains("--nudge-on:#000"));
    }

    #[test]
    fn a_colour_that_tries_to_inject_css_falls_back_to_the_default() {
        let css = stylesheet(&theme("red;} body{display:none"));
        assert!(!css.contains("body{"));
        assert!(css.contains("--nudge-accent:#1f5fd1;"));
    }

    #[test]
    fn named_rgb_and_malformed_colours_fall_back_to_the_default() {
        for bad in [
            "red",
            "rgb(0,0,0)",
            "#12",
            "#12345",
            "#1234567",
            "#ggg",
            "",
            "#",
            "#fff;",
            "#ff\u{e9}",
        ] {
            assert_eq!(parse_color(bad), None, "{bad}");
            assert!(
                stylesheet(&theme(bad)).contains("--nudge-accent:#1f5fd1;"),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_z_index_goes_into_a_custom_property() {
        let css = stylesheet(&Theme {
            z_index: -3,
            ..Theme::default()
        });
        assert!(css.contains("--nudge-z:-3}"));
    }

    #[test]
    fn the_left_side_moves_the_widget_to_the_left_corner() {
        let css = stylesheet(&Theme {
            side: Side::Left,
            ..Theme::default()
        });
        assert!(css.ends_with(".n{left:20px;right:auto;align-items:flex-start}"));
        assert!(!stylesheet(&Theme::default()).contains("left:20px"));
    }

    #[test]
    fn the_stylesheet_starts_with_the_base_css_and_stays_small() {
        let css = stylesheet(&Theme::default());
        assert!(css.starts_with(BASE_CSS));
        // The loader ships it (static/nudge.js) and draws the launcher with it.
        // 4 224 until the composer's message counter (issue 9): +64.
        assert!(BASE_CSS.len() < 4288, "{} bytes", BASE_CSS.len());
    }

    #[test]
    fn the_base_css_has_no_global_selectors_and_respects_reduced_motion() {
        assert!(BASE_CSS.contains("prefers-reduced-motion"));
        assert!(BASE_CSS.contains(":focus-visible"));
        assert!(BASE_CSS.contains("max-width:480px"));
        for global in ["html", "body{", "body,"] {
            assert!(!BASE_CSS.contains(global), "{global}");
        }
    }
}
