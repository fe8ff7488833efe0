use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{get_my_account, ChangePassword, UpdateProfile};
use crate::components::fields::{field_error, field_value, form_errors, FormStatus, SelectField, TextField};
use crate::components::status::ErrorView;
use crate::components::t;
use crate::home::page::role_key;
use crate::i18n::K;

#[component]
pub fn MePage() -> impl IntoView {
    let profile = crate::components::server_action::<UpdateProfile>();
    let password = crate::components::server_action::<ChangePassword>();
    let data = Resource::new(|| (), |_| get_my_account());
    let perrors = form_errors(profile.value());
    let werrors = form_errors(password.value());
    let query = use_query_map();
    let saved = move || match query.read().get("saved").as_deref() {
        Some("profile") => Some(K::ProfileSaved),
        Some("password") => Some(K::PasswordChanged),
        _ => None,
    };
    view! {
        <Title text=t(K::MeTitle)/>
        <h1>{t(K::MeTitle)}</h1>
        {move || saved().map(|k| view! { <p class="notice notice--ok" role="status">{t(k)}</p> })}
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(me) => view! {
                    <div class="columns">
                        <section aria-labelledby="profile-h" class="panel">
                            <h2 id="profile-h">{t(K::MyDetails)}</h2>
                            <dl class="facts">
                                <dt>{t(K::Email)}</dt><dd>{me.email.clone()}</dd>
                                <dt>{t(K::Organisation)}</dt><dd>{me.organisation.clone()}</dd>
                            </dl>
                            <ActionForm action=profile>
                                <FormStatus action=profile/>
                                <TextField name="name" label=K::Name required=true autocomplete="name"
                                    value=field_value(perrors, "name", me.name.clone()) error=field_error(perrors, "name")/>
                                <TextField name="title" label=K::Title autocomplete="organization-title"
                                    value=field_value(perrors, "title", me.title.clone()) error=field_error(perrors, "title")/>
                                <SelectField name="language" label=K::Language
                                    options=vec![("sv".into(), t(K::Swedish).into()), ("en".into(), t(K::English).into())]
                                    value=field_value(perrors, "language", me.language.clone()) error=field_error(perrors, "language")/>
                                <div class="form-actions"><button type="submit" class="button button--primary">{t(K::Save)}</button></div>
                            </ActionForm>
                        </section>
                        <section aria-labelledby="pw-h" class="panel">
                            <h2 id="pw-h">{t(K::ChangePassword)}</h2>
                            <ActionForm action=password>
                                <FormStatus action=password/>
                                <TextField name="current" label=K::CurrentPassword kind="password" autocomplete="current-password" required=true
                                    error=field_error(werrors, "current")/>
                                <TextField name="password" label=K::NewPassword kind="password" autocomplete="new-password" required=true
                                    hint=K::PasswordHint error=field_error(werrors, "password")/>
                                <TextField name="password2" label=K::RepeatPassword kind="password" autocomplete="new-password" required=true
                                    error=field_error(werrors, "password2")/>
                                <div class="form-actions"><button type="submit" class="button button--primary">{t(K::ChangePassword)}</button></div>
                            </ActionForm>
                        </section>
                    </div>
                    <section aria-labelledby="roles-h">
                        <h2 id="roles-h">{t(K::MyForumRoles)}</h2>
                        <ul>
                            {me.is_admin.then(|| view! { <li>{t(K::GlobalAdmin)}</li> })}
                            {me.roles.into_iter().map(|(forum, role)| view! { <li>{forum} ": " {t(role_key(&role))}</li> }).collect_view()}
                        </ul>
                    </section>
                    <crate::notifications::pages::NotificationSettings/>
                    <section aria-labelledby="data-h">
                        <h2 id="data-h">{t(K::MyData)}</h2>
                        <p>{t(K::MyDataHint)}</p>
                        // A plain link: the browser downloads the file the server builds.
                        <p><a href="/me/data.json" download="samverkan-mina-uppgifter.json" rel="external">{t(K::MyDataDownload)}</a></p>
                    </section>
                }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}
