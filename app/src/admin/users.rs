use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{list_users, EraseUser, InviteUser, ResendInvitation, RevokeInvitation, SetForumRole, SetUserActive, SetUserAdmin};
use super::dto::{UserPage, UserRow, UserStatus};
use crate::components::fields::{field_error, field_value, form_errors, FormStatus, SelectField, TextField};
use crate::components::layout::urlencode;
use crate::components::status::ErrorView;
use crate::components::t;
use crate::home::page::role_key;
use crate::i18n::K;

fn status_key(s: &UserStatus) -> K {
    match s {
        UserStatus::Active => K::StatusActive,
        UserStatus::Inactive => K::StatusInactive,
        UserStatus::Invited => K::StatusInvited,
        UserStatus::InviteExpired => K::StatusInviteExpired,
        UserStatus::InviteRevoked => K::StatusInviteRevoked,
    }
}

fn role_options() -> Vec<(String, String)> {
    ["member", "coordinator", "secretariat"].into_iter().map(|r| (r.to_string(), t(role_key(r)).to_string())).collect()
}

#[derive(Clone, Copy)]
struct RowActions {
    role: ServerAction<SetForumRole>,
    active: ServerAction<SetUserActive>,
    admin: ServerAction<SetUserAdmin>,
    resend: ServerAction<ResendInvitation>,
    revoke: ServerAction<RevokeInvitation>,
    erase: ServerAction<EraseUser>,
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let page = move || query.read().get("page").and_then(|p| p.parse::<u64>().ok()).unwrap_or(0);
    let invite = crate::components::server_action::<InviteUser>();
    let acts = RowActions {
        role: crate::components::server_action(),
        active: crate::components::server_action(),
        admin: crate::components::server_action(),
        resend: crate::components::server_action(),
        revoke: crate::components::server_action(),
        erase: crate::components::server_action(),
    };
    let data = Resource::new(move || (q(), page()), |(q, p)| list_users(q, p));
    view! {
        <Title text=t(K::UsersTitle)/>
        <h1>{t(K::UsersTitle)}</h1>
        <form method="get" action="/admin/users" class="search-form" role="search">
            <label for="user-search">{t(K::UsersSearch)}</label>
            <div class="search-form__row">
                <input id="user-search" type="search" name="q" value=q/>
                <button type="submit" class="button">{t(K::Search)}</button>
            </div>
        </form>
        <div aria-live="polite">
            <FormStatus action=acts.role success=K::RoleChanged/>
            <FormStatus action=acts.active/>
            <FormStatus action=acts.admin success=K::AdminChanged/>
            <FormStatus action=acts.resend success=K::InviteResent/>
            <FormStatus action=acts.revoke success=K::InviteRevoked/>
            <FormStatus action=acts.erase success=K::PersonErased/>
        </div>
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(p) => view! { <UserTable p=p.clone() acts/> <InvitePanel p invite/> }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn UserTable(p: UserPage, acts: RowActions) -> impl IntoView {
    let forums = p.forums.clone();
    let link = {
        let q = p.query.clone();
        move |page: u64| format!("/admin/users?q={}&page={page}", urlencode(&q))
    };
    let (prev, next) = ((p.page > 0).then(|| link(p.page - 1)), (p.page + 1 < p.pages).then(|| link(p.page + 1)));
    view! {
        <p class="count">{p.total} " " {t(K::UsersCount)}</p>
        {if p.rows.is_empty() {
            view! { <p>{t(K::NoUsersFound)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="table">
                        <caption class="visually-hidden">{t(K::UsersTitle)}</caption>
                        <thead><tr>
                            <th scope="col">{t(K::Name)}</th>
                            <th scope="col">{t(K::Organisation)}</th>
                            <th scope="col">{t(K::Roles)}</th>
                            <th scope="col">{t(K::UserStatus)}</th>
                            <th scope="col">{t(K::Actions)}</th>
                        </tr></thead>
                        <tbody>
                            {p.rows.into_iter().map(|u| view! { <UserRowView u forums=forums.clone() acts/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <nav class="pager" aria-label=t(K::PageOf)>
            {prev.map(|h| view! { <a href=h rel="prev">{t(K::PreviousPage)}</a> })}
            <span>{t(K::PageOf)} " " {p.page + 1} " / " {p.pages}</span>
            {next.map(|h| view! { <a href=h rel="next">{t(K::NextPage)}</a> })}
        </nav>
    }
}

#[component]
fn UserRowView(u: UserRow, forums: Vec<super::dto::Choice>, acts: RowActions) -> impl IntoView {
    let uid = u.id.to_string();
    let name = u.name.clone();
    let addable: Vec<_> = forums.into_iter().filter(|f| !u.roles.iter().any(|r| r.forum_id == f.id)).collect();
    view! {
        <tr>
            <td>
                <span class="strong">{u.name.clone()}</span>
                <br/><span class="muted">{u.email.clone()}</span>
                {u.title.clone().map(|ti| view! { <br/><span class="muted">{ti}</span> })}
            </td>
            <td>{u.organisation.clone()}</td>
            <td>
                <ul class="plain">
                    {u.is_admin.then(|| view! { <li>{t(K::RoleAdmin)}</li> })}
                    {u.roles.iter().map(|r| view! { <li>{r.forum_name.clone()} ": " {t(role_key(&r.role))}</li> }).collect_view()}
                </ul>
                {(u.roles.iter().any(|r| r.can_change) || !addable.is_empty()).then(|| view! {
                <details class="row-edit">
                <summary>{t(K::EditRoles)}<span class="visually-hidden">" " {name.clone()}</span></summary>
                <ul class="plain">
                    {u.roles.iter().cloned().map(|r| {
                        let uid = uid.clone();
                        let label = format!("{} – {}: {}", name, r.forum_name, t(K::ForumRole));
                        view! {
                            <li>
                                {r.can_change.then(|| view! {
                                    <span class="strong">{r.forum_name.clone()}</span>
                                    <ActionForm action=acts.role>
                                        <input type="hidden" name="user_id" value=uid.clone()/>
                                        <input type="hidden" name="forum_id" value=r.forum_id.to_string()/>
                                        <select name="role" aria-label=label.clone()>
                                            {role_options().into_iter().map(|(v, l)| { let sel = v == r.role; view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
                                            <option value="">{t(K::RemoveRole)}</option>
                                        </select>
                                        <button type="submit" class="button button--small">{t(K::ChangeRole)}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(!addable.is_empty()).then(|| {
                    let uid = uid.clone();
                    let label_f = format!("{}: {}", name, t(K::Forum));
                    let label_r = format!("{}: {}", name, t(K::ForumRole));
                    view! {
                        <ActionForm action=acts.role>
                            <input type="hidden" name="user_id" value=uid.clone()/>
                            <select name="forum_id" aria-label=label_f>
                                {addable.into_iter().map(|f| view! { <option value=f.id.to_string()>{f.name}</option> }).collect_view()}
                            </select>
                            <select name="role" aria-label=label_r>
                                {role_options().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                            </select>
                            <button type="submit" class="button button--small">{t(K::AddRole)}</button>
                        </ActionForm>
                    }
                })}
                </details>
                })}
            </td>
            <td>{t(status_key(&u.status))}</td>
            <td class="row-actions">
                {u.can_set_active.then(|| {
                    let (uid, name) = (uid.clone(), name.clone());
                    let activate = matches!(u.status, UserStatus::Inactive);
                    view! {
                        <ActionForm action=acts.active>
                            <input type="hidden" name="user_id" value=uid.clone()/>
                            <input type="hidden" name="active" value=if activate { "true" } else { "false" }/>
                            <button type="submit" class="button button--small">
                                {t(if activate { K::Reactivate } else { K::Deactivate })}
                                <span class="visually-hidden">" " {name.clone()}</span>
                            </button>
                        </ActionForm>
                    }
                })}
                {u.can_set_admin.then(|| {
                    let (uid, name) = (uid.clone(), name.clone());
                    let make = !u.is_admin;
                    view! {
                        <ActionForm action=acts.admin>
                            <input type="hidden" name="user_id" value=uid/>
                            <input type="hidden" name="admin" value=if make { "true" } else { "false" }/>
                            <button type="submit" class="button button--small button--quiet">
                                {t(if make { K::MakeAdmin } else { K::RemoveAdmin })}
                                <span class="visually-hidden">" " {name}</span>
                            </button>
                        </ActionForm>
                    }
                })}
                {u.can_erase.then(|| {
                    let (uid, name) = (uid.clone(), name.clone());
                    let box_id = format!("erase-{uid}");
                    view! {
                        <details class="row-edit">
                            <summary>{t(K::ErasePerson)}<span class="visually-hidden">" " {name.clone()}</span></summary>
                            <ActionForm action=acts.erase>
                                <p class="muted">{t(K::ErasePersonHint)}</p>
                                <input type="hidden" name="user_id" value=uid/>
                                <p>
                                    <input type="checkbox" id=box_id.clone() name="confirm" value="yes" required=true/>
                                    " "<label for=box_id>{t(K::EraseConfirm)}</label>
                                </p>
                                <button type="submit" class="button button--small button--danger">
                                    {t(K::EraseSubmit)}<span class="visually-hidden">" " {name}</span>
                                </button>
                            </ActionForm>
                        </details>
                    }
                })}
                {u.can_manage_invitation.then(|| { let (uid2, name2) = (uid.clone(), name.clone()); view! {
                    <ActionForm action=acts.resend>
                        <input type="hidden" name="user_id" value=uid.clone()/>
                        <button type="submit" class="button button--small">{t(K::InviteResend)}<span class="visually-hidden">" " {name.clone()}</span></button>
                    </ActionForm>
                    <ActionForm action=acts.revoke>
                        <input type="hidden" name="user_id" value=uid2/>
                        <button type="submit" class="button button--small button--quiet">{t(K::InviteRevoke)}<span class="visually-hidden">" " {name2}</span></button>
                    </ActionForm>
                }})}
            </td>
        </tr>
    }
}

#[component]
fn InvitePanel(p: UserPage, invite: ServerAction<InviteUser>) -> impl IntoView {
    let errors = form_errors(invite.value());
    let orgs: Vec<(String, String)> = p.organisations.iter().map(|o| (o.id.to_string(), o.name.clone())).collect();
    let forums: Vec<(String, String)> = p.forums.iter().map(|f| (f.id.to_string(), f.name.clone())).collect();
    let can_grant_admin = p.can_grant_admin;
    view! {
        <section class="panel" aria-labelledby="invite-h">
            <h2 id="invite-h">{t(K::InviteUser)}</h2>
            <ActionForm action=invite>
                <FormStatus action=invite success=K::InviteSent/>
                <div class="grid-2">
                    <TextField name="name" label=K::Name required=true autocomplete="off" value=field_value(errors, "name", String::new()) error=field_error(errors, "name")/>
                    <TextField name="email" label=K::Email kind="email" required=true autocomplete="off" value=field_value(errors, "email", String::new()) error=field_error(errors, "email")/>
                    <SelectField name="organisation_id" label=K::Organisation required=true placeholder=true options=orgs value=field_value(errors, "organisation_id", String::new()) error=field_error(errors, "organisation_id")/>
                    <TextField name="title" label=K::Title value=field_value(errors, "title", String::new()) error=field_error(errors, "title")/>
                    <SelectField name="forum_id" label=K::Forum placeholder=can_grant_admin options=forums value=field_value(errors, "forum_id", String::new()) error=field_error(errors, "forum_id")/>
                    <SelectField name="role" label=K::ForumRole options=role_options() value=field_value(errors, "role", "member".into()) error=field_error(errors, "role")/>
                    <SelectField name="language" label=K::Language options=vec![("sv".into(), t(K::Swedish).into()), ("en".into(), t(K::English).into())] value=field_value(errors, "language", "sv".into()) error=field_error(errors, "language")/>
                </div>
                {can_grant_admin.then(|| view! {
                    <div class="field field--check">
                        <input type="checkbox" id="f-make_admin" name="make_admin" value="on"/>
                        <label for="f-make_admin">{t(K::GlobalAdmin)}</label>
                    </div>
                })}
                <div class="form-actions"><button type="submit" class="button button--primary">{t(K::InviteSend)}</button></div>
            </ActionForm>
        </section>
    }
}
