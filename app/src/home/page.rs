use leptos::prelude::*;
use leptos_meta::Title;

use super::api::get_dashboard;
use crate::components::status::ErrorView;
use super::dto::Dashboard;
use crate::components::{t, use_lang};
use crate::i18n::{format_date, format_span, K};
use crate::meetings::pages::{meeting_label, status_key};

pub fn role_key(code: &str) -> K {
    match code {
        "secretariat" => K::RoleSecretariat,
        "coordinator" => K::RoleCoordinator,
        "member" => K::RoleMember,
        _ => K::RoleNone,
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_dashboard());
    view! {
        <Title text=t(K::HomeTitle)/>
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(Some(d)) => view! { <Overview d/> }.into_any(),
                Ok(None) => view! {
                    <div class="hero">
                        <h1>{t(K::HomeWelcome)}</h1>
                        <p class="lead">{t(K::HomeIntro)}</p>
                        <p>{t(K::HomeLoginPrompt)}</p>
                        <p><a class="button button--primary" href="/login">{t(K::Login)}</a></p>
                    </div>
                }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Overview(d: Dashboard) -> impl IntoView {
    let lang = use_lang();
    let waiting = !d.to_review.is_empty() || !d.summaries_to_review.is_empty() || !d.surveys_to_answer.is_empty() || !d.surveys_running.is_empty() || !d.consultations_to_answer.is_empty();
    view! {
        <h1>{t(K::HomeHello)} ", " {d.name.clone()}</h1>
        <div class="dashboard">
            <section aria-labelledby="next-meetings" class="panel">
                <h2 id="next-meetings">{t(K::HomeNextMeetings)}</h2>
                {if d.next_meetings.is_empty() {
                    view! { <p>{t(K::HomeNoMeetings)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="meeting-list">
                            {d.next_meetings.iter().map(|m| view! {
                                <li>
                                    <a href=format!("/meetings/{}", m.id)>{meeting_label(&m.forum_name, &m.title)}</a>
                                    <span class="meeting-list__when">{format_span(lang, m.starts, m.ends)}</span>
                                    <span class="badge">{t(status_key(&m.status))}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="waiting" class="panel">
                <h2 id="waiting">{t(K::HomeWaiting)}</h2>
                {if waiting {
                    view! {
                        <ul class="meeting-list">
                            {d.to_review.iter().map(|r| view! {
                                <li>
                                    <a href=format!("/meetings/{}#additions", r.meeting.id)>{r.count} " " {t(K::HomeAdditionsToReview)}</a>
                                    <span class="meeting-list__when">{r.meeting.forum_name.clone()} ", " {format_span(lang, r.meeting.starts, r.meeting.ends)}</span>
                                </li>
                            }).collect_view()}
                            {d.surveys_to_answer.iter().map(|s| view! {
                                <li>
                                    <a href=format!("/surveys/{}", s.id)>{t(K::HomeSurveysWaiting)} ": " {s.title.clone()}</a>
                                    <span class="meeting-list__when">{t(K::SurveyCloses)} " " {crate::i18n::format_date(lang, s.closes.date())}</span>
                                </li>
                            }).collect_view()}
                            {d.consultations_to_answer.iter().map(|c| view! {
                                <li>
                                    <a href=format!("/consultations/{}", c.id)>{t(K::HomeConsultationsWaiting)} ": " {c.title.clone()}</a>
                                    <span class="meeting-list__when">{t(K::ConsultationDeadline)} " " {crate::i18n::format_date(lang, c.deadline)}</span>
                                </li>
                            }).collect_view()}
                            {d.surveys_running.iter().map(|s| view! {
                                <li>
                                    <a href=format!("/surveys/{}", s.id)>{s.title.clone()}</a>
                                    <span class="meeting-list__when">{format!("{} {} {} {}", s.answered, t(K::Of), s.invited, t(K::HaveAnswered))}</span>
                                </li>
                            }).collect_view()}
                            {d.summaries_to_review.iter().map(|m| view! {
                                <li>
                                    <a href=format!("/meetings/{}/summary", m.id)>{t(K::HomeSummaryToReview)}</a>
                                    <span class="meeting-list__when">{m.forum_name.clone()} ", " {format_span(lang, m.starts, m.ends)}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                } else {
                    view! { <p>{t(K::HomeNothingWaiting)}</p> }.into_any()
                }}
            </section>
            <section aria-labelledby="my-actions" class="panel">
                <h2 id="my-actions">{t(K::HomeMyActions)}</h2>
                {if d.my_actions.is_empty() {
                    view! { <p>{t(K::HomeNoActions)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="meeting-list">
                            {d.my_actions.iter().map(|a| view! {
                                <li>
                                    <a href=format!("/forums/{}/actions/{}", a.forum_slug, a.number)>{a.number} ". " {a.title.clone()}</a>
                                    <span class="meeting-list__when">{a.forum_name.clone()} {a.end_date.map(|d| view! { ", " {t(K::ActionEnd)} " " {format_date(lang, d)} })}</span>
                                    {a.overdue.then(|| view! { <span class="badge badge--changed">{t(K::Overdue)}</span> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="published-since" class="panel">
                <h2 id="published-since">{t(K::HomePublishedSince)}</h2>
                {if d.published_since.is_empty() {
                    view! { <p>{t(K::HomeNothingNew)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="meeting-list">
                            {d.published_since.iter().map(|(m, p)| view! {
                                <li>
                                    <a href=format!("/meetings/{}", m.id)>{meeting_label(&m.forum_name, &m.title)}</a>
                                    <span class="meeting-list__when">{format_span(lang, m.starts, m.ends)}</span>
                                    <span class="muted">{t(K::Published)} " " {format_date(lang, *p)}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            {(!d.my_additions.is_empty()).then(|| view! {
                <section aria-labelledby="my-additions" class="panel">
                    <h2 id="my-additions">{t(K::HomeMyAdditions)}</h2>
                    <ul class="meeting-list">
                        {d.my_additions.iter().map(|a| view! {
                            <li>
                                <a href=format!("/meetings/{}#additions", a.meeting_id)>{a.title.clone()}</a>
                                <span class="meeting-list__when">{t(K::ReceivedOn)} " " {format_date(lang, a.received)}</span>
                                <span class="badge">{t(match a.status.as_str() { "accepted" => K::AdditionAccepted, "declined" => K::AdditionDeclined, _ => K::AdditionPending })}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </div>
        <section aria-labelledby="my-forums">
            <h2 id="my-forums">{t(K::HomeMyForums)}</h2>
            {if d.forums.is_empty() {
                view! { <p>{t(K::HomeNoForums)}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {d.forums.into_iter().map(|f| view! {
                            <li class="card">
                                <h3 class="card__title"><a href=format!("/forums/{}", f.slug)>{f.name}</a></h3>
                                <p class="card__meta">{t(role_key(&f.role))}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
