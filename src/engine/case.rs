//! A small lower-case mapping of our own, instead of `str::to_lowercase`,
//! whose full Unicode tables cost ~30 KB of wasm.
//!
//! Covers ASCII, Latin-1 Supplement, Latin Extended-A (French, German,
//! Spanish, Czech, Polish, …), basic Greek and Cyrillic: enough for URLs,
//! page titles and names. Other characters are left as they are. One char
//! always maps to one char.

/// The lower-case form of `c` (simple mapping).
pub fn lower_char(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            u + 0x20
        }
        0x130 => 'i' as u32,
        0x100..=0x137 | 0x14A..=0x177 if u & 1 == 0 => u + 1,
        0x139..=0x148 | 0x179..=0x17E if u & 1 == 1 => u + 1,
        0x178 => 0xFF,
        0x400..=0x40F => u + 0x50,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// `s` in lower case, for case-insensitive comparisons.
pub fn fold(s: &str) -> String {
    s.chars().map(lower_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_lowers_the_latin_scripts_we_serve() {
        assert_eq!(fold("HTTPS://Shop.FR/Produits"), "https://shop.fr/produits");
        assert_eq!(fold("ÉTÉ À PARÍS, ÇA"), "été à parís, ça");
        assert_eq!(fold("ÄÖÜ Straße"), "äöü straße");
        assert_eq!(fold("ŽLUŤOUČKÝ KŮŇ ĚŠŘĎŇ"), "žluťoučký kůň ěšřďň");
        assert_eq!(fold("ŁÓDŹ ŚWIĘTO Ÿ"), "łódź święto ÿ");
        assert_eq!(fold("ΑΘΗΝΑ МОСКВА Ёж"), "αθηνα москва ёж");
        assert_eq!(fold("× ÷ 😀 中"), "× ÷ 😀 中");
    }

    #[test]
    fn fold_agrees_with_std_on_the_ranges_it_covers() {
        for u in (0..0x180u32)
            .chain(0x391..0x3AC)
            .chain(0x3B1..0x3CC)
            .chain(0x400..0x460)
        {
            let Some(c) = char::from_u32(u) else { continue };
            if u == 0x130 {
                continue; // std gives "i̇" (two chars); we give "i"
            }
            let std: String = c.to_lowercase().collect();
            assert_eq!(lower_char(c).to_string(), std, "lower {:04X}", u);
        }
    }
}
