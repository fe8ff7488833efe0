//! Survey pages: the forum's list (`/forums/{slug}/surveys`), one survey with its answer form and,
//! for the secretariat, its builder (`/surveys/{id}`), and the results (`/surveys/{id}/results`).
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::api::{
    get_survey, get_survey_results, list_surveys, AddSurveyQuestion, AnswerSurvey, AttachSurvey, CloseSurvey, CopySurvey, CreateSurvey, DeleteSurveyQuestion, MoveSurveyQuestion, OpenSurvey,
    RemindSurvey, SaveInsights,
};
use super::dto::{QuestionResult, QuestionView, ResultView, SurveyPage, SurveyRow, KINDS};
use crate::components::fields::{field_error, field_value, form_errors, FormStatus, SelectField, TextArea, TextField};
use crate::components::status::ErrorView;
use crate::components::{t, use_lang};
use crate::error::FormErrors;
use crate::i18n::{format_date, K};

pub fn state_key(state: &str) -> K {
    match state {
        "open" => K::SurveyOpen,
        "closed" => K::SurveyClosedState,
        _ => K::SurveyDraft,
    }
}

fn kind_key(kind: &str) -> K {
    match kind {
        "scale" => K::QuestionScale,
        "single" => K::QuestionSingle,
        "multi" => K::QuestionMulti,
        _ => K::QuestionText2,
    }
}

/// "5 av 18 har svarat" (or another `label`), with a bar.
#[component]
pub fn ResponseRate(answered: u64, invited: u64, #[prop(optional)] label: Option<K>) -> impl IntoView {
    let pct = (answered * 100).checked_div(invited).unwrap_or(0);
    view! {
        <p class="rate">
            <strong>{format!("{answered} {} {invited} {}", t(K::Of), t(label.unwrap_or(K::HaveAnswered)))}</strong>
            // An SVG attribute rather than an inline style: the Content-Security-Policy allows none.
            <svg class="rate__bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="rate__fill" width=pct.to_string() height="1"></rect>
            </svg>
        </p>
    }
}

#[component]
pub fn SurveyListPage() -> impl IntoView {
    let params = use_params_map();
    let create = crate::components::server_action::<CreateSurvey>();
    let data = Resource::new(move || params.read().get("slug").unwrap_or_default(), list_surveys);
    let errors = form_errors(create.value());
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok((name, slug, manage, rows)) => view! {
                    <Title text=format!("{} – {}", t(K::SurveysTitle), name)/>
                    <p class="breadcrumb"><a href=format!("/forums/{slug}")>{name.clone()}</a></p>
                    <h1>{t(K::SurveysTitle)}</h1>
                    <SurveyList rows/>
                    {manage.then(|| view! {
                        <details class="panel" open=move || errors.get().is_some()>
                            <summary class="panel__summary">{t(K::SurveyCreate)}</summary>
                            <FormStatus action=create/>
                            <ActionForm action=create>
                                <input type="hidden" name="slug" value=slug.clone()/>
                                <TextField scope="sv" name="title" label=K::SurveyTitle required=true value=field_value(errors, "title", String::new()) error=field_error(errors, "title")/>
                                <TextArea scope="sv" name="intro" label=K::SurveyIntro hint=K::MarkdownHint value=field_value(errors, "intro", String::new()) error=field_error(errors, "intro")/>
                                <TextField scope="sv" name="closes" label=K::SurveyClosesField kind="date" required=true value=field_value(errors, "closes", String::new()) error=field_error(errors, "closes")/>
                                <div class="checkbox">
                                    <input type="checkbox" id="sv-anonymous" name="anonymous" value="on"/>
                                    <label for="sv-anonymous">{t(K::SurveyAnonymousChoice)}</label>
                                </div>
                                <div class="form-actions"><button type="submit" class="button button--primary">{t(K::SurveyCreate)}</button></div>
                            </ActionForm>
                        </details>
                    })}
                }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
pub fn SurveyList(rows: Vec<SurveyRow>) -> impl IntoView {
    let lang = use_lang();
    if rows.is_empty() {
        return view! { <p>{t(K::NoSurveys)}</p> }.into_any();
    }
    view! {
        <ul class="meeting-list">
            {rows.into_iter().map(|s| view! {
                <li>
                    <a href=format!("/surveys/{}", s.id)>{s.title.clone()}</a>
                    <span class="badge">{t(state_key(&s.state))}</span>
                    <span class="meeting-list__when">{t(K::SurveyCloses)} " " {format_date(lang, s.closes.date())}</span>
                    {(s.state != "draft").then(|| view! { <span>{format!("{} {} {} {}", s.answered, t(K::Of), s.invited, t(K::HaveAnswered))}</span> })}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[derive(Clone, Copy)]
struct Acts {
    add: ServerAction<AddSurveyQuestion>,
    mv: ServerAction<MoveSurveyQuestion>,
    delete: ServerAction<DeleteSurveyQuestion>,
    open: ServerAction<OpenSurvey>,
    close: ServerAction<CloseSurvey>,
    answer: ServerAction<AnswerSurvey>,
    remind: ServerAction<RemindSurvey>,
    insights: ServerAction<SaveInsights>,
    attach: ServerAction<AttachSurvey>,
    copy: ServerAction<CopySurvey>,
}

#[component]
pub fn SurveyPageView() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|n| n.parse::<i32>().ok()).unwrap_or(0));
    let acts = Acts { add: crate::components::server_action(), mv: crate::components::server_action(), delete: crate::components::server_action(), open: crate::components::server_action(), close: crate::components::server_action(), answer: crate::components::server_action(), remind: crate::components::server_action(), insights: crate::components::server_action(), attach: crate::components::server_action(), copy: crate::components::server_action() };
    let data = Resource::new(move || id.get(), get_survey);
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(s) => view! { <Survey s acts/> }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Survey(s: SurveyPage, acts: Acts) -> impl IntoView {
    let lang = use_lang();
    let can_answer = s.invited_me && s.state == "open";
    let sid = s.id.to_string();
    let (sid_remind, sid_close) = (sid.clone(), sid.clone());
    let people = s.people.clone();
    view! {
        <Title text=s.title.clone()/>
        <p class="breadcrumb"><a href=format!("/forums/{}", s.forum_slug)>{s.forum_name.clone()}</a> " › " <a href=format!("/forums/{}/surveys", s.forum_slug)>{t(K::SurveysTitle)}</a></p>
        <h1>{s.title.clone()}</h1>
        <p class="meta">
            <span class="badge">{t(state_key(&s.state))}</span>
            <span>{t(K::SurveyCloses)} " " {format_date(lang, s.closes.date())}</span>
            <span class="muted">{t(if s.anonymous { K::SurveyIsAnonymous } else { K::SurveyIsNamed })}</span>
        </p>
        {(s.state != "draft").then(|| view! { <ResponseRate answered=s.answered invited=s.invited/> })}
        {s.previous.clone().map(|(pid, title)| view! { <p class="muted">{t(K::SurveyPrevious)} ": " <a href=format!("/surveys/{pid}")>{title}</a></p> })}
        {(!s.presented_at.is_empty()).then(|| view! {
            <p class="muted">{t(K::SurveyPresentedAt)} ": "
                {s.presented_at.iter().map(|(mid, label)| view! { <a href=format!("/meetings/{mid}")>{label.clone()}</a> " " }).collect_view()}
            </p>
        })}
        <div class="prose" inner_html=s.intro_html.clone()></div>
        {s.insights_published.map(|d| view! {
            <section class="panel" aria-labelledby="insights-h">
                <h2 id="insights-h">{t(K::SurveyInsights)}</h2>
                <p class="muted">{t(K::InsightsPublishedOn)} " " {format_date(lang, d)}</p>
                <div class="prose" inner_html=s.insights_html.clone()></div>
            </section>
        })}
        {(s.can_see_results && !s.can_manage).then(|| view! { <p><a class="button" href=format!("/surveys/{}/results", s.id)>{t(K::SurveyResults)}</a></p> })}
        <FormStatus action=acts.open success=K::SurveyOpened/>
        <FormStatus action=acts.close success=K::SurveyClosedDone/>
        {if can_answer {
            view! { <AnswerForm s=s.clone() acts/> }.into_any()
        } else if s.invited_me && s.mine.submitted {
            view! { <p class="notice notice--ok">{t(K::SurveyThanks)}</p> }.into_any()
        } else {
            view! { <Preview questions=s.questions.clone()/> }.into_any()
        }}
        {s.can_manage.then(|| view! {
            <section class="panel no-print" aria-labelledby="manage-survey-h">
                <h2 id="manage-survey-h">{t(K::SurveyManage)}</h2>
                {(s.state != "draft").then(|| view! {
                    <p>
                        <a class="button" href=format!("/surveys/{}/results", s.id)>{t(K::SurveyResults)}</a> " "
                        <a class="button" href=format!("/surveys/{}/answers.csv", s.id) download="">{t(K::ExportAnswersCsv)}</a>
                    </p>
                })}
                {(!s.not_answered.is_empty()).then(|| view! {
                    <h3>{t(K::SurveyNotAnswered)}</h3>
                    <ul class="plain">{s.not_answered.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                })}
                {match s.state.as_str() {
                    "draft" => view! {
                        <Builder s=s.clone() acts/>
                        <ActionForm action=acts.open attr:class="publish-form">
                            <input type="hidden" name="survey_id" value=sid.clone()/>
                            <fieldset class="field invite-list">
                                <legend>{t(K::SurveyInvitees)}</legend>
                                <p class="field__hint">{t(K::SurveyInviteesHint)}</p>
                                {people.clone().into_iter().map(|(id, name)| {
                                    let cid = format!("inv-{id}");
                                    view! {
                                        <div class="checkbox">
                                            <input type="checkbox" id=cid.clone() name=format!("invite[{id}]") value="on"/>
                                            <label for=cid>{name}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                            <p class="muted">{t(K::SurveyOpenHint)}</p>
                            <button type="submit" class="button button--primary">{t(K::SurveyOpenButton)}</button>
                        </ActionForm>
                    }.into_any(),
                    "open" => view! {
                        {move || match acts.remind.value().get() {
                            Some(Ok(n)) => Some(view! { <p class="notice notice--ok" role="status">{t(K::SurveyReminded)} " (" {n} ")"</p> }.into_any()),
                            Some(Err(e)) => Some(view! { <p class="notice notice--error" role="alert">{t(e.message())}</p> }.into_any()),
                            None => None,
                        }}
                        {s.last_reminded.map(|d| view! { <p class="muted">{t(K::SurveyLastReminded)} " " {format_date(lang, d)}</p> })}
                        <ActionForm action=acts.remind attr:class="inline-form">
                            <input type="hidden" name="survey_id" value=sid_remind.clone()/>
                            <button type="submit" class="button">{t(K::SurveyRemindButton)}</button>
                        </ActionForm>
                        " "
                        <ActionForm action=acts.close attr:class="inline-form">
                            <input type="hidden" name="survey_id" value=sid_close.clone()/>
                            <button type="submit" class="button">{t(K::SurveyCloseButton)}</button>
                        </ActionForm>
                    }.into_any(),
                    _ => ().into_any(),
                }}
                {(s.state != "draft").then(|| view! { <InsightsEditor s=s.clone() acts/> })}
                <AttachForm s=s.clone() acts/>
                <CopyForm s=s.clone() acts/>
            </section>
        })}
    }
}

#[component]
fn InsightsEditor(s: SurveyPage, acts: Acts) -> impl IntoView {
    let errors = form_errors(acts.insights.value());
    view! {
        <h3 id="insights-edit-h">{t(K::SurveyInsights)}</h3>
        <FormStatus action=acts.insights/>
        {move || match acts.insights.value().get() {
            Some(Ok(true)) => Some(view! { <p class="notice notice--ok" role="status">{t(K::InsightsPublishedNow)}</p> }),
            Some(Ok(false)) => Some(view! { <p class="notice notice--ok" role="status">{t(K::InsightsSaved)}</p> }),
            _ => None,
        }}
        <ActionForm action=acts.insights>
            <input type="hidden" name="survey_id" value=s.id.to_string()/>
            <TextArea scope="ins" name="insights" label=K::SurveyInsights hint=K::MarkdownHint value=field_value(errors, "insights", s.insights.clone()) error=field_error(errors, "insights")/>
            {s.insights_published.is_none().then(|| view! { <p class="muted">{t(K::InsightsPublishHint)}</p> })}
            <div class="form-actions">
                <button type="submit" name="submit" value="publish" class="button button--primary">{t(K::InsightsPublish)}</button>
                <button type="submit" name="submit" value="draft" class="button">{t(K::InsightsSave)}</button>
            </div>
        </ActionForm>
    }
}

#[component]
fn AttachForm(s: SurveyPage, acts: Acts) -> impl IntoView {
    let errors = form_errors(acts.attach.value());
    let mut options = vec![("0".to_string(), t(K::NoneChoice).to_string())];
    options.extend(s.item_choices.iter().map(|(id, label)| (id.to_string(), label.clone())));
    let current = s.item_choices.iter().find(|(_, label)| s.presented_at.iter().any(|(_, l)| l == label)).map(|(id, _)| id.to_string()).unwrap_or_else(|| "0".into());
    view! {
        <h3>{t(K::SurveyPresentAt)}</h3>
        <FormStatus action=acts.attach success=K::Attached/>
        <ActionForm action=acts.attach attr:class="inline-fields">
            <input type="hidden" name="survey_id" value=s.id.to_string()/>
            <SelectField scope="att" name="item_id" label=K::SurveyPresentAt options value=field_value(errors, "item_id", current) error=field_error(errors, "item_id")/>
            <button type="submit" class="button">{t(K::Attach)}</button>
        </ActionForm>
    }
}

#[component]
fn CopyForm(s: SurveyPage, acts: Acts) -> impl IntoView {
    let errors = form_errors(acts.copy.value());
    view! {
        <details class="panel panel--inner" open=move || errors.get().is_some()>
            <summary class="panel__summary">{t(K::SurveyCopy)}</summary>
            <p class="muted">{t(K::SurveyCopyHint)}</p>
            <FormStatus action=acts.copy/>
            <ActionForm action=acts.copy>
                <input type="hidden" name="survey_id" value=s.id.to_string()/>
                <TextField scope="cp" name="title" label=K::SurveyTitle required=true value=field_value(errors, "title", s.title.clone()) error=field_error(errors, "title")/>
                <TextField scope="cp" name="closes" label=K::SurveyClosesField kind="date" required=true value=field_value(errors, "closes", String::new()) error=field_error(errors, "closes")/>
                <div class="form-actions"><button type="submit" class="button">{t(K::SurveyCopy)}</button></div>
            </ActionForm>
        </details>
    }
}

fn question_field_error(errors: Signal<Option<FormErrors>>, key: String) -> Signal<Option<K>> {
    Signal::derive(move || errors.get().and_then(|f| f.field(&key)))
}

fn value_of(errors: Signal<Option<FormErrors>>, mine: &[(String, String)], key: &str) -> Option<String> {
    let typed = errors.get_untracked().and_then(|f| f.value(&format!("a[{key}]")));
    if errors.get_untracked().is_some() {
        return typed;
    }
    mine.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
}

#[component]
fn AnswerForm(s: SurveyPage, acts: Acts) -> impl IntoView {
    let errors = form_errors(acts.answer.value());
    let mine = s.mine.values.clone();
    let mut last_section = String::new();
    view! {
        <FormStatus action=acts.answer/>
        {move || matches!(acts.answer.value().get(), Some(Ok(true))).then(|| view! { <p class="notice notice--ok" role="status">{t(K::SurveySent)}</p> })}
        {move || matches!(acts.answer.value().get(), Some(Ok(false))).then(|| view! { <p class="notice notice--ok" role="status">{t(K::SurveyDraftSaved)}</p> })}
        {s.mine.submitted.then(|| view! { <p class="notice">{t(K::SurveyChangeUntilClose)}</p> })}
        <ActionForm action=acts.answer attr:class="survey-form">
            <input type="hidden" name="survey_id" value=s.id.to_string()/>
            {s.questions.iter().map(|q| {
                let heading = (q.section != last_section && !q.section.is_empty()).then(|| view! { <h2 class="survey-section">{q.section.clone()}</h2> });
                last_section = q.section.clone();
                let key = format!("q{}", q.id);
                let err = question_field_error(errors, format!("a[{key}]"));
                view! { {heading} <QuestionInput q=q.clone() err mine=mine.clone() errors key/> }
            }).collect_view()}
            <div class="form-actions">
                <button type="submit" name="submit" value="send" class="button button--primary">{t(K::SurveySend)}</button>
                <button type="submit" name="submit" value="draft" class="button" formnovalidate=true>{t(K::SurveySaveDraft)}</button>
            </div>
        </ActionForm>
    }
}

#[component]
fn QuestionInput(q: QuestionView, err: Signal<Option<K>>, mine: Vec<(String, String)>, errors: Signal<Option<FormErrors>>, key: String) -> impl IntoView {
    let id = format!("f-{key}");
    let err_id = format!("{id}-err");
    let help_id = format!("{id}-help");
    let described = if q.help.is_empty() { err_id.clone() } else { format!("{help_id} {err_id}") };
    let current = value_of(errors, &mine, &key);
    let req = q.required.then(|| view! { <span class="field__req">" (" {t(K::Required)} ")"</span> });
    let help = (!q.help.is_empty()).then(|| view! { <p class="field__hint" id=help_id.clone()>{q.help.clone()}</p> });
    let error = view! { <p class="field__error" id=err_id.clone()>{move || err.get().map(t)}</p> };
    match q.kind.as_str() {
        "text" => view! {
            <div class="field question" class:field--invalid=move || err.get().is_some()>
                <label for=id.clone()>{q.text.clone()} {req}</label>
                {help}
                {error}
                <textarea id=id.clone() name=format!("a[{key}]") rows="4" aria-describedby=described>{crate::components::fields::textarea_text(&current.unwrap_or_default())}</textarea>
            </div>
        }.into_any(),
        kind => {
            let (choices, multi): (Vec<(String, String)>, bool) = match kind {
                "scale" => {
                    let low = q.options.first().cloned().unwrap_or_default();
                    let high = q.options.get(1).cloned().unwrap_or_default();
                    ((1..=5).map(|n| (n.to_string(), match n { 1 if !low.is_empty() => format!("1 – {low}"), 5 if !high.is_empty() => format!("5 – {high}"), _ => n.to_string() })).collect(), false)
                }
                "multi" => (q.options.iter().enumerate().map(|(i, o)| (i.to_string(), o.clone())).collect(), true),
                _ => (q.options.iter().enumerate().map(|(i, o)| (i.to_string(), o.clone())).collect(), false),
            };
            view! {
                <fieldset class="field question" class:field--invalid=move || err.get().is_some() aria-describedby=described class:question--scale=kind == "scale">
                    <legend>{q.text.clone()} {req}</legend>
                    {help}
                    {error}
                    <div class="question__choices">
                        {choices.into_iter().map(|(value, label)| {
                            let cid = format!("{id}-{value}");
                            let (name, checked) = if multi {
                                let k = format!("{key}_{value}");
                                (format!("a[{k}]"), value_of(errors, &mine, &k).is_some())
                            } else {
                                (format!("a[{key}]"), current.as_deref() == Some(value.as_str()))
                            };
                            view! {
                                <div class="checkbox">
                                    <input type=if multi { "checkbox" } else { "radio" } id=cid.clone() name=name value=if multi { "on".to_string() } else { value.clone() } checked=checked/>
                                    <label for=cid>{label}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            }.into_any()
        }
    }
}

/// The questions as respondents will see them, without a form (preview and for non-invitees).
#[component]
fn Preview(questions: Vec<QuestionView>) -> impl IntoView {
    view! {
        <section aria-labelledby="questions-h">
            <h2 id="questions-h">{t(K::SurveyQuestions)}</h2>
            {questions.is_empty().then(|| view! { <p>{t(K::SurveyNoQuestions)}</p> })}
            <ol class="question-list">
                {questions.into_iter().map(|q| view! {
                    <li>
                        {(!q.section.is_empty()).then(|| view! { <span class="muted">{q.section.clone()} " · "</span> })}
                        <strong>{q.text.clone()}</strong> " " <span class="badge">{t(kind_key(&q.kind))}</span>
                        {q.required.then(|| view! { " " <span class="muted">"(" {t(K::Required)} ")"</span> })}
                        {(!q.options.is_empty()).then(|| view! { <br/><span class="muted">{q.options.join(" · ")}</span> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn Builder(s: SurveyPage, acts: Acts) -> impl IntoView {
    let errors = form_errors(acts.add.value());
    let count = s.questions.len();
    let kinds: Vec<(String, String)> = KINDS.iter().map(|k| (k.to_string(), t(kind_key(k)).to_string())).collect();
    view! {
        <h3>{t(K::SurveyQuestions)}</h3>
        <FormStatus action=acts.mv/>
        <FormStatus action=acts.delete/>
        <ol class="question-list question-list--builder">
            {s.questions.iter().enumerate().map(|(i, q)| {
                let qid = q.id.to_string();
                let (q1, q2, q3) = (qid.clone(), qid.clone(), qid);
                let (t1, t2, t3) = (q.text.clone(), q.text.clone(), q.text.clone());
                view! {
                    <li>
                        <strong>{q.text.clone()}</strong> " " <span class="badge">{t(kind_key(&q.kind))}</span>
                        <div class="row-actions">
                            {(i > 0).then(|| view! {
                                <ActionForm action=acts.mv attr:class="inline-form">
                                    <input type="hidden" name="question_id" value=q1/>
                                    <input type="hidden" name="direction" value="up"/>
                                    <button type="submit" class="button button--small">{t(K::MoveUp)}<span class="visually-hidden">": " {t1}</span></button>
                                </ActionForm>
                            })}
                            {(i + 1 < count).then(|| view! {
                                <ActionForm action=acts.mv attr:class="inline-form">
                                    <input type="hidden" name="question_id" value=q2/>
                                    <input type="hidden" name="direction" value="down"/>
                                    <button type="submit" class="button button--small">{t(K::MoveDown)}<span class="visually-hidden">": " {t2}</span></button>
                                </ActionForm>
                            })}
                            <ActionForm action=acts.delete attr:class="inline-form">
                                <input type="hidden" name="question_id" value=q3/>
                                <button type="submit" class="button button--small">{t(K::Delete)}<span class="visually-hidden">": " {t3}</span></button>
                            </ActionForm>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ol>
        <FormStatus action=acts.add success=K::QuestionAdded/>
        <details class="panel panel--inner" open=move || errors.get().is_some()>
            <summary class="panel__summary">{t(K::AddQuestion)}</summary>
            <ActionForm action=acts.add>
                <input type="hidden" name="survey_id" value=s.id.to_string()/>
                <div class="grid-2">
                    <TextField scope="q" name="section" label=K::QuestionSection value=field_value(errors, "section", String::new()) error=field_error(errors, "section")/>
                    <SelectField scope="q" name="kind" label=K::QuestionKind options=kinds value=field_value(errors, "kind", "scale".into()) error=field_error(errors, "kind")/>
                </div>
                <TextField scope="q" name="text" label=K::QuestionText required=true value=field_value(errors, "text", String::new()) error=field_error(errors, "text")/>
                <TextField scope="q" name="help" label=K::QuestionHelp value=field_value(errors, "help", String::new()) error=field_error(errors, "help")/>
                <TextArea scope="q" name="options" label=K::QuestionOptions hint=K::QuestionOptionsHint value=field_value(errors, "options", String::new()) error=field_error(errors, "options")/>
                <div class="checkbox">
                    <input type="checkbox" id="q-required" name="required" value="on" checked=true/>
                    <label for="q-required">{t(K::QuestionRequired)}</label>
                </div>
                <div class="form-actions"><button type="submit" class="button button--primary">{t(K::AddQuestion)}</button></div>
            </ActionForm>
        </details>
    }
}

#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.read().get("id").and_then(|n| n.parse::<i32>().ok()).unwrap_or(0), get_survey_results);
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(p) => view! {
                    <Title text=format!("{} – {}", t(K::SurveyResults), p.title)/>
                    <p class="breadcrumb"><a href=format!("/surveys/{}", p.id)>{p.title.clone()}</a></p>
                    <h1>{t(K::SurveyResults)} ": " {p.title.clone()}</h1>
                    <ResponseRate answered=p.answered invited=p.invited/>
                    {p.previous.clone().map(|pr| view! {
                        <p class="muted">{t(K::SurveyPrevious)} ": " <a href=format!("/surveys/{}/results", pr.id)>{pr.title.clone()}</a>
                            " (" {format!("{} {} {} {}", pr.answered, t(K::Of), pr.invited, t(K::HaveAnswered))} ")"</p>
                    })}
                    {(!p.insights_html.is_empty()).then(|| view! {
                        <section class="panel" aria-labelledby="insights-h">
                            <h2 id="insights-h">{t(K::SurveyInsights)}</h2>
                            <div class="prose" inner_html=p.insights_html.clone()></div>
                        </section>
                    })}
                    {p.results.into_iter().map(|r| view! { <ResultBlock r/> }).collect_view()}
                }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

/// A horizontal bar chart drawn on the server, hidden from screen readers: the table beside it
/// carries the same numbers.
#[component]
fn Bars(labels: Vec<String>, counts: Vec<u64>) -> impl IntoView {
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let row_h = 28;
    let height = row_h * counts.len() as i32 + 4;
    view! {
        <svg class="chart" viewBox=format!("0 0 400 {height}") width="400" height=height.to_string() aria-hidden="true" focusable="false">
            {counts.iter().zip(labels.iter()).enumerate().map(|(i, (c, l))| {
                let y = i as i32 * row_h + 2;
                let w = (*c as f64 / max as f64 * 220.0).round() as i32;
                view! {
                    <text x="0" y=(y + 18).to_string() class="chart__label">{l.chars().take(22).collect::<String>()}</text>
                    <rect x="150" y=(y + 4).to_string() width=w.max(1).to_string() height="18" class="chart__bar"></rect>
                    <text x=(156 + w).to_string() y=(y + 18).to_string() class="chart__value">{c.to_string()}</text>
                }
            }).collect_view()}
        </svg>
    }
}

#[component]
fn ResultBlock(r: ResultView) -> impl IntoView {
    let q = r.question.clone();
    let fmt = |x: f64| format!("{x:.1}").replace('.', ",");
    view! {
        <section class="panel result" aria-label=q.text.clone()>
            <h2>{q.text.clone()}</h2>
            <p class="muted">{t(kind_key(&q.kind))} " · " {r.n} " " {t(K::Respondents)}</p>
            {r.previous.clone().map(|(pn, pr)| {
                let (now_line, before_line) = match (&r.result, &pr) {
                    (QuestionResult::Scale { mean, median, .. }, QuestionResult::Scale { mean: pm, median: pmed, .. }) => (
                        format!("{} {} · {} {} · {} {}", t(K::Mean), mean.map(fmt).unwrap_or_else(|| "–".into()), t(K::Median), median.map(fmt).unwrap_or_else(|| "–".into()), r.n, t(K::Respondents)),
                        format!("{} {} · {} {} · {} {}", t(K::Mean), pm.map(fmt).unwrap_or_else(|| "–".into()), t(K::Median), pmed.map(fmt).unwrap_or_else(|| "–".into()), pn, t(K::Respondents)),
                    ),
                    _ => (format!("{} {}", r.n, t(K::Respondents)), format!("{pn} {}", t(K::Respondents))),
                };
                let rows: Vec<(String, u64, u64)> = match (&r.result, &pr) {
                    (QuestionResult::Scale { counts, .. }, QuestionResult::Scale { counts: pc, .. }) => (1..=5).map(|n| n.to_string()).zip(counts.iter().zip(pc.iter())).map(|(l, (a, b))| (l, *a, *b)).collect(),
                    (QuestionResult::Choice { counts }, QuestionResult::Choice { counts: pc }) => q.options.iter().cloned().zip(counts.iter().zip(pc.iter().chain(std::iter::repeat(&0)))).map(|(l, (a, b))| (l, *a, *b)).collect(),
                    _ => vec![],
                };
                view! {
                    <table class="table table--compact compare">
                        <caption>{t(K::SurveyThisRound)} " / " {t(K::SurveyPrevious)}</caption>
                        <thead><tr><th scope="col">{t(K::Answer)}</th><th scope="col">{t(K::SurveyThisRound)}</th><th scope="col">{t(K::SurveyPrevious)}</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(l, a, b)| view! { <tr><td>{l}</td><td>{a}</td><td>{b}</td></tr> }).collect_view()}
                            <tr><th scope="row">{t(K::Respondents)}</th><td>{now_line}</td><td>{before_line}</td></tr>
                        </tbody>
                    </table>
                }
            })}
            {match r.result {
                QuestionResult::Text { answers } => view! {
                    <ul class="free-text">{answers.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
                }.into_any(),
                QuestionResult::Scale { counts, mean, median } => {
                    let labels: Vec<String> = (1..=5).map(|n| n.to_string()).collect();
                    view! {
                        <p><strong>{t(K::Mean)} " " {mean.map(fmt).unwrap_or_else(|| "–".into())}</strong> " · " {t(K::Median)} " " {median.map(fmt).unwrap_or_else(|| "–".into())}
                            {(q.options.len() == 2).then(|| view! { <span class="muted">" (1 = " {q.options[0].clone()} ", 5 = " {q.options[1].clone()} ")"</span> })}
                        </p>
                        <div class="result__body">
                            <Bars labels=labels.clone() counts=counts.clone()/>
                            <CountTable labels counts/>
                        </div>
                    }.into_any()
                }
                QuestionResult::Choice { counts } => view! {
                    <div class="result__body">
                        <Bars labels=q.options.clone() counts=counts.clone()/>
                        <CountTable labels=q.options.clone() counts/>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn CountTable(labels: Vec<String>, counts: Vec<u64>) -> impl IntoView {
    view! {
        <table class="table table--compact">
            <thead><tr><th scope="col">{t(K::Answer)}</th><th scope="col">{t(K::Count)}</th></tr></thead>
            <tbody>
                {labels.into_iter().zip(counts).map(|(l, c)| view! { <tr><td>{l}</td><td>{c}</td></tr> }).collect_view()}
            </tbody>
        </table>
    }
}
