//! /forums (the structure as a tree) and /forums/{slug} (one forum).
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::api::{get_forum, get_structure, SaveForum, SetForumOrganisation};
use super::dto::{ForumDetail, ForumEdit, ForumNode, LEVELS};
use crate::admin::dto::Choice;
use crate::components::fields::{field_error, field_value, form_errors, FormStatus, SelectField, TextArea, TextField};
use crate::components::status::ErrorView;
use crate::components::{t, use_lang};
use crate::home::page::role_key;
use crate::i18n::{format_span, K};
use crate::meetings::pages::{MeetingList, PlanMeetingForm};

pub fn level_key(level: &str) -> K {
    match level {
        "strategic" => K::LevelStrategic,
        "tactical" => K::LevelTactical,
        "reference" => K::LevelReference,
        _ => K::LevelDialogue,
    }
}

fn level_options() -> Vec<(String, String)> {
    LEVELS.iter().map(|l| (l.to_string(), t(level_key(l)).to_string())).collect()
}

fn visibility_options() -> Vec<(String, String)> {
    vec![("members".into(), t(K::MembersOnly).into()), ("public".into(), t(K::Public).into())]
}

fn parent_options(parents: &[Choice]) -> Vec<(String, String)> {
    std::iter::once((String::new(), t(K::NoParent).to_string()))
        .chain(parents.iter().map(|p| (p.id.to_string(), p.name.clone())))
        .collect()
}

#[component]
fn Node(node: ForumNode) -> AnyView {
    let href = format!("/forums/{}", node.slug);
    let children = node.children;
    view! {
        <li class="tree__item">
            <div class="tree__card">
                <a class="tree__name" href=href>{node.name}</a>
                <span class="badge">{t(level_key(&node.level))}</span>
                {node.public.then(|| view! { <span class="badge badge--public">{t(K::Public)}</span> })}
                {(node.open_actions > 0).then(|| view! { <a class="tree__actions" href=format!("/forums/{}/actions?state=active", node.slug)>{node.open_actions} " " {t(K::OpenActions)}</a> })}
                {node.next.map(|(id, starts, ends)| view! {
                    <span class="tree__next">{t(K::NextMeeting)} ": " <a href=format!("/meetings/{id}")>{format_span(use_lang(), starts, ends)}</a></span>
                })}
            </div>
            {(!children.is_empty()).then(|| view! {
                <ul class="tree">{children.into_iter().map(|c| view! { <Node node=c/> }).collect_view()}</ul>
            })}
        </li>
    }
    .into_any()
}

#[component]
pub fn StructurePage() -> impl IntoView {
    let save = crate::components::server_action::<SaveForum>();
    let data = Resource::new(|| (), |_| get_structure());
    let errors = form_errors(save.value());
    view! {
        <Title text=t(K::StructureTitle)/>
        <h1>{t(K::StructureTitle)}</h1>
        <p class="lead">{t(K::StructureIntro)}</p>
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(s) => view! {
                    {if s.roots.is_empty() {
                        view! { <p>{t(K::NoForumsVisible)}</p> }.into_any()
                    } else {
                        view! { <ul class="tree tree--root">{s.roots.into_iter().map(|n| view! { <Node node=n/> }).collect_view()}</ul> }.into_any()
                    }}
                    {s.can_create.then(|| view! {
                        <section class="panel" aria-labelledby="new-forum">
                            <h2 id="new-forum">{t(K::ForumCreate)}</h2>
                            <ActionForm action=save>
                                <FormStatus action=save/>
                                <div class="grid-2">
                                    <TextField name="name" label=K::Name required=true value=field_value(errors, "name", String::new()) error=field_error(errors, "name")/>
                                    <TextField name="slug" label=K::Slug hint=K::SlugHint value=field_value(errors, "slug", String::new()) error=field_error(errors, "slug")/>
                                    <SelectField name="level" label=K::Level required=true options=level_options() value=field_value(errors, "level", "tactical".into()) error=field_error(errors, "level")/>
                                    <SelectField name="parent_id" label=K::ParentForum options=parent_options(&s.parents) value=field_value(errors, "parent_id", String::new()) error=field_error(errors, "parent_id")/>
                                    <SelectField name="visibility" label=K::Visibility options=visibility_options() value=field_value(errors, "visibility", "members".into()) error=field_error(errors, "visibility")/>
                                    <TextField name="contact_email" label=K::ContactEmail kind="email" value=field_value(errors, "contact_email", String::new()) error=field_error(errors, "contact_email")/>
                                    <TextField name="publish_days_before" label=K::PublishDays kind="number" value=field_value(errors, "publish_days_before", "7".into()) error=field_error(errors, "publish_days_before")/>
                                </div>
                                <TextArea name="purpose" label=K::Purpose hint=K::PurposeHint value=field_value(errors, "purpose", String::new()) error=field_error(errors, "purpose")/>
                                <input type="hidden" name="agenda_template" value=""/>
                                <div class="form-actions"><button type="submit" class="button button--primary">{t(K::ForumCreate)}</button></div>
                            </ActionForm>
                        </section>
                    })}
                }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
pub fn ForumPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let save = crate::components::server_action::<SaveForum>();
    let orgs = crate::components::server_action::<SetForumOrganisation>();
    let data = Resource::new(slug, get_forum);
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(f) => view! { <ForumView f save orgs/> }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ForumView(f: ForumDetail, save: ServerAction<SaveForum>, orgs: ServerAction<SetForumOrganisation>) -> impl IntoView {
    let forum_id = f.id.to_string();
    view! {
        <Title text=f.name.clone()/>
        <p class="breadcrumb"><a href="/forums">{t(K::StructureTitle)}</a></p>
        <h1>{f.name.clone()}</h1>
        <p class="meta">
            <span class="badge">{t(level_key(&f.level))}</span>
            <span class="badge" class:badge--public=f.public>{t(if f.public { K::Public } else { K::MembersOnly })}</span>
            {f.parent.clone().map(|(name, slug)| view! { <span>{t(K::ParentForum)} ": " <a href=format!("/forums/{slug}")>{name}</a></span> })}
        </p>
        <div class="columns">
            <section aria-labelledby="purpose-h">
                <h2 id="purpose-h">{t(K::Purpose)}</h2>
                <div class="prose" inner_html=f.purpose_html.clone()></div>
                <p>{t(K::PublishRule)} " " <strong>{f.publish_days_before}</strong></p>
                {f.contact_email.clone().map(|e| view! { <p>{t(K::Contact)} ": " <a href=format!("mailto:{e}")>{e.clone()}</a></p> })}
                {(!f.children.is_empty()).then(|| view! {
                    <h3>{t(K::SubForums)}</h3>
                    <ul>{f.children.clone().into_iter().map(|(n, s)| view! { <li><a href=format!("/forums/{s}")>{n}</a></li> }).collect_view()}</ul>
                })}
            </section>
            <section aria-labelledby="orgs-h">
                <h2 id="orgs-h">{t(K::MemberOrganisations)}</h2>
                {if f.organisations.is_empty() {
                    view! { <p>{t(K::NoMemberOrganisations)}</p> }.into_any()
                } else {
                    let can = f.can_manage;
                    let fid = forum_id.clone();
                    view! {
                        <ul class="org-list">
                            {f.organisations.clone().into_iter().map(|o| {
                                let fid = fid.clone();
                                view! {
                                    <li>
                                        <span>{o.name.clone()}</span>
                                        {can.then(|| view! {
                                            <ActionForm action=orgs>
                                                <input type="hidden" name="forum_id" value=fid/>
                                                <input type="hidden" name="organisation_id" value=o.id.to_string()/>
                                                <input type="hidden" name="member" value="false"/>
                                                <button type="submit" class="button button--small button--quiet">{t(K::RemoveOrganisation)}<span class="visually-hidden">" " {o.name.clone()}</span></button>
                                            </ActionForm>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {f.edit.clone().filter(|e| !e.other_organisations.is_empty()).map(|e| view! {
                    <ActionForm action=orgs>
                        <input type="hidden" name="forum_id" value=forum_id.clone()/>
                        <input type="hidden" name="member" value="true"/>
                        <label for="add-org">{t(K::AddOrganisation)}</label>
                        <div class="search-form__row">
                            <select id="add-org" name="organisation_id">
                                {e.other_organisations.into_iter().map(|o| view! { <option value=o.id.to_string()>{o.name}</option> }).collect_view()}
                            </select>
                            <button type="submit" class="button button--small">{t(K::AddOrganisation)}</button>
                        </div>
                    </ActionForm>
                })}
                <h2>{t(K::Representatives)}</h2>
                {if f.representatives.is_empty() {
                    view! { <p>{t(K::NoRepresentatives)}</p> }.into_any()
                } else {
                    view! {
                        <dl class="representatives">
                            {f.representatives.clone().into_iter().map(|g| view! {
                                <dt>{g.organisation}</dt>
                                {g.people.into_iter().map(|p| view! {
                                    <dd>
                                        {p.name} {p.title.map(|ti| format!(", {ti}"))}
                                        " – " <span class="muted">{t(role_key(&p.role))}</span>
                                    </dd>
                                }).collect_view()}
                            }).collect_view()}
                        </dl>
                    }.into_any()
                }}
            </section>
        </div>
        <div class="columns">
            <p>
                <a class="button" href=format!("/forums/{}/actions", f.slug)>{t(K::ActionList)}</a> " "
                <a class="button" href=format!("/forums/{}/surveys", f.slug)>{t(K::SurveysTitle)}</a> " "
                <a class="button" href=format!("/forums/{}/consultations", f.slug)>{t(K::ConsultationsTitle)}</a>
            </p>
            {(!f.open_consultations.is_empty()).then(|| view! {
                <section aria-labelledby="open-consultations-h">
                    <h2 id="open-consultations-h">{t(K::OpenConsultations)}</h2>
                    <crate::consultations::pages::ConsultationList rows=f.open_consultations.clone()/>
                </section>
            })}
            {(!f.open_surveys.is_empty()).then(|| view! {
                <section aria-labelledby="open-surveys-h">
                    <h2 id="open-surveys-h">{t(K::OpenSurveys)}</h2>
                    <crate::surveys::pages::SurveyList rows=f.open_surveys.clone()/>
                </section>
            })}
            <section aria-labelledby="upcoming-h">
                <h2 id="upcoming-h">{t(K::UpcomingMeetings)}</h2>
                <MeetingList rows=f.upcoming.clone() empty=K::NoUpcomingMeetings/>
                {match f.feed_path.clone() {
                    Some(p) => view! { <p><a href=p>{t(K::SubscribeForum)}</a> <span class="muted">{t(K::SubscribeForumHint)}</span></p> }.into_any(),
                    None => view! { <p class="muted">{t(K::SubscribeForumNoToken)} " " <a href="/calendar">{t(K::CalendarTitle)}</a></p> }.into_any(),
                }}
            </section>
            <section aria-labelledby="past-h">
                <h2 id="past-h">{t(K::PastMeetings)}</h2>
                <MeetingList rows=f.past.clone() empty=K::NoPastMeetings/>
            </section>
        </div>
        {f.can_plan_meetings.then(|| view! { <PlanMeetingForm forum_slug=f.slug.clone()/> })}
        {f.edit.clone().map(|e| view! { <ForumEditPanel f=f.clone() e save/> })}
    }
}

#[component]
fn ForumEditPanel(f: ForumDetail, e: ForumEdit, save: ServerAction<SaveForum>) -> impl IntoView {
    let errors = form_errors(save.value());
    view! {
        <details class="panel" open=move || save.value().get().is_some()>
            <summary class="panel__summary">{t(K::ForumEdit)}</summary>
            <ActionForm action=save>
                <FormStatus action=save success=K::ForumSaved/>
                <input type="hidden" name="id" value=f.id.to_string()/>
                <div class="grid-2">
                    <TextField name="name" label=K::Name required=true value=field_value(errors, "name", f.name.clone()) error=field_error(errors, "name")/>
                    <SelectField name="level" label=K::Level required=true options=level_options() value=field_value(errors, "level", f.level.clone()) error=field_error(errors, "level")/>
                    <SelectField name="parent_id" label=K::ParentForum options=parent_options(&e.parents) value=field_value(errors, "parent_id", e.parent_id.map(|p| p.to_string()).unwrap_or_default()) error=field_error(errors, "parent_id")/>
                    <SelectField name="visibility" label=K::Visibility options=visibility_options() value=field_value(errors, "visibility", if f.public { "public".into() } else { "members".into() }) error=field_error(errors, "visibility")/>
                    <TextField name="contact_email" label=K::ContactEmail kind="email" value=field_value(errors, "contact_email", e.contact_email.clone()) error=field_error(errors, "contact_email")/>
                    <TextField name="publish_days_before" label=K::PublishDays kind="number" value=field_value(errors, "publish_days_before", f.publish_days_before.to_string()) error=field_error(errors, "publish_days_before")/>
                </div>
                <TextArea name="purpose" label=K::Purpose hint=K::PurposeHint value=field_value(errors, "purpose", e.purpose.clone()) error=field_error(errors, "purpose")/>
                <TextArea name="agenda_template" label=K::AgendaTemplate hint=K::AgendaTemplateHint value=field_value(errors, "agenda_template", e.agenda_template.clone()) error=field_error(errors, "agenda_template")/>
                <div class="form-actions"><button type="submit" class="button button--primary">{t(K::Save)}</button></div>
            </ActionForm>
        </details>
    }
}
