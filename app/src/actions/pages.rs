//! `/forums/{slug}/actions` (the list, as in the decks) and `/forums/{slug}/actions/{nr}`.
//! The filter is a GET form and every link carries it, so the list works without JavaScript.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{get_action, get_actions, AddActionNote, CreateAction, EditAction, EscalateAction};
use crate::comments::view::{CommentActs, CommentStatus, CommentThread};
use super::dto::{ActionDetail, ActionFilter, ActionList, ActionRow, Choice, STATES};
use crate::components::fields::{field_error, field_value, form_errors, CheckboxGroup, FormStatus, SelectField, TextArea, TextField};
use crate::components::status::ErrorView;
use crate::components::{t, use_lang};
use crate::i18n::{format_date, format_datetime, K};

pub fn state_key(state: &str) -> K {
    match state {
        "in_progress" => K::StateInProgress,
        "waiting" => K::StateWaiting,
        "done" => K::StateDone,
        "cancelled" => K::StateCancelled,
        _ => K::StateOpen,
    }
}

fn query_string(f: &ActionFilter, page: Option<u64>, sort: Option<&str>) -> String {
    let enc = crate::components::percent_encode;
    let mut parts = vec![];
    for (k, v) in [("state", &f.state), ("owner", &f.owner), ("organisation", &f.organisation), ("overdue", &f.overdue), ("meeting", &f.meeting), ("q", &f.q)] {
        if !v.is_empty() {
            parts.push(format!("{k}={}", enc(v)));
        }
    }
    let sort = sort.unwrap_or(&f.sort);
    if !sort.is_empty() {
        parts.push(format!("sort={}", enc(sort)));
    }
    if let Some(p) = page {
        parts.push(format!("page={p}"));
    }
    parts.join("&")
}

#[component]
pub fn ActionListPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let create = crate::components::server_action::<CreateAction>();
    let data = Resource::new(
        move || {
            let q = query.read();
            let g = |k: &str| q.get(k).unwrap_or_default();
            let filter = ActionFilter { state: g("state"), owner: g("owner"), organisation: g("organisation"), overdue: g("overdue"), meeting: g("meeting"), q: g("q"), sort: g("sort"), page: g("page") };
            (params.read().get("slug").unwrap_or_default(), filter, q.get("view").is_some_and(|v| v == "print"))
        },
        |(slug, mut filter, print)| async move {
            if print {
                // The print view shows everything on one page.
                filter.page = String::new();
            }
            get_actions(slug, filter).await.map(|l| (l, print))
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok((l, print)) => view! { <ListView l print create/> }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

/// The people among the owner choices ("u<id>").
fn people_options(owners: &[Choice]) -> Vec<(String, String)> {
    let people: Vec<Choice> = owners.iter().filter(|c| c.value.starts_with('u')).cloned().collect();
    options(K::NoOwner, &people)
}

/// The organisations among the owner choices, by plain id.
fn org_options(owners: &[Choice]) -> Vec<(String, String)> {
    let orgs: Vec<Choice> = owners.iter().filter_map(|c| c.value.strip_prefix('o').map(|id| Choice { value: id.to_string(), label: c.label.clone() })).collect();
    options(K::NoOwner, &orgs)
}

fn options(all_label: K, choices: &[Choice]) -> Vec<(String, String)> {
    std::iter::once((String::new(), t(all_label).to_string())).chain(choices.iter().map(|c| (c.value.clone(), c.label.clone()))).collect()
}

#[component]
fn ListView(l: ActionList, print: bool, create: ServerAction<CreateAction>) -> impl IntoView {
    let f = l.filter.clone();
    let base = format!("/forums/{}/actions", l.forum_slug);
    let qs = query_string(&f, None, None);
    let csv = format!("/forums/{}/actions.csv?{qs}", l.forum_slug);
    let print_link = format!("{base}?{qs}&view=print");
    let current = if f.sort.is_empty() { "number".to_string() } else { f.sort.clone() };
    let sort_link = |key: &'static str| {
        let next = if current == key { format!("-{key}") } else { key.to_string() };
        format!("{base}?{}", query_string(&f, None, Some(&next)))
    };
    let aria_sort = |key: &str| {
        if f.sort == key || (key == "number" && f.sort.is_empty()) {
            "ascending"
        } else if f.sort == format!("-{key}") {
            "descending"
        } else {
            "none"
        }
    };
    let state_opts: Vec<(String, String)> = std::iter::once((String::new(), t(K::AllStates).to_string()))
        .chain(std::iter::once(("active".to_string(), t(K::StateActive).to_string())))
        .chain(STATES.iter().map(|s| (s.to_string(), t(state_key(s)).to_string())))
        .collect();
    let pager = (l.pages > 1 && !print).then(|| {
        let prev = (l.page > 1).then(|| format!("{base}?{}", query_string(&f, Some(l.page - 1), None)));
        let next = (l.page < l.pages).then(|| format!("{base}?{}", query_string(&f, Some(l.page + 1), None)));
        view! {
            <nav class="pager" aria-label=t(K::PageOf)>
                {prev.map(|h| view! { <a class="button button--small" href=h>{t(K::PreviousPage)}</a> })}
                <span>{t(K::PageOf)} " " {l.page} " / " {l.pages}</span>
                {next.map(|h| view! { <a class="button button--small" href=h>{t(K::NextPage)}</a> })}
            </nav>
        }
    });
    view! {
        <Title text=format!("{} – {}", t(K::ActionList), l.forum_name)/>
        <p class="breadcrumb"><a href=format!("/forums/{}", l.forum_slug)>{l.forum_name.clone()}</a></p>
        <h1>{t(K::ActionList)}</h1>
        <ul class="state-counts">
            {l.counts.iter().map(|(s, n)| view! { <li><span class="badge">{t(state_key(s))}</span> " " {*n}</li> }).collect_view()}
        </ul>
        {(!print).then(|| view! {
            <form method="get" action=base.clone() class="filters">
                <SelectField scope="flt" name="state" label=K::ActionState options=state_opts.clone() value=f.state.clone() error=Signal::derive(|| None)/>
                <SelectField scope="flt" name="owner" label=K::ActionOwner options=options(K::Anyone, &l.owners) value=f.owner.clone() error=Signal::derive(|| None)/>
                <SelectField scope="flt" name="organisation" label=K::Organisation options=options(K::Anyone, &l.organisations) value=f.organisation.clone() error=Signal::derive(|| None)/>
                <SelectField scope="flt" name="meeting" label=K::ActionRaised options=options(K::AnyMeeting, &l.meetings) value=f.meeting.clone() error=Signal::derive(|| None)/>
                <TextField scope="flt" name="q" label=K::FilterText kind="search" value=f.q.clone() error=Signal::derive(|| None)/>
                <div class="checkbox">
                    <input type="checkbox" id="f-flt-overdue" name="overdue" value="1" checked=f.overdue == "1"/>
                    <label for="f-flt-overdue">{t(K::OverdueOnly)}</label>
                </div>
                <input type="hidden" name="sort" value=f.sort.clone()/>
                <div class="form-actions"><button type="submit" class="button">{t(K::Filter)}</button></div>
            </form>
        })}
        <p class="list-tools">
            <span>{l.total} " " {t(K::ActionsCount)}</span>
            <a href=csv download>{t(K::ExportCsv)}</a>
            {(!print).then(|| view! { <a href=print_link>{t(K::PrintView)}</a> })}
        </p>
        {if l.rows.is_empty() {
            view! { <p>{t(K::NoActions)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap wide">
                    <table class="table actions-table">
                        <caption class="visually-hidden">{t(K::ActionList)} " – " {l.forum_name.clone()}</caption>
                        <thead>
                            <tr>
                                <th scope="col" aria-sort=aria_sort("number")><a href=sort_link("number")>{t(K::ActionNr)}</a></th>
                                <th scope="col" aria-sort=aria_sort("title")><a href=sort_link("title")>{t(K::ActionTitle)}</a></th>
                                <th scope="col">{t(K::ActionOwner)}</th>
                                <th scope="col">{t(K::ActionParticipants)}</th>
                                <th scope="col">{t(K::ActionRaisedOrStart)}</th>
                                <th scope="col" aria-sort=aria_sort("end")><a href=sort_link("end")>{t(K::ActionEnd)}</a></th>
                                <th scope="col">{t(K::ActionComment)}</th>
                                <th scope="col" aria-sort=aria_sort("state")><a href=sort_link("state")>{t(K::ActionState)}</a></th>
                            </tr>
                        </thead>
                        <tbody>
                            {l.rows.into_iter().map(|r| view! { <Row r slug=l.forum_slug.clone()/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        {pager}
        {(l.can_manage && !print).then(|| view! {
            <details class="panel" open=move || create.value().with(Option::is_some)>
                <summary class="panel__summary">{t(K::NewAction)}</summary>
                <ActionForm action=create>
                    <FormStatus action=create/>
                    <input type="hidden" name="slug" value=l.forum_slug.clone()/>
                    <NewActionFields create owners=l.owners.clone() people=l.people.clone() organisations=l.organisations.clone() scope="new"/>
                    <div class="form-actions"><button type="submit" class="button button--primary">{t(K::ActionCreate)}</button></div>
                </ActionForm>
            </details>
        })}
    }
}

#[component]
fn Row(r: ActionRow, slug: String) -> impl IntoView {
    let lang = use_lang();
    let date = move |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    view! {
        <tr class:actions-table__overdue=r.overdue>
            <td class="num">{r.number}</td>
            <td><a href=format!("/forums/{slug}/actions/{}", r.number)>{r.title.clone()}</a></td>
            <td>{r.owner.clone()}</td>
            <td>{r.participants.clone()}</td>
            <td class="nowrap">{match r.raised {
                Some((id, d)) => view! { <a href=format!("/meetings/{id}")>{d.to_string()}</a> }.into_any(),
                None => view! { {date(r.start_date)} }.into_any(),
            }}</td>
            <td class="nowrap">{date(r.end_date)} {r.overdue.then(|| view! { " " <span class="badge badge--changed">{t(K::Overdue)}</span> })}</td>
            <td>{r.comment.clone()}</td>
            <td>
                <span class="badge">{t(state_key(&r.state))}</span>
                {r.latest_note.clone().map(|(d, text)| view! { <p class="note-line"><span class="nowrap">{format_date(lang, d)}</span> " " {text}</p> })}
            </td>
        </tr>
    }
}

/// The fields of a new action (the list page and the meeting page use them).
#[component]
pub fn NewActionFields(create: ServerAction<CreateAction>, owners: Vec<Choice>, people: Vec<Choice>, organisations: Vec<Choice>, scope: &'static str) -> impl IntoView {
    let errors = form_errors(create.value());
    view! {
        <TextField scope=scope name="title" label=K::ActionTitle required=true value=field_value(errors, "title", String::new()) error=field_error(errors, "title")/>
        <TextArea scope=scope name="description" label=K::Description hint=K::PurposeHint value=field_value(errors, "description", String::new()) error=field_error(errors, "description")/>
        <div class="grid-2">
            <SelectField scope=scope name="owner" label=K::ActionOwner options=people_options(&owners) value=field_value(errors, "owner", String::new()) error=field_error(errors, "owner")/>
            <SelectField scope=scope name="owner_org" label=K::ActionOwnerOrg options=options(K::NoOwner, &organisations) value=field_value(errors, "owner_org", String::new()) error=field_error(errors, "owner_org")/>
            <TextField scope=scope name="start_date" label=K::ActionStart kind="date" value=field_value(errors, "start_date", String::new()) error=field_error(errors, "start_date")/>
            <TextField scope=scope name="end_date" label=K::ActionEnd kind="date" value=field_value(errors, "end_date", String::new()) error=field_error(errors, "end_date")/>
            <TextField scope=scope name="comment" label=K::ActionComment value=field_value(errors, "comment", String::new()) error=field_error(errors, "comment")/>
        </div>
        <details class="panel panel--inner">
            <summary class="panel__summary">{t(K::ActionParticipants)}</summary>
            <CheckboxGroup scope=scope name="participants" legend=K::ActionParticipants options=people.iter().map(|c| (c.value.clone(), c.label.clone(), false)).collect() error=Signal::derive(|| None) optional=true/>
            <CheckboxGroup scope=scope name="participant_orgs" legend=K::ActionParticipantOrgs options=organisations.iter().map(|c| (c.value.clone(), c.label.clone(), false)).collect() error=Signal::derive(|| None) optional=true/>
        </details>
    }
}

#[component]
pub fn ActionPage() -> impl IntoView {
    let params = use_params_map();
    let note = crate::components::server_action::<AddActionNote>();
    let comment = CommentActs::new();
    let edit = crate::components::server_action::<EditAction>();
    let escalate = crate::components::server_action::<EscalateAction>();
    let data = Resource::new(
        move || {
            let p = params.read();
            (p.get("slug").unwrap_or_default(), p.get("nr").and_then(|n| n.parse::<i32>().ok()).unwrap_or(0))
        },
        |(slug, nr)| get_action(slug, nr),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(a) => view! { <ActionView a note comment edit escalate/> }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ActionView(a: ActionDetail, note: ServerAction<AddActionNote>, comment: CommentActs, edit: ServerAction<EditAction>, escalate: ServerAction<EscalateAction>) -> impl IntoView {
    let lang = use_lang();
    let note_errors = form_errors(note.value());
    let edit_errors = form_errors(edit.value());
    let r = a.row.clone();
    let slug = a.forum_slug.clone();
    let nr = r.number.to_string();
    let (slug3, nr3) = (slug.clone(), nr.clone());
    let state_opts: Vec<(String, String)> = std::iter::once((String::new(), t(K::KeepState).to_string())).chain(STATES.iter().map(|s| (s.to_string(), t(state_key(s)).to_string()))).collect();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| format_date(lang, d)).unwrap_or_else(|| "–".into());
    view! {
        <Title text=format!("{} {} – {}", r.number, r.title, a.forum_name)/>
        <p class="breadcrumb"><a href=format!("/forums/{slug}/actions")>{t(K::BackToList)}</a></p>
        <h1><span class="action-nr">{r.number}</span> " " {r.title.clone()}</h1>
        <p class="meta">
            <span class="badge">{t(state_key(&r.state))}</span>
            {r.overdue.then(|| view! { <span class="badge badge--changed">{t(K::Overdue)}</span> })}
        </p>
        <dl class="facts">
            <dt>{t(K::ActionOwner)}</dt><dd>{if r.owner.is_empty() { "–".to_string() } else { r.owner.clone() }}</dd>
            <dt>{t(K::ActionParticipants)}</dt><dd>{if r.participants.is_empty() { "–".to_string() } else { r.participants.clone() }}</dd>
            <dt>{t(K::ActionRaised)}</dt>
            <dd>{match r.raised {
                Some((id, d)) => view! { <a href=format!("/meetings/{id}")>{format_date(lang, d)}</a> {a.raised_item.clone().map(|i| view! { " – " {i} })} }.into_any(),
                None => view! { "–" }.into_any(),
            }}</dd>
            {(!a.reviewed_at.is_empty()).then(|| view! {
                <dt>{t(K::ReviewedAt)}</dt>
                <dd>{a.reviewed_at.iter().enumerate().map(|(i, (id, d))| view! { {(i > 0).then_some(", ")} <a href=format!("/meetings/{id}")>{format_date(lang, *d)}</a> }).collect_view()}</dd>
            })}
            <dt>{t(K::ActionStart)}</dt><dd>{date(r.start_date)}</dd>
            <dt>{t(K::ActionEnd)}</dt><dd>{date(r.end_date)}</dd>
            <dt>{t(K::ActionComment)}</dt><dd>{if r.comment.is_empty() { "–".to_string() } else { r.comment.clone() }}</dd>
        </dl>
        <div class="prose" inner_html=a.description_html.clone()></div>
        {a.escalated_to.clone().map(|l| view! {
            <p class="notice">{t(K::EscalatedTo)} " " <a href=format!("/forums/{}/actions/{}", l.forum_slug, l.number)>{l.forum_name.clone()} ", " {t(K::ActionNr)} " " {l.number}</a> " " <span class="badge">{t(state_key(&l.state))}</span></p>
        })}
        {a.escalated_from.clone().map(|l| view! {
            <p class="notice">{t(K::EscalatedFrom)} " " <a href=format!("/forums/{}/actions/{}", l.forum_slug, l.number)>{l.forum_name.clone()} ", " {t(K::ActionNr)} " " {l.number}</a> " " <span class="badge">{t(state_key(&l.state))}</span></p>
        })}
        <FormStatus action=escalate success=K::EscalatedDone/>
        {a.can_escalate.then(|| view! {
            <ActionForm action=escalate>
                <input type="hidden" name="slug" value=a.forum_slug.clone()/>
                <input type="hidden" name="number" value=a.row.number.to_string()/>
                <p class="muted">{t(K::EscalateHint)}</p>
                <button type="submit" class="button">{t(K::Escalate)}</button>
            </ActionForm>
        })}
        <section aria-labelledby="notes-h" class="panel">
            <h2 id="notes-h">{t(K::StatusNotes)}</h2>
            <FormStatus action=note success=K::NoteAdded/>
            {a.notes.is_empty().then(|| view! { <p>{t(K::NoNotes)}</p> })}
            <ol class="notes">
                {a.notes.iter().map(|n| view! {
                    <li class="note">
                        <p class="note__head"><strong>{n.date.to_string()}</strong> " " <span class="muted">{n.author.clone()}</span>
                            {n.state_to.clone().map(|to| view! { " " <span class="badge">{t(state_key(n.state_from.as_deref().unwrap_or("open")))} " → " {t(state_key(&to))}</span> })}
                        </p>
                        <p class="note__body">{n.body.clone()}</p>
                    </li>
                }).collect_view()}
            </ol>
            {a.can_note.then(|| view! {
                <details class="panel panel--inner" open=move || note_errors.get().is_some()>
                    <summary class="panel__summary">{t(K::AddNote)}</summary>
                    <ActionForm action=note>
                        <input type="hidden" name="slug" value=slug.clone()/>
                        <input type="hidden" name="number" value=nr.clone()/>
                        <div class="grid-2">
                            <TextField scope="note" name="note_date" label=K::NoteDate kind="date" value=field_value(note_errors, "note_date", String::new()) error=field_error(note_errors, "note_date")/>
                            <SelectField scope="note" name="state" label=K::NewState options=state_opts.clone() value=field_value(note_errors, "state", String::new()) error=field_error(note_errors, "state")/>
                        </div>
                        <TextArea scope="note" name="body" label=K::NoteText required=true value=field_value(note_errors, "body", String::new()) error=field_error(note_errors, "body")/>
                        <div class="form-actions"><button type="submit" class="button button--primary">{t(K::AddNote)}</button></div>
                    </ActionForm>
                </details>
            })}
        </section>
        <section aria-labelledby="comments-h" class="panel">
            <h2 id="comments-h">{t(K::Comments)}</h2>
            <CommentStatus acts=comment/>
            <CommentThread thread=a.thread.clone() acts=comment/>
        </section>
        {a.edit.clone().map(|e| {
            let state_all: Vec<(String, String)> = STATES.iter().map(|s| (s.to_string(), t(state_key(s)).to_string())).collect();
            view! {
                <details class="panel" open=move || edit.value().with(Option::is_some)>
                    <summary class="panel__summary">{t(K::EditAction)}</summary>
                    <ActionForm action=edit>
                        <FormStatus action=edit success=K::Saved/>
                        <input type="hidden" name="slug" value=slug3.clone()/>
                        <input type="hidden" name="number" value=nr3.clone()/>
                        <TextField scope="edit" name="title" label=K::ActionTitle required=true value=field_value(edit_errors, "title", e.title.clone()) error=field_error(edit_errors, "title")/>
                        <TextArea scope="edit" name="description" label=K::Description hint=K::PurposeHint value=field_value(edit_errors, "description", e.description.clone()) error=field_error(edit_errors, "description")/>
                        <div class="grid-2">
                            <SelectField scope="edit" name="owner" label=K::ActionOwner options=people_options(&a.owners) value=field_value(edit_errors, "owner", e.owner.clone()) error=field_error(edit_errors, "owner")/>
                            <SelectField scope="edit" name="owner_org" label=K::ActionOwnerOrg options=org_options(&a.owners) value=field_value(edit_errors, "owner_org", e.owner_org.clone()) error=field_error(edit_errors, "owner_org")/>
                            <SelectField scope="edit" name="state" label=K::ActionState options=state_all value=field_value(edit_errors, "state", e.state.clone()) error=field_error(edit_errors, "state")/>
                            <TextField scope="edit" name="start_date" label=K::ActionStart kind="date" value=field_value(edit_errors, "start_date", e.start_date.clone()) error=field_error(edit_errors, "start_date")/>
                            <TextField scope="edit" name="end_date" label=K::ActionEnd kind="date" value=field_value(edit_errors, "end_date", e.end_date.clone()) error=field_error(edit_errors, "end_date")/>
                        </div>
                        <TextField scope="edit" name="comment" label=K::ActionComment value=field_value(edit_errors, "comment", e.comment.clone()) error=field_error(edit_errors, "comment")/>
                        <div class="form-actions"><button type="submit" class="button button--primary">{t(K::Save)}</button></div>
                    </ActionForm>
                </details>
            }
        })}
        <section aria-labelledby="changes-h" class="panel">
            <h2 id="changes-h">{t(K::ChangeHistory)}</h2>
            {a.changes.is_empty().then(|| view! { <p>{t(K::NoChanges)}</p> })}
            <ul class="plain changes">
                {a.changes.iter().map(|c| view! {
                    <li><span class="muted">{format_datetime(lang, c.at)}</span> " " {c.author.clone()} ": " <strong>{c.field.clone()}</strong> " " <del>{c.from.clone()}</del> " → " <ins>{c.to.clone()}</ins></li>
                }).collect_view()}
            </ul>
        </section>
    }
}
