//! The engine's validation messages in French, for the French console.
//!
//! Why here and not in the engine: the engine writes its diagnostics once,
//! in English, and is compiled into what every visitor downloads, whose wasm
//! size is under a strict budget. A second language there would cost every
//! visitor for the merchant's sake. So the engine stays as it is and the
//! console (feature `console`, its own wasm) translates what it shows.
//!
//! How: the messages are partly dynamic ("unknown value \"x\"; expected one
//! of a, b, c"), so each is recognised by a template of its English text
//! whose variable parts are holes. Field names, JSON values and lists of
//! names stay as they are, in code style; only the sentence around them is
//! translated. Some holes are themselves messages of a smaller vocabulary
//! (what was expected, what was found, a JSON syntax error, a regular
//! expression error) and are translated in turn. A message that no template
//! recognises is shown in English, never lost; the tests make sure no
//! message of the engine is in that case.
//!
//! The templates follow the engine's sources (config.rs, validate.rs,
//! fields.rs, conditions.rs, placeholders.rs, json.rs, regex.rs,
//! patterns.rs, state.rs). A test reads those sources and finds every
//! message literal in them (see `tests::scan`): a message added or changed
//! there without its French here fails
//! `every_engine_message_has_a_french_translation`.

use super::i18n::Lang;

/// `english` for the console in `lang`: French when a template recognises
/// it, else the English as it is (never loses information).
pub fn in_lang(lang: Lang, english: &str) -> String {
    match lang {
        Lang::En => english.to_string(),
        Lang::Fr => french(english).unwrap_or_else(|| english.to_string()),
    }
}

/// The French of one engine message, if a template recognises it.
///
/// The engine joins a text's placeholder errors with "; " (placeholders.rs),
/// and a name or value kept as it is could in principle contain "; " too.
/// So a whole message is first read with kept parts free of "; ", then as
/// several messages joined by "; ", and only then with kept parts that may
/// hold "; ".
pub fn french(english: &str) -> Option<String> {
    translate(MESSAGES, english, Kept::WithoutJoins)
        .or_else(|| joined(english))
        .or_else(|| translate(MESSAGES, english, Kept::Anything))
}

/// `english` as messages joined by "; ", each read on its own.
fn joined(english: &str) -> Option<String> {
    english.match_indices("; ").find_map(|(at, _)| {
        let head = translate(MESSAGES, &english[..at], Kept::WithoutJoins)?;
        let tail = translate(MESSAGES, &english[at + 2..], Kept::WithoutJoins)
            .or_else(|| joined(&english[at + 2..]))?;
        Some(format!("{head} ; {tail}"))
    })
}

/// What a part kept as it is may contain.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Kept {
    /// Not "; " (the engine's separator of joined messages).
    WithoutJoins,
    Anything,
}

/// The variable parts of a template, written in braces in its English and
/// French texts.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Hole {
    /// A name, a JSON value, a list of names or a number: kept as it is.
    Kept,
    /// What a value should have been ("an array of starters").
    Expected,
    /// The JSON kind of what was found ("a number").
    Found,
    /// A JSON syntax error from the parser.
    Syntax,
    /// An error of the regular-expression compiler.
    Regex,
    /// Why a saved state could not be read.
    Reason,
}

const HOLES: &[(&str, Hole)] = &[
    ("{value}", Hole::Kept),
    ("{list}", Hole::Kept),
    ("{n}", Hole::Kept),
    ("{expected}", Hole::Expected),
    ("{found}", Hole::Found),
    ("{syntax}", Hole::Syntax),
    ("{regex}", Hole::Regex),
    ("{reason}", Hole::Reason),
];

/// Whole messages, as the console receives them in `Problem::message`.
const MESSAGES: &[(&str, &str)] = &[
    // validate.rs
    (
        "unknown field, ignored; expected one of {list}",
        "champ inconnu, ignoré ; champs possibles : {list}",
    ),
    ("expected {expected}, found {found}", "attendu : {expected}, reçu : {found}"),
    (
        "negative delay; expected a number of seconds >= 0",
        "délai négatif ; attendu : un nombre de secondes >= 0",
    ),
    ("delay too large", "délai trop long"),
    (
        "unknown value \"{value}\"; expected one of {list}",
        "valeur \"{value}\" inconnue ; valeurs possibles : {list}",
    ),
    // config.rs
    (
        "JSON syntax error at line {n}, column {n}: {syntax}",
        "erreur de syntaxe JSON à la ligne {n}, colonne {n} : {syntax}",
    ),
    (
        "JSON too deep at line {n}, column {n}: {syntax}",
        "JSON trop imbriqué à la ligne {n}, colonne {n} : {syntax}",
    ),
    (
        "expected an object at the root, found {found}",
        "attendu : un objet à la racine, reçu : {found}",
    ),
    (
        "duplicate key; the last value is used (as JSON.parse does)",
        "clé en double ; la dernière valeur est retenue (comme le fait JSON.parse)",
    ),
    (
        "duplicate id \"{value}\"; expected a unique id",
        "identifiant \"{value}\" en double ; chaque identifiant doit être unique",
    ),
    (
        "an automatic message already uses the id \"{value}\"",
        "un message automatique utilise déjà l'identifiant \"{value}\"",
    ),
    (
        "missing \"id\"; expected a unique string id",
        "champ \"id\" manquant ; attendu : un identifiant unique (texte)",
    ),
    (
        "duplicate establishment id \"{value}\"",
        "identifiant d'établissement \"{value}\" en double",
    ),
    (
        "empty slot; expected the start before the end",
        "plage vide ; le début doit précéder la fin",
    ),
    (
        "invalid slot; expected [\"HH:MM\", \"HH:MM\"]",
        "plage invalide ; attendu : [\"HH:MM\", \"HH:MM\"]",
    ),
    (
        "too many starters, dropped; expected between 1 and 5",
        "sujet en trop, ignoré ; attendu : entre 1 et 5 sujets",
    ),
    // Before the general form: with no establishment at all the list is empty.
    (
        "unknown establishment \"{value}\"; expected one of ",
        "établissement \"{value}\" inconnu ; aucun établissement n'est défini",
    ),
    (
        "unknown establishment \"{value}\"; expected one of {list}",
        "établissement \"{value}\" inconnu ; établissements possibles : {list}",
    ),
    (
        "establishment \"{value}\" already has a message set (message_sets[{n}]), which wins",
        "l'établissement \"{value}\" a déjà un jeu de messages (message_sets[{n}]), qui l'emporte",
    ),
    (
        "unknown interface text, ignored; expected a language code or one of {list}",
        "texte d'interface inconnu, ignoré ; attendu : un code de langue ou l'une des clés {list}",
    ),
    (
        "unknown interface text, ignored; expected one of {list}",
        "texte d'interface inconnu, ignoré ; attendu : l'une des clés {list}",
    ),
    (
        "missing \"type\"; expected one of {list}",
        "champ \"type\" manquant ; valeurs possibles : {list}",
    ),
    (
        "unknown field for trigger \"{value}\", ignored",
        "champ inconnu pour le déclencheur \"{value}\", ignoré",
    ),
    ("missing \"{value}\"", "champ \"{value}\" manquant"),
    (
        "expected an integer percentage from 0 to 100",
        "attendu : un pourcentage entier de 0 à 100",
    ),
    (
        "expected {\"cooldown\": seconds}",
        "attendu : {\"cooldown\": secondes}",
    ),
    (
        "empty id; expected a unique string",
        "identifiant vide ; attendu : un texte unique",
    ),
    (
        "unknown preset \"{value}\"; expected one of {list}",
        "message prédéfini \"{value}\" inconnu ; valeurs possibles : {list}",
    ),
    (
        "preset listed twice, ignored",
        "message prédéfini cité deux fois, ignoré",
    ),
    // fields.rs
    (
        "placeholders are not allowed here",
        "les balises ne sont pas autorisées ici",
    ),
    (
        "invalid colour; expected #rgb or #rrggbb",
        "couleur invalide ; attendu : #rgb ou #rrggbb",
    ),
    (
        "invalid date \"{value}\"; expected {expected}",
        "date \"{value}\" invalide ; attendu : {expected}",
    ),
    // conditions.rs
    (
        "conditions nested deeper than {n}",
        "conditions imbriquées sur plus de {n} niveaux",
    ),
    (
        "unknown operator \"{value}\"; expected one of {list}",
        "opérateur \"{value}\" inconnu ; opérateurs possibles : {list}",
    ),
    (
        "more than one operator; expected exactly one",
        "plusieurs opérateurs ; un seul est attendu",
    ),
    (
        "invalid regular expression: {regex}",
        "expression régulière invalide : {regex}",
    ),
    (
        "missing operator; expected one of {list}",
        "opérateur manquant ; opérateurs possibles : {list}",
    ),
    (
        "empty language; expected a code like \"fr\"",
        "langue vide ; attendu : un code comme \"fr\"",
    ),
    (
        "invalid time \"{value}\"; expected HH:MM",
        "heure \"{value}\" invalide ; attendu : HH:MM",
    ),
    (
        "unknown condition \"{value}\"; expected one of {list}",
        "condition \"{value}\" inconnue ; conditions possibles : {list}",
    ),
    // placeholders.rs
    (
        "unterminated placeholder \"{{\"; expected \"}}\"",
        "balise \"{{\" non fermée ; \"}}\" attendu",
    ),
    (
        "unknown placeholder \"{{{value}}}\"; expected one of {list}",
        "balise \"{{{value}}}\" inconnue ; balises possibles : {list}",
    ),
    (
        "unknown establishment fact \"{value}\" in placeholder \"{{{value}}}\"; expected a fact defined in \"establishments\"",
        "information d'établissement \"{value}\" inconnue dans la balise \"{{{value}}}\" ; attendu : une information définie dans \"establishments\"",
    ),
    // state.rs and engine.rs: a saved state that cannot be read (the
    // engine reports it beside the config's problems).
    (
        "unreadable, starting fresh: {reason}",
        "illisible, on repart de zéro : {reason}",
    ),
    (
        "written by a newer version (v{n}); left untouched, running from memory",
        "écrit par une version plus récente (v{n}) ; laissé intact, fonctionnement en mémoire",
    ),
];

/// Why a saved state could not be read: its own two reasons, or the JSON
/// parser's error.
const REASONS: &[(&str, &str)] = &[
    (
        "saved state is not an object",
        "l'état enregistré n'est pas un objet",
    ),
    (
        "unknown saved state version",
        "version d'état enregistré inconnue",
    ),
];

/// What was expected, after "expected " (the `what` of `Checker::expected`
/// and `fields::expected`).
const EXPECTED: &[(&str, &str)] = &[
    ("an object", "un objet"),
    ("a string", "un texte"),
    ("true or false", "true ou false"),
    ("an integer", "un nombre entier"),
    ("a number of seconds", "un nombre de secondes"),
    ("a URL string or null", "une URL (texte) ou null"),
    ("an array of establishments", "une liste d'établissements"),
    (
        "an array of [\"HH:MM\", \"HH:MM\"] slots",
        "une liste de plages [\"HH:MM\", \"HH:MM\"]",
    ),
    ("an array of starters", "une liste de sujets"),
    ("an array of message sets", "une liste de jeux de messages"),
    (
        "a non-empty array of establishment ids",
        "une liste non vide d'identifiants d'établissements",
    ),
    ("an array of exceptions", "une liste d'exceptions"),
    (
        "an object like {\"type\": \"time_on_page\", \"seconds\": 30}",
        "un objet comme {\"type\": \"time_on_page\", \"seconds\": 30}",
    ),
    (
        "a frequency name or {\"cooldown\": seconds}",
        "un nom de fréquence ou {\"cooldown\": secondes}",
    ),
    (
        "an array of preset names or an object",
        "une liste de noms de messages prédéfinis, ou un objet",
    ),
    ("a date string like 2026-12-24", "une date comme 2026-12-24"),
    (
        "a string or an array of strings",
        "un texte ou une liste de textes",
    ),
    ("an array", "une liste"),
    ("a value", "une valeur"),
    ("a condition object", "un objet de condition"),
    ("an array of conditions", "une liste de conditions"),
    (
        "an object with \"name\" and an operator",
        "un objet avec \"name\" et un opérateur",
    ),
    (
        "an object like {\"contains\": \"...\"}",
        "un objet comme {\"contains\": \"...\"}",
    ),
    (
        "an integer or an object like {\"gte\": 2}",
        "un nombre entier ou un objet comme {\"gte\": 2}",
    ),
];

/// The JSON kind of what was found, after ", found " (`Value::kind`).
const FOUND: &[(&str, &str)] = &[
    ("null", "null"),
    ("a boolean", "un booléen"),
    ("a number", "un nombre"),
    ("a string", "un texte"),
    ("an array", "une liste"),
    ("an object", "un objet"),
];

/// The JSON parser's errors (json.rs), after "JSON syntax error at line L,
/// column C: ".
const SYNTAX: &[(&str, &str)] = &[
    (
        "unexpected characters after the JSON value",
        "caractères en trop après la valeur JSON",
    ),
    (
        "invalid literal; expected true, false or null",
        "mot inconnu ; attendu : true, false ou null",
    ),
    (
        "nesting deeper than {n}",
        "imbrication de plus de {n} niveaux",
    ),
    (
        "unexpected end of input; expected a value",
        "fin du texte inattendue ; attendu : une valeur",
    ),
    (
        "unexpected character; expected a value",
        "caractère inattendu ; attendu : une valeur",
    ),
    (
        "expected a string key",
        "attendu : une clé entre guillemets",
    ),
    ("expected ':' after the key", "attendu : ':' après la clé"),
    ("expected ',' or '}'", "attendu : ',' ou '}'"),
    ("expected ',' or ']'", "attendu : ',' ou ']'"),
    (
        "invalid \\u escape; expected 4 hex digits",
        "séquence \\u invalide ; attendu : 4 chiffres hexadécimaux",
    ),
    ("unterminated string", "texte entre guillemets non fermé"),
    ("invalid escape", "séquence d'échappement invalide"),
    (
        "control character in string",
        "caractère de contrôle dans un texte",
    ),
    (
        "leading zeros are not allowed",
        "zéros en tête non autorisés",
    ),
    ("invalid number", "nombre invalide"),
    (
        "invalid number; expected digits after '.'",
        "nombre invalide ; attendu : des chiffres après '.'",
    ),
    (
        "invalid number; expected exponent digits",
        "nombre invalide ; attendu : les chiffres de l'exposant",
    ),
];

/// The regular-expression compiler's errors (regex.rs, patterns.rs), after
/// "invalid regular expression: ".
const REGEX: &[(&str, &str)] = &[
    (
        "groups nested too deeply at character {n}",
        "groupes trop imbriqués au caractère {n}",
    ),
    (
        "numbers out of order in {} quantifier at character {n}",
        "bornes inversées dans un quantificateur {} au caractère {n}",
    ),
    ("nothing to repeat at character {n}", "rien à répéter au caractère {n}"),
    ("unexpected end at character {n}", "fin inattendue au caractère {n}"),
    (
        "look-arounds and inline flags are not supported (only a leading (?i)) at character {n}",
        "assertions (look-around) et options en ligne non prises en charge (seul un (?i) au début est accepté) au caractère {n}",
    ),
    ("missing ) at character {n}", "parenthèse ) manquante au caractère {n}"),
    (
        "unmatched ) at character {n}",
        "parenthèse ) sans parenthèse ouvrante au caractère {n}",
    ),
    (
        "invalid hexadecimal escape at character {n}",
        "séquence d'échappement hexadécimale invalide au caractère {n}",
    ),
    (
        "invalid escape at character {n}",
        "séquence d'échappement invalide au caractère {n}",
    ),
    (
        "\\ at end of pattern at character {n}",
        "\\ à la fin du motif, au caractère {n}",
    ),
    (
        "back-references are not supported at character {n}",
        "références arrière non prises en charge au caractère {n}",
    ),
    (
        "unknown escape at character {n}",
        "séquence d'échappement inconnue au caractère {n}",
    ),
    (
        "invalid escape in character class at character {n}",
        "séquence d'échappement invalide dans une classe de caractères au caractère {n}",
    ),
    (
        "range out of order in character class at character {n}",
        "intervalle inversé dans une classe de caractères au caractère {n}",
    ),
    (
        "invalid range in character class at character {n}",
        "intervalle invalide dans une classe de caractères au caractère {n}",
    ),
    ("missing ] at character {n}", "crochet ] manquant au caractère {n}"),
    (
        "pattern too large (repetitions expand it beyond {n} steps)",
        "motif trop grand (les répétitions le portent au-delà de {n} étapes)",
    ),
    (
        "regular expressions are not available",
        "les expressions régulières ne sont pas disponibles",
    ),
];

/// The French of `english` by the first template of `table` that
/// recognises it.
fn translate(table: &[(&str, &str)], english: &str, kept: Kept) -> Option<String> {
    table.iter().find_map(|(en, fr)| {
        let captured = recognise(&pieces(en), english, kept)?;
        Some(fill(fr, captured))
    })
}

/// The French of a hole's English text.
fn translate_hole(hole: Hole, english: &str, kept: Kept) -> Option<String> {
    match hole {
        Hole::Kept if kept == Kept::WithoutJoins && english.contains("; ") => None,
        Hole::Kept => Some(english.to_string()),
        Hole::Expected => translate(EXPECTED, english, kept),
        Hole::Found => translate(FOUND, english, kept),
        Hole::Syntax => translate(SYNTAX, english, kept),
        Hole::Regex => translate(REGEX, english, kept),
        Hole::Reason => {
            translate(REASONS, english, kept).or_else(|| translate(SYNTAX, english, kept))
        }
    }
}

/// A template's text cut into fixed texts and holes.
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    Fixed(&'a str),
    Hole(Hole),
}

/// `template` cut at its hole marks (see `HOLES`).
fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    loop {
        let next = HOLES
            .iter()
            .filter_map(|(mark, hole)| rest.find(mark).map(|at| (at, *mark, *hole)))
            .min_by_key(|(at, _, _)| *at);
        let Some((at, mark, hole)) = next else {
            break;
        };
        if at > 0 {
            out.push(Piece::Fixed(&rest[..at]));
        }
        out.push(Piece::Hole(hole));
        rest = &rest[at + mark.len()..];
    }
    if !rest.is_empty() {
        out.push(Piece::Fixed(rest));
    }
    out
}

/// The French of each hole if `english` reads as `pieces`, in order. A
/// hole ends at the first place where the rest of the message still reads
/// (its value may contain the fixed text that follows it).
fn recognise(pieces: &[Piece], english: &str, kept: Kept) -> Option<Vec<String>> {
    match pieces.split_first() {
        None => english.is_empty().then(Vec::new),
        Some((Piece::Fixed(text), rest)) => recognise(rest, english.strip_prefix(text)?, kept),
        Some((Piece::Hole(hole), rest)) => {
            let ends: Vec<usize> = match rest.first() {
                None => vec![english.len()],
                Some(Piece::Fixed(next)) => english.match_indices(next).map(|(i, _)| i).collect(),
                Some(Piece::Hole(_)) => (0..=english.len())
                    .filter(|&i| english.is_char_boundary(i))
                    .collect(),
            };
            ends.into_iter().find_map(|end| {
                let mut tail = recognise(rest, &english[end..], kept)?;
                let value = translate_hole(*hole, &english[..end], kept)?;
                tail.insert(0, value);
                Some(tail)
            })
        }
    }
}

/// `french` with its holes filled, in order, by the captured values.
fn fill(french: &str, captured: Vec<String>) -> String {
    let mut values = captured.into_iter();
    let mut out = String::new();
    for piece in pieces(french) {
        match piece {
            Piece::Fixed(text) => out.push_str(text),
            Piece::Hole(_) => out.push_str(&values.next().unwrap_or_default()),
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::console::check::check;

    /// Where the engine's sources hold their messages, and how a test finds
    /// them without running every path of the engine.
    ///
    /// The sources are read from disk (every `.rs` file of `src/engine`, so
    /// a new file is scanned too, plus `src/analytics/settings.rs`, which
    /// decodes its config sections with the engine's checker), tokenised
    /// (comments skipped, string escapes decoded), and test code dropped:
    /// items under a `#[cfg(test)]`-like attribute and the modules that
    /// `engine/mod.rs` declares under one.
    ///
    /// A message is a string literal given directly (or through `format!`,
    /// an `if` or a `match`) as the message argument of a diagnostic call:
    /// - the last argument of `.error(…)`, `.warn(…)`, `.err(…)`, `Err(…)`,
    ///   `errors.push(…)` (whole messages; in json.rs the parser's syntax
    ///   errors, in regex.rs and patterns.rs the compiler's errors);
    /// - the second argument of `.expected(path, what, found)`, and the
    ///   arms of the engine's `fn expected` / `fn kind` (the phrases of
    ///   "expected …, found …");
    /// - `String::from(…)`: the start of a message the code completes with
    ///   `push_str` (a few non-messages are listed in `NOT_MESSAGES`).
    ///
    /// Not found: a message first bound to a variable elsewhere and only
    /// then handed to one of these calls (the engine writes none that way;
    /// the corpus test would still catch its French missing if a broken
    /// config reaches it).
    mod scan {
        use std::path::Path;

        #[derive(Debug, Clone, PartialEq)]
        pub enum Token {
            Ident(String),
            /// A string literal, escapes decoded.
            Str(String),
            Punct(char),
            /// Byte strings and chars: never messages.
            Other,
        }

        pub fn tokens(src: &str) -> Vec<Token> {
            let s: Vec<char> = src.chars().collect();
            let mut out = Vec::new();
            let mut i = 0;
            while i < s.len() {
                let c = s[i];
                if c.is_whitespace() {
                    i += 1;
                } else if c == '/' && s.get(i + 1) == Some(&'/') {
                    while i < s.len() && s[i] != '\n' {
                        i += 1;
                    }
                } else if c == '/' && s.get(i + 1) == Some(&'*') {
                    let mut depth = 0;
                    while i < s.len() {
                        if s[i] == '/' && s.get(i + 1) == Some(&'*') {
                            depth += 1;
                            i += 2;
                        } else if s[i] == '*' && s.get(i + 1) == Some(&'/') {
                            depth -= 1;
                            i += 2;
                            if depth == 0 {
                                break;
                            }
                        } else {
                            i += 1;
                        }
                    }
                } else if c == '"' {
                    let (text, next) = string(&s, i + 1);
                    out.push(Token::Str(text));
                    i = next;
                } else if c == '\'' {
                    // A char literal ('x', '\n', '\'') or a lifetime ('a).
                    if s.get(i + 1) == Some(&'\\') {
                        i += 3;
                        while i < s.len() && s[i] != '\'' {
                            i += 1;
                        }
                        i += 1;
                        out.push(Token::Other);
                    } else if s.get(i + 2) == Some(&'\'') {
                        i += 3;
                        out.push(Token::Other);
                    } else {
                        i += 1;
                    }
                } else if c.is_alphanumeric() || c == '_' {
                    let start = i;
                    while i < s.len() && (s[i].is_alphanumeric() || s[i] == '_') {
                        i += 1;
                    }
                    let word: String = s[start..i].iter().collect();
                    let quote = s.get(i) == Some(&'"');
                    let hash = s.get(i) == Some(&'#');
                    match word.as_str() {
                        "r" | "br" if quote || hash => {
                            let hashes = s[i..].iter().take_while(|&&c| c == '#').count();
                            let body = i + hashes + 1;
                            let mut end = body;
                            while end < s.len()
                                && !(s[end] == '"'
                                    && s[end + 1..].iter().take_while(|&&c| c == '#').count()
                                        >= hashes)
                            {
                                end += 1;
                            }
                            let text: String = s[body..end].iter().collect();
                            out.push(if word == "r" {
                                Token::Str(text)
                            } else {
                                Token::Other
                            });
                            i = end + 1 + hashes;
                        }
                        "b" if quote => {
                            i = string(&s, i + 1).1;
                            out.push(Token::Other);
                        }
                        _ => out.push(Token::Ident(word)),
                    }
                } else {
                    out.push(Token::Punct(c));
                    i += 1;
                }
            }
            out
        }

        /// The decoded text of the string literal starting at `i` (after
        /// its opening quote), and where the code goes on.
        fn string(s: &[char], mut i: usize) -> (String, usize) {
            let mut text = String::new();
            while i < s.len() && s[i] != '"' {
                if s[i] == '\\' {
                    i += 1;
                    match s.get(i) {
                        Some('n') => text.push('\n'),
                        Some('t') => text.push('\t'),
                        Some('r') => text.push('\r'),
                        Some('0') => text.push('\0'),
                        Some('u') => {
                            let close = s[i..].iter().position(|&c| c == '}').unwrap_or(0);
                            let hex: String = s[i + 2..i + close].iter().collect();
                            text.extend(
                                u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32),
                            );
                            i += close;
                        }
                        Some('\n') => {
                            while s.get(i + 1).is_some_and(|c| c.is_whitespace()) {
                                i += 1;
                            }
                        }
                        Some(&c) => text.push(c),
                        None => {}
                    }
                } else {
                    text.push(s[i]);
                }
                i += 1;
            }
            (text, i + 1)
        }

        /// `tokens` without the items under a test-only `#[cfg(…)]`, and
        /// the names of the modules declared that way.
        pub fn without_tests(tokens: &[Token]) -> (Vec<Token>, Vec<String>) {
            let mut out = Vec::new();
            let mut test_modules = Vec::new();
            let mut i = 0;
            while i < tokens.len() {
                let is_attr = tokens[i] == Token::Punct('#')
                    && tokens.get(i + 1) == Some(&Token::Punct('['))
                    && tokens.get(i + 2) == Some(&Token::Ident("cfg".into()));
                if !is_attr {
                    out.push(tokens[i].clone());
                    i += 1;
                    continue;
                }
                let end = matching(tokens, i + 1);
                if !test_only(&tokens[i + 3..end]) {
                    out.extend_from_slice(&tokens[i..=end]);
                    i = end + 1;
                    continue;
                }
                // Skip the item: up to its `;`, or its `{ … }` block.
                let mut j = end + 1;
                while j < tokens.len() {
                    match &tokens[j] {
                        Token::Punct(';') => break,
                        Token::Punct('{') => {
                            j = matching(tokens, j);
                            break;
                        }
                        Token::Punct('[' | '(') => j = matching(tokens, j) + 1,
                        Token::Ident(m) if m == "mod" => {
                            if let Some(Token::Ident(name)) = tokens.get(j + 1) {
                                if tokens.get(j + 2) == Some(&Token::Punct(';')) {
                                    test_modules.push(name.clone());
                                }
                            }
                            j += 1;
                        }
                        _ => j += 1,
                    }
                }
                i = j + 1;
            }
            (out, test_modules)
        }

        /// Whether the tokens of `cfg(…)` need `test` (not `not(test)`).
        fn test_only(cfg: &[Token]) -> bool {
            cfg.iter().enumerate().any(|(k, t)| {
                *t == Token::Ident("test".into())
                    && !(k >= 2
                        && cfg[k - 1] == Token::Punct('(')
                        && cfg[k - 2] == Token::Ident("not".into()))
            })
        }

        /// The index of the bracket closing the one at `open`.
        fn matching(tokens: &[Token], open: usize) -> usize {
            let mut depth = 0;
            for (k, t) in tokens.iter().enumerate().skip(open) {
                match t {
                    Token::Punct('(' | '[' | '{') => depth += 1,
                    Token::Punct(')' | ']' | '}') => {
                        depth -= 1;
                        if depth == 0 {
                            return k;
                        }
                    }
                    _ => {}
                }
            }
            tokens.len() - 1
        }

        /// The kind of call a message literal was found in.
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Sink {
            /// `.error`, `.warn`, `errors.push`: a whole message.
            Message,
            /// `.err(…)` (regex.rs: an error at a character).
            Err,
            /// `Err(…)`.
            ErrValue,
            /// `.expected(path, what, found)` and `fn expected`'s arms.
            Expected,
            /// `fn kind`'s arms: what was found.
            Found,
            /// `String::from(…)`: the start of a message.
            Start,
        }

        #[derive(Debug, Clone, PartialEq)]
        pub struct Found {
            pub file: String,
            pub sink: Sink,
            pub text: String,
            /// Written as a `format!` string (`{}` are holes, `{{` is `{`).
            pub format: bool,
        }

        enum Frame {
            Sink {
                sink: Sink,
                commas: usize,
                literals: Vec<(usize, String, bool)>,
            },
            /// `format!(…)`, `{…}`, `[…]`: a literal inside belongs to the
            /// call around them.
            Through {
                format: bool,
            },
            Other,
        }

        /// The message literals of one file's (test-free) tokens.
        pub fn messages(file: &str, tokens: &[Token]) -> Vec<Found> {
            let mut found = Vec::new();
            let mut stack: Vec<Frame> = Vec::new();
            let mut phrase_body: Option<Sink> = None;
            let ident = |k: usize, name: &str| {
                k < tokens.len() && tokens[k] == Token::Ident(name.to_string())
            };
            let punct = |k: usize, c: char| k < tokens.len() && tokens[k] == Token::Punct(c);
            for (i, t) in tokens.iter().enumerate() {
                let back = |n: usize| i.checked_sub(n).unwrap_or(usize::MAX);
                match t {
                    Token::Punct('(') => {
                        let method = |name: &str| ident(back(1), name) && punct(back(2), '.');
                        let pushed_error = method("push") && ident(back(3), "errors");
                        let sink = if method("error") || method("warn") || pushed_error {
                            Some(Sink::Message)
                        } else if method("err") {
                            Some(Sink::Err)
                        } else if method("expected") {
                            Some(Sink::Expected)
                        } else if ident(back(1), "Err") && !punct(back(2), ':') {
                            Some(Sink::ErrValue)
                        } else if ident(back(1), "from")
                            && punct(back(2), ':')
                            && ident(back(4), "String")
                        {
                            Some(Sink::Start)
                        } else {
                            None
                        };
                        if ident(back(2), "fn") && ident(back(1), "expected") {
                            phrase_body = Some(Sink::Expected);
                        } else if ident(back(2), "fn") && ident(back(1), "kind") {
                            phrase_body = Some(Sink::Found);
                        }
                        stack.push(match sink {
                            Some(sink) => Frame::Sink {
                                sink,
                                commas: 0,
                                literals: Vec::new(),
                            },
                            None if punct(back(1), '!') && ident(back(2), "format") => {
                                Frame::Through { format: true }
                            }
                            None => Frame::Other,
                        });
                    }
                    Token::Punct('{') => match phrase_body.take() {
                        Some(sink) => stack.push(Frame::Sink {
                            sink,
                            commas: 0,
                            literals: Vec::new(),
                        }),
                        None => stack.push(Frame::Through { format: false }),
                    },
                    Token::Punct('[') => stack.push(Frame::Through { format: false }),
                    Token::Punct(';') => phrase_body = None,
                    Token::Punct(',') => {
                        if let Some(Frame::Sink { commas, .. }) = stack.last_mut() {
                            *commas += 1;
                        }
                    }
                    Token::Punct(')' | '}' | ']') => {
                        if let Some(Frame::Sink {
                            sink,
                            commas,
                            literals,
                        }) = stack.pop()
                        {
                            // A trailing comma does not start an argument.
                            let last = if punct(back(1), ',') {
                                commas.saturating_sub(1)
                            } else {
                                commas
                            };
                            for (arg, text, format) in literals {
                                let wanted = match sink {
                                    Sink::Expected if t == &Token::Punct(')') => arg == 1,
                                    Sink::Expected | Sink::Found => true,
                                    _ => arg == last,
                                };
                                if wanted {
                                    found.push(Found {
                                        file: file.to_string(),
                                        sink,
                                        text,
                                        format,
                                    });
                                }
                            }
                        }
                    }
                    Token::Str(text) => {
                        let mut format = false;
                        for frame in stack.iter_mut().rev() {
                            match frame {
                                Frame::Through { format: f } => format |= *f,
                                Frame::Other => break,
                                Frame::Sink {
                                    commas, literals, ..
                                } => {
                                    literals.push((*commas, text.clone(), format));
                                    break;
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            found
        }

        /// Every message literal of the engine's sources (see the module
        /// doc of `scan`).
        pub fn engine_messages() -> Vec<Found> {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
            let read = |p: &Path| std::fs::read_to_string(p).expect("engine source readable");
            let (_, test_modules) = without_tests(&tokens(&read(&root.join("engine/mod.rs"))));
            let mut files: Vec<_> = std::fs::read_dir(root.join("engine"))
                .expect("src/engine readable")
                .map(|e| e.expect("a directory entry").path())
                .filter(|p| p.extension().is_some_and(|e| e == "rs"))
                .filter(|p| {
                    let stem = p.file_stem().unwrap_or_default().to_string_lossy();
                    !test_modules.iter().any(|m| *m == stem)
                })
                .collect();
            files.sort();
            files.push(root.join("analytics/settings.rs"));
            let mut out = Vec::new();
            for path in files {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                let (code, _) = without_tests(&tokens(&read(&path)));
                out.extend(messages(&name, &code));
            }
            out
        }
    }

    use scan::{Found, Sink};

    /// `String::from` texts of the engine that are not the start of a
    /// message.
    const NOT_MESSAGES: &[&str] = &[
        "utm_",                                             // conditions.rs: a query name
        "m",                                                // engine.rs: a message id
        "#/$defs/",                                         // schema.rs: a JSON pointer
        "\n| Limit | Value | Beyond it |\n|---|---|---|\n", // limits.rs: the README's table
    ];

    /// The values a `format!` hole takes in a sample message: a name, a
    /// number, a phrase of "expected …, found …", a regular-expression error.
    const SAMPLE_VALUES: &[&str] = &["x", "7", "an object", "nothing to repeat at character 2"];

    /// `format` with its holes filled by every combination of sample values.
    fn samples(format: &str) -> Vec<String> {
        let mut partial = vec![String::new()];
        let mut rest = format;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix("{{") {
                partial.iter_mut().for_each(|s| s.push('{'));
                rest = r;
            } else if let Some(r) = rest.strip_prefix("}}") {
                partial.iter_mut().for_each(|s| s.push('}'));
                rest = r;
            } else if rest.starts_with('{') {
                let close = rest.find('}').expect("a closed format hole");
                rest = &rest[close + 1..];
                partial = partial
                    .iter()
                    .flat_map(|s| SAMPLE_VALUES.iter().map(move |v| format!("{s}{v}")))
                    .collect();
            } else {
                let c = rest.chars().next().unwrap_or_default();
                partial.iter_mut().for_each(|s| s.push(c));
                rest = &rest[c.len_utf8()..];
            }
        }
        partial
    }

    /// Whether the engine message `m` reaches the console in French: as the
    /// whole message it is in its file, or as the start of one.
    fn has_french(m: &Found) -> bool {
        if m.sink == Sink::Start {
            let table = if m.file == "json.rs" {
                SYNTAX
            } else {
                MESSAGES
            };
            return NOT_MESSAGES.contains(&m.text.as_str())
                || table.iter().any(|(en, _)| en.starts_with(&m.text));
        }
        let texts = if m.format {
            samples(&m.text)
        } else {
            vec![m.text.clone()]
        };
        texts.iter().any(|t| {
            let whole = match (m.sink, m.file.as_str()) {
                (Sink::Expected, _) => format!("expected {t}, found a number"),
                (Sink::Found, _) => format!("expected an object, found {t}"),
                (Sink::Message, "json.rs") => format!("JSON syntax error at line 1, column 2: {t}"),
                (Sink::Err, "regex.rs") => {
                    format!("invalid regular expression: {t} at character 3")
                }
                (Sink::ErrValue, "regex.rs" | "patterns.rs") => {
                    format!("invalid regular expression: {t}")
                }
                _ => t.clone(),
            };
            french(&whole).is_some()
        })
    }

    #[test]
    fn the_scan_finds_the_engine_messages_of_every_kind_of_call() {
        let found = scan::engine_messages();
        let has = |sink: Sink, text: &str| found.iter().any(|m| m.sink == sink && m.text == text);
        assert!(has(Sink::Message, "delay too large"));
        assert!(has(
            Sink::Message,
            "unknown value \"{}\"; expected one of {}"
        ));
        assert!(has(Sink::Message, "unterminated string"));
        assert!(has(
            Sink::Message,
            "unterminated placeholder \"{{\"; expected \"}}\""
        ));
        assert!(has(Sink::Err, "nothing to repeat"));
        assert!(has(Sink::ErrValue, "regular expressions are not available"));
        assert!(has(
            Sink::ErrValue,
            "expected an object at the root, found {}"
        ));
        assert!(has(Sink::Expected, "an array of starters"));
        assert!(has(Sink::Expected, "a date string like 2026-12-24"));
        assert!(has(Sink::Found, "a boolean"));
        assert!(has(Sink::Start, "JSON too deep at line "));
        assert!(has(Sink::Start, "conditions nested deeper than "));
        assert!(
            !found.iter().any(|m| m.text.contains("Online")),
            "a default interface text is not a message"
        );
        assert!(found.len() >= 90, "{} found", found.len());
    }

    #[test]
    fn every_engine_message_has_a_french_translation() {
        let missing: Vec<String> = scan::engine_messages()
            .into_iter()
            .filter(|m| !has_french(m))
            .map(|m| format!("{} ({:?}): {:?}", m.file, m.sink, m.text))
            .collect();
        assert!(
            missing.is_empty(),
            "engine messages without French in src/console/problems_fr.rs:\n{}",
            missing.join("\n")
        );
    }

    /// An automatic message around `trigger` and `rest` (more members).
    fn rule(id: &str, trigger: &str, rest: &str) -> String {
        format!(r#"{{"id": "{id}", "text": "t", "trigger": {trigger}{rest}}}"#)
    }

    fn with_condition(cond: &str) -> String {
        rule(
            "c",
            r#"{"type": "exit_intent"}"#,
            &format!(r#", "conditions": {cond}"#),
        )
    }

    /// Broken configs, each with at least one problem, together covering
    /// the engine's kinds of problem.
    fn broken_configs() -> Vec<String> {
        let mut corpus: Vec<String> = [
            // JSON syntax.
            r#"{"site": {"name": }}"#,
            r#"{"a": 1,}"#,
            r#"{"a" 1}"#,
            r#"{"a": 1 "b": 2}"#,
            r#"{"a": [1 2]}"#,
            r#"{"a": tru}"#,
            r#"{"a": "x"#,
            r#"{"a": "\x"}"#,
            r#"{"a": "\u12"}"#,
            r#"{"a": 01}"#,
            r#"{"a": 1.}"#,
            r#"{"a": 1e}"#,
            r#"{"a": -}"#,
            r#"{"a": 1} x"#,
            r#"{"a": "#,
            "{\"a\": \"x\ty\"}",
            // The root and its members.
            "[1, 2]",
            r#"{"a": 1, "a": 2}"#,
            r#"{"$schema": 3, "site": {"name": 3, "language": 2}}"#,
            r#"{"team": {"status": "away", "avatar": 3, "name": "{{site.name}}"}}"#,
            r#"{"auto_messages": {}}"#,
            r#"{"auto_messages": [3]}"#,
            r#"{"behaviour": {"min_gap_seconds": -1, "consent_required": "no"}}"#,
            r#"{"analytics": {"gtm": "yes", "ga": 1}, "inbox": {"endpoint": 3}}"#,
            r#"{"ui": {"color": "blue", "position": "top", "z_index": 1.5,
                "texts": {"hello": "x", "fr": {"launcher_label": 3}, "launcher_label": 4}}}"#,
            // Hours.
            r#"{"business_hours": {"mon": [["18:00", "09:00"]], "tue": [["9h", "18:00"]],
                "wed": "all day", "holidays": 1,
                "exceptions": [{"date": "2026-13-45", "hours": []}, {"date": 3}]}}"#,
            r#"{"business_hours": {"exceptions": {}}}"#,
            // Starters.
            r#"{"starters": {}}"#,
            r#"{"starters": [{"title": 3, "answer": "a"}, {"title": "t"}]}"#,
            r#"{"starters": [{"title": "1", "answer": "a"}, {"title": "2", "answer": "a"},
                {"title": "3", "answer": "a"}, {"title": "4", "answer": "a"},
                {"title": "5", "answer": "a"}, {"title": "6", "answer": "a"}]}"#,
            // Establishments and message sets.
            r#"{"establishments": {}}"#,
            r#"{"establishments": [{"name": "x"}, {"id": "a"}, {"id": "a"}, 3, {"id": "b", "phone": 5}]}"#,
            r#"{"message_sets": {}}"#,
            r#"{"message_sets": [{"establishments": ["nowhere"]}]}"#,
            r#"{"establishments": [{"id": "a"}],
                "message_sets": [{"establishments": ["a", "zz"]}, {"establishments": ["a"]},
                    {"establishments": []}, {"establishments": [3], "starters": 2}]}"#,
            r#"{"establishments": [{"id": "a", "name": "A"}],
                "welcome_message": "Hi {{visitor.name}} {{foo}} {{establishment.parking}} {{site.name"}"#,
            // Presets.
            r#"{"presets": 3}"#,
            r#"{"presets": ["busy", "busy", "party", 3]}"#,
            r#"{"presets": {"busy": {"delay": -3, "color": 1, "priority": "high"}}}"#,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Automatic messages: triggers, frequencies, ids.
        let rules = [
            rule("a", r#""soon""#, ""),
            rule("b", r#"{"type": "later"}"#, ""),
            rule("c", r#"{"seconds": 3}"#, ""),
            rule("d", r#"{"type": "exit_intent", "seconds": 2}"#, ""),
            rule("e", r#"{"type": "event"}"#, ""),
            rule("f", r#"{"type": "scroll", "percent": 150}"#, ""),
            rule("g", r#"{"type": "time_on_page", "seconds": -1}"#, ""),
            rule("h", r#"{"type": "time_on_page", "seconds": 1e12}"#, ""),
            rule("i", r#"{"type": "time_on_page", "seconds": "5"}"#, ""),
            rule(
                "j",
                r#"{"type": "exit_intent"}"#,
                r#", "frequency": {"cooldown": "x"}"#,
            ),
            rule("k", r#"{"type": "exit_intent"}"#, r#", "frequency": {}"#),
            rule("l", r#"{"type": "exit_intent"}"#, r#", "frequency": 3"#),
            rule(
                "m",
                r#"{"type": "exit_intent"}"#,
                r#", "frequency": "sometimes""#,
            ),
            rule(
                "n",
                r#"{"type": "exit_intent"}"#,
                r#", "frequency": {"cooldown": 5, "x": 1}"#,
            ),
            rule(
                "",
                r#"{"type": "exit_intent"}"#,
                r#", "priority": "high", "enabled": "yes""#,
            ),
            format!(
                "{}, {}",
                rule("twice", r#"{"type": "exit_intent"}"#, ""),
                rule("twice", r#"{"type": "exit_intent"}"#, "")
            ),
        ];
        for r in rules {
            corpus.push(format!(r#"{{"auto_messages": [{r}]}}"#));
        }
        corpus.push(format!(
            r#"{{"presets": ["busy"], "auto_messages": [{}]}}"#,
            rule("busy", r#"{"type": "exit_intent"}"#, "")
        ));
        // Conditions, regular expressions included.
        let mut conditions: Vec<String> = [
            "3",
            r#"{"all": {}}"#,
            r#"{"url": "x"}"#,
            r#"{"url": {"has": "x"}}"#,
            r#"{"url": {}}"#,
            r#"{"url": {"contains": "a", "equals": "b"}}"#,
            r#"{"query": "x"}"#,
            r#"{"query": {"contains": "a"}}"#,
            r#"{"visit_number": "two"}"#,
            r#"{"visit_number": {"about": 2}}"#,
            r#"{"visit_number": {"gte": "2"}}"#,
            r#"{"language": ""}"#,
            r#"{"language": [3]}"#,
            r#"{"device": ["mobile", "watch"]}"#,
            r#"{"weekday": ["mon", 3]}"#,
            r#"{"time_of_day": {"from": "25:00"}}"#,
            r#"{"time_of_day": {"from": "09:00", "to": "10:00", "tz": 1}}"#,
            r#"{"establishment": "nowhere"}"#,
            r#"{"weather": "sunny"}"#,
            r#"{"attribute": {"name": "vip", "exists": "yes"}}"#,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for pattern in [
            "(a", "*a", "a{3,2}", r"\\p{L}", "[b-a]", "(?=a)", r"(a)\\1", "a{400}", r"\\x4",
            r"abc\\", "[a", "abc)", "a|(", r"[a-\\d]", r"\\ud800",
        ] {
            conditions.push(format!(r#"{{"url": {{"regex": "{pattern}"}}}}"#));
        }
        conditions.push(format!(
            r#"{{"url": {{"regex": "{}a{}"}}}}"#,
            "(".repeat(70),
            ")".repeat(70)
        ));
        conditions.push(format!(
            r#"{}{{"url": {{"contains": "a"}}}}{}"#,
            r#"{"not": "#.repeat(40),
            "}".repeat(40)
        ));
        for c in conditions {
            corpus.push(format!(r#"{{"auto_messages": [{}]}}"#, with_condition(&c)));
        }
        corpus.push(format!(
            r#"{{"a": {}{}}}"#,
            "[".repeat(200),
            "]".repeat(200)
        ));
        corpus
    }

    /// Whether a translation still holds English words of the messages (a
    /// kept part that swallowed a sentence); the corpus's own names and
    /// values avoid them.
    fn has_english_left(french: &str) -> bool {
        const ENGLISH: &[&str] = &[
            "expected",
            "found",
            "unknown",
            "missing",
            "invalid",
            "ignored",
            "duplicate",
            "empty",
            "unexpected",
            "already",
            "deeper",
            "character",
            "unterminated",
        ];
        french
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|word| ENGLISH.contains(&word))
    }

    #[test]
    fn every_problem_of_the_broken_configs_reads_in_french() {
        let mut untranslated = Vec::new();
        let mut seen = Vec::new();
        for config in broken_configs() {
            let problems = check(&config).problems;
            assert!(!problems.is_empty(), "no problem in {config}");
            for p in problems {
                match french(&p.message) {
                    Some(fr) if !has_english_left(&fr) => seen.push(p.message),
                    _ => untranslated.push(format!("{}: {}", p.path, p.message)),
                }
            }
        }
        assert!(
            untranslated.is_empty(),
            "messages without French:\n{}",
            untranslated.join("\n")
        );
        seen.sort();
        seen.dedup();
        assert!(seen.len() >= 100, "{} distinct messages", seen.len());
    }

    #[test]
    fn a_wrong_type_says_what_was_expected_and_found_in_french() {
        assert_eq!(
            french("expected an array of starters, found an object").as_deref(),
            Some("attendu : une liste de sujets, reçu : un objet")
        );
    }

    #[test]
    fn an_unknown_value_keeps_the_value_and_the_names_as_they_are() {
        assert_eq!(
            french("unknown value \"away\"; expected one of online, busy, offline").as_deref(),
            Some("valeur \"away\" inconnue ; valeurs possibles : online, busy, offline")
        );
    }

    #[test]
    fn a_syntax_error_keeps_its_line_and_column() {
        assert_eq!(
            french("JSON syntax error at line 2, column 24: expected ',' or '}'").as_deref(),
            Some("erreur de syntaxe JSON à la ligne 2, colonne 24 : attendu : ',' ou '}'")
        );
    }

    #[test]
    fn a_regular_expression_error_reads_in_french() {
        assert_eq!(
            french("invalid regular expression: missing ) at character 3").as_deref(),
            Some("expression régulière invalide : parenthèse ) manquante au caractère 3")
        );
    }

    #[test]
    fn an_unknown_establishment_when_none_exists_says_none_is_defined() {
        assert_eq!(
            french("unknown establishment \"paris\"; expected one of ").as_deref(),
            Some("établissement \"paris\" inconnu ; aucun établissement n'est défini")
        );
    }

    #[test]
    fn joined_placeholder_errors_are_each_translated() {
        let english = "unknown placeholder \"{{foo}}\"; expected one of site.name, team.name; \
                       unterminated placeholder \"{{\"; expected \"}}\"";
        assert_eq!(
            french(english).as_deref(),
            Some(
                "balise \"{{foo}}\" inconnue ; balises possibles : site.name, team.name ; \
                 balise \"{{\" non fermée ; \"}}\" attendu"
            )
        );
    }

    #[test]
    fn a_value_holding_a_semicolon_is_kept_whole() {
        assert_eq!(
            french("unknown value \"a; b\"; expected one of online, busy").as_deref(),
            Some("valeur \"a; b\" inconnue ; valeurs possibles : online, busy")
        );
    }

    #[test]
    fn the_english_console_shows_the_engine_text_unchanged() {
        assert_eq!(in_lang(Lang::En, "delay too large"), "delay too large");
    }

    #[test]
    fn a_message_no_template_recognises_is_shown_in_english() {
        assert_eq!(french("a brand new problem"), None);
        assert_eq!(
            in_lang(Lang::Fr, "a brand new problem"),
            "a brand new problem"
        );
    }

    #[test]
    fn every_template_has_the_same_holes_in_french_in_the_same_order() {
        let holes = |text: &str| -> Vec<Hole> {
            pieces(text)
                .into_iter()
                .filter_map(|p| match p {
                    Piece::Hole(h) => Some(h),
                    Piece::Fixed(_) => None,
                })
                .collect()
        };
        for table in [MESSAGES, REASONS, EXPECTED, FOUND, SYNTAX, REGEX] {
            for (en, fr) in table {
                assert_eq!(holes(en), holes(fr), "{en} / {fr}");
            }
        }
    }

    #[test]
    fn a_problem_shows_its_french_text_in_the_french_console() {
        let problem = &check(r#"{"team": {"status": "away"}}"#).problems[0];
        assert_eq!(
            problem.text(Lang::Fr),
            "valeur \"away\" inconnue ; valeurs possibles : online, busy, offline"
        );
        assert!(problem.message.starts_with("unknown value"));
    }
}
