//! Forums as far as the foundation needs them: the ones a person belongs to.
use entity::{forum, forum_membership};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::error::AppError;
use crate::home::dto::{Dashboard, ForumCard};
use crate::ssr::policy::Actor;

pub async fn dashboard(db: &impl ConnectionTrait, actor: &Actor) -> Result<Option<Dashboard>, AppError> {
    let Some(user) = &actor.user else { return Ok(None) };
    let forums = forum_membership::Entity::find()
        .find_also_related(forum::Entity)
        .filter(forum_membership::Column::UserId.eq(user.id))
        .order_by_asc(forum::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(m, f)| f.map(|f| ForumCard { name: f.name, slug: f.slug, level: f.level, role: m.role }))
        .collect();
    Ok(Some(Dashboard { name: user.name.clone(), forums }))
}
