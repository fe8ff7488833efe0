//! The summary of a meeting (`/meetings/{id}/summary`) and the comparison of two revisions.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{get_summary, get_summary_diff, preview_markdown, PublishSummary, ReviseSummary, SaveSummary, StartSummaryReview};
use super::dto::{DiffTag, SummaryPage};
use crate::actions::pages::state_key;
use crate::comments::view::{CommentActs, CommentStatus, CommentThread};
use crate::components::fields::{field_error, field_value, form_errors, CheckboxGroup, FormStatus, TextField};
use crate::components::status::ErrorView;
use crate::components::{t, use_lang};
use crate::i18n::{format_date, format_span, K};

#[derive(Clone, Copy)]
struct Acts {
    save: ServerAction<SaveSummary>,
    review: ServerAction<StartSummaryReview>,
    publish: ServerAction<PublishSummary>,
    revise: ServerAction<ReviseSummary>,
}

fn meeting_id() -> Memo<i32> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|n| n.parse::<i32>().ok()).unwrap_or(0))
}

#[component]
pub fn SummaryPageView() -> impl IntoView {
    let id = meeting_id();
    let acts = Acts { save: crate::components::server_action(), review: crate::components::server_action(), publish: crate::components::server_action(), revise: crate::components::server_action() };
    let comments = CommentActs::new();
    let data = Resource::new(move || id.get(), get_summary);
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(s) => view! { <Summary s acts comments/> }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

fn state_text(state: &str) -> K {
    match state {
        "draft" => K::SummaryDraft,
        "review" => K::SummaryInReview,
        "published" => K::SummaryPublished,
        _ => K::SummaryNone,
    }
}

#[component]
fn Summary(s: SummaryPage, acts: Acts, comments: CommentActs) -> impl IntoView {
    let lang = use_lang();
    let title = format!("{} {}", t(K::SummaryOf), s.meeting_title);
    let published_line = s.published_at.map(|p| {
        let mut line = format!("{} {}", t(K::PublishedOn), format_date(lang, p.date()));
        if let Some(r) = s.revised_at {
            line.push_str(&format!(", {} {}", t(K::RevisedOn), format_date(lang, r.date())));
        }
        line
    });
    let readable = s.state != "none";
    let mid = s.meeting_id;
    view! {
        <Title text=title.clone()/>
        <p class="breadcrumb">
            <a href=format!("/forums/{}", s.forum_slug)>{s.forum_name.clone()}</a> " › "
            <a href=format!("/meetings/{mid}")>{s.meeting_title.clone()}</a>
        </p>
        <h1>{title}</h1>
        <p class="when">{format_span(lang, s.starts, s.ends)}</p>
        <p class="summary-state">
            {match published_line {
                Some(l) => view! { <span>{l}</span> }.into_any(),
                None => view! { <span class="badge">{t(state_text(&s.state))}</span> }.into_any(),
            }}
            {(s.state == "review" && !s.reviewers.is_empty()).then(|| view! { " " <span class="muted">{t(K::ReviewersAre)} " " {s.reviewers.join(", ")}</span> })}
        </p>
        <FormStatus action=acts.publish success=K::SummaryPublishedDone/>
        <FormStatus action=acts.revise success=K::SummaryRevisedDone/>
        <FormStatus action=acts.review success=K::SummaryReviewStarted/>
        {if readable {
            view! {
                <article class="prose summary-body" inner_html=s.body_html.clone()></article>
                <LiveSections s=s.clone()/>
            }.into_any()
        } else {
            view! { <p>{t(K::SummaryNotYet)}</p> }.into_any()
        }}
        {(s.revisions.len() > 1).then(|| view! { <Revisions s=s.clone()/> })}
        {s.can_manage.then(|| view! { <Manage s=s.clone() acts/> })}
        {(readable && s.state != "draft").then(|| view! {
            <section class="panel no-print" aria-labelledby="sum-comments-h">
                <h2 id="sum-comments-h">{t(if s.state == "review" { K::ReviewComments } else { K::Comments })}</h2>
                <CommentStatus acts=comments/>
                <CommentThread thread=s.thread.clone() acts=comments/>
            </section>
        })}
    }
}

/// What the summary links live rather than copies: the actions raised, the next meeting, the files.
#[component]
fn LiveSections(s: SummaryPage) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section aria-labelledby="sum-actions-h">
            <h2 id="sum-actions-h">{t(K::NewActions)}</h2>
            {if s.new_actions.is_empty() {
                view! { <p class="muted">{t(K::NoNewActions)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="table">
                            <caption class="visually-hidden">{t(K::NewActions)}</caption>
                            <thead><tr>
                                <th scope="col">{t(K::ActionNr)}</th>
                                <th scope="col">{t(K::ActionTitle)}</th>
                                <th scope="col">{t(K::ActionOwner)}</th>
                                <th scope="col">{t(K::ActionEnd)}</th>
                                <th scope="col">{t(K::ActionState)}</th>
                            </tr></thead>
                            <tbody>
                                {s.new_actions.iter().map(|a| view! {
                                    <tr>
                                        <td>{a.number}</td>
                                        <td><a href=a.url.clone()>{a.title.clone()}</a></td>
                                        <td>{a.owner.clone()}</td>
                                        <td>{a.end_date.map(|d| format_date(lang, d)).unwrap_or_default()}</td>
                                        <td><span class="badge">{t(state_key(&a.state))}</span></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="sum-next-h">
            <h2 id="sum-next-h">{t(K::NextMeeting)}</h2>
            {match s.next_meeting.clone() {
                Some(n) => view! { <p><a href=format!("/meetings/{}", n.id)>{format_span(lang, n.starts, n.ends)}</a></p> }.into_any(),
                None => view! { <p class="muted">{t(K::NoNextMeeting)}</p> }.into_any(),
            }}
        </section>
        {(!s.materials.is_empty()).then(|| view! {
            <section aria-labelledby="sum-mat-h">
                <h2 id="sum-mat-h">{t(K::MeetingMaterials)}</h2>
                <ul class="materials">
                    {s.materials.iter().map(|m| view! { <li><a href=m.url.clone()>{m.file_name.clone()}</a> " " <span class="muted">{m.kind.clone()}</span></li> }).collect_view()}
                </ul>
            </section>
        })}
    }
}

#[component]
fn Revisions(s: SummaryPage) -> impl IntoView {
    let lang = use_lang();
    let latest = s.revisions.first().map(|r| r.number).unwrap_or(1);
    let numbers: Vec<i32> = s.revisions.iter().map(|r| r.number).collect();
    let opts = move |selected: i32| {
        numbers.iter().map(|r| {
            let n = *r;
            view! { <option value=n.to_string() selected=n == selected>{format!("{} {n}", t(K::Revision))}</option> }
        }).collect_view()
    };
    let (o1, o2) = (opts(latest - 1), opts(latest));
    view! {
        <section class="panel no-print" aria-labelledby="revisions-h">
            <h2 id="revisions-h">{t(K::Revisions)}</h2>
            <ol class="plain">
                {s.revisions.iter().map(|r| view! {
                    <li>
                        <strong>{format!("{} {}", t(K::Revision), r.number)}</strong> " "
                        {crate::i18n::format_datetime(lang, r.at)} " " <span class="muted">{r.author.clone()}</span>
                        {r.reason.clone().map(|why| view! { " – " {why} })}
                    </li>
                }).collect_view()}
            </ol>
            <form method="get" action=format!("/meetings/{}/summary/diff", s.meeting_id) class="compare-form">
                <div class="field"><label for="cmp-from">{t(K::CompareFrom)}</label><select id="cmp-from" name="from">{o1}</select></div>
                <div class="field"><label for="cmp-to">{t(K::CompareTo)}</label><select id="cmp-to" name="to">{o2}</select></div>
                <button type="submit" class="button">{t(K::Compare)}</button>
            </form>
        </section>
    }
}

#[component]
fn Manage(s: SummaryPage, acts: Acts) -> impl IntoView {
    let save_errors = form_errors(acts.save.value());
    let review_errors = form_errors(acts.review.value());
    let revise_errors = form_errors(acts.revise.value());
    let mid = s.meeting_id.to_string();
    let initial = s.editable.clone().unwrap_or_default();
    let mid2 = mid.clone();
    let published = s.state == "published";
    let errors = if published { revise_errors } else { save_errors };
    let body_err = field_error(errors, "body");
    let editor = view! {
        <SummaryEditor
            text=field_value(errors, "body", initial).get_untracked()
            label=t(K::SummaryText).to_string()
            required=t(K::Required).to_string()
            hint=t(K::MarkdownHint).to_string()
            preview=t(K::Preview).to_string()
            error=body_err.get_untracked().map(|k| t(k).to_string())
        />
        <input type="hidden" name="meeting_id" value=mid.clone()/>
    };
    view! {
        <section class="panel no-print" aria-labelledby="manage-sum-h">
            <h2 id="manage-sum-h">{t(if published { K::ReviseSummary } else { K::EditSummary })}</h2>
            {if published {
                view! {
                    <FormStatus action=acts.revise/>
                    <ActionForm action=acts.revise>
                        {editor}
                        <TextField scope="revise" name="reason" label=K::RevisionReason required=true value=field_value(revise_errors, "reason", String::new()) error=field_error(revise_errors, "reason")/>
                        <button type="submit" class="button button--primary">{t(K::SaveRevision)}</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <FormStatus action=acts.save success=K::DraftSaved/>
                    <ActionForm action=acts.save>
                        {editor}
                        <button type="submit" class="button button--primary">{t(K::SaveDraft)}</button>
                    </ActionForm>
                    {(s.state != "none").then(|| { let (mid, mid3) = (mid2.clone(), mid2.clone()); view! {
                        <details class="panel panel--inner" open=move || review_errors.get().is_some()>
                            <summary class="panel__summary">{t(K::SendForReview)}</summary>
                            <ActionForm action=acts.review>
                                <input type="hidden" name="meeting_id" value=mid/>
                                <CheckboxGroup scope="rev" name="reviewers" legend=K::Reviewers
                                    options=s.reviewer_choices.iter().map(|r| (r.id.to_string(), format!("{}, {}", r.name, r.organisation), r.chosen)).collect()
                                    error=field_error(review_errors, "reviewers")/>
                                <button type="submit" class="button">{t(K::SendForReview)}</button>
                            </ActionForm>
                        </details>
                        <FormStatus action=acts.publish/>
                        <ActionForm action=acts.publish attr:class="publish-form">
                            <input type="hidden" name="meeting_id" value=mid3/>
                            <p class="muted">{t(K::PublishSummaryHint)}</p>
                            <button type="submit" class="button button--primary">{t(K::PublishSummary)}</button>
                        </ActionForm>
                    }})}
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn SummaryDiffPage() -> impl IntoView {
    let id = meeting_id();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            let n = |k: &str| q.get(k).and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
            (id.get(), n("from"), n("to"))
        },
        |(id, from, to)| get_summary_diff(id, from, to),
    );
    let lang = use_lang();
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(d) => {
                    let title = format!("{} {} – {} {} {}", t(K::Compare), d.meeting_title, t(K::Revision), d.from.number, d.to.number);
                    view! {
                        <Title text=title/>
                        <p class="breadcrumb"><a href=format!("/meetings/{}/summary", d.meeting_id)>{t(K::BackToSummary)}</a></p>
                        <h1>{t(K::CompareRevisions)} ": " {d.meeting_title.clone()}</h1>
                        <p>
                            <del class="diff-key">{format!("{} {}", t(K::Revision), d.from.number)} " (" {crate::i18n::format_datetime(lang, d.from.at)} ")"</del>
                            " → "
                            <ins class="diff-key">{format!("{} {}", t(K::Revision), d.to.number)} " (" {crate::i18n::format_datetime(lang, d.to.at)} ")"</ins>
                        </p>
                        {d.to.reason.clone().map(|r| view! { <p>{t(K::RevisionReason)} ": " {r}</p> })}
                        <div class="diff">
                            {d.lines.into_iter().map(|l| {
                                let (class, sign, label) = match l.tag {
                                    DiffTag::Same => ("diff__line", " ", None),
                                    DiffTag::Added => ("diff__line diff__line--added", "+", Some(K::DiffAdded)),
                                    DiffTag::Removed => ("diff__line diff__line--removed", "−", Some(K::DiffRemoved)),
                                };
                                let added = l.tag == DiffTag::Added;
                                // A line with nothing marked within it changed as a whole.
                                let whole = l.tag != DiffTag::Same && !l.parts.iter().any(|(e, _)| *e);
                                view! {
                                    <div class=class>
                                        <span class="diff__sign" aria-hidden="true">{sign}</span>
                                        <span>
                                            {label.map(|k| view! { <span class="visually-hidden">{t(k)} ": "</span> })}
                                            {l.parts.into_iter().map(|(emph, s)| if emph || whole {
                                                if added { view! { <ins>{s}</ins> }.into_any() } else { view! { <del>{s}</del> }.into_any() }
                                            } else {
                                                view! { <span>{s}</span> }.into_any()
                                            }).collect_view()}
                                        </span>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                }
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

/// The summary's text with a preview beside it that follows the typing, through the one renderer on
/// the server. An island: the rest of the page ships no code. Texts come translated as props.
#[island]
fn SummaryEditor(text: String, label: String, required: String, hint: String, preview: String, error: Option<String>) -> impl IntoView {
    let invalid = error.is_some();
    let typed = RwSignal::new(text.clone());
    let html = Resource::new(move || typed.get(), |body| async move { preview_markdown(body).await.unwrap_or_default() });
    view! {
        <div class="editor">
            <div class="field" class:field--invalid=invalid>
                <label for="summary-body">{label} <span class="field__req">" (" {required} ")"</span></label>
                <p class="field__hint" id="summary-body-hint">{hint}</p>
                <p class="field__error" id="summary-body-err">{error}</p>
                <textarea id="summary-body" name="body" rows="20" required=true aria-describedby="summary-body-hint summary-body-err"
                    aria-invalid=if invalid { "true" } else { "false" }
                    on:input=move |ev| typed.set(event_target_value(&ev))>{crate::components::fields::textarea_text(&text)}</textarea>
            </div>
            <div class="editor__preview" aria-live="off">
                <h3>{preview}</h3>
                <Suspense fallback=|| ()>
                    <div class="prose" inner_html=move || html.get().unwrap_or_default()></div>
                </Suspense>
            </div>
        </div>
    }
}
