//! Rows of several small kinds read in one statement: a `UNION ALL` whose branches all fill the
//! same typed columns (a kind, ids, a time, a date, three texts). A page that shows a list with
//! the things around it (participants, notes, names…) then costs one statement for all of them.
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, Query, SelectStatement, SimpleExpr, UnionType};
use sea_orm::ConnectionTrait;

use crate::error::AppError;

/// One row of a `UNION ALL` that reads several small kinds of things at once (participants,
/// notes, changes, meetings, names): which kind, and up to nine typed columns. PostgreSQL takes
/// the column types from the first branch, so every absent column is a typed NULL.
pub struct Side {
    pub kind: String,
    /// The action a row belongs to, for the kinds that belong to one.
    pub action_id: Option<i32>,
    pub id: i32,
    pub a: Option<i32>,
    pub b: Option<i32>,
    pub at: Option<chrono::DateTime<Utc>>,
    pub day: Option<NaiveDate>,
    pub text: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The columns of one branch; those left out are NULL.
#[derive(Default)]
pub struct SideCols {
    pub action_id: Option<SimpleExpr>,
    pub id: Option<SimpleExpr>,
    pub a: Option<SimpleExpr>,
    pub b: Option<SimpleExpr>,
    pub at: Option<SimpleExpr>,
    pub day: Option<SimpleExpr>,
    pub text: Option<SimpleExpr>,
    pub from: Option<SimpleExpr>,
    pub to: Option<SimpleExpr>,
}

/// A branch of kind `kind`; add its `from` and conditions to the statement returned.
pub fn side(kind: &str, c: SideCols) -> SelectStatement {
    use sea_orm::Value as V;
    let or = |e: Option<SimpleExpr>, null: V| e.unwrap_or(SimpleExpr::Value(null));
    Query::select()
        .expr_as(Expr::val(kind), Alias::new("kind"))
        .expr_as(or(c.action_id, V::Int(None)), Alias::new("action_id"))
        .expr_as(or(c.id, V::Int(None)), Alias::new("id"))
        .expr_as(or(c.a, V::Int(None)), Alias::new("a"))
        .expr_as(or(c.b, V::Int(None)), Alias::new("b"))
        .expr_as(or(c.at, V::ChronoDateTimeUtc(None)), Alias::new("at"))
        .expr_as(or(c.day, V::ChronoDate(None)), Alias::new("day"))
        .expr_as(or(c.text, V::String(None)), Alias::new("text"))
        .expr_as(or(c.from, V::String(None)), Alias::new("from_text"))
        .expr_as(or(c.to, V::String(None)), Alias::new("to_text"))
        .to_owned()
}

/// Runs the branches as one statement.
pub async fn sides(db: &impl ConnectionTrait, branches: Vec<SelectStatement>) -> Result<Vec<Side>, AppError> {
    let mut it = branches.into_iter();
    let Some(mut q) = it.next() else { return Ok(vec![]) };
    for b in it {
        q.union(UnionType::All, b);
    }
    let mut out = vec![];
    for r in db.query_all(db.get_database_backend().build(&q)).await? {
        out.push(Side {
            kind: r.try_get("", "kind")?,
            action_id: r.try_get("", "action_id")?,
            id: r.try_get("", "id")?,
            a: r.try_get("", "a")?,
            b: r.try_get("", "b")?,
            at: r.try_get("", "at")?,
            day: r.try_get("", "day")?,
            text: r.try_get("", "text")?,
            from: r.try_get("", "from_text")?,
            to: r.try_get("", "to_text")?,
        });
    }
    Ok(out)
}

/// A column for a `SideCols` field.
pub fn col(c: impl sea_orm::sea_query::IntoColumnRef) -> Option<SimpleExpr> {
    Some(Expr::col(c).into())
}
