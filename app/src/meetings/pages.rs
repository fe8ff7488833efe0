//! The meeting page, the meeting lists and the planning form on a forum page.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::api::{get_meeting, AddAgendaItem, CancelMeeting, CreateMeeting, CreateNextMeeting, DeleteAgendaItem, MoveAgendaItem, PublishAgenda};
use super::dto::{AgendaView, MeetingDetail, MeetingRow, ITEM_KINDS};
use crate::components::fields::{field_error, field_value, form_errors, FormStatus, SelectField, TextArea, TextField};
use crate::components::status::ErrorView;
use crate::components::{t, use_lang};
use crate::i18n::{format_date, format_span, format_time, K};

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
    let acts = AgendaActions { add: ServerAction::new(), mv: ServerAction::new(), delete: ServerAction::new(), publish: ServerAction::new() };
    let data = Resource::new(
        move || (id(), cancel.version().get(), acts.add.version().get(), acts.mv.version().get(), acts.delete.version().get(), acts.publish.version().get()),
        |(id, ..)| get_meeting(id),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(m) => view! { <MeetingView m cancel acts/> }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[derive(Clone, Copy)]
struct AgendaActions {
    add: ServerAction<AddAgendaItem>,
    mv: ServerAction<MoveAgendaItem>,
    delete: ServerAction<DeleteAgendaItem>,
    publish: ServerAction<PublishAgenda>,
}

pub fn kind_key(kind: &str) -> K {
    match kind {
        "discussion" => K::KindDiscussion,
        "decision" => K::KindDecision,
        "feedback" => K::KindFeedback,
        "round_table" => K::KindRoundTable,
        "summary" => K::KindSummary,
        "next_meeting" => K::KindNextMeeting,
        _ => K::KindInformation,
    }
}

#[component]
fn Agenda(meeting_id: i32, a: AgendaView, acts: AgendaActions) -> impl IntoView {
    let lang = use_lang();
    let errors = form_errors(acts.add.value());
    let mid = meeting_id.to_string();
    let mid2 = mid.clone();
    let count = a.items.len();
    view! {
        <section aria-labelledby="agenda-h" class="agenda">
            <h2 id="agenda-h">{t(K::Agenda)}</h2>
            {match (a.visible, a.published) {
                (false, _) => view! { <p class="notice">{t(K::AgendaNotPublished)}</p> }.into_any(),
                (true, Some((date, days))) => view! {
                    <p class="muted">{t(K::AgendaPublishedOn)} " " {format_date(lang, date)} ", " {days} " " {t(K::DaysBeforeMeeting)}</p>
                }.into_any(),
                (true, None) => view! { <p class="notice">{t(K::AgendaDraft)}</p> }.into_any(),
            }}
            <FormStatus value=acts.mv.value()/>
            <FormStatus value=acts.delete.value()/>
            <FormStatus value=acts.publish.value() success=K::AgendaPublished/>
            {(a.visible && a.items.is_empty()).then(|| view! { <p>{t(K::AgendaEmpty)}</p> })}
            <ol class="agenda__items">
                {a.items.into_iter().enumerate().map(|(idx, i)| {
                    let iid = i.id.to_string();
                    let can = a.can_edit;
                    view! {
                        <li class="agenda__item">
                            <div class="agenda__time">{format_time(lang, i.starts)} "–" {format_time(lang, i.ends)}</div>
                            <div class="agenda__body">
                                <h3 class="agenda__title">{i.title.clone()}</h3>
                                <p class="agenda__meta">
                                    <span class="badge">{t(kind_key(&i.kind))}</span>
                                    {(!i.presenters.is_empty()).then(|| view! { <span>{i.presenters.clone()}</span> })}
                                    {i.changed.map(|d| view! { <span class="badge badge--changed">{t(K::ChangedOn)} " " {format_date(lang, d)}</span> })}
                                </p>
                                <div class="prose" inner_html=i.description_html.clone()></div>
                                {can.then(|| {
                                    let (a1, a2, a3) = (iid.clone(), iid.clone(), iid.clone());
                                    let (t1, t2, t3) = (i.title.clone(), i.title.clone(), i.title.clone());
                                    view! {
                                        <div class="row-actions">
                                            {(idx > 0).then(|| view! {
                                                <ActionForm action=acts.mv>
                                                    <input type="hidden" name="item_id" value=a1/>
                                                    <input type="hidden" name="direction" value="up"/>
                                                    <button type="submit" class="button button--small">{t(K::MoveUp)}<span class="visually-hidden">": " {t1}</span></button>
                                                </ActionForm>
                                            })}
                                            {(idx + 1 < count).then(|| view! {
                                                <ActionForm action=acts.mv>
                                                    <input type="hidden" name="item_id" value=a2/>
                                                    <input type="hidden" name="direction" value="down"/>
                                                    <button type="submit" class="button button--small">{t(K::MoveDown)}<span class="visually-hidden">": " {t2}</span></button>
                                                </ActionForm>
                                            })}
                                            <ActionForm action=acts.delete>
                                                <input type="hidden" name="item_id" value=a3/>
                                                <button type="submit" class="button button--small button--quiet">{t(K::DeleteItem)}<span class="visually-hidden">": " {t3}</span></button>
                                            </ActionForm>
                                        </div>
                                    }
                                })}
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {a.can_edit.then(|| view! {
                <details class="panel">
                    <summary class="panel__summary">{t(K::AddItem)}</summary>
                    <ActionForm action=acts.add>
                        <FormStatus value=acts.add.value() success=K::ItemAdded/>
                        <input type="hidden" name="meeting_id" value=mid.clone()/>
                        <TextField name="title" label=K::ItemTitle required=true value=field_value(errors, "title", String::new()) error=field_error(errors, "title")/>
                        <div class="grid-2">
                            <TextField name="presenters" label=K::Presenters hint=K::PresentersHint value=field_value(errors, "presenters", String::new()) error=field_error(errors, "presenters")/>
                            <TextField name="duration_minutes" label=K::Duration kind="number" required=true value=field_value(errors, "duration_minutes", "15".into()) error=field_error(errors, "duration_minutes")/>
                            <SelectField name="kind" label=K::ItemKind options=ITEM_KINDS.iter().map(|k| (k.to_string(), t(kind_key(k)).to_string())).collect() value=field_value(errors, "kind", "information".into()) error=field_error(errors, "kind")/>
                        </div>
                        <TextArea name="description" label=K::Description hint=K::PurposeHint value=field_value(errors, "description", String::new()) error=field_error(errors, "description")/>
                        <div class="form-actions"><button type="submit" class="button button--primary">{t(K::AddItem)}</button></div>
                    </ActionForm>
                </details>
                {a.published.is_none().then(|| view! {
                    <ActionForm action=acts.publish>
                        <input type="hidden" name="meeting_id" value=mid2/>
                        <button type="submit" class="button button--primary">{t(K::PublishAgenda)}</button>
                    </ActionForm>
                })}
            })}
        </section>
    }
}

#[component]
fn MeetingView(m: MeetingDetail, cancel: ServerAction<CancelMeeting>, acts: AgendaActions) -> impl IntoView {
    let lang = use_lang();
    let errors = form_errors(cancel.value());
    let next_action = ServerAction::<CreateNextMeeting>::new();
    let next_errors = form_errors(next_action.value());
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
        <Agenda meeting_id=m.id a=m.agenda.clone() acts/>
        <section aria-labelledby="next-h" class="panel">
            <h2 id="next-h">{t(K::NextMeeting)}</h2>
            {match m.next.clone() {
                Some(n) => view! { <p><a href=format!("/meetings/{}", n.id)>{n.title}</a> " – " {format_span(lang, n.starts, n.ends)}</p> }.into_any(),
                None => view! { <p>{t(K::NoNextMeeting)}</p> }.into_any(),
            }}
        </section>
        {m.can_manage.then(|| view! {
            <details class="panel">
                <summary class="panel__summary">{t(K::CreateNextMeeting)}</summary>
                <p>{t(K::CreateNextMeetingHint)}</p>
                <ActionForm action=next_action>
                    <FormStatus value=next_action.value()/>
                    <input type="hidden" name="meeting_id" value=m.id.to_string()/>
                    <TextField name="date" label=K::MeetingDate kind="date" required=true value=field_value(next_errors, "date", String::new()) error=field_error(next_errors, "date")/>
                    <div class="form-actions"><button type="submit" class="button button--primary">{t(K::CreateNextMeeting)}</button></div>
                </ActionForm>
            </details>
        })}
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
