//! `/search?q=`: a plain GET form and ranked results with highlighted snippets.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::search;
use super::dto::SearchPage;
use crate::components::layout::urlencode;
use crate::components::status::ErrorView;
use crate::components::t;
use crate::i18n::K;

fn kind_key(kind: &str) -> K {
    match kind {
        "meeting" => K::HitMeeting,
        "item" => K::HitItem,
        "summary" => K::HitSummary,
        "action" => K::HitAction,
        "note" => K::HitNote,
        _ => K::HitComment,
    }
}

#[component]
pub fn SearchPageView() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let data = Resource::new(
        move || (q(), query.read().get("page").and_then(|p| p.parse::<u64>().ok()).unwrap_or(0)),
        |(q, p)| search(q, p),
    );
    view! {
        <Title text=t(K::SearchTitle)/>
        <h1>{t(K::SearchTitle)}</h1>
        <form method="get" action="/search" class="search-form" role="search">
            <label for="search-q">{t(K::SearchLabel)}</label>
            <div class="search-form__row">
                <input id="search-q" type="search" name="q" value=q/>
                <button type="submit" class="button button--primary">{t(K::Search)}</button>
            </div>
        </form>
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(p) => view! { <Results p/> }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Results(p: SearchPage) -> impl IntoView {
    if p.q.trim().is_empty() {
        return view! { <p class="muted">{t(K::SearchHint)}</p> }.into_any();
    }
    let link = {
        let q = p.q.clone();
        move |page: u64| format!("/search?q={}&page={page}", urlencode(&q))
    };
    let (prev, next) = ((p.page > 0).then(|| link(p.page - 1)), (p.page + 1 < p.pages).then(|| link(p.page + 1)));
    view! {
        <p class="count" role="status">
            {if p.capped { t(K::SearchCapped).to_string() } else { format!("{} {}", p.total, t(K::SearchHits)) }}
        </p>
        <ol class="hits">
            {p.hits.into_iter().map(|h| {
                let title = if h.title.is_empty() { t(kind_key(&h.kind)).to_string() } else { h.title.clone() };
                view! {
                    <li class="hit">
                        <p class="hit__meta"><span class="badge">{t(kind_key(&h.kind))}</span> " " <span class="muted">{h.forum.clone()}</span></p>
                        <h2 class="hit__title"><a href=h.url.clone()>{title}</a></h2>
                        <p class="hit__snippet" inner_html=h.snippet_html.clone()></p>
                    </li>
                }
            }).collect_view()}
        </ol>
        <nav class="pager" aria-label=t(K::PageOf)>
            {prev.map(|h| view! { <a href=h rel="prev">{t(K::PreviousPage)}</a> })}
            <span>{t(K::PageOf)} " " {p.page + 1} " / " {p.pages}</span>
            {next.map(|h| view! { <a href=h rel="next">{t(K::NextPage)}</a> })}
        </nav>
    }
    .into_any()
}
