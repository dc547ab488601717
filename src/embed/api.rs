//! Turns a `Nudge(command, ...args)` call into a runtime command, or into a
//! clear message when the command or its arguments are wrong.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::limits::MAX_MESSAGE_CHARS;
use crate::engine::{Input, TeamStatus};
use crate::runtime::Command;

/// The commands the API accepts, for error messages and the README.
pub const COMMANDS: &str = "open, close, toggle, show, hide, send, agentMessage, setTeamStatus, set, track, consent, reset, on, off";

fn text_arg(args: &js_sys::Array, index: u32, what: &str, name: &str) -> Result<String, String> {
    args.get(index)
        .as_string()
        .filter(|text| !text.trim().is_empty())
        .ok_or_else(|| format!("Nudge('{name}', {what}): {what} must be a non-empty string"))
}

/// The text of `send` and `agentMessage`: a non-empty string of at most
/// [`MAX_MESSAGE_CHARS`] characters. Longer is refused, not cut: a cut text
/// would be words nobody wrote as such.
fn message_arg(args: &js_sys::Array, name: &str) -> Result<String, String> {
    // Measured before it is copied into the wasm: a page may pass megabytes.
    // A character is one or two UTF-16 units.
    let units = args
        .get(1)
        .dyn_ref::<js_sys::JsString>()
        .map_or(0, |s| s.length() as usize);
    let too_long = || {
        format!(
            "Nudge('{name}', text): text is longer than {MAX_MESSAGE_CHARS} characters; not sent"
        )
    };
    if units > 2 * MAX_MESSAGE_CHARS {
        return Err(too_long());
    }
    let text = text_arg(args, 1, "text", name)?;
    if text.chars().count() > MAX_MESSAGE_CHARS {
        return Err(too_long());
    }
    Ok(text)
}

#[wasm_bindgen]
extern "C" {
    // The host's object is read through these, not `js_sys`'s, so that a
    // getter or a Proxy trap that throws is a refused call, not an exception
    // out of the wasm (which the guard would take for a trap).
    #[wasm_bindgen(js_namespace = Object, js_name = entries, catch)]
    fn entries_of(object: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// Parses one call.
pub fn parse(args: &js_sys::Array) -> Result<Command, String> {
    let Some(name) = args.get(0).as_string() else {
        return Err(format!(
            "Nudge(command, ...): command must be a string, one of {COMMANDS}"
        ));
    };
    let input = |input: Input| Ok(Command::Input(input));
    match name.as_str() {
        "open" => Ok(Command::Open),
        "close" => Ok(Command::Close),
        "toggle" => Ok(Command::Toggle),
        "show" => Ok(Command::Visible(true)),
        "hide" => Ok(Command::Visible(false)),
        "send" => input(Input::VisitorMessage {
            text: message_arg(args, &name)?,
        }),
        "agentMessage" => input(Input::AgentMessage {
            text: message_arg(args, &name)?,
        }),
        "setTeamStatus" => {
            let status = match args.get(1).as_string().as_deref() {
                Some("online") => TeamStatus::Online,
                Some("busy") => TeamStatus::Busy,
                Some("offline") => TeamStatus::Offline,
                _ => return Err("Nudge('setTeamStatus', status): status must be \"online\", \"busy\" or \"offline\"".into()),
            };
            input(Input::SetTeamStatus(status))
        }
        "set" => {
            let object = args.get(1);
            let entries = match is_array(&object) {
                Ok(false) if object.is_object() => entries_of(&object).ok(),
                _ => None,
            };
            let Some(entries) = entries else {
                return Err(
                    "Nudge('set', attributes): attributes must be an object like { plan: \"pro\" } (whose properties can be read)"
                        .into(),
                );
            };
            let mut pairs = Vec::new();
            for entry in entries.iter() {
                let entry: js_sys::Array = entry.unchecked_into();
                let key = entry.get(0).as_string().unwrap_or_default();
                let value = entry.get(1);
                let value = value
                    .as_string()
                    .or_else(|| value.as_f64().map(|n| js_sys::Number::from(n).to_string_with_radix(10).map(String::from).unwrap_or_default()))
                    .or_else(|| value.as_bool().map(|b| if b { "true".into() } else { "false".into() }))
                    .ok_or_else(|| format!("Nudge('set', attributes): attribute \"{key}\" must be a string, number or boolean"))?;
                pairs.push((key, value));
            }
            input(Input::SetAttributes(pairs))
        }
        "track" => input(Input::CustomEvent {
            name: text_arg(args, 1, "event", &name)?,
        }),
        "consent" => {
            let granted = args.get(1);
            input(Input::Consent {
                granted: granted.is_undefined() || granted.is_truthy(),
            })
        }
        "reset" => input(Input::Reset),
        "timeScale" => {
            let scale = args
                .get(1)
                .as_f64()
                .filter(|n| *n >= 1.0 && *n <= 600.0)
                .ok_or_else(|| {
                    "Nudge('timeScale', n): n must be a number from 1 to 600 (demo only)"
                        .to_string()
                })?;
            Ok(Command::TimeScale(scale as u64))
        }
        "on" | "off" => {
            let event = args.get(1).as_string().ok_or_else(|| {
                format!("Nudge('{name}', event, callback): event must be a string")
            })?;
            let callback = args.get(2).dyn_into::<js_sys::Function>().ok();
            if name == "on" {
                let callback = callback.ok_or_else(|| {
                    "Nudge('on', event, callback): callback must be a function".to_string()
                })?;
                Ok(Command::On(event, callback))
            } else {
                Ok(Command::Off(event, callback))
            }
        }
        _ => Err(format!(
            "unknown command \"{name}\"; expected one of {COMMANDS}"
        )),
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn call(values: &[wasm_bindgen::JsValue]) -> Result<Command, String> {
        parse(&values.iter().collect())
    }

    #[wasm_bindgen_test]
    fn an_unknown_command_is_a_clear_error() {
        let error = call(&["opne".into()]).err().unwrap();
        assert!(error.contains("unknown command \"opne\""), "{error}");
    }

    #[wasm_bindgen_test]
    fn send_needs_text() {
        assert!(call(&["send".into()]).is_err());
        assert!(call(&["send".into(), "   ".into()]).is_err());
        assert!(matches!(
            call(&["send".into(), "Bonjour".into()]),
            Ok(Command::Input(Input::VisitorMessage { text })) if text == "Bonjour"
        ));
    }

    #[wasm_bindgen_test]
    fn send_refuses_a_text_over_the_message_limit() {
        let at_limit = "é".repeat(MAX_MESSAGE_CHARS);
        assert!(call(&["send".into(), at_limit.as_str().into()]).is_ok());
        let over = "é".repeat(MAX_MESSAGE_CHARS + 1);
        let error = call(&["send".into(), over.as_str().into()]).err().unwrap();
        assert!(
            error.contains("longer than 2000 characters; not sent"),
            "{error}"
        );
    }

    #[wasm_bindgen_test]
    fn send_refuses_a_megabyte_of_text() {
        let huge = "x".repeat(1 << 20);
        assert!(call(&["send".into(), huge.as_str().into()]).is_err());
    }

    #[wasm_bindgen_test]
    fn send_counts_characters_not_utf16_units() {
        // 2 000 emoji are 4 000 UTF-16 units but 2 000 characters.
        let emoji = "😀".repeat(MAX_MESSAGE_CHARS);
        assert!(call(&["send".into(), emoji.as_str().into()]).is_ok());
    }

    #[wasm_bindgen_test]
    fn team_status_accepts_the_three_states_only() {
        assert!(matches!(
            call(&["setTeamStatus".into(), "busy".into()]),
            Ok(Command::Input(Input::SetTeamStatus(TeamStatus::Busy)))
        ));
        assert!(call(&["setTeamStatus".into(), "away".into()]).is_err());
    }

    #[wasm_bindgen_test]
    fn set_turns_numbers_and_booleans_into_text() {
        let attributes = js_sys::JSON::parse(r#"{"plan":"pro","orders":3,"vip":true}"#).unwrap();
        let Ok(Command::Input(Input::SetAttributes(pairs))) = call(&["set".into(), attributes])
        else {
            panic!("set was refused");
        };
        assert_eq!(
            pairs,
            vec![
                ("plan".to_string(), "pro".to_string()),
                ("orders".to_string(), "3".to_string()),
                ("vip".to_string(), "true".to_string())
            ]
        );
    }

    #[wasm_bindgen_test]
    fn set_with_a_getter_that_throws_is_refused_not_thrown() {
        let hostile = js_sys::Function::new_no_args(
            "return Object.defineProperty({}, 'plan', { enumerable: true, get() { throw new Error('getter'); } })",
        )
        .call0(&JsValue::NULL)
        .unwrap();
        let refused = call(&["set".into(), hostile]);
        assert!(matches!(refused, Err(m) if m.contains("attributes must be an object")));
    }

    #[wasm_bindgen_test]
    fn on_needs_a_function() {
        assert!(call(&["on".into(), "message".into(), "nope".into()]).is_err());
    }
}
