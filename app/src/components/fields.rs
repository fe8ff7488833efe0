//! Form fields that show a translated error next to themselves and keep what was typed.
use leptos::prelude::*;

use super::{t, use_lang};
use crate::error::{AppError, FormErrors};
use crate::i18n::K;

/// User text as the content of a `<textarea>`. Leptos writes a textarea's children unescaped, and
/// the browser decodes entities there but ends the element at `</textarea>`: without this, a text
/// holding `</textarea>` would turn the rest into page markup. Only the server writes HTML; in the
/// browser a text node is made from the plain text.
pub fn textarea_text(s: &str) -> String {
    if cfg!(feature = "ssr") {
        s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    } else {
        s.to_string()
    }
}

/// The form errors of an action's latest result, if it failed validation.
pub fn form_errors<T, S>(value: S) -> Signal<Option<FormErrors>>
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.get().and_then(|r| r.err()).and_then(|e| e.form_errors().cloned()))
}

/// The errors of one record's form among many on a page (see `AppError::about`).
pub fn errors_about(errors: Signal<Option<FormErrors>>, id: i32) -> Signal<Option<FormErrors>> {
    Signal::derive(move || errors.get().filter(|f| f.value("about").as_deref() == Some(id.to_string().as_str())))
}

/// A field's error and the value to refill after a failed post.
pub fn field_error(errors: Signal<Option<FormErrors>>, name: &'static str) -> Signal<Option<K>> {
    Signal::derive(move || errors.get().and_then(|f| f.field(name)))
}

pub fn field_value(errors: Signal<Option<FormErrors>>, name: &'static str, default: String) -> Signal<String> {
    Signal::derive(move || errors.get().and_then(|f| f.value(name)).unwrap_or_else(|| default.clone()))
}

/// Element ids of a field and what its control's `aria-describedby` names (hint, then error).
struct FieldIds {
    id: String,
    err_id: String,
    hint_id: String,
    described: String,
}

impl FieldIds {
    /// `scope` tells apart forms on one page that share field names (ids must be unique).
    fn new(scope: &str, name: &str, has_hint: bool) -> Self {
        let id = if scope.is_empty() { format!("f-{name}") } else { format!("f-{scope}-{name}") };
        let err_id = format!("{id}-err");
        let hint_id = format!("{id}-hint");
        let described = if has_hint { format!("{hint_id} {err_id}") } else { err_id.clone() };
        FieldIds { id, err_id, hint_id, described }
    }
}

/// The label of a field, with "(obligatoriskt)" when required.
#[component]
fn FieldLabel(id: String, label: K, required: bool) -> impl IntoView {
    let lang = use_lang();
    view! {
        <label for=id>
            {label.in_lang(lang)}
            {required.then(|| view! { <span class="field__req">" (" {K::Required.in_lang(lang)} ")"</span> })}
        </label>
    }
}

/// The error line of a field, referenced by the control's `aria-describedby`.
#[component]
fn FieldError(id: String, error: Signal<Option<K>>) -> impl IntoView {
    let lang = use_lang();
    view! { <p class="field__error" id=id>{move || error.get().map(|k| k.in_lang(lang))}</p> }
}

#[component]
pub fn TextField(
    name: &'static str,
    label: K,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<K>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(into)] error: Signal<Option<K>>,
    #[prop(optional, into)] scope: String,
) -> impl IntoView {
    let lang = use_lang();
    let FieldIds { id, err_id, hint_id, described } = FieldIds::new(&scope, name, hint.is_some());
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <FieldLabel id=id.clone() label required/>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h.in_lang(lang)}</p> })}
            <FieldError id=err_id error/>
            <input
                id=id
                name=name
                type=kind.unwrap_or("text")
                autocomplete=autocomplete
                required=required
                value=move || value.get()
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described
            />
        </div>
    }
}

#[component]
pub fn TextArea(
    name: &'static str,
    label: K,
    #[prop(optional)] hint: Option<K>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(into)] error: Signal<Option<K>>,
    #[prop(optional, into)] scope: String,
) -> impl IntoView {
    let lang = use_lang();
    let FieldIds { id, err_id, hint_id, described } = FieldIds::new(&scope, name, hint.is_some());
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <FieldLabel id=id.clone() label required/>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h.in_lang(lang)}</p> })}
            <FieldError id=err_id error/>
            <textarea
                id=id
                name=name
                rows="8"
                required=required
                prop:value=move || value.get()
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described
            >{textarea_text(&value.get_untracked())}</textarea>
        </div>
    }
}

#[component]
pub fn SelectField(
    name: &'static str,
    label: K,
    /// (value, label)
    options: Vec<(String, String)>,
    #[prop(optional)] required: bool,
    #[prop(optional)] placeholder: bool,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(into)] error: Signal<Option<K>>,
    #[prop(optional, into)] scope: String,
) -> impl IntoView {
    let lang = use_lang();
    let FieldIds { id, err_id, .. } = FieldIds::new(&scope, name, false);
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <FieldLabel id=id.clone() label required/>
            <FieldError id=err_id.clone() error/>
            <select
                id=id
                name=name
                required=required
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=err_id
            >
                {placeholder.then(|| view! { <option value="">{K::ChooseOption.in_lang(lang)}</option> })}
                {options
                    .into_iter()
                    .map(|(v, l)| {
                        let v2 = v.clone();
                        view! { <option value=v selected=move || value.get() == v2>{l}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The summary at the top of a failed form, and the success message after a good one: from the
/// action's result when it ran in the browser, from `__ok` when the form was posted (see
/// `ssr::ctx::respond`).
#[component]
pub fn FormStatus<S>(action: ServerAction<S>, #[prop(optional)] success: Option<K>) -> impl IntoView
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let value = action.value();
    let posted = posted_ok(S::PATH);
    view! {
        <div class="form-status" aria-live="polite">
            {move || match value.get() {
                Some(Err(e)) => Some(view! { <p class="notice notice--error" role="alert">{t(e.message())}</p> }.into_any()),
                // `None` after a post whose result was too long for the address (`server_action`).
                done => success.filter(|_| done.is_some() || posted).map(|k| view! { <p class="notice notice--ok" role="status">{t(k)}</p> }.into_any()),
            }}
        </div>
    }
}

/// Whether this page is where a plain post to the server function at `path` came back to after
/// it succeeded (and no later post failed).
pub fn posted_ok(path: &str) -> bool {
    leptos_router::hooks::use_query_map().with_untracked(|q| q.get_str("__err").is_none() && q.get_str("__ok") == Some(path))
}

/// A file field for the plain multipart upload forms (they work the same with or without script).
#[component]
pub fn FileField(scope: String, label: K, hint: K, accept: &'static str, error: Option<K>) -> impl IntoView {
    let lang = use_lang();
    let FieldIds { id, err_id, hint_id, described } = FieldIds::new(&scope, "file", true);
    view! {
        <div class="field" class:field--invalid=error.is_some()>
            <FieldLabel id=id.clone() label required=true/>
            <p class="field__hint" id=hint_id>{hint.in_lang(lang)}</p>
            <p class="field__error" id=err_id>{error.map(|k| k.in_lang(lang))}</p>
            <input id=id name="file" type="file" required=true accept=accept aria-invalid=if error.is_some() { "true" } else { "false" } aria-describedby=described/>
        </div>
    }
}

/// A group of checkboxes named `name[<value>]`, which a server function reads as a map.
#[component]
pub fn CheckboxGroup(
    name: &'static str,
    legend: K,
    /// (value, label, checked)
    options: Vec<(String, String, bool)>,
    #[prop(into)] error: Signal<Option<K>>,
    #[prop(optional, into)] scope: String,
    /// No "(obligatoriskt)" after the legend.
    #[prop(optional)] optional: bool,
) -> impl IntoView {
    let lang = use_lang();
    let FieldIds { id, err_id, .. } = FieldIds::new(&scope, name, false);
    let described = err_id.clone();
    view! {
        <fieldset class="field checkboxes" class:field--invalid=move || error.get().is_some() aria-describedby=described>
            <legend>{legend.in_lang(lang)} {(!optional).then(|| view! { <span class="field__req">" (" {K::Required.in_lang(lang)} ")"</span> })}</legend>
            <FieldError id=err_id error/>
            {options.into_iter().map(|(v, l, checked)| {
                let cid = format!("{id}-{v}");
                view! {
                    <div class="checkbox">
                        <input type="checkbox" id=cid.clone() name=format!("{name}[{v}]") value="on" checked=checked/>
                        <label for=cid>{l}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn textarea_text_cannot_end_the_element() {
        assert_eq!(super::textarea_text("a </textarea><img src=x> & b"), "a &lt;/textarea&gt;&lt;img src=x&gt; &amp; b");
    }
}
