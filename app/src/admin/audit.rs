//! `/admin/audit`: the audit log with filters (plain GET form) and pages.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::list_audit;
use super::dto::AuditPage;
use crate::components::layout::urlencode;
use crate::components::status::ErrorView;
use crate::components::{t, use_lang};
use crate::i18n::{format_datetime, K};

#[component]
pub fn AuditPageView() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            let g = |k: &str| q.get(k).unwrap_or_default();
            (g("action"), g("who"), g("from"), g("to"), g("page").parse::<u64>().unwrap_or(0))
        },
        |(a, w, f, to, p)| list_audit(a, w, f, to, p),
    );
    view! {
        <Title text=t(K::AuditTitle)/>
        <h1>{t(K::AuditTitle)}</h1>
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(p) => view! { <AuditTable p/> }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn AuditTable(p: AuditPage) -> impl IntoView {
    let lang = use_lang();
    let link = {
        let (a, w, f, to) = (p.action.clone(), p.who.clone(), p.from.clone(), p.to.clone());
        move |page: u64| format!("/admin/audit?action={}&who={}&from={}&to={}&page={page}", urlencode(&a), urlencode(&w), urlencode(&f), urlencode(&to))
    };
    let (prev, next) = ((p.page > 0).then(|| link(p.page - 1)), (p.page + 1 < p.pages).then(|| link(p.page + 1)));
    view! {
        <form method="get" action="/admin/audit" class="filters no-print">
            <div class="field">
                <label for="audit-action">{t(K::AuditAction)}</label>
                <select id="audit-action" name="action">
                    <option value="">{t(K::All)}</option>
                    {p.actions.iter().map(|a| view! { <option value=a.clone() selected=*a == p.action>{a.clone()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="audit-who">{t(K::AuditWho)}</label>
                <input id="audit-who" type="search" name="who" value=p.who.clone()/>
            </div>
            <div class="field">
                <label for="audit-from">{t(K::DateFrom)}</label>
                <input id="audit-from" type="date" name="from" value=p.from.clone()/>
            </div>
            <div class="field">
                <label for="audit-to">{t(K::DateTo)}</label>
                <input id="audit-to" type="date" name="to" value=p.to.clone()/>
            </div>
            <button type="submit" class="button">{t(K::Filter)}</button>
        </form>
        <p class="count">{p.total} " " {t(K::AuditCount)}</p>
        <div class="table-wrap">
            <table class="table">
                <caption class="visually-hidden">{t(K::AuditTitle)}</caption>
                <thead><tr>
                    <th scope="col">{t(K::AuditWhen)}</th>
                    <th scope="col">{t(K::AuditWho)}</th>
                    <th scope="col">{t(K::AuditAction)}</th>
                    <th scope="col">{t(K::AuditTarget)}</th>
                    <th scope="col">{t(K::AuditDetail)}</th>
                    <th scope="col">{t(K::AuditIp)}</th>
                </tr></thead>
                <tbody>
                    {p.rows.into_iter().map(|r| view! {
                        <tr>
                            <td class="nowrap">{format_datetime(lang, r.at)}</td>
                            <td>{r.who}</td>
                            <td><code>{r.action}</code></td>
                            <td>{r.target}</td>
                            <td>{r.detail}</td>
                            <td>{r.ip}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="pager" aria-label=t(K::PageOf)>
            {prev.map(|h| view! { <a href=h rel="prev">{t(K::PreviousPage)}</a> })}
            <span>{t(K::PageOf)} " " {p.page + 1} " / " {p.pages}</span>
            {next.map(|h| view! { <a href=h rel="next">{t(K::NextPage)}</a> })}
        </nav>
    }
}
