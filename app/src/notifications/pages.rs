//! The notification settings (a section of /me) and the unsubscribe page (no sign-in).
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{get_notification_settings, get_unsubscribe, SaveNotificationSettings, Unsubscribe};
use crate::components::fields::FormStatus;
use crate::components::status::ErrorView;
use crate::components::t;
use crate::i18n::K;

fn mode_key(mode: &str) -> K {
    match mode {
        "digest" => K::ModeDigest,
        "off" => K::ModeOff,
        _ => K::ModeImmediate,
    }
}

#[component]
pub fn NotificationSettings() -> impl IntoView {
    let save = crate::components::server_action::<SaveNotificationSettings>();
    let data = Resource::new(|| (), |_| get_notification_settings());
    view! {
        <section class="panel" id="notifications" aria-labelledby="notifications-h">
            <h2 id="notifications-h">{t(K::NotificationsTitle)}</h2>
            <p class="muted">{t(K::NotificationsHint)}</p>
            <FormStatus action=save success=K::NotificationsSaved/>
            <Suspense fallback=|| ()>
                {move || data.get().map(|r| match r {
                    Ok(list) if list.is_empty() => view! { <p>{t(K::NoForumsYet)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ActionForm action=save>
                            <div class="grid-2">
                                {list.into_iter().map(|s| {
                                    let id = format!("mode-{}", s.forum_id);
                                    view! {
                                        <div class="field">
                                            <label for=id.clone()>{s.forum_name.clone()}</label>
                                            <select id=id name=format!("mode[{}]", s.forum_id)>
                                                {["immediate", "digest", "off"].into_iter().map(|m| view! {
                                                    <option value=m selected=s.mode == m>{t(mode_key(m))}</option>
                                                }).collect_view()}
                                            </select>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                            <button type="submit" class="button button--primary">{t(K::Save)}</button>
                        </ActionForm>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let forum = move || query.read().get("forum").and_then(|f| f.parse::<i32>().ok());
    let act = crate::components::server_action::<Unsubscribe>();
    let data = Resource::new(move || (token(), forum()), |(t, f)| get_unsubscribe(t, f));
    view! {
        <Title text=t(K::UnsubscribeTitle)/>
        <h1>{t(K::UnsubscribeTitle)}</h1>
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(info) => view! {
                    <p>{info.name.clone()} ", " {match info.forum.clone() {
                        Some((_, name)) => format!("{} {name}.", t(K::UnsubscribeForum)),
                        None => t(K::UnsubscribeAll).to_string(),
                    }}</p>
                    {move || match act.value().get() {
                        Some(Ok(())) => view! { <p class="notice notice--ok" role="status">{t(K::UnsubscribeDone)}</p> }.into_any(),
                        _ => view! {
                            <FormStatus action=act/>
                            <ActionForm action=act>
                                <input type="hidden" name="token" value=token()/>
                                <input type="hidden" name="forum" value=forum().map(|f| f.to_string()).unwrap_or_default()/>
                                <button type="submit" class="button button--primary">{t(K::UnsubscribeButton)}</button>
                            </ActionForm>
                        }.into_any(),
                    }}
                    <p><a href="/me#notifications">{t(K::UnsubscribeSettings)}</a></p>
                }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}
