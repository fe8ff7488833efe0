use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{list_organisations, SaveOrganisation};
use crate::components::fields::{field_error, field_value, form_errors, FormStatus, SelectField, TextField};
use crate::components::status::ErrorView;
use crate::components::t;
use crate::i18n::K;

pub fn kind_key(kind: &str) -> K {
    match kind {
        "agency" => K::KindAgency,
        "region" => K::KindRegion,
        "pharmacy" => K::KindPharmacy,
        "system_vendor" => K::KindSystemVendor,
        "association" => K::KindAssociation,
        _ => K::KindOther,
    }
}

fn kind_options() -> Vec<(String, String)> {
    ["agency", "region", "pharmacy", "system_vendor", "association", "other"]
        .into_iter()
        .map(|k| (k.to_string(), t(kind_key(k)).to_string()))
        .collect()
}

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let save = crate::components::server_action::<SaveOrganisation>();
    let data = Resource::new(|| (), |_| list_organisations());
    let errors = form_errors(save.value());
    view! {
        <Title text=t(K::OrgsTitle)/>
        <h1>{t(K::OrgsTitle)}</h1>
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(list) => view! {
                    <div class="table-wrap">
                        <table class="table">
                            <caption class="visually-hidden">{t(K::OrgsTitle)}</caption>
                            <thead><tr>
                                <th scope="col">{t(K::OrgName)}</th>
                                <th scope="col">{t(K::OrgShortName)}</th>
                                <th scope="col">{t(K::OrgKind)}</th>
                                <th scope="col" class="num">{t(K::OrgUsers)}</th>
                                {list.can_manage.then(|| view! { <th scope="col">{t(K::Actions)}</th> })}
                            </tr></thead>
                            <tbody>
                                {list.rows.into_iter().map(|o| {
                                    let can = list.can_manage;
                                    view! {
                                        <tr>
                                            <td>{o.name.clone()}</td>
                                            <td>{o.short_name.clone()}</td>
                                            <td>{t(kind_key(&o.kind))}</td>
                                            <td class="num">{o.user_count}</td>
                                            {can.then(|| view! {
                                                <td>
                                                    <details class="row-edit">
                                                        <summary>{t(K::Edit)}<span class="visually-hidden">" " {o.name.clone()}</span></summary>
                                                        <ActionForm action=save>
                                                            <input type="hidden" name="id" value=o.id.to_string()/>
                                                            <OrgFields errors=Signal::derive(|| None) name=o.name.clone() short_name=o.short_name.clone() kind=o.kind.clone() prefix=o.id/>
                                                            <button type="submit" class="button">{t(K::Save)}</button>
                                                        </ActionForm>
                                                    </details>
                                                </td>
                                            })}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {list.can_manage.then(|| view! {
                        <section class="panel" aria-labelledby="new-org">
                            <h2 id="new-org">{t(K::OrgCreate)}</h2>
                            <ActionForm action=save>
                                <FormStatus action=save success=K::OrgCreated/>
                                <OrgFields errors name=String::new() short_name=String::new() kind=String::new() prefix=0/>
                                <div class="form-actions"><button type="submit" class="button button--primary">{t(K::Create)}</button></div>
                            </ActionForm>
                        </section>
                    })}
                }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

/// The three fields of an organisation. Field ids must be unique on the page, hence `prefix`
/// (0 is the create form, which also shows validation errors).
#[component]
fn OrgFields(errors: Signal<Option<crate::error::FormErrors>>, name: String, short_name: String, kind: String, prefix: i32) -> impl IntoView {
    if prefix == 0 {
        view! {
            <TextField name="name" label=K::OrgName required=true value=field_value(errors, "name", name) error=field_error(errors, "name")/>
            <TextField name="short_name" label=K::OrgShortName required=true value=field_value(errors, "short_name", short_name) error=field_error(errors, "short_name")/>
            <SelectField name="kind" label=K::OrgKind required=true placeholder=true options=kind_options() value=field_value(errors, "kind", kind) error=field_error(errors, "kind")/>
        }
        .into_any()
    } else {
        let id = |f: &str| format!("org{prefix}-{f}");
        view! {
            <div class="field"><label for=id("name")>{t(K::OrgName)}</label><input id=id("name") name="name" value=name required=true/></div>
            <div class="field"><label for=id("short")>{t(K::OrgShortName)}</label><input id=id("short") name="short_name" value=short_name required=true/></div>
            <div class="field"><label for=id("kind")>{t(K::OrgKind)}</label>
                <select id=id("kind") name="kind">
                    {kind_options().into_iter().map(|(v, l)| { let sel = v == kind; view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
                </select>
            </div>
        }
        .into_any()
    }
}
