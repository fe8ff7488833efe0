//! The meeting page, the meeting lists and the planning form on a forum page.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{
    get_meeting, get_participants, AcceptAddition, AddAgendaItem, CancelMeeting, CreateMeeting, CreateNextMeeting, DeclineAddition, DeleteAgendaItem, DeleteMaterial, EditAgendaItem,
    EscalateAgendaItem, MoveAddition, MoveAgendaItem, PostRoundTableUpdate, ProposeAddition, PublishAgenda, RecordAttendance, SendAgendaUpdate,
};
use super::dto::{AgendaItemView, AgendaView, MaterialView, MeetingDetail, MeetingRow, ParticipantView, ITEM_KINDS};
use crate::components::fields::{errors_about, field_error, field_value, form_errors, CheckboxGroup, FileField, FormStatus, SelectField, TextArea, TextField};
use crate::comments::dto::Thread;
use crate::comments::view::{CommentActs, CommentStatus, CommentThread};
use crate::error::FormErrors;
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
    let action = crate::components::server_action::<CreateMeeting>();
    let errors = form_errors(action.value());
    view! {
        <details class="panel" open=move || action.value().with(Option::is_some)>
            <summary class="panel__summary">{t(K::MeetingCreate)}</summary>
            <ActionForm action=action>
                <FormStatus action=action/>
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
    let acts = Acts::new();
    let comments = CommentActs::new();
    let data = Resource::new(id, get_meeting);
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(m) => view! { <MeetingView m acts comments/> }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

/// Every action of the meeting page; any of them finishing reloads the meeting.
#[derive(Clone, Copy)]
struct Acts {
    cancel: ServerAction<CancelMeeting>,
    add: ServerAction<AddAgendaItem>,
    mv: ServerAction<MoveAgendaItem>,
    delete: ServerAction<DeleteAgendaItem>,
    publish: ServerAction<PublishAgenda>,
    edit: ServerAction<EditAgendaItem>,
    update_mail: ServerAction<SendAgendaUpdate>,
    propose: ServerAction<ProposeAddition>,
    accept: ServerAction<AcceptAddition>,
    move_addition: ServerAction<MoveAddition>,
    decline: ServerAction<DeclineAddition>,
    delete_material: ServerAction<DeleteMaterial>,
    post_update: ServerAction<PostRoundTableUpdate>,
    attendance: ServerAction<RecordAttendance>,
    note: ServerAction<crate::actions::api::AddActionNote>,
    escalate: ServerAction<EscalateAgendaItem>,
}

impl Acts {
    fn new() -> Self {
        Acts {
            cancel: crate::components::server_action(),
            add: crate::components::server_action(),
            mv: crate::components::server_action(),
            delete: crate::components::server_action(),
            publish: crate::components::server_action(),
            edit: crate::components::server_action(),
            update_mail: crate::components::server_action(),
            propose: crate::components::server_action(),
            accept: crate::components::server_action(),
            move_addition: crate::components::server_action(),
            decline: crate::components::server_action(),
            delete_material: crate::components::server_action(),
            post_update: crate::components::server_action(),
            attendance: crate::components::server_action(),
            note: crate::components::server_action(),
            escalate: crate::components::server_action(),
        }
    }
}

/// "Forum: title", or only the title when it already names the forum (as most meetings do).
pub fn meeting_label(forum: &str, title: &str) -> String {
    if title.starts_with(forum) {
        title.to_string()
    } else {
        format!("{forum}: {title}")
    }
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

fn addition_status_key(status: &str) -> K {
    match status {
        "accepted" => K::AdditionAccepted,
        "declined" => K::AdditionDeclined,
        _ => K::AdditionPending,
    }
}

/// "4/9" — the short date of the decks.
fn short_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}/{}", d.day(), d.month())
}

fn file_size(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0)).replace('.', ",")
    } else {
        format!("{} kB", (bytes + 1023) / 1024)
    }
}

/// The upload result carried back in the address after a plain form post.
#[derive(Clone, Default)]
struct UploadOutcome {
    target: String,
    error: Option<K>,
    done: bool,
}

fn upload_error_key(code: &str) -> K {
    match code {
        "type" => K::ErrFileType,
        "size" => K::ErrFileTooLarge,
        "missing" => K::ErrFileMissing,
        "decided" => K::ErrAdditionDecided,
        "denied" => K::ForbiddenText,
        _ => K::ErrorText,
    }
}

const ACCEPT: &str = ".pdf,.pptx,.docx,.xlsx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

/// A plain multipart form (works without JavaScript); the server answers with a redirect back here.
#[component]
fn UploadForm(action: String, target: String, #[prop(optional)] pre_reading: bool, outcome: UploadOutcome) -> impl IntoView {
    let error = (outcome.target == target).then_some(outcome.error).flatten();
    let done = outcome.target == target && outcome.done;
    let scope = format!("up-{target}");
    view! {
        <form method="post" enctype="multipart/form-data" action=action class="upload">
            {done.then(|| view! { <p class="notice notice--ok" role="status">{t(K::MaterialUploaded)}</p> })}
            {error.map(|_| view! { <p class="notice notice--error" role="alert">{t(K::ErrFormHasErrors)}</p> })}
            <FileField scope=scope.clone() label=K::MaterialFile hint=K::MaterialHint accept=ACCEPT error/>
            {pre_reading.then(|| {
                let id = format!("f-{scope}-pre");
                view! {
                    <div class="checkbox">
                        <input type="checkbox" id=id.clone() name="pre_reading" value="on"/>
                        <label for=id>{t(K::PreReading)}</label>
                    </div>
                }
            })}
            <div class="form-actions"><button type="submit" class="button">{t(K::Upload)}</button></div>
        </form>
    }
}

/// A list of files with size, kind, pre-reading mark and, for those who may, a delete button.
#[component]
fn Materials(list: Vec<MaterialView>, delete: ServerAction<DeleteMaterial>) -> impl IntoView {
    if list.is_empty() {
        return ().into_any();
    }
    view! {
        <ul class="materials">
            {list.into_iter().map(|mat| {
                let name = mat.file_name.clone();
                view! {
                    <li class="materials__item">
                        <a href=mat.url.clone() class="materials__link">{mat.file_name.clone()}</a>
                        <span class="muted">" (" {mat.kind.clone()} ", " {file_size(mat.size_bytes)} ")"</span>
                        {mat.pre_reading.then(|| view! { <span class="badge badge--pre">{t(K::PreReading)}</span> })}
                        {mat.can_delete.then(|| view! {
                            <ActionForm action=delete attr:class="inline-form">
                                <input type="hidden" name="material_id" value=mat.id.to_string()/>
                                <button type="submit" class="button button--small button--quiet">{t(K::DeleteMaterial)}<span class="visually-hidden">": " {name}</span></button>
                            </ActionForm>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn ItemFields(scope: String, errors: Signal<Option<FormErrors>>, item: Option<AgendaItemView>) -> impl IntoView {
    let v = |name: &'static str, d: String| field_value(errors, name, d);
    let i = item.clone();
    view! {
        <TextField scope=scope.clone() name="title" label=K::ItemTitle required=true value=v("title", i.as_ref().map(|i| i.title.clone()).unwrap_or_default()) error=field_error(errors, "title")/>
        <div class="grid-2">
            <TextField scope=scope.clone() name="presenters" label=K::Presenters hint=K::PresentersHint value=v("presenters", i.as_ref().map(|i| i.presenters.clone()).unwrap_or_default()) error=field_error(errors, "presenters")/>
            <TextField scope=scope.clone() name="duration_minutes" label=K::Duration kind="number" required=true value=v("duration_minutes", i.as_ref().map(|i| i.duration_minutes.to_string()).unwrap_or_else(|| "15".into())) error=field_error(errors, "duration_minutes")/>
            <SelectField scope=scope.clone() name="kind" label=K::ItemKind options=ITEM_KINDS.iter().map(|k| (k.to_string(), t(kind_key(k)).to_string())).collect() value=v("kind", i.as_ref().map(|i| i.kind.clone()).unwrap_or_else(|| "information".into())) error=field_error(errors, "kind")/>
        </div>
        <TextArea scope=scope name="description" label=K::Description hint=K::PurposeHint value=v("description", i.map(|i| i.description.clone()).unwrap_or_default()) error=field_error(errors, "description")/>
    }
}

#[component]
fn Agenda(
    meeting_id: i32,
    a: AgendaView,
    acts: Acts,
    outcome: UploadOutcome,
    feedback: Option<crate::actions::dto::FeedbackView>,
    threads: Vec<Thread>,
    agenda_thread: Option<Thread>,
    comments: CommentActs,
) -> impl IntoView {
    let lang = use_lang();
    let errors = form_errors(acts.add.value());
    let edit_errors = form_errors(acts.edit.value());
    let mid = meeting_id.to_string();
    let (mid_add, mid_pub) = (mid.clone(), mid.clone());
    let count = a.items.len();
    let any_changed = a.items.iter().any(|i| i.changed.is_some());
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
            <FormStatus action=acts.mv/>
            <FormStatus action=acts.delete/>
            <FormStatus action=acts.publish success=K::AgendaPublished/>
            <FormStatus action=acts.edit success=K::ItemSaved/>
            <FormStatus action=acts.update_mail success=K::UpdateMailSent/>
            <FormStatus action=acts.escalate success=K::EscalatedDone/>
            {(a.can_edit && count > 1).then(|| view! {
                <p class="muted">{t(K::DragHint)}</p>
                <super::drag::AgendaDrag meeting_id failed=t(K::ReorderFailed).to_string()/>
            })}
            {(a.visible && a.items.is_empty()).then(|| view! { <p>{t(K::AgendaEmpty)}</p> })}
            <ol class="agenda__items" data-meeting=mid.clone()>
                {a.items.into_iter().enumerate().map(|(idx, i)| {
                    let iid = i.id.to_string();
                    let can = a.can_edit;
                    let item = i.clone();
                    let outcome = outcome.clone();
                    view! {
                        <li class="agenda__item" id=format!("item-{}", i.id) data-item=iid.clone() draggable=if can { "true" } else { "false" }>
                            <div class="agenda__time">{format_time(lang, i.starts)} "–" {format_time(lang, i.ends)}</div>
                            <div class="agenda__body">
                                <h3 class="agenda__title">{i.title.clone()}</h3>
                                <p class="agenda__meta">
                                    <span class="badge">{t(kind_key(&i.kind))}</span>
                                    {(!i.presenters.is_empty()).then(|| view! { <span>{i.presenters.clone()}</span> })}
                                    {i.received.clone().map(|(d, from)| view! { <span class="badge badge--received">{t(K::ReceivedOn)} " " {short_date(d)} " " {t(K::From)} " " {from}</span> })}
                                    {i.changed.map(|d| view! { <span class="badge badge--changed">{t(K::ChangedOn)} " " {short_date(d)}</span> })}
                                </p>
                                <div class="prose" inner_html=i.description_html.clone()></div>
                                {(i.kind == "feedback").then(|| feedback.clone().map(|fb| view! { <Feedback fb note=acts.note/> }))}
                                {i.escalated_to.clone().map(|l| view! {
                                    <p class="escalation">{t(K::EscalatedTo)} " " <a href=format!("/meetings/{}#agenda-h", l.meeting_id)>{l.forum_name.clone()} ", " {format_date(lang, l.date)}</a> " " <span class="badge">{t(status_key(&l.status))}</span></p>
                                })}
                                {i.escalated_from.clone().map(|l| view! {
                                    <p class="escalation">{t(K::EscalatedFrom)} " " <a href=format!("/meetings/{}#agenda-h", l.meeting_id)>{l.forum_name.clone()} ", " {format_date(lang, l.date)}</a> " " <span class="badge">{t(status_key(&l.status))}</span></p>
                                })}
                                {i.presents.iter().map(|(kind, id, title)| {
                                    let (label, href) = if kind == "survey" { (K::ItemSurveyLink, format!("/surveys/{id}")) } else { (K::ItemConsultationLink, format!("/consultations/{id}")) };
                                    view! { <p class="presents">{t(label)} ": " <a href=href>{title.clone()}</a></p> }
                                }).collect_view()}
                                {(a.can_escalate && i.escalated_to.is_none() && i.escalated_from.is_none()).then(|| { let title = i.title.clone(); view! {
                                    <ActionForm action=acts.escalate attr:class="inline-form">
                                        <input type="hidden" name="item_id" value=i.id.to_string()/>
                                        <button type="submit" class="button button--small button--quiet">{t(K::EscalateItem)}<span class="visually-hidden">": " {title}</span></button>
                                    </ActionForm>
                                }})}
                                <Materials list=i.materials.clone() delete=acts.delete_material/>
                                {threads.iter().find(|th| th.target_id == i.id).cloned().map(|th| view! {
                                    <details class="item-comments no-print">
                                        <summary>{t(K::CommentsCount)} " (" {th.count} ")"<span class="visually-hidden">": " {i.title.clone()}</span></summary>
                                        <CommentThread thread=th acts=comments/>
                                    </details>
                                })}
                                {can.then(|| {
                                    let (a1, a2, a3, a4) = (iid.clone(), iid.clone(), iid.clone(), iid.clone());
                                    let (t1, t2, t3) = (i.title.clone(), i.title.clone(), i.title.clone());
                                    let scope = format!("item{}", i.id);
                                    let errs = errors_about(edit_errors, i.id);
                                    let open = move || errs.get().is_some();
                                    let upload_open = outcome.target == format!("item-{}", i.id);
                                    view! {
                                        <div class="row-actions">
                                            {(idx > 0).then(|| view! {
                                                <ActionForm action=acts.mv attr:class="inline-form">
                                                    <input type="hidden" name="item_id" value=a1/>
                                                    <input type="hidden" name="direction" value="up"/>
                                                    <button type="submit" class="button button--small">{t(K::MoveUp)}<span class="visually-hidden">": " {t1}</span></button>
                                                </ActionForm>
                                            })}
                                            {(idx + 1 < count).then(|| view! {
                                                <ActionForm action=acts.mv attr:class="inline-form">
                                                    <input type="hidden" name="item_id" value=a2/>
                                                    <input type="hidden" name="direction" value="down"/>
                                                    <button type="submit" class="button button--small">{t(K::MoveDown)}<span class="visually-hidden">": " {t2}</span></button>
                                                </ActionForm>
                                            })}
                                            <ActionForm action=acts.delete attr:class="inline-form">
                                                <input type="hidden" name="item_id" value=a3/>
                                                <button type="submit" class="button button--small button--quiet">{t(K::DeleteItem)}<span class="visually-hidden">": " {t3}</span></button>
                                            </ActionForm>
                                        </div>
                                        <details class="panel panel--inner" open=open>
                                            <summary class="panel__summary">{t(K::EditItem)}<span class="visually-hidden">": " {i.title.clone()}</span></summary>
                                            <ActionForm action=acts.edit>
                                                <input type="hidden" name="item_id" value=a4/>
                                                <ItemFields scope errors=errs item=Some(item)/>
                                                <div class="form-actions"><button type="submit" class="button button--primary">{t(K::Save)}</button></div>
                                            </ActionForm>
                                        </details>
                                        <details class="panel panel--inner" open=upload_open>
                                            <summary class="panel__summary">{t(K::AddMaterial)}<span class="visually-hidden">": " {i.title.clone()}</span></summary>
                                            <UploadForm action=format!("/meetings/{meeting_id}/materials?item={}", i.id) target=format!("item-{}", i.id) pre_reading=true outcome/>
                                        </details>
                                    }
                                })}
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {agenda_thread.map(|th| view! {
                <section class="agenda-comments no-print" aria-labelledby="agenda-comments-h">
                    <h3 id="agenda-comments-h">{t(K::AgendaComments)}</h3>
                    <CommentThread thread=th acts=comments/>
                </section>
            })}
            <FormStatus action=acts.add success=K::ItemAdded/>
            {a.can_edit.then(|| view! {
                <details class="panel" open=move || errors.get().is_some()>
                    <summary class="panel__summary">{t(K::AddItem)}</summary>
                    <ActionForm action=acts.add>
                        <input type="hidden" name="meeting_id" value=mid_add/>
                        <ItemFields scope="new".to_string() errors item=None/>
                        <div class="form-actions"><button type="submit" class="button button--primary">{t(K::AddItem)}</button></div>
                    </ActionForm>
                </details>
                {let mid = mid_pub; match a.published {
                    None => view! {
                        <ActionForm action=acts.publish>
                            <input type="hidden" name="meeting_id" value=mid.clone()/>
                            <button type="submit" class="button button--primary">{t(K::PublishAgenda)}</button>
                        </ActionForm>
                    }.into_any(),
                    Some(_) if any_changed => view! {
                        <ActionForm action=acts.update_mail>
                            <input type="hidden" name="meeting_id" value=mid.clone()/>
                            <p class="muted">{t(K::UpdateMailHint)}</p>
                            <button type="submit" class="button">{t(K::SendUpdateMail)}</button>
                        </ActionForm>
                    }.into_any(),
                    Some(_) => ().into_any(),
                }}
            })}
        </section>
    }
}

/// The actions of the previous meeting, inside the feedback item; notes can be added right here.
#[component]
fn Feedback(fb: crate::actions::dto::FeedbackView, note: ServerAction<crate::actions::api::AddActionNote>) -> impl IntoView {
    use crate::actions::pages::state_key;
    let lang = use_lang();
    let slug = fb.forum_slug.clone();
    let shown = fb.actions.len();
    let states: Vec<(String, String)> = std::iter::once((String::new(), t(K::KeepState).to_string()))
        .chain(crate::actions::dto::STATES.iter().map(|s| (s.to_string(), t(state_key(s)).to_string())))
        .collect();
    view! {
        <div class="feedback">
            <h4 class="feedback__title">{t(K::FeedbackTitle)} " " <a href=format!("/meetings/{}", fb.previous_id)>{format_date(lang, fb.previous_date)}</a></h4>
            <FormStatus action=note success=K::NoteAdded/>
            {if fb.actions.is_empty() {
                view! { <p>{t(K::FeedbackNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="feedback__list">
                        {fb.actions.into_iter().map(|a| {
                            let scope = format!("fb{}", a.number);
                            let slug = slug.clone();
                            let states = states.clone();
                            view! {
                                <li class="feedback__action">
                                    <p class="feedback__head">
                                        <a href=format!("/forums/{slug}/actions/{}", a.number)>{a.number} ". " {a.title.clone()}</a>
                                        {(!a.owner.is_empty()).then(|| view! { <span class="muted">{a.owner.clone()}</span> })}
                                        {a.raised_there.then(|| view! { <span class="badge badge--received">{t(K::RaisedThen)}</span> })}
                                    </p>
                                    <p class="feedback__states">
                                        {t(K::StateThen)} " " <span class="badge">{t(state_key(&a.state_then))}</span>
                                        " → " {t(K::StateNow)} " " <span class="badge">{t(state_key(&a.state_now))}</span>
                                    </p>
                                    <ul class="plain feedback__notes">
                                        {a.notes_since.iter().map(|n| view! { <li><strong>{n.date.to_string()}</strong> " " {n.body.clone()}</li> }).collect_view()}
                                    </ul>
                                    {a.can_note.then(|| view! {
                                        <details class="panel panel--inner">
                                            <summary class="panel__summary">{t(K::AddNote)}<span class="visually-hidden">": " {a.number} ". " {a.title.clone()}</span></summary>
                                            <ActionForm action=note>
                                                <input type="hidden" name="slug" value=slug.clone()/>
                                                <input type="hidden" name="number" value=a.number.to_string()/>
                                                <input type="hidden" name="note_date" value=""/>
                                                <TextArea scope=scope.clone() name="body" label=K::NoteText required=true error=Signal::derive(|| None)/>
                                                <SelectField scope=scope name="state" label=K::NewState options=states error=Signal::derive(|| None)/>
                                                <div class="form-actions"><button type="submit" class="button">{t(K::AddNote)}</button></div>
                                            </ActionForm>
                                        </details>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(fb.total > shown).then(|| view! {
                <p class="feedback__more">
                    {format!("{} {shown} {} {} {}", t(K::Showing), t(K::Of), fb.total, t(K::FeedbackCut))} " "
                    <a href=format!("/forums/{}/actions?state=active", fb.forum_slug)>{t(K::FeedbackAllOpen)}</a>
                </p>
            })}
        </div>
    }
}

#[component]
fn Additions(m: std::sync::Arc<MeetingDetail>, acts: Acts, outcome: UploadOutcome) -> impl IntoView {
    let lang = use_lang();
    let propose_errors = form_errors(acts.propose.value());
    let accept_errors = form_errors(acts.accept.value());
    let move_errors = form_errors(acts.move_addition.value());
    let decline_errors = form_errors(acts.decline.value());
    let show = m.can_propose || !m.additions.is_empty();
    if !show {
        return ().into_any();
    }
    let my_org = m.organisation_choices.clone();
    let later = m.later_meetings.clone();
    let can_manage = m.can_manage;
    let mid = m.id;
    view! {
        <section aria-labelledby="additions-h" id="additions" class="panel">
            <h2 id="additions-h">{t(K::Additions)}</h2>
            <FormStatus action=acts.accept success=K::AdditionAcceptedDone/>
            <FormStatus action=acts.move_addition success=K::AdditionMovedDone/>
            <FormStatus action=acts.decline success=K::AdditionDeclinedDone/>
            {(!m.additions.is_empty()).then(|| view! {
                <ul class="additions">
                    {m.additions.clone().into_iter().map(|a| {
                        let pending = a.status == "pending";
                        let aid = a.id;
                        let (acc, mv, dec) = (errors_about(accept_errors, aid), errors_about(move_errors, aid), errors_about(decline_errors, aid));
                        let scope = format!("add{aid}");
                        let later = later.clone();
                        let outcome = outcome.clone();
                        view! {
                            <li class="addition">
                                <h3 class="addition__title">{a.title.clone()}</h3>
                                <p class="agenda__meta">
                                    <span class="badge" class:badge--ok=a.status == "accepted" class:badge--changed=a.status == "declined">{t(addition_status_key(&a.status))}</span>
                                    <span>{t(K::ReceivedOn)} " " {format_date(lang, a.received)} " " {t(K::From)} " " {a.organisations.join(", ")}</span>
                                    {(!a.proposer.is_empty()).then(|| view! { <span class="muted">"(" {a.proposer.clone()} ")"</span> })}
                                </p>
                                {a.moved_from.clone().map(|f| view! { <p class="muted">{t(K::MovedFrom)} " " {f}</p> })}
                                {(!a.presenter.is_empty()).then(|| view! { <p>{t(K::Presenters)} ": " {a.presenter.clone()}</p> })}
                                <div class="prose" inner_html=a.description_html.clone()></div>
                                {a.reason.clone().map(|r| view! { <p class="notice">{t(K::Reason)} " " {r}</p> })}
                                <Materials list=a.materials.clone() delete=acts.delete_material/>
                                {(pending && a.mine).then(|| view! {
                                    <details class="panel panel--inner" open=outcome.target == format!("addition-{aid}")>
                                        <summary class="panel__summary">{t(K::AddMaterial)}<span class="visually-hidden">": " {a.title.clone()}</span></summary>
                                        <UploadForm action=format!("/additions/{aid}/materials") target=format!("addition-{aid}") outcome=outcome.clone()/>
                                    </details>
                                })}
                                {(pending && can_manage).then(|| { let (t1, t2, t3) = (a.title.clone(), a.title.clone(), a.title.clone()); let (s1, s2, s3) = (format!("{scope}-acc"), format!("{scope}-mv"), format!("{scope}-dec")); view! {
                                    <div class="review">
                                        <ActionForm action=acts.accept attr:class="review__form">
                                            <input type="hidden" name="addition_id" value=aid.to_string()/>
                                            <TextField scope=s1 name="duration_minutes" label=K::Duration kind="number" required=true value=field_value(acc, "duration_minutes", "15".into()) error=field_error(acc, "duration_minutes")/>
                                            <button type="submit" class="button button--primary">{t(K::AcceptAddition)}<span class="visually-hidden">": " {t1}</span></button>
                                        </ActionForm>
                                        {(!later.is_empty()).then(|| view! {
                                            <ActionForm action=acts.move_addition attr:class="review__form">
                                                <input type="hidden" name="addition_id" value=aid.to_string()/>
                                                <SelectField scope=s2 name="target" label=K::MoveToMeeting required=true
                                                    options=later.iter().map(|l| (l.id.to_string(), format!("{} – {}", l.title, format_span(lang, l.starts, l.ends)))).collect()
                                                    error=field_error(mv, "target")/>
                                                <button type="submit" class="button">{t(K::MoveAddition)}<span class="visually-hidden">": " {t2}</span></button>
                                            </ActionForm>
                                        })}
                                        <ActionForm action=acts.decline attr:class="review__form">
                                            <input type="hidden" name="addition_id" value=aid.to_string()/>
                                            <TextField scope=s3 name="reason" label=K::DeclineReason required=true value=field_value(dec, "reason", String::new()) error=field_error(dec, "reason")/>
                                            <button type="submit" class="button button--quiet">{t(K::DeclineAddition)}<span class="visually-hidden">": " {t3}</span></button>
                                        </ActionForm>
                                    </div>
                                }})}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            <FormStatus action=acts.propose success=K::AdditionSent/>
            {m.can_propose.then(|| view! {
                <details class="panel panel--inner" open=move || propose_errors.get().is_some()>
                    <summary class="panel__summary">{t(K::ProposeAddition)}</summary>
                    <p>{t(K::ProposeAdditionHint)}</p>
                    <ActionForm action=acts.propose>
                        <input type="hidden" name="meeting_id" value=mid.to_string()/>
                        <TextField scope="prop" name="title" label=K::ItemTitle required=true value=field_value(propose_errors, "title", String::new()) error=field_error(propose_errors, "title")/>
                        <TextField scope="prop" name="presenter" label=K::Presenters hint=K::PresentersHint value=field_value(propose_errors, "presenter", String::new()) error=field_error(propose_errors, "presenter")/>
                        <TextArea scope="prop" name="description" label=K::Description hint=K::PurposeHint value=field_value(propose_errors, "description", String::new()) error=field_error(propose_errors, "description")/>
                        <CheckboxGroup scope="prop" name="organisations" legend=K::AdditionOrganisations
                            options=my_org.iter().map(|o| (o.id.to_string(), o.name.clone(), my_org.len() == 1)).collect()
                            error=field_error(propose_errors, "organisations")/>
                        <div class="form-actions"><button type="submit" class="button button--primary">{t(K::SendAddition)}</button></div>
                    </ActionForm>
                </details>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn RoundTable(m: std::sync::Arc<MeetingDetail>, acts: Acts) -> impl IntoView {
    let lang = use_lang();
    let errors = form_errors(acts.post_update.value());
    if m.updates.is_empty() && !m.can_post_update {
        return ().into_any();
    }
    let mine = m.my_update.clone().unwrap_or_default();
    view! {
        <section aria-labelledby="round-h" id="round-table" class="panel">
            <h2 id="round-h">{t(K::KindRoundTable)}</h2>
            {m.updates.is_empty().then(|| view! { <p>{t(K::NoUpdates)}</p> })}
            <ul class="updates">
                {m.updates.clone().into_iter().map(|u| view! {
                    <li class="update">
                        <h3 class="update__org">{u.organisation}</h3>
                        <div class="prose" inner_html=u.body_html></div>
                        <p class="muted">{t(K::UpdatedOn)} " " {format_date(lang, u.updated)}</p>
                    </li>
                }).collect_view()}
            </ul>
            {m.can_post_update.then(|| view! {
                <ActionForm action=acts.post_update>
                    <FormStatus action=acts.post_update success=K::Saved/>
                    <input type="hidden" name="meeting_id" value=m.id.to_string()/>
                    <TextArea scope="rt" name="body" label=K::MyUpdate hint=K::MyUpdateHint required=true value=field_value(errors, "body", mine) error=field_error(errors, "body")/>
                    <div class="form-actions"><button type="submit" class="button button--primary">{t(K::SaveUpdate)}</button></div>
                </ActionForm>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn Participants(m: std::sync::Arc<MeetingDetail>, acts: Acts) -> impl IntoView {
    if m.participants_total == 0 {
        return ().into_any();
    }
    let (total, present) = (m.participants_total, m.participants_present);
    view! {
        <section aria-labelledby="participants-h" id="participants" class="panel">
            <h2 id="participants-h">{t(K::Participants)}</h2>
            <p class="muted">{t(K::InvitedAre)} " " {total} {(present > 0).then(|| view! { ", " {present} " " {t(K::AttendedCount)} })}</p>
            {if m.participants.is_empty() {
                // A large forum: the list has a page of its own.
                view! {
                    <p><a href=format!("/meetings/{}/participants", m.id)>{t(K::ShowAllParticipants)}</a></p>
                }.into_any()
            } else {
                view! {
                    <FormStatus action=acts.attendance/>
                    <ParticipantTable meeting_id=m.id participants=m.participants.clone() record=m.can_record_attendance action=acts.attendance/>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

/// The invited with their attendance, and for the secretariat a button to mark each.
#[component]
fn ParticipantTable(meeting_id: i32, participants: Vec<ParticipantView>, record: bool, action: ServerAction<RecordAttendance>) -> impl IntoView {
    let mid = meeting_id.to_string();
    view! {
        <div class="table-wrap"><table class="table">
            <thead><tr><th scope="col">{t(K::Name)}</th><th scope="col">{t(K::Organisation)}</th><th scope="col">{t(K::Attendance)}</th></tr></thead>
            <tbody>
                {participants.into_iter().map(|p| {
                    let mid = mid.clone();
                    let name = p.name.clone();
                    view! {
                        <tr>
                            <td>{p.name.clone()}</td>
                            <td>{p.organisation.clone()}</td>
                            <td>
                                {match p.attended { Some(true) => t(K::Present), Some(false) => t(K::Absent), None => "–" }}
                                {record.then(|| {
                                    let (set, label) = if p.attended == Some(true) { ("no", K::MarkAbsent) } else { ("yes", K::MarkPresent) };
                                    view! {
                                        <ActionForm action=action attr:class="inline-form">
                                            <input type="hidden" name="meeting_id" value=mid/>
                                            <input type="hidden" name="user_id" value=p.user_id.to_string()/>
                                            <input type="hidden" name="attended" value=set/>
                                            <button type="submit" class="button button--small">{t(label)}<span class="visually-hidden">": " {name}</span></button>
                                        </ActionForm>
                                    }
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table></div>
    }
}

/// Every participant of a meeting, for forums too large to list them on the meeting page.
#[component]
pub fn ParticipantsPageView() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0);
    let attendance = crate::components::server_action::<RecordAttendance>();
    let data = Resource::new(id, get_participants);
    let lang = use_lang();
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(p) => {
                    let present = p.present;
                    view! {
                        <Title text=format!("{} – {}", t(K::Participants), p.meeting_title)/>
                        <p class="breadcrumb">
                            <a href=format!("/forums/{}", p.forum_slug)>{p.forum_name.clone()}</a>
                            " › "
                            <a href=format!("/meetings/{}", p.meeting_id)>{p.meeting_title.clone()}</a>
                        </p>
                        <h1>{t(K::Participants)} ": " {p.meeting_title.clone()}</h1>
                        <p class="muted">
                            {format_date(lang, p.starts.date())} ". " {t(K::InvitedAre)} " " {p.participants.len()}
                            {(present > 0).then(|| view! { ", " {present} " " {t(K::AttendedCount)} })}
                        </p>
                        <FormStatus action=attendance/>
                        <ParticipantTable meeting_id=p.meeting_id participants=p.participants record=p.can_record_attendance action=attendance/>
                    }.into_any()
                }
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn MeetingView(m: MeetingDetail, acts: Acts, comments: CommentActs) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let outcome = query.with_untracked(|q| UploadOutcome {
        target: q.get("target").unwrap_or_default(),
        error: q.get("upload_error").map(|c| upload_error_key(&c)),
        done: q.get("uploaded").is_some(),
    });
    let cancel = acts.cancel;
    let errors = form_errors(cancel.value());
    let next_action = crate::components::server_action::<CreateNextMeeting>();
    let next_errors = form_errors(next_action.value());
    let cancelled = m.status == "cancelled";
    // The agenda's parts move into the agenda; the rest is shared, not copied, by the sections.
    let mut m = m;
    let (feedback, item_threads, agenda_thread) = (m.feedback.take(), std::mem::take(&mut m.item_threads), m.agenda_thread.take());
    let items: Vec<(String, String)> = if m.new_action_choices.is_some() { m.agenda.items.iter().map(|i| (i.id.to_string(), i.title.clone())).collect() } else { vec![] };
    let agenda = std::mem::take(&mut m.agenda);
    let m = std::sync::Arc::new(m);
    let mid = m.id;
    view! {
        <Title text=m.title.clone()/>
        <p class="breadcrumb"><a href=format!("/forums/{}", m.forum_slug)>{m.forum_name.clone()}</a></p>
        <h1>{m.title.clone()}</h1>
        <p class="meta">
            <strong class="when">{format_span(lang, m.starts, m.ends)}</strong>
            <span class="badge">{t(status_key(&m.status))}</span>
            <a class="button button--small" href=format!("/meetings/{}/calendar.ics", mid)>{t(K::AddToCalendar)}</a>
        </p>
        {m.cancel_reason.clone().map(|r| view! { <p class="notice notice--error">{t(K::CancelledBecause)} " " {r}</p> })}
        <dl class="facts">
            {m.place.clone().map(|p| view! { <dt>{t(K::Place)}</dt><dd>{p}</dd> })}
            {m.online_url.clone().filter(|_| !cancelled).map(|u| view! {
                <dt>{t(K::OnlineUrl)}</dt><dd><a href=u.clone() rel="noopener noreferrer">{t(K::JoinOnline)}</a></dd>
            })}
        </dl>
        {(m.summary_state.is_some() || m.can_write_summary).then(|| {
            let published = m.summary_state.as_deref() == Some("published");
            view! {
                <p class="notice summary-link">
                    <a class="button" href=format!("/meetings/{}/summary", mid)>{t(if published { K::ReadSummary } else if m.can_write_summary { K::WriteSummary } else { K::SummaryLink })}</a>
                    {m.summary_state.clone().filter(|s| s != "published").map(|s| view! { " " <span class="badge">{t(if s == "review" { K::SummaryInReview } else { K::SummaryDraft })}</span> })}
                </p>
            }
        })}
        <CommentStatus acts=comments/>
        <Agenda meeting_id=mid a=agenda acts outcome=outcome.clone() feedback threads=item_threads agenda_thread comments/>
        {(!m.materials.is_empty() || m.can_manage).then(|| view! {
            <section aria-labelledby="materials-h" id="materials" class="panel">
                <h2 id="materials-h">{t(K::MeetingMaterials)}</h2>
                {m.materials.is_empty().then(|| view! { <p>{t(K::NoMaterials)}</p> })}
                <Materials list=m.materials.clone() delete=acts.delete_material/>
                <FormStatus action=acts.delete_material/>
                {m.can_manage.then(|| view! { <UploadForm action=format!("/meetings/{}/materials", mid) target="meeting".to_string() pre_reading=true outcome=outcome.clone()/> })}
            </section>
        })}
        <Additions m=m.clone() acts outcome=outcome.clone()/>
        {m.new_action_choices.clone().map(|c| {
            let (slug, slug2) = (m.forum_slug.clone(), m.forum_slug.clone());
            let create = crate::components::server_action::<crate::actions::api::CreateAction>();
            let items: Vec<(String, String)> = std::iter::once((String::new(), t(K::NoItem).to_string()))
                .chain(items)
                .collect();
            view! {
                <details class="panel" id="new-actions" open=move || create.value().with(Option::is_some)>
                    <summary class="panel__summary">{t(K::NewActionsFromMeeting)}</summary>
                    <ActionForm action=create>
                        <FormStatus action=create/>
                        <input type="hidden" name="slug" value=slug/>
                        <input type="hidden" name="meeting_id" value=mid.to_string()/>
                        <SelectField scope="act" name="item_id" label=K::RaisedAtItem options=items error=Signal::derive(|| None)/>
                        <crate::actions::pages::NewActionFields create owners=c.owners people=c.people organisations=c.organisations scope="act"/>
                        <div class="form-actions"><button type="submit" class="button button--primary">{t(K::ActionCreate)}</button></div>
                    </ActionForm>
                    <p><a href=format!("/forums/{}/actions?meeting={}", slug2, mid)>{t(K::ActionList)}</a></p>
                </details>
            }
        })}
        <RoundTable m=m.clone() acts/>
        <Participants m=m.clone() acts/>
        <section aria-labelledby="next-h" class="panel">
            <h2 id="next-h">{t(K::NextMeeting)}</h2>
            {match m.next.clone() {
                Some(n) => view! { <p><a href=format!("/meetings/{}", n.id)>{n.title}</a> " – " {format_span(lang, n.starts, n.ends)}</p> }.into_any(),
                None => view! { <p>{t(K::NoNextMeeting)}</p> }.into_any(),
            }}
        </section>
        {m.can_manage.then(|| view! {
            <details class="panel" open=move || next_action.value().with(Option::is_some)>
                <summary class="panel__summary">{t(K::CreateNextMeeting)}</summary>
                <p>{t(K::CreateNextMeetingHint)}</p>
                <ActionForm action=next_action>
                    <FormStatus action=next_action/>
                    <input type="hidden" name="meeting_id" value=mid.to_string()/>
                    <TextField scope="next" name="date" label=K::MeetingDate kind="date" required=true value=field_value(next_errors, "date", String::new()) error=field_error(next_errors, "date")/>
                    <div class="form-actions"><button type="submit" class="button button--primary">{t(K::CreateNextMeeting)}</button></div>
                </ActionForm>
            </details>
        })}
        {(m.can_manage && !cancelled).then(|| view! {
            <details class="panel" open=move || cancel.value().with(Option::is_some)>
                <summary class="panel__summary">{t(K::CancelMeeting)}</summary>
                <ActionForm action=cancel>
                    <FormStatus action=cancel success=K::MeetingCancelled/>
                    <input type="hidden" name="id" value=mid.to_string()/>
                    <TextArea scope="cancel" name="reason" label=K::CancelReason required=true value=field_value(errors, "reason", String::new()) error=field_error(errors, "reason")/>
                    <div class="form-actions"><button type="submit" class="button">{t(K::CancelMeeting)}</button></div>
                </ActionForm>
            </details>
        })}
    }
}
