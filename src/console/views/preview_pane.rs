//! The live preview beside the forms: the widget's own [`WidgetView`],
//! in a shadow root with the widget's own stylesheet, rendering
//! what the engine does with the draft ([`crate::console::preview`]). The
//! frame is transformed, so the widget's fixed positioning is relative to it.

use std::rc::Rc;

use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;

use crate::console::i18n::{tr, trs};
use crate::console::preview::{self, PreviewRun};
use crate::console::state::{Hours, Msg, PreviewMsg, PreviewOpts};
use crate::ui::{stylesheet, Lang, UiEvent, WidgetView};

#[derive(Properties, PartialEq)]
pub struct PreviewPaneProps {
    pub lang: Lang,
    pub text: Rc<str>,
    pub opts: PreviewOpts,
    /// (id, label) of the draft's establishments.
    pub establishments: Vec<(String, String)>,
    pub on_msg: Callback<Msg>,
}

#[function_component]
pub fn PreviewPane(props: &PreviewPaneProps) -> Html {
    let lang = props.lang;
    let t = |en, fr| tr(lang, en, fr);
    let host = use_node_ref();
    let mount = use_state(|| None::<(web_sys::ShadowRoot, Element)>);
    {
        let (host, mount) = (host.clone(), mount.clone());
        use_effect_with((), move |_| {
            if let Some(el) = host.cast::<Element>() {
                let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
                if let Ok(root) = el.attach_shadow(&init) {
                    if let Some(div) = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.create_element("div").ok())
                    {
                        let _ = root.append_child(&div);
                        mount.set(Some((root, div)));
                    }
                }
            }
        });
    }
    let run: Rc<Option<PreviewRun>> = {
        let (text, opts) = (props.text.clone(), props.opts.clone());
        use_memo((text, opts), |(text, opts)| preview::run(text, opts))
    };
    {
        let css = (*run).as_ref().map(|r| stylesheet(&r.theme));
        let mount = (*mount).clone();
        use_effect_with((css, mount.is_some()), move |(css, _)| {
            if let (Some(css), Some((root, _))) = (css, mount) {
                crate::platform::dom::adopt_stylesheet(&root, css);
            }
        });
    }
    {
        // The widget's own view, mounted once in the shadow root and given
        // each new state; its events go to the current `on_msg`.
        let view = use_mut_ref(|| None::<WidgetView>);
        let latest = use_mut_ref(|| (props.on_msg.clone(), false));
        *latest.borrow_mut() = (props.on_msg.clone(), props.opts.open);
        let state = (*run).as_ref().map(|r| r.state.clone());
        let div = (*mount).as_ref().map(|(_, div)| div.clone());
        use_effect_with((state, div), move |(state, div)| {
            if let (Some(state), Some(div)) = (state, div) {
                let mut view = view.borrow_mut();
                let view = view.get_or_insert_with(|| {
                    WidgetView::mount(div, move |event| {
                        let (on, open) = latest.borrow().clone();
                        let msg = match event {
                            UiEvent::Toggle => PreviewMsg::Open(!open),
                            UiEvent::Close => PreviewMsg::Open(false),
                            UiEvent::Starter(i) => PreviewMsg::Starter(i),
                            UiEvent::PreviewOpen(_) => PreviewMsg::Open(true),
                            UiEvent::PreviewDismiss(_) => PreviewMsg::Dismiss,
                            // The preview has no one to answer.
                            UiEvent::Send(_) => return,
                        };
                        on.emit(Msg::Preview(msg));
                    })
                });
                view.render(state);
            }
        });
    }
    let send = |m: PreviewMsg| {
        let on = props.on_msg.clone();
        move || on.emit(Msg::Preview(m.clone()))
    };
    let o = &props.opts;
    let note = match &*run {
        None => {
            html! { <p class="preview-note problem error">{ t("The preview needs a valid JSON document (see the JSON tab).", "L'aperçu a besoin d'un document JSON valide (voir l'onglet JSON).") }</p> }
        }
        Some(r) => {
            let mut notes = Vec::new();
            if !r.hours_found {
                notes.push(match o.hours {
                    Hours::Outside => t(
                        "No business hours: the chat is always open.",
                        "Pas d'horaires : le chat est toujours ouvert.",
                    )
                    .to_string(),
                    Hours::Inside => t(
                        "The business hours are never open.",
                        "Les horaires ne sont jamais ouverts.",
                    )
                    .to_string(),
                });
            }
            if !o.open {
                notes.push(match &r.proactive {
                    Some((id, s)) => trs(
                        lang,
                        format!("Proactive message: {id}, after {s} s on the page."),
                        format!("Message proactif : {id}, après {s} s sur la page."),
                    ),
                    None => t(
                        "No proactive message in the first 10 minutes on this page.",
                        "Aucun message proactif dans les 10 premières minutes sur cette page.",
                    )
                    .to_string(),
                });
            }
            html! { <p class="preview-note" id="preview-note">{ notes.join(" ") }</p> }
        }
    };
    let select = |id: &'static str,
                  label: &'static str,
                  options: Vec<(String, String)>,
                  value: String,
                  f: Rc<dyn Fn(String) -> PreviewMsg>| {
        let on = props.on_msg.clone();
        let onchange = Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            on.emit(Msg::Preview(f(v)));
        });
        html! {
            <div class="field compact">
                <label for={id}>{ label }</label>
                <select {id} {onchange}>
                    { for options.into_iter().map(|(v, l)| html! { <option value={v.clone()} selected={v == value}>{ l }</option> }) }
                </select>
            </div>
        }
    };
    let mut ests = vec![(
        String::new(),
        t("First establishment", "Premier établissement").to_string(),
    )];
    ests.extend(props.establishments.iter().cloned());
    let lang_value = match o.lang {
        None => "",
        Some(Lang::Fr) => "fr",
        Some(Lang::En) => "en",
    }
    .to_string();
    let url_field = {
        let on = props.on_msg.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            on.emit(Msg::Preview(PreviewMsg::Url(v)));
        });
        html! {
            <div class="field compact wide">
                <label for="pv-url">{ t("Page (URL or path)", "Page (URL ou chemin)") }</label>
                <input id="pv-url" type="text" inputmode="url" spellcheck="false" value={o.url.clone()}
                    placeholder={format!("{}/", preview::SHOP)} {oninput} />
            </div>
        }
    };
    let restart = {
        let f = send(PreviewMsg::Restart);
        Callback::from(move |_: MouseEvent| f())
    };
    let toggle = {
        let f = send(PreviewMsg::Open(!o.open));
        Callback::from(move |_: MouseEvent| f())
    };
    let frame_class = if o.phone {
        "frame phone"
    } else {
        "frame desktop"
    };
    html! {
        <aside class="preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{ t("Preview", "Aperçu") }</h2>
            <div class="preview-controls">
                { url_field }
                { select("pv-establishment", t("Establishment", "Établissement"), ests, o.establishment.clone().unwrap_or_default(),
                    Rc::new(|v: String| PreviewMsg::Establishment(Some(v).filter(|v| !v.is_empty())))) }
                { select("pv-lang", t("Language", "Langue"),
                    vec![(String::new(), t("The site's", "Celle du site").into()), ("fr".into(), "Français".into()), ("en".into(), "English".into())],
                    lang_value, Rc::new(|v: String| PreviewMsg::Lang(match v.as_str() { "fr" => Some(Lang::Fr), "en" => Some(Lang::En), _ => None }))) }
                { select("pv-hours", t("Business hours", "Horaires"),
                    vec![("in".into(), t("Inside", "Pendant").into()), ("out".into(), t("Outside", "En dehors").into())],
                    if o.hours == Hours::Inside { "in".into() } else { "out".into() },
                    Rc::new(|v: String| PreviewMsg::Hours(if v == "out" { Hours::Outside } else { Hours::Inside }))) }
                { select("pv-team", t("Team", "Équipe"),
                    vec![(String::new(), t("As configured", "Comme configurée").into()), ("online".into(), t("Online", "En ligne").into()),
                         ("busy".into(), t("Busy", "Occupée").into()), ("offline".into(), t("Offline", "Hors ligne").into())],
                    o.team.clone().unwrap_or_default(), Rc::new(|v: String| PreviewMsg::Team(Some(v).filter(|v| !v.is_empty())))) }
                { select("pv-width", t("Width", "Largeur"),
                    vec![("desktop".into(), t("Desktop", "Ordinateur").into()), ("phone".into(), t("Phone", "Téléphone").into())],
                    if o.phone { "phone".into() } else { "desktop".into() }, Rc::new(|v: String| PreviewMsg::Phone(v == "phone"))) }
                <div class="preview-buttons">
                    <button type="button" class="secondary small" id="pv-toggle" onclick={toggle}>
                        { if o.open { t("Close the chat", "Fermer le chat") } else { t("Open the chat", "Ouvrir le chat") } }
                    </button>
                    <button type="button" class="small" onclick={restart}>{ t("Start again", "Recommencer") }</button>
                </div>
            </div>
            { note }
            <div class={frame_class} role="region" aria-label={t("The widget as visitors see it", "Le widget tel que le voient les internautes")}>
                <div class="fake-page" aria-hidden="true"><div class="fake-bar"></div><div class="fake-line"></div><div class="fake-line short"></div><div class="fake-block"></div></div>
                <div class="widget-host" ref={host}></div>
            </div>
        </aside>
    }
}
