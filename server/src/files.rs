//! Routes outside Leptos: material uploads (plain multipart forms, with or without script),
//! downloads with safe headers, and the iCalendar feeds.
use app::error::AppError;
use app::ssr::policy::Actor;
use app::ssr::services::{calendar, materials};
use app::ssr::state::AppState;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

/// The body limit of the upload routes: the file limit plus room for the form's other parts.
pub const UPLOAD_BODY_LIMIT: usize = materials::MAX_BYTES + 64 * 1024;

/// Why an upload did not land, as a code the meeting page turns into a translated message.
enum Fail {
    TooLarge,
    Missing,
    Bad,
}

struct Upload {
    file_name: String,
    bytes: Vec<u8>,
    pre_reading: bool,
}

/// Read the form, stopping as soon as the file passes the limit.
async fn read_upload(multipart: Result<Multipart, MultipartRejection>) -> Result<Upload, Fail> {
    let mut mp = multipart.map_err(|_| Fail::Bad)?;
    let mut up = Upload { file_name: String::new(), bytes: vec![], pre_reading: false };
    let too_large = |e: &axum::extract::multipart::MultipartError| e.status() == StatusCode::PAYLOAD_TOO_LARGE;
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if too_large(&e) => return Err(Fail::TooLarge),
            Err(_) => return Err(Fail::Bad),
        };
        match field.name() {
            Some("file") => {
                up.file_name = field.file_name().unwrap_or_default().to_string();
                let mut field = field;
                loop {
                    match field.chunk().await {
                        Ok(Some(c)) => {
                            if up.bytes.len() + c.len() > materials::MAX_BYTES {
                                return Err(Fail::TooLarge);
                            }
                            up.bytes.extend_from_slice(&c);
                        }
                        Ok(None) => break,
                        Err(e) if too_large(&e) => return Err(Fail::TooLarge),
                        Err(_) => return Err(Fail::Bad),
                    }
                }
            }
            Some("pre_reading") => up.pre_reading = true,
            _ => {}
        }
    }
    if up.bytes.is_empty() {
        return Err(Fail::Missing);
    }
    Ok(up)
}

fn back(meeting_id: i32, target: &str, anchor: &str, outcome: &str) -> Response {
    Redirect::to(&format!("/meetings/{meeting_id}?{outcome}&target={target}#{anchor}")).into_response()
}

fn refused(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let text = e.message();
    (status, format!("{} / {}", text.in_lang(app::i18n::Lang::Sv), text.in_lang(app::i18n::Lang::En))).into_response()
}

async fn store(state: &AppState, actor: &Actor, target: materials::Target, meeting_id: i32, key: &str, anchor: &str, form: Result<Upload, Fail>) -> Response {
    let up = match form {
        Ok(up) => up,
        Err(Fail::TooLarge) => return back(meeting_id, key, anchor, "upload_error=size"),
        Err(Fail::Missing) => return back(meeting_id, key, anchor, "upload_error=missing"),
        Err(Fail::Bad) => return (StatusCode::BAD_REQUEST, "Felaktigt formulär / Malformed form").into_response(),
    };
    match materials::upload(&state.db, actor, target, &up.file_name, up.bytes, up.pre_reading).await {
        Ok((mid, _)) => back(mid, key, anchor, "uploaded=1"),
        Err(AppError::Invalid(f)) => {
            let code = match f.field("file").or(f.form) {
                Some(app::i18n::K::ErrFileTooLarge) => "size",
                Some(app::i18n::K::ErrFileMissing) => "missing",
                Some(app::i18n::K::ErrAdditionDecided) => "decided",
                _ => "type",
            };
            back(meeting_id, key, anchor, &format!("upload_error={code}"))
        }
        Err(e) => refused(e),
    }
}

#[derive(serde::Deserialize)]
pub struct ItemQuery {
    item: Option<i32>,
}

/// POST /meetings/{id}/materials[?item=N]
pub async fn upload_to_meeting(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(meeting_id): Path<i32>,
    Query(q): Query<ItemQuery>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let (target, key, anchor) = match q.item {
        Some(i) => (materials::Target::Item(i), format!("item-{i}"), format!("item-{i}")),
        None => (materials::Target::Meeting(meeting_id), "meeting".to_string(), "materials".to_string()),
    };
    store(&state, &actor, target, meeting_id, &key, &anchor, read_upload(multipart).await).await
}

/// POST /additions/{id}/materials
pub async fn upload_to_addition(State(state): State<AppState>, Extension(actor): Extension<Actor>, Path(addition_id): Path<i32>, multipart: Result<Multipart, MultipartRejection>) -> Response {
    use sea_orm::EntityTrait;
    let meeting_id = match entity::agenda_addition::Entity::find_by_id(addition_id).one(&state.db).await {
        Ok(Some(a)) => a.meeting_id,
        Ok(None) => return refused(AppError::NotFound),
        Err(e) => return refused(app::ssr::ctx::internal(e)),
    };
    store(&state, &actor, materials::Target::Addition(addition_id), meeting_id, &format!("addition-{addition_id}"), "additions", read_upload(multipart).await).await
}

/// GET /materials/{id}/{name}: only to those who may read the meeting, in a sandbox (nosniff comes
/// with every answer from `security::guard`).
pub async fn download(State(state): State<AppState>, Extension(actor): Extension<Actor>, Path((id, _name)): Path<(i32, String)>) -> Response {
    match materials::download(&state.db, &actor, id).await {
        Ok((m, data)) => {
            let mut res = data.into_response();
            let h = res.headers_mut();
            let pairs = [
                (header::CONTENT_TYPE, m.content_type.clone()),
                (header::CONTENT_DISPOSITION, materials::content_disposition(&m.content_type, &m.file_name)),
                (header::CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox".into()),
                (header::CACHE_CONTROL, "private, max-age=300".into()),
                (header::ETAG, format!("\"{}\"", m.sha256)),
            ];
            for (k, v) in pairs {
                if let Ok(v) = HeaderValue::from_str(&v) {
                    h.insert(k, v);
                }
            }
            res
        }
        Err(AppError::Unauthenticated) => Redirect::to(&format!("/login?next=/materials/{id}/file")).into_response(),
        Err(e) => refused(e),
    }
}

#[derive(serde::Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

/// A feed reader has no session: the personal token stands for the person.
async fn feed_actor(state: &AppState, session_actor: Actor, token: Option<String>) -> Result<Actor, AppError> {
    match token {
        Some(t) if !t.is_empty() => calendar::actor_for_token(&state.db, &t).await,
        _ => Ok(session_actor),
    }
}

fn ics(body: String, file_name: Option<&str>) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=300"));
    if let Some(v) = file_name.and_then(|n| HeaderValue::from_str(&format!("attachment; filename=\"{n}\"")).ok()) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// GET /calendar.ics[?token=…]
pub async fn calendar_feed(State(state): State<AppState>, Extension(actor): Extension<Actor>, Query(q): Query<TokenQuery>) -> Response {
    let result = match feed_actor(&state, actor, q.token).await {
        Ok(a) => calendar::feed(&state.db, &a, &state.config.base_url, None).await,
        Err(e) => Err(e),
    };
    result.map(|b| ics(b, None)).unwrap_or_else(refused)
}

/// GET /forums/{slug}/calendar.ics[?token=…]
pub async fn forum_feed(State(state): State<AppState>, Extension(actor): Extension<Actor>, Path(slug): Path<String>, Query(q): Query<TokenQuery>) -> Response {
    let result = match feed_actor(&state, actor, q.token).await {
        Ok(a) => calendar::feed(&state.db, &a, &state.config.base_url, Some(&slug)).await,
        Err(e) => Err(e),
    };
    result.map(|b| ics(b, None)).unwrap_or_else(refused)
}

/// GET /meetings/{id}/calendar.ics
pub async fn meeting_file(State(state): State<AppState>, Extension(actor): Extension<Actor>, Path(id): Path<i32>) -> Response {
    calendar::meeting_ics(&state.db, &actor, &state.config.base_url, id).await.map(|b| ics(b, Some(&format!("mote-{id}.ics")))).unwrap_or_else(refused)
}

/// GET /forums/{slug}/actions.csv?<the list's filter>: the selection as CSV (UTF-8 with BOM,
/// semicolons, formula-like cells neutralised).
pub async fn actions_csv(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Extension(ip): Extension<app::ssr::ctx::ClientIp>,
    Path(slug): Path<String>,
    Query(filter): Query<app::actions::dto::ActionFilter>,
) -> Response {
    use app::ssr::services::{actions, audit};
    let lang = app::i18n::Lang::Sv;
    let result = async {
        let (f, rows) = actions::all_rows(&state.db, &actor, &slug, &filter).await?;
        let bytes = actions::to_csv(&rows, |s| app::actions::pages::state_key(s).in_lang(lang).to_string())?;
        let detail = format!("{} rows, filter {}", rows.len(), serde_json::to_string(&filter).unwrap_or_default());
        audit::record_from(&state.db, actor.user_id(), &audit::actor_label(&actor), &ip.0, "export.actions", &format!("forum:{}", f.id), &detail).await?;
        Ok::<_, app::error::AppError>((f, bytes))
    }
    .await;
    result.map(|(f, bytes)| csv(bytes, &format!("aktivitetslista-{}.csv", f.slug))).unwrap_or_else(refused)
}

fn csv(bytes: Vec<u8>, file_name: &str) -> Response {
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// GET /surveys/{id}/answers.csv: every submitted answer, for the secretariat (audited).
pub async fn survey_csv(State(state): State<AppState>, Extension(actor): Extension<Actor>, Extension(ip): Extension<app::ssr::ctx::ClientIp>, Path(id): Path<i32>) -> Response {
    use app::ssr::services::{audit, surveys};
    let result = async {
        let (s, rows, bytes) = surveys::export_csv(&state.db, &actor, id).await?;
        audit::record_from(&state.db, actor.user_id(), &audit::actor_label(&actor), &ip.0, "export.survey", &format!("survey:{}", s.id), &format!("{rows} answers")).await?;
        Ok::<_, app::error::AppError>(bytes)
    }
    .await;
    result.map(|bytes| csv(bytes, &format!("utvardering-{id}.csv"))).unwrap_or_else(refused)
}

#[derive(serde::Deserialize)]
pub struct ForumParam {
    forum: Option<i32>,
}

/// POST /unsubscribe/{token}/one-click?forum=N: RFC 8058 one-click unsubscribe, posted by the
/// recipient's mail program (the address in the List-Unsubscribe header). No sign-in: the token is
/// the permission.
pub async fn one_click_unsubscribe(State(state): State<AppState>, Path(token): Path<String>, Query(p): Query<ForumParam>) -> Response {
    match app::ssr::services::notify::unsubscribe(&state.db, &token, p.forum).await {
        Ok(()) => (StatusCode::OK, "unsubscribed\n").into_response(),
        Err(e) => refused(e),
    }
}

/// GET /feed.atom[?token=…]: published agendas and summaries the reader may see (public forums,
/// or with the personal token the person's forums too).
pub async fn atom_feed(State(state): State<AppState>, Extension(actor): Extension<Actor>, Query(q): Query<TokenQuery>) -> Response {
    let result = match feed_actor(&state, actor, q.token).await {
        Ok(a) => app::ssr::services::feeds::atom(&state.db, &a, &state.config.base_url).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(body) => {
            let mut res = body.into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/atom+xml; charset=utf-8"));
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=300"));
            res
        }
        Err(e) => refused(e),
    }
}

/// GET /consultations/{id}/answers.csv: every member organisation's answer, for the secretariat (audited).
pub async fn consultation_csv(State(state): State<AppState>, Extension(actor): Extension<Actor>, Extension(ip): Extension<app::ssr::ctx::ClientIp>, Path(id): Path<i32>) -> Response {
    use app::ssr::services::{audit, consultations};
    let result = async {
        let (c, bytes) = consultations::export_csv(&state.db, &actor, id).await?;
        audit::record_from(&state.db, actor.user_id(), &audit::actor_label(&actor), &ip.0, "export.consultation", &format!("consultation:{}", c.id), &c.title).await?;
        Ok::<_, app::error::AppError>(bytes)
    }
    .await;
    result.map(|bytes| csv(bytes, &format!("remiss-{id}.csv"))).unwrap_or_else(refused)
}

/// `GET /me/data.json`: everything the service holds about the signed-in person (GDPR access).
pub async fn my_data(State(state): State<AppState>, Extension(actor): Extension<Actor>) -> Response {
    match app::ssr::services::personal_data::export(&state.db, &actor).await {
        Ok(data) => {
            let mut res = serde_json::to_vec_pretty(&data).unwrap_or_default().into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
            h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"samverkan-mina-uppgifter.json\""));
            res
        }
        Err(e) => refused(e),
    }
}
