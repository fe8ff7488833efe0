//! Member organisations.
use chrono::Utc;
use entity::organisation;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::admin::dto::{OrgList, OrgRow};
use crate::error::{AppError, Validator};
use crate::i18n::K;
use crate::ssr::policy::{authorize, can, Action, Actor, Scope};

pub const KINDS: [&str; 6] = ["agency", "region", "pharmacy", "system_vendor", "association", "other"];

pub async fn list(db: &impl ConnectionTrait, actor: &Actor) -> Result<OrgList, AppError> {
    authorize(actor, Action::ListOrganisations, &Scope::Global)?;
    let counts = super::accounts::user_counts(db).await?;
    let rows = organisation::Entity::find()
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| OrgRow { user_count: counts.get(&o.id).copied().unwrap_or(0), id: o.id, name: o.name, short_name: o.short_name, kind: o.kind })
        .collect();
    Ok(OrgList { rows, can_manage: can(actor, Action::ManageOrganisations, &Scope::Global) })
}

/// Create (`id` None) or update an organisation.
pub async fn save(db: &impl ConnectionTrait, actor: &Actor, id: Option<i32>, name: &str, short_name: &str, kind: &str) -> Result<i32, AppError> {
    authorize(actor, Action::ManageOrganisations, &Scope::Global)?;
    save_unchecked(db, id, name, short_name, kind).await
}

/// Without a policy check: for the seed and the command line only.
pub async fn save_unchecked(db: &impl ConnectionTrait, id: Option<i32>, name: &str, short_name: &str, kind: &str) -> Result<i32, AppError> {
    let mut v = Validator::new();
    let clean_name = v.required("name", name, 200);
    let clean_short = v.required("short_name", short_name, 50);
    if !KINDS.contains(&kind) {
        v.add("kind", K::ErrChoose);
    }
    let clash = organisation::Entity::find().filter(organisation::Column::Name.eq(&clean_name)).one(db).await?;
    if clash.is_some_and(|o| Some(o.id) != id) {
        v.add("name", K::ErrOrgNameTaken);
    }
    v.finish(&[("name", name), ("short_name", short_name), ("kind", kind)])?;
    let model = match id {
        Some(id) => {
            organisation::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            organisation::ActiveModel { id: Set(id), name: Set(clean_name), short_name: Set(clean_short), kind: Set(kind.into()), ..Default::default() }
                .update(db)
                .await?
        }
        None => {
            organisation::ActiveModel {
                name: Set(clean_name),
                short_name: Set(clean_short),
                kind: Set(kind.into()),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    Ok(model.id)
}
