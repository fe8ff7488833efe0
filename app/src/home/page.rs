use leptos::prelude::*;
use leptos_meta::Title;

use super::api::get_dashboard;
use crate::components::status::ErrorView;
use crate::components::t;
use crate::i18n::K;

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
                Ok(Some(d)) => view! {
                    <h1>{t(K::HomeHello)} ", " {d.name}</h1>
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
                }.into_any(),
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
