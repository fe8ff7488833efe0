//! Consultation pages: a forum's list (`/forums/{slug}/consultations`) and one consultation
//! (`/consultations/{id}`) with the organisation's answer form and, for the secretariat, the
//! questions, the state per organisation and the answers compiled per question.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::api::{
    get_consultation, list_consultations, AddConsultationQuestion, CloseConsultation, CreateConsultation, DeleteConsultationQuestion, OpenConsultation, RemindConsultation,
    SaveConsultationAnswer,
};
use super::dto::{ConsultationPage, ConsultationRow, OrgStatus, DRAFT, LATE, SUBMITTED};
use crate::components::fields::{field_error, field_value, form_errors, FormStatus, SelectField, TextArea, TextField};
use crate::components::status::ErrorView;
use crate::components::{t, use_lang};
use crate::i18n::{format_date, format_datetime, K};
use crate::surveys::pages::{state_key, ResponseRate};

/// The label of an organisation's answer state.
pub fn answer_state_key(state: &str, late: bool) -> K {
    match (state, late) {
        (SUBMITTED, true) => K::StateSubmittedLate,
        (SUBMITTED, false) => K::StateSubmitted,
        (DRAFT, _) => K::StateAnswerDraft,
        (LATE, _) => K::StateLate,
        _ => K::StateNotStarted,
    }
}

fn badge_class(state: &str, late: bool) -> &'static str {
    match (state, late) {
        (SUBMITTED, false) => "badge badge--ok",
        (LATE, _) | (SUBMITTED, true) => "badge badge--changed",
        _ => "badge",
    }
}

#[component]
pub fn ConsultationListPage() -> impl IntoView {
    let params = use_params_map();
    let create = crate::components::server_action::<CreateConsultation>();
    let data = Resource::new(move || params.read().get("slug").unwrap_or_default(), list_consultations);
    let errors = form_errors(create.value());
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok((name, slug, manage, rows, items)) => {
                    let mut options = vec![("0".to_string(), t(K::NoneChoice).to_string())];
                    options.extend(items.into_iter().map(|(id, l)| (id.to_string(), l)));
                    view! {
                        <Title text=format!("{} – {}", t(K::ConsultationsTitle), name)/>
                        <p class="breadcrumb"><a href=format!("/forums/{slug}")>{name.clone()}</a></p>
                        <h1>{t(K::ConsultationsTitle)}</h1>
                        <ConsultationList rows/>
                        {manage.then(|| view! {
                            <details class="panel" open=move || errors.get().is_some()>
                                <summary class="panel__summary">{t(K::ConsultationCreate)}</summary>
                                <FormStatus action=create/>
                                <ActionForm action=create>
                                    <input type="hidden" name="slug" value=slug.clone()/>
                                    <TextField scope="cn" name="title" label=K::SurveyTitle required=true value=field_value(errors, "title", String::new()) error=field_error(errors, "title")/>
                                    <TextArea scope="cn" name="background" label=K::ConsultationBackground hint=K::MarkdownHint value=field_value(errors, "background", String::new()) error=field_error(errors, "background")/>
                                    <TextField scope="cn" name="deadline" label=K::ConsultationDeadline kind="date" required=true value=field_value(errors, "deadline", String::new()) error=field_error(errors, "deadline")/>
                                    <SelectField scope="cn" name="item_id" label=K::ConsultationItem options=options.clone() value=field_value(errors, "item_id", "0".into()) error=field_error(errors, "item_id")/>
                                    <div class="form-actions"><button type="submit" class="button button--primary">{t(K::ConsultationCreate)}</button></div>
                                </ActionForm>
                            </details>
                        })}
                    }.into_any()
                }
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
pub fn ConsultationList(rows: Vec<ConsultationRow>) -> impl IntoView {
    let lang = use_lang();
    if rows.is_empty() {
        return view! { <p>{t(K::NoConsultations)}</p> }.into_any();
    }
    view! {
        <ul class="meeting-list">
            {rows.into_iter().map(|c| view! {
                <li>
                    <a href=format!("/consultations/{}", c.id)>{c.title.clone()}</a>
                    <span class="badge">{t(state_key(&c.state))}</span>
                    <span class="meeting-list__when">{t(K::ConsultationDeadline)} " " {format_date(lang, c.deadline)}</span>
                    {(c.state != "draft" && c.organisations > 0).then(|| view! { <span>{format!("{} {} {} {}", c.submitted, t(K::Of), c.organisations, t(K::OrganisationsSubmitted))}</span> })}
                    {c.mine.clone().map(|m| view! { <span class=badge_class(&m, false)>{t(answer_state_key(&m, false))}</span> })}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[derive(Clone, Copy)]
struct Acts {
    add: ServerAction<AddConsultationQuestion>,
    delete: ServerAction<DeleteConsultationQuestion>,
    open: ServerAction<OpenConsultation>,
    close: ServerAction<CloseConsultation>,
    remind: ServerAction<RemindConsultation>,
    save: ServerAction<SaveConsultationAnswer>,
}

#[component]
pub fn ConsultationPageView() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|n| n.parse::<i32>().ok()).unwrap_or(0));
    let acts = Acts { add: crate::components::server_action(), delete: crate::components::server_action(), open: crate::components::server_action(), close: crate::components::server_action(), remind: crate::components::server_action(), save: crate::components::server_action() };
    let data = Resource::new(move || id.get(), get_consultation);
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(c) => view! { <Consultation c acts/> }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Consultation(c: ConsultationPage, acts: Acts) -> impl IntoView {
    let lang = use_lang();
    let cid = c.id.to_string();
    view! {
        <Title text=c.title.clone()/>
        <p class="breadcrumb"><a href=format!("/forums/{}", c.forum_slug)>{c.forum_name.clone()}</a> " › " <a href=format!("/forums/{}/consultations", c.forum_slug)>{t(K::ConsultationsTitle)}</a></p>
        <h1>{c.title.clone()}</h1>
        <p class="meta">
            <span class="badge">{t(state_key(&c.state))}</span>
            <span>{t(K::ConsultationDeadline)} " " <strong>{format_date(lang, c.deadline)}</strong></span>
        </p>
        {(c.state != "draft").then(|| view! { <ResponseRate answered=c.submitted invited=c.organisations label=K::OrganisationsSubmitted/> })}
        <div class="prose" inner_html=c.background_html.clone()></div>
        {c.item.clone().map(|(mid, label)| view! { <p>{t(K::ConsultationItem)} ": " <a href=format!("/meetings/{mid}")>{label}</a></p> })}
        {(!c.materials.is_empty()).then(|| view! {
            <h2>{t(K::ConsultationMaterials)}</h2>
            <ul class="plain">{c.materials.iter().map(|(_, name, url)| view! { <li><a href=url.clone()>{name.clone()}</a></li> }).collect_view()}</ul>
        })}
        <FormStatus action=acts.open success=K::ConsultationOpened/>
        <FormStatus action=acts.close success=K::ConsultationClosed/>
        {c.mine.clone().map(|mine| view! { <OrgAnswer c=c.clone() mine acts/> })}
        {(c.mine.is_none() && !c.can_manage).then(|| view! { <QuestionList c=c.clone() acts/> })}
        {c.can_manage.then(|| view! {
            <section class="panel no-print-controls" aria-labelledby="manage-c-h">
                <h2 id="manage-c-h">{t(K::ConsultationManage)}</h2>
                {if c.state == "draft" {
                    view! {
                        <QuestionList c=c.clone() acts/>
                        <QuestionForm c=c.clone() acts/>
                        <ActionForm action=acts.open attr:class="publish-form">
                            <input type="hidden" name="consultation_id" value=cid.clone()/>
                            <p class="muted">{t(K::ConsultationOpenHint)}</p>
                            <button type="submit" class="button button--primary">{t(K::ConsultationOpenButton)}</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! {
                        <p class="no-print"><a class="button" href=format!("/consultations/{}/answers.csv", c.id) download="">{t(K::ExportAnswersCsv)}</a></p>
                        <StatusTable statuses=c.statuses.clone()/>
                        {(c.state == "open").then(|| view! { <ManageOpen c=c.clone() acts/> })}
                        <h2>{t(K::ConsultationCompiled)}</h2>
                        {c.compiled.iter().map(|q| view! {
                            <section class="compiled">
                                <h3>{q.text.clone()}</h3>
                                {q.answers.is_empty().then(|| view! { <p class="muted">{t(K::NoAnswerYet)}</p> })}
                                {q.answers.iter().map(|(org, text, late)| view! {
                                    <blockquote class="compiled__answer">
                                        <p class="compiled__org"><strong>{org.clone()}</strong> {late.then(|| view! { " " <span class="badge badge--changed">{t(K::StateSubmittedLate)}</span> })}</p>
                                        <p class="pre-line">{text.clone()}</p>
                                    </blockquote>
                                }).collect_view()}
                            </section>
                        }).collect_view()}
                    }.into_any()
                }}
            </section>
        })}
    }
}

#[component]
fn ManageOpen(c: ConsultationPage, acts: Acts) -> impl IntoView {
    let lang = use_lang();
    let (cid, cid2) = (c.id.to_string(), c.id.to_string());
    view! {
        {move || match acts.remind.value().get() {
            Some(Ok(n)) => Some(view! { <p class="notice notice--ok" role="status">{t(K::ConsultationReminded)} " (" {n} ")"</p> }.into_any()),
            Some(Err(e)) => Some(view! { <p class="notice notice--error" role="alert">{t(e.message())}</p> }.into_any()),
            None => None,
        }}
        {c.last_reminded.map(|d| view! { <p class="muted">{t(K::SurveyLastReminded)} " " {format_date(lang, d)}</p> })}
        <div class="no-print">
            <ActionForm action=acts.remind attr:class="inline-form">
                <input type="hidden" name="consultation_id" value=cid.clone()/>
                <button type="submit" class="button">{t(K::ConsultationRemind)}</button>
            </ActionForm>
            " "
            <ActionForm action=acts.close attr:class="inline-form">
                <input type="hidden" name="consultation_id" value=cid2/>
                <button type="submit" class="button">{t(K::ConsultationCloseButton)}</button>
            </ActionForm>
        </div>
    }
}

#[component]
fn StatusTable(statuses: Vec<OrgStatus>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <table class="table">
            <caption>{t(K::ConsultationStatus)}</caption>
            <thead><tr><th scope="col">{t(K::Organisation)}</th><th scope="col">{t(K::Status)}</th><th scope="col">{t(K::ConsultationEditedBy)}</th><th scope="col">{t(K::ConsultationSubmittedBy)}</th></tr></thead>
            <tbody>
                {statuses.into_iter().map(|s| view! {
                    <tr>
                        <th scope="row">{s.organisation.clone()}</th>
                        <td><span class=badge_class(&s.state, s.late)>{t(answer_state_key(&s.state, s.late))}</span></td>
                        <td>{s.edited.clone().map(|(at, who)| format!("{who}, {}", format_datetime(lang, at)))}</td>
                        <td>{s.submitted.clone().map(|(at, who)| format!("{who}, {}", format_datetime(lang, at)))}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn QuestionList(c: ConsultationPage, acts: Acts) -> impl IntoView {
    let draft = c.state == "draft" && c.can_manage;
    let empty = c.questions.is_empty();
    view! {
        <h2>{t(K::SurveyQuestions)}</h2>
        {empty.then(|| view! { <p>{t(K::SurveyNoQuestions)}</p> })}
        <FormStatus action=acts.delete/>
        <ol class="question-list">
            {c.questions.into_iter().map(|q| {
                let title = q.text.clone();
                let qid = q.id.to_string();
                view! {
                    <li>
                        <strong>{q.text.clone()}</strong>
                        {(!q.help.is_empty()).then(|| view! { <br/><span class="muted">{q.help.clone()}</span> })}
                        {draft.then(|| view! {
                            <ActionForm action=acts.delete attr:class="inline-form">
                                <input type="hidden" name="question_id" value=qid.clone()/>
                                <button type="submit" class="button button--small">{t(K::Delete)}<span class="visually-hidden">": " {title.clone()}</span></button>
                            </ActionForm>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
fn QuestionForm(c: ConsultationPage, acts: Acts) -> impl IntoView {
    let errors = form_errors(acts.add.value());
    view! {
        <FormStatus action=acts.add success=K::QuestionAdded/>
        <details class="panel panel--inner" open=move || errors.get().is_some()>
            <summary class="panel__summary">{t(K::ConsultationAddQuestion)}</summary>
            <ActionForm action=acts.add>
                <input type="hidden" name="consultation_id" value=c.id.to_string()/>
                <TextField scope="cq" name="text" label=K::QuestionText required=true value=field_value(errors, "text", String::new()) error=field_error(errors, "text")/>
                <TextField scope="cq" name="help" label=K::QuestionHelp value=field_value(errors, "help", String::new()) error=field_error(errors, "help")/>
                <div class="form-actions"><button type="submit" class="button button--primary">{t(K::ConsultationAddQuestion)}</button></div>
            </ActionForm>
        </details>
    }
}

#[component]
fn OrgAnswer(c: ConsultationPage, mine: super::dto::MyOrgAnswer, acts: Acts) -> impl IntoView {
    let lang = use_lang();
    let errors = form_errors(acts.save.value());
    let s = mine.status.clone();
    view! {
        <section class="panel" aria-labelledby="org-answer-h">
            <h2 id="org-answer-h">{t(K::ConsultationYourAnswer)} " " {s.organisation.clone()}</h2>
            <p class="meta">
                <span class=badge_class(&s.state, s.late)>{t(answer_state_key(&s.state, s.late))}</span>
                {s.edited.clone().map(|(at, who)| view! { <span class="muted">{t(K::ConsultationEditedBy)} " " {who} ", " {format_datetime(lang, at)}</span> })}
                {s.submitted.clone().map(|(at, who)| view! { <span>{t(K::ConsultationSubmittedBy)} " " {who} ", " {format_datetime(lang, at)}</span> })}
            </p>
            {move || match acts.save.value().get() {
                Some(Ok(true)) => Some(view! { <p class="notice notice--ok" role="status">{t(K::ConsultationSubmittedNow)}</p> }),
                Some(Ok(false)) => Some(view! { <p class="notice notice--ok" role="status">{t(K::ConsultationDraftSaved)}</p> }),
                _ => None,
            }}
            <FormStatus action=acts.save/>
            {if mine.can_edit {
                view! {
                    {c.past_deadline.then(|| view! { <p class="notice">{t(K::ConsultationLateNote)}</p> })}
                    <p class="muted">{t(K::ConsultationSubmitHint)}</p>
                    <ActionForm action=acts.save attr:class="survey-form">
                        <input type="hidden" name="consultation_id" value=c.id.to_string()/>
                        {c.questions.iter().map(|q| {
                            let key = format!("a[q{}]", q.id);
                            let id = format!("f-cq{}", q.id);
                            let err_id = format!("{id}-err");
                            let help_id = format!("{id}-help");
                            let described = if q.help.is_empty() { err_id.clone() } else { format!("{help_id} {err_id}") };
                            let saved = mine.values.iter().find(|(qid, _)| *qid == q.id).map(|(_, v)| v.clone()).unwrap_or_default();
                            let value = errors.get_untracked().and_then(|f| f.value(&key)).unwrap_or(saved);
                            let k2 = key.clone();
                            let err = Signal::derive(move || errors.get().and_then(|f| f.field(&k2)));
                            view! {
                                <div class="field question" class:field--invalid=move || err.get().is_some()>
                                    <label for=id.clone()>{q.text.clone()}</label>
                                    {(!q.help.is_empty()).then(|| view! { <p class="field__hint" id=help_id.clone()>{q.help.clone()}</p> })}
                                    <p class="field__error" id=err_id.clone()>{move || err.get().map(t)}</p>
                                    <textarea id=id.clone() name=key rows="6" aria-describedby=described>{crate::components::fields::textarea_text(&value)}</textarea>
                                </div>
                            }
                        }).collect_view()}
                        <div class="form-actions">
                            <button type="submit" name="submit" value="send" class="button button--primary">{t(K::ConsultationSubmit)}</button>
                            <button type="submit" name="submit" value="draft" class="button">{t(K::ConsultationSaveDraft)}</button>
                        </div>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <dl class="answers">
                        {c.questions.iter().map(|q| view! {
                            <dt>{q.text.clone()}</dt>
                            <dd class="pre-line">{mine.values.iter().find(|(qid, _)| *qid == q.id).map(|(_, v)| v.clone()).unwrap_or_else(|| "–".into())}</dd>
                        }).collect_view()}
                    </dl>
                }.into_any()
            }}
        </section>
    }
}
