//! The meeting page, the meeting lists and the planning form on a forum page.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::api::{get_meeting, CancelMeeting, CreateMeeting};
use super::dto::{MeetingDetail, MeetingRow};
use crate::components::fields::{field_error, field_value, form_errors, FormStatus, SelectField, TextArea, TextField};
use crate::components::status::ErrorView;
use crate::components::{t, use_lang};
use crate::i18n::{format_span, K};

pub fn status_key(status: &str) -> K {
    match status {
        "proposed" => K::StatusProposed,
        "agenda_published" => K::StatusAgendaPublished,
        "held" => K::StatusHeld,
        "summary_published" => K::StatusSummaryPublished,
        "cancelled" => K::StatusCancelled,
        _ => K::StatusPlanned,
    }
}

/// A list of meetings with date, title and status.
#[component]
pub fn MeetingList(rows: Vec<MeetingRow>, empty: K) -> impl IntoView {
    let lang = use_lang();
    if rows.is_empty() {
        return view! { <p>{t(empty)}</p> }.into_any();
    }
    view! {
        <ul class="meeting-list">
            {rows.into_iter().map(|m| view! {
                <li class:meeting-list__cancelled=m.status == "cancelled">
                    <a href=format!("/meetings/{}", m.id)>{m.title}</a>
                    <span class="meeting-list__when">{format_span(lang, m.starts, m.ends)}</span>
                    <span class="badge">{t(status_key(&m.status))}</span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The planning form of a forum page (secretariat).
#[component]
pub fn PlanMeetingForm(forum_slug: String) -> impl IntoView {
    let action = ServerAction::<CreateMeeting>::new();
    let errors = form_errors(action.value());
    view! {
        <details class="panel">
            <summary class="panel__summary">{t(K::MeetingCreate)}</summary>
            <ActionForm action=action>
                <FormStatus value=action.value()/>
                <input type="hidden" name="forum_slug" value=forum_slug/>
                <TextField name="title" label=K::MeetingTitle required=true value=field_value(errors, "title", String::new()) error=field_error(errors, "title")/>
                <div class="grid-2">
                    <TextField name="date" label=K::MeetingDate kind="date" required=true value=field_value(errors, "date", String::new()) error=field_error(errors, "date")/>
                    <TextField name="start" label=K::MeetingStart hint=K::TimeHint required=true value=field_value(errors, "start", "14.00".into()) error=field_error(errors, "start")/>
                    <TextField name="end" label=K::MeetingEnd hint=K::TimeHint required=true value=field_value(errors, "end", "16.00".into()) error=field_error(errors, "end")/>
                    <TextField name="place" label=K::Place value=field_value(errors, "place", String::new()) error=field_error(errors, "place")/>
                    <TextField name="online_url" label=K::OnlineUrl kind="url" value=field_value(errors, "online_url", String::new()) error=field_error(errors, "online_url")/>
                    <SelectField name="status" label=K::Status
                        options=vec![("planned".into(), t(K::StatusPlanned).into()), ("proposed".into(), t(K::StatusProposed).into())]
                        value=field_value(errors, "status", "planned".into()) error=field_error(errors, "status")/>
                </div>
                <div class="form-actions"><button type="submit" class="button button--primary">{t(K::MeetingCreate)}</button></div>
            </ActionForm>
        </details>
    }
}

#[component]
pub fn MeetingPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0);
    let cancel = ServerAction::<CancelMeeting>::new();
    let data = Resource::new(move || (id(), cancel.version().get()), |(id, _)| get_meeting(id));
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(m) => view! { <MeetingView m cancel/> }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn MeetingView(m: MeetingDetail, cancel: ServerAction<CancelMeeting>) -> impl IntoView {
    let lang = use_lang();
    let errors = form_errors(cancel.value());
    let cancelled = m.status == "cancelled";
    view! {
        <Title text=m.title.clone()/>
        <p class="breadcrumb"><a href=format!("/forums/{}", m.forum_slug)>{m.forum_name.clone()}</a></p>
        <h1>{m.title.clone()}</h1>
        <p class="meta">
            <strong class="when">{format_span(lang, m.starts, m.ends)}</strong>
            <span class="badge">{t(status_key(&m.status))}</span>
        </p>
        {m.cancel_reason.clone().map(|r| view! { <p class="notice notice--error">{t(K::CancelledBecause)} " " {r}</p> })}
        <dl class="facts">
            {m.place.clone().map(|p| view! { <dt>{t(K::Place)}</dt><dd>{p}</dd> })}
            {m.online_url.clone().filter(|_| !cancelled).map(|u| view! {
                <dt>{t(K::OnlineUrl)}</dt><dd><a href=u.clone() rel="noopener noreferrer">{t(K::JoinOnline)}</a></dd>
            })}
        </dl>
        <section aria-labelledby="next-h" class="panel">
            <h2 id="next-h">{t(K::NextMeeting)}</h2>
            {match m.next.clone() {
                Some(n) => view! { <p><a href=format!("/meetings/{}", n.id)>{n.title}</a> " – " {format_span(lang, n.starts, n.ends)}</p> }.into_any(),
                None => view! { <p>{t(K::NoNextMeeting)}</p> }.into_any(),
            }}
        </section>
        {(m.can_manage && !cancelled).then(|| view! {
            <details class="panel">
                <summary class="panel__summary">{t(K::CancelMeeting)}</summary>
                <ActionForm action=cancel>
                    <FormStatus value=cancel.value() success=K::MeetingCancelled/>
                    <input type="hidden" name="id" value=m.id.to_string()/>
                    <TextArea name="reason" label=K::CancelReason required=true value=field_value(errors, "reason", String::new()) error=field_error(errors, "reason")/>
                    <div class="form-actions"><button type="submit" class="button">{t(K::CancelMeeting)}</button></div>
                </ActionForm>
            </details>
        })}
    }
}
