//! Sign-in, password reset and invitation pages. Plain forms that post; hydration makes them smoother.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{AcceptInvitation, CompleteReset, Login, RequestReset, invitation_info};
use crate::components::fields::{field_error, field_value, form_errors, FormStatus, TextField};
use crate::components::status::ErrorView;
use crate::components::t;
use crate::i18n::K;

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = crate::components::server_action::<Login>();
    let errors = form_errors(action.value());
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let notice = move || match query.read().get("notice").as_deref() {
        Some("reset") => Some(K::ResetDone),
        Some("welcome") => Some(K::InviteDone),
        _ => None,
    };
    view! {
        <Title text=t(K::LoginTitle)/>
        <div class="narrow">
            <h1>{t(K::LoginTitle)}</h1>
            {move || notice().map(|k| view! { <p class="notice notice--ok" role="status">{t(k)}</p> })}
            <ActionForm action=action>
                <FormStatus action=action/>
                <input type="hidden" name="next" value=next/>
                <TextField name="email" label=K::Email kind="email" autocomplete="username" required=true
                    value=field_value(errors, "email", String::new()) error=field_error(errors, "email")/>
                <TextField name="password" label=K::Password kind="password" autocomplete="current-password" required=true
                    error=field_error(errors, "password")/>
                <div class="form-actions">
                    <button type="submit" class="button button--primary">{t(K::Login)}</button>
                    <a href="/reset">{t(K::ForgotPassword)}</a>
                </div>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn ResetRequestPage() -> impl IntoView {
    let action = crate::components::server_action::<RequestReset>();
    let errors = form_errors(action.value());
    let query = use_query_map();
    let sent = move || query.read().get("sent").is_some() || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text=t(K::ResetTitle)/>
        <div class="narrow">
            <h1>{t(K::ResetTitle)}</h1>
            <Show when=sent fallback=move || view! {
                <p>{t(K::ResetIntro)}</p>
                <ActionForm action=action>
                    <FormStatus action=action/>
                    <TextField name="email" label=K::Email kind="email" autocomplete="username" required=true
                        value=field_value(errors, "email", String::new()) error=field_error(errors, "email")/>
                    <div class="form-actions">
                        <button type="submit" class="button button--primary">{t(K::ResetSend)}</button>
                    </div>
                </ActionForm>
            }>
                <p class="notice notice--ok" role="status">{t(K::ResetSent)}</p>
            </Show>
        </div>
    }
}

macro_rules! new_password_form {
    ($action:expr, $errors:expr, $token:expr, $button:expr) => {
        view! {
            <ActionForm action=$action>
                <FormStatus action=$action/>
                <input type="hidden" name="token" value=$token/>
                <TextField name="password" label=K::NewPassword kind="password" autocomplete="new-password" required=true
                    hint=K::PasswordHint error=field_error($errors, "password")/>
                <TextField name="password2" label=K::RepeatPassword kind="password" autocomplete="new-password" required=true
                    error=field_error($errors, "password2")/>
                <div class="form-actions">
                    <button type="submit" class="button button--primary">{t($button)}</button>
                </div>
            </ActionForm>
        }
    };
}

#[component]
pub fn ResetTokenPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let action = crate::components::server_action::<CompleteReset>();
    let errors = form_errors(action.value());
    view! {
        <Title text=t(K::ResetChoose)/>
        <div class="narrow">
            <h1>{t(K::ResetChoose)}</h1>
            {move || new_password_form!(action, errors, token(), K::Save)}
        </div>
    }
}

#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let info = Resource::new(token, invitation_info);
    let action = crate::components::server_action::<AcceptInvitation>();
    let errors = form_errors(action.value());
    view! {
        <Title text=t(K::InviteTitle)/>
        <div class="narrow">
            <h1>{t(K::InviteTitle)}</h1>
            <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
                {move || info.get().map(|r| match r {
                    Ok(i) => view! {
                        <p>{t(K::InviteIntro)}</p>
                        <dl class="facts">
                            <dt>{t(K::Name)}</dt><dd>{i.name}</dd>
                            <dt>{t(K::Email)}</dt><dd>{i.email}</dd>
                            <dt>{t(K::Organisation)}</dt><dd>{i.organisation}</dd>
                        </dl>
                        {new_password_form!(action, errors, token(), K::InviteAccept)}
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}
