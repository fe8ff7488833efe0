//! The frame of every page: skip link, header with navigation, language switch and login state, footer.
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::{t, use_lang};
use crate::auth::api::get_current_user;
use crate::i18n::K;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let location = use_location();
    // Refetched on navigation, so signing in or out shows at once.
    let me = Resource::new(move || location.pathname.get(), |_| get_current_user());
    let lang = use_lang();
    let path = move || {
        let p = location.pathname.get();
        let q = location.search.get();
        if q.is_empty() { p } else { format!("{p}?{q}") }
    };
    let switch_href = move || format!("/lang/{}?next={}", lang.other().code(), urlencode(&path()));
    view! {
        <a class="skip-link" href="#main">{t(K::SkipToContent)}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="/">
                    <span class="brand__mark" aria-hidden="true"></span>
                    <span class="brand__name">{t(K::AppName)}</span>
                </a>
                <nav class="site-nav" aria-label=t(K::NavMain)>
                    <ul>
                        <li><a href="/">{t(K::NavHome)}</a></li>
                        <li><a href="/forums">{t(K::NavForums)}</a></li>
                        <li><a href="/calendar">{t(K::NavCalendar)}</a></li>
                        <li><a href="/search">{t(K::NavSearch)}</a></li>
                        <Transition fallback=|| ()>
                            {move || me.get().and_then(|r| r.ok()).flatten().map(|u| view! {
                                {u.can_admin_users.then(|| view! { <li><a href="/admin/users">{t(K::NavAdminUsers)}</a></li> })}
                                {u.can_admin_orgs.then(|| view! { <li><a href="/admin/organisations">{t(K::NavAdminOrgs)}</a></li> })}
                                {u.can_view_audit.then(|| view! { <li><a href="/admin/audit">{t(K::NavAudit)}</a></li> })}
                                <li><a href="/me">{t(K::NavMe)}</a></li>
                            })}
                        </Transition>
                    </ul>
                </nav>
                <div class="site-header__tools">
                    <a class="lang-switch" href=switch_href rel="external" lang=lang.other().code() title=t(K::LanguageSwitchLabel)>
                        {t(K::LanguageSwitch)}
                    </a>
                    <Transition fallback=|| ()>
                        {move || me.get().map(|r| match r.ok().flatten() {
                            Some(u) => view! {
                                <span class="who">
                                    <span class="visually-hidden">{t(K::SignedInAs)} " "</span>
                                    <span class="who__name">{u.name}</span>
                                    <span class="who__org">{u.organisation}</span>
                                </span>
                                <form method="post" action="/logout" class="inline-form">
                                    <button type="submit" class="button button--quiet">{t(K::Logout)}</button>
                                </form>
                            }.into_any(),
                            None => view! { <a class="button" href="/login">{t(K::Login)}</a> }.into_any(),
                        })}
                    </Transition>
                </div>
            </div>
        </header>
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{t(K::FooterText)}</p>
            <p>{t(K::FooterContact)}</p>
            <HydrationMarker text=t(K::Hydrated).to_string()/>
        </footer>
    }
}

/// Says "hydrated" only after the browser has run the islands' code: end-to-end tests wait for it,
/// so a broken wasm cannot pass unnoticed. The text comes translated (no texts in the wasm).
#[island]
fn HydrationMarker(text: String) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    view! {
        <p class="hydration-marker" data-hydrated=move || if hydrated.get() { "true" } else { "false" }>
            <span class="visually-hidden">{move || if hydrated.get() { text.clone() } else { String::new() }}</span>
        </p>
    }
}

/// Percent-encode a path for a query parameter.
pub fn urlencode(s: &str) -> String {
    super::percent_encode_keep(s, b"/")
}
