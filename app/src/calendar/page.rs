//! `/calendar`: month and list views with a forum filter; everything is a plain GET form or link,
//! so it works without JavaScript.
use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{get_calendar, ResetCalendarToken};
use super::dto::{CalendarMeeting, CalendarPage as Page};
use crate::components::fields::FormStatus;
use crate::components::status::ErrorView;
use crate::components::{t, use_lang};
use crate::i18n::{format_date, format_span, format_time, Lang, K};
use crate::meetings::pages::{meeting_label, status_key};

#[component]
pub fn CalendarPage() -> impl IntoView {
    let query = use_query_map();
    let reset = crate::components::server_action::<ResetCalendarToken>();
    let data = Resource::new(
        move || {
            let q = query.read();
            (q.get("view").unwrap_or_default(), q.get("month").unwrap_or_default(), q.get("forum").unwrap_or_default())
        },
        |(view, month, forum)| get_calendar(view, month, forum),
    );
    view! {
        <Title text=t(K::CalendarTitle)/>
        <h1>{t(K::CalendarTitle)}</h1>
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(p) => view! { <CalendarView p reset/> }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

fn month_name(lang: Lang, year: i32, month: u32) -> String {
    // "september 2023": the month word of a formatted date.
    let d = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default();
    let text = format_date(lang, d);
    let word = text.split_whitespace().find(|w| w.chars().all(char::is_alphabetic)).unwrap_or("").to_string();
    format!("{word} {year}")
}

fn link(view: &str, year: i32, month: u32, forum: &Option<String>) -> String {
    let f = forum.as_deref().map(|f| format!("&forum={f}")).unwrap_or_default();
    format!("/calendar?view={view}&month={year:04}-{month:02}{f}")
}

#[component]
fn CalendarView(p: Page, reset: ServerAction<ResetCalendarToken>) -> impl IntoView {
    let lang = use_lang();
    let (y, mo) = (p.year, p.month);
    let (prev, next) = if p.view == "list" {
        ((y - 1, mo), (y + 1, mo))
    } else {
        (if mo == 1 { (y - 1, 12) } else { (y, mo - 1) }, if mo == 12 { (y + 1, 1) } else { (y, mo + 1) })
    };
    let (prev_label, next_label) = if p.view == "list" { (K::PreviousYear, K::NextYear) } else { (K::PreviousMonth, K::NextMonth) };
    let heading = if p.view == "list" { y.to_string() } else { month_name(lang, y, mo) };
    let month_value = format!("{y:04}-{mo:02}");
    let personal = p.signed_in && p.feed_url.contains("token=");
    view! {
        <form method="get" action="/calendar" class="filters">
            <div class="field">
                <label for="cal-view">{t(K::CalendarView)}</label>
                <select id="cal-view" name="view">
                    <option value="month" selected=p.view == "month">{t(K::CalendarMonthView)}</option>
                    <option value="list" selected=p.view == "list">{t(K::CalendarListView)}</option>
                </select>
            </div>
            <div class="field">
                <label for="cal-forum">{t(K::ForumFilter)}</label>
                <select id="cal-forum" name="forum">
                    <option value="">{t(K::AllForums)}</option>
                    {p.forums.iter().map(|(slug, name)| view! { <option value=slug.clone() selected=p.forum.as_deref() == Some(slug.as_str())>{name.clone()}</option> }).collect_view()}
                </select>
            </div>
            <input type="hidden" name="month" value=month_value/>
            <div class="form-actions"><button type="submit" class="button">{t(K::ShowCalendar)}</button></div>
        </form>
        <nav class="calendar-nav" aria-label=t(K::CalendarTitle)>
            <a class="button button--small" href=link(&p.view, prev.0, prev.1, &p.forum)>"← " {t(prev_label)}</a>
            <h2 class="calendar-nav__title" aria-live="polite">{heading}</h2>
            <a class="button button--small" href=link(&p.view, next.0, next.1, &p.forum)>{t(next_label)} " →"</a>
        </nav>
        {if p.view == "list" {
            view! { <ListView meetings=p.meetings.clone()/> }.into_any()
        } else {
            view! { <MonthGrid year=y month=mo meetings=p.meetings.clone()/> }.into_any()
        }}
        <section aria-labelledby="subscribe-h" class="panel">
            <h2 id="subscribe-h">{t(K::Subscribe)}</h2>
            <p>{t(K::SubscribeHint)}</p>
            {if personal {
                view! {
                    <p><code class="feed-url">{p.feed_url.clone()}</code></p>
                    <p class="muted">{t(K::SubscribePrivate)}</p>
                }.into_any()
            } else {
                view! {
                    <p><code class="feed-url">{p.feed_url.clone()}</code></p>
                    <p class="muted">{t(K::SubscribePublicOnly)}</p>
                }.into_any()
            }}
            <p>{t(K::NewsFeed)} " " <code class="feed-url">{p.news_url.clone()}</code></p>
            {p.signed_in.then(|| view! {
                <ActionForm action=reset>
                    <FormStatus action=reset success=K::CalendarLinkReset/>
                    <button type="submit" class="button">{if personal { t(K::ResetCalendarLink) } else { t(K::CreateCalendarLink) }}</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn ListView(meetings: Vec<CalendarMeeting>) -> impl IntoView {
    let lang = use_lang();
    if meetings.is_empty() {
        return view! { <p>{t(K::NoMeetingsInPeriod)}</p> }.into_any();
    }
    // Grouped by month, as in the year overview of the decks.
    let mut groups: Vec<(u32, Vec<CalendarMeeting>)> = vec![];
    for m in meetings {
        match groups.last_mut() {
            Some((mo, list)) if *mo == m.starts.month() => list.push(m),
            _ => groups.push((m.starts.month(), vec![m])),
        }
    }
    view! {
        <div class="calendar-list">
            {groups.into_iter().map(|(mo, list)| {
                let y = list[0].starts.year();
                view! {
                    <h3>{month_name(lang, y, mo)}</h3>
                    <ul class="meeting-list">
                        {list.into_iter().map(|m| view! {
                            <li class:meeting-list__cancelled=m.status == "cancelled">
                                <a href=format!("/meetings/{}", m.id)>{meeting_label(&m.forum_name, &m.title)}</a>
                                <span class="meeting-list__when">{format_span(lang, m.starts, m.ends)}</span>
                                <span class="badge">{t(status_key(&m.status))}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }
            }).collect_view()}
        </div>
    }
    .into_any()
}

/// A Monday-first month grid; each day lists its meetings. A table, so screen readers get
/// weekday headers with each cell.
#[component]
fn MonthGrid(year: i32, month: u32, meetings: Vec<CalendarMeeting>) -> impl IntoView {
    let lang = use_lang();
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default();
    let start = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let short: Vec<&str> = t(K::WeekdaysShort).split(' ').collect();
    let long: Vec<&str> = t(K::WeekdaysLong).split(' ').collect();
    let weeks: Vec<Vec<NaiveDate>> = (0..6)
        .map(|w| (0..7).map(|d| start + Duration::days(w * 7 + d)).collect::<Vec<_>>())
        .filter(|week: &Vec<NaiveDate>| week.iter().any(|d| d.month() == month))
        .collect();
    let empty = meetings.is_empty();
    view! {
        {empty.then(|| view! { <p>{t(K::NoMeetingsInPeriod)}</p> })}
        <table class="month">
            <caption class="visually-hidden">{month_name(lang, year, month)}</caption>
            <thead>
                <tr>{(0..7).map(|i| view! { <th scope="col"><abbr title=long.get(i).copied().unwrap_or("")>{short.get(i).copied().unwrap_or("")}</abbr></th> }).collect_view()}</tr>
            </thead>
            <tbody>
                {weeks.into_iter().map(|week| view! {
                    <tr>
                        {week.into_iter().map(|day| {
                            let todays: Vec<CalendarMeeting> = meetings.iter().filter(|m| m.starts.date() == day).cloned().collect();
                            let outside = day.month() != month;
                            let busy = !todays.is_empty();
                            view! {
                                <td class="month__day" class:month__day--outside=outside class:month__day--busy=busy>
                                    <span class="month__date">{day.day()}</span>
                                    {todays.into_iter().map(|m| view! {
                                        <a class="month__meeting" class:month__meeting--cancelled=m.status == "cancelled" href=format!("/meetings/{}", m.id)>
                                            <span class="month__time">{format_time(lang, m.starts.time())}</span>
                                            " " {meeting_label(&m.forum_name, &m.title)}
                                        </a>
                                    }).collect_view()}
                                </td>
                            }
                        }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
