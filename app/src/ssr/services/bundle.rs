//! Several short lists of different shapes in one statement. Each part is an ordinary query; its
//! rows come back as one JSON array (`json_group_array` on SQLite, `json_agg` on PostgreSQL) in a
//! column of a single row, and are decoded with serde. The meeting page reads its materials,
//! agenda, additions, round table, participants and comments this way.
//!
//! Both databases give the same JSON: times as RFC 3339, dates as `YYYY-MM-DD`. SQLite keeps
//! booleans as 0/1, so boolean columns are turned into JSON `true`/`false` there. The order of a
//! part's rows is not kept: decoders sort what they read.
use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, Query, SelectStatement, SimpleExpr, SubQueryStatement};
use sea_orm::{ColumnTrait, ColumnType, ConnectionTrait, DbBackend, EntityTrait, IdenStatic, Iterable, QueryTrait, Select};
use serde::de::DeserializeOwned;

use crate::error::AppError;
use crate::ssr::ctx::internal;

/// One list of a bundle: a query and the names of the columns it selects (with which are booleans).
pub struct Part {
    name: &'static str,
    query: SelectStatement,
    cols: Vec<(String, bool)>,
}

impl Part {
    /// Every column of the entity `E` under its own name, as sea-orm selects them; joins and
    /// conditions are already on `select`.
    pub fn of<E: EntityTrait>(name: &'static str, select: Select<E>) -> Part {
        let cols = E::Column::iter().map(|c| (c.as_str().to_string(), matches!(c.def().get_column_type(), ColumnType::Boolean))).collect();
        Part { name, query: select.into_query(), cols }
    }

    /// A hand-built query selecting exactly `cols` (name, is a boolean).
    pub fn query(name: &'static str, query: SelectStatement, cols: &[(&str, bool)]) -> Part {
        Part { name, query, cols: cols.iter().map(|(c, b)| (c.to_string(), *b)).collect() }
    }

    /// One more column, selected as `alias`.
    pub fn also(mut self, alias: &str, e: impl Into<SimpleExpr>) -> Part {
        self.query.expr_as(e.into(), Alias::new(alias));
        self.cols.push((alias.to_string(), false));
        self
    }

    /// The part as a scalar subquery giving its rows as JSON text.
    fn into_json(self, backend: DbBackend) -> SimpleExpr {
        let pg = backend == DbBackend::Postgres;
        // Column names come from our code (entity columns and aliases), never from input.
        let mut args = Vec::with_capacity(self.cols.len() * 2);
        for (c, boolean) in &self.cols {
            args.push(format!("'{c}'"));
            args.push(if *boolean && !pg {
                format!("CASE WHEN t.\"{c}\" IS NULL THEN NULL WHEN t.\"{c}\" THEN json('true') ELSE json('false') END")
            } else {
                format!("t.\"{c}\"")
            });
        }
        let args = args.join(", ");
        let agg = if pg { format!("COALESCE(CAST(json_agg(json_build_object({args})) AS TEXT), '[]')") } else { format!("COALESCE(json_group_array(json_object({args})), '[]')") };
        let sub = Query::select().expr(Expr::cust(agg)).from_subquery(self.query, Alias::new("t")).to_owned();
        SimpleExpr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(sub)))
    }
}

/// The lists read by [`read`], by part name.
#[derive(Default)]
pub struct Bundle(HashMap<&'static str, String>);

impl Bundle {
    /// The rows of part `name`; none when the part was not asked for.
    pub fn take<T: DeserializeOwned>(&mut self, name: &str) -> Result<Vec<T>, AppError> {
        match self.0.remove(name) {
            Some(json) => serde_json::from_str(&json).map_err(internal),
            None => Ok(vec![]),
        }
    }
}

/// Reads all parts in one statement (none for no parts).
pub async fn read(db: &impl ConnectionTrait, parts: Vec<Part>) -> Result<Bundle, AppError> {
    if parts.is_empty() {
        return Ok(Bundle::default());
    }
    let backend = db.get_database_backend();
    let names: Vec<&'static str> = parts.iter().map(|p| p.name).collect();
    let mut q = Query::select();
    for p in parts {
        let name = p.name;
        q.expr_as(p.into_json(backend), Alias::new(name));
    }
    let row = db.query_one(backend.build(&q)).await?.ok_or_else(|| internal("a bundle statement returned no row"))?;
    let mut out = HashMap::with_capacity(names.len());
    for name in names {
        out.insert(name, row.try_get::<String>("", name)?);
    }
    Ok(Bundle(out))
}
