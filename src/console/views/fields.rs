//! Form fields bound to a path of the draft. Each field shows its value,
//! reports an [`Edit`] for that path, carries `data-path` (so an error's
//! path can focus it) and shows the engine's problems for that path under
//! it. Everything the merchant typed is rendered as text by Yew, never as
//! HTML.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::console::check::Problem;
use crate::console::doc::{self, path_str, Path};
use crate::console::state::{Edit, Msg};
use crate::engine::json::Value;
use crate::ui::Lang;

/// What every view needs: the language, the parsed draft, the engine's
/// problems, and where to report.
#[derive(Clone, PartialEq)]
pub struct Ctx {
    pub lang: Lang,
    pub doc: Rc<Value>,
    pub problems: Rc<Vec<Problem>>,
    pub on_msg: Callback<Msg>,
}

impl Ctx {
    pub fn tr(&self, en: &'static str, fr: &'static str) -> &'static str {
        crate::console::i18n::tr(self.lang, en, fr)
    }
    pub fn get(&self, path: &Path) -> Option<&Value> {
        doc::get(&self.doc, path)
    }
    pub fn str_at(&self, path: &Path) -> String {
        doc::get_str(&self.doc, path).to_string()
    }
    pub fn edit(&self) -> Callback<Edit> {
        self.on_msg.reform(Msg::Edit)
    }
    pub fn send(&self, msg: Msg) {
        self.on_msg.emit(msg)
    }
}

/// A DOM id for the field of `path`.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id
}

/// Problems at `path` or below it.
pub fn problems_at<'a>(problems: &'a [Problem], path: &str) -> Vec<&'a Problem> {
    problems
        .iter()
        .filter(|p| {
            p.path == path
                || (p.path.starts_with(path)
                    && !path.is_empty()
                    && matches!(p.path.as_bytes().get(path.len()), Some(b'.' | b'[')))
        })
        .collect()
}

fn problem_list(ctx: &Ctx, path: &str, id: &str) -> (Html, bool, Option<String>) {
    let found = problems_at(&ctx.problems, path);
    let invalid = found.iter().any(|p| p.error);
    if found.is_empty() {
        return (html! {}, false, None);
    }
    let html = html! {
        <ul class="field-problems" id={format!("{id}-problems")}>
            { for found.iter().map(|p| {
                let class = if p.error { "problem error" } else { "problem warning" };
                let label = if p.error { ctx.tr("Error", "Erreur") } else { ctx.tr("Warning", "Avertissement") };
                html! { <li class={class}><strong>{ label }{ " : " }</strong>{ p.text(ctx.lang) }</li> }
            }) }
        </ul>
    };
    (html, invalid, Some(format!("{id}-problems")))
}

/// How a text field writes an empty value.
#[derive(Clone, Copy, PartialEq)]
pub enum Empty {
    /// Keep `""`.
    Keep,
    /// Remove the key.
    Remove,
}

/// The edit a text field reports: set the string, or remove the key when
/// emptied and `empty` says so.
fn on_text(
    ctx: &Ctx,
    path: Path,
    empty: Empty,
    value_of: fn(&InputEvent) -> String,
) -> Callback<InputEvent> {
    let edit = ctx.edit();
    Callback::from(move |e: InputEvent| {
        let v = value_of(&e);
        if v.is_empty() && empty == Empty::Remove {
            edit.emit(Edit::Remove(path.clone()));
        } else {
            edit.emit(Edit::Set(path.clone(), doc::string(&v)));
        }
    })
}

/// A one-line text input.
pub fn text(ctx: &Ctx, label: &str, path: Path, empty: Empty) -> Html {
    text_with(ctx, label, path, empty, "", "text")
}

/// A text input with a placeholder and an input type.
pub fn text_with(
    ctx: &Ctx,
    label: &str,
    path: Path,
    empty: Empty,
    placeholder: &str,
    kind: &str,
) -> Html {
    let ps = path_str(&path);
    let id = field_id(&ps);
    let value = ctx.str_at(&path);
    let (problems, invalid, described) = problem_list(ctx, &ps, &id);
    let oninput = on_text(ctx, path, empty, |e| {
        e.target_unchecked_into::<HtmlInputElement>().value()
    });
    html! {
        <div class="field">
            <label for={id.clone()}>{ label.to_string() }</label>
            <input id={id.clone()} type={kind.to_string()} data-path={ps} value={value}
                placeholder={placeholder.to_string()}
                aria-invalid={if invalid { "true" } else { "false" }}
                aria-describedby={described} {oninput} />
            { problems }
        </div>
    }
}

/// A multi-line text.
pub fn area(ctx: &Ctx, label: &str, path: Path, placeholder: &str, empty: Empty) -> Html {
    let ps = path_str(&path);
    let id = field_id(&ps);
    let value = ctx.str_at(&path);
    let (problems, invalid, described) = problem_list(ctx, &ps, &id);
    let oninput = on_text(ctx, path, empty, |e| {
        e.target_unchecked_into::<HtmlTextAreaElement>().value()
    });
    html! {
        <div class="field">
            <label for={id.clone()}>{ label.to_string() }</label>
            <textarea id={id.clone()} data-path={ps} value={value} rows="3"
                placeholder={placeholder.to_string()}
                aria-invalid={if invalid { "true" } else { "false" }}
                aria-describedby={described} {oninput} />
            { problems }
        </div>
    }
}

/// An integer (empty removes the key).
pub fn number(ctx: &Ctx, label: &str, path: Path, placeholder: &str) -> Html {
    let ps = path_str(&path);
    let id = field_id(&ps);
    let value = match ctx.get(&path) {
        Some(Value::Number(n)) => {
            let mut s = String::new();
            crate::engine::json::write_int(*n as i64, &mut s);
            s
        }
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    let (problems, invalid, described) = problem_list(ctx, &ps, &id);
    let edit = ctx.edit();
    let oninput = Callback::from(move |e: InputEvent| {
        let v = e.target_unchecked_into::<HtmlInputElement>().value();
        match v.trim().parse::<i64>() {
            Ok(n) => edit.emit(Edit::Set(path.clone(), doc::int(n))),
            Err(_) if v.trim().is_empty() => edit.emit(Edit::Remove(path.clone())),
            Err(_) => {}
        }
    });
    html! {
        <div class="field field-number">
            <label for={id.clone()}>{ label.to_string() }</label>
            <input id={id.clone()} type="number" data-path={ps} value={value}
                placeholder={placeholder.to_string()}
                aria-invalid={if invalid { "true" } else { "false" }}
                aria-describedby={described} {oninput} />
            { problems }
        </div>
    }
}

/// A checkbox for a boolean (`default` when the key is missing).
pub fn checkbox(ctx: &Ctx, label: &str, path: Path, default: bool) -> Html {
    let ps = path_str(&path);
    let id = field_id(&ps);
    let checked = ctx.get(&path).and_then(Value::as_bool).unwrap_or(default);
    let (problems, _, _) = problem_list(ctx, &ps, &id);
    let edit = ctx.edit();
    let onchange = Callback::from(move |e: Event| {
        let v = e.target_unchecked_into::<HtmlInputElement>().checked();
        edit.emit(Edit::Set(path.clone(), Value::Bool(v)));
    });
    html! {
        <div class="field field-check">
            <input id={id.clone()} type="checkbox" data-path={ps} {checked} {onchange} />
            <label for={id.clone()}>{ label.to_string() }</label>
            { problems }
        </div>
    }
}

/// A choice among `options` (value, label); the empty value removes the key.
pub fn select(ctx: &Ctx, label: &str, path: Path, options: &[(String, String)]) -> Html {
    let ps = path_str(&path);
    let id = field_id(&ps);
    let value = ctx.str_at(&path);
    let (problems, invalid, described) = problem_list(ctx, &ps, &id);
    let edit = ctx.edit();
    let onchange = Callback::from(move |e: Event| {
        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
        if v.is_empty() {
            edit.emit(Edit::Remove(path.clone()));
        } else {
            edit.emit(Edit::Set(path.clone(), doc::string(&v)));
        }
    });
    html! {
        <div class="field">
            <label for={id.clone()}>{ label.to_string() }</label>
            <select id={id.clone()} data-path={ps} {onchange}
                aria-invalid={if invalid { "true" } else { "false" }} aria-describedby={described}>
                { for options.iter().map(|(v, l)| html! {
                    <option value={v.clone()} selected={*v == value}>{ l.clone() }</option>
                }) }
            </select>
            { problems }
        </div>
    }
}

/// `(value, label)` pairs from string slices.
pub fn opts(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect()
}
