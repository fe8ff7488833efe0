//! Materials: files of a meeting, an agenda item or an addition. The type is decided from the
//! content (and must agree with the name); the bytes are stored in the database, so every server
//! instance behind a load balancer serves the same files.
use chrono::Utc;
use entity::{agenda_addition as addition, agenda_item, forum, material, material_content, meeting};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QuerySelect, Set, TransactionTrait};
use sha2::{Digest, Sha256};

use super::forums::forum_scope;
use super::meetings::meeting_and_forum;
use crate::components::percent_encode;
use crate::error::AppError;
use crate::i18n::K;
use crate::meetings::dto::MaterialView;
use crate::ssr::policy::{authorize, can, Action, Actor, Scope};

/// At most 25 MB per file.
pub const MAX_BYTES: usize = 25 * 1024 * 1024;

/// What a material is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Meeting(i32),
    Item(i32),
    Addition(i32),
}

/// The accepted kinds: (extensions, MIME type, short name, content check).
const KINDS: [(&[&str], &str, &str, fn(&[u8]) -> bool); 6] = [
    (&["pdf"], "application/pdf", "PDF", infer::archive::is_pdf),
    (&["pptx"], "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX", infer::doc::is_pptx),
    (&["docx"], "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX", infer::doc::is_docx),
    (&["xlsx"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", infer::doc::is_xlsx),
    (&["png"], "image/png", "PNG", infer::image::is_png),
    (&["jpg", "jpeg"], "image/jpeg", "JPEG", infer::image::is_jpeg),
];

/// The MIME type of an accepted file: the name's extension must be one we take and the content
/// must really be of that kind (a renamed executable is refused).
pub fn check_type(file_name: &str, bytes: &[u8]) -> Result<&'static str, K> {
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let (_, mime, _, is) = KINDS.iter().find(|(exts, ..)| exts.contains(&ext.as_str())).ok_or(K::ErrFileType)?;
    if is(bytes) {
        Ok(mime)
    } else {
        Err(K::ErrFileType)
    }
}

pub fn kind_name(mime: &str) -> &'static str {
    KINDS.iter().find(|(_, m, ..)| *m == mime).map(|(_, _, k, _)| *k).unwrap_or("")
}

/// A name safe to store and to send back: no path, no control characters, at most 200 characters.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '*' | '?' | '|')).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.chars().count() > 200 {
        // Keep the extension.
        let ext = cleaned.rsplit_once('.').map(|(_, e)| e.to_string()).unwrap_or_default();
        let stem: String = cleaned.chars().take(190).collect();
        format!("{stem}.{ext}")
    } else if cleaned.is_empty() {
        "fil".into()
    } else {
        cleaned
    }
}

/// Who may attach to this target; returns the meeting, the item and the addition.
async fn resolve_for_upload(db: &impl ConnectionTrait, actor: &Actor, target: Target) -> Result<(meeting::Model, Option<i32>, Option<i32>), AppError> {
    match target {
        Target::Meeting(id) => {
            let (m, f) = meeting_and_forum(db, id).await?;
            authorize(actor, Action::ManageMeetings, &forum_scope(&f))?;
            Ok((m, None, None))
        }
        Target::Item(id) => {
            let item = agenda_item::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            let (m, f) = meeting_and_forum(db, item.meeting_id).await?;
            authorize(actor, Action::ManageMeetings, &forum_scope(&f))?;
            Ok((m, Some(item.id), None))
        }
        Target::Addition(id) => {
            let a = addition::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            let (m, f) = meeting_and_forum(db, a.meeting_id).await?;
            let own = actor.user_id() == Some(a.proposer_id) && can(actor, Action::ProposeAddition, &forum_scope(&f));
            if !own {
                authorize(actor, Action::ManageMeetings, &forum_scope(&f))?;
            }
            if a.status != "pending" {
                return Err(AppError::form(K::ErrAdditionDecided));
            }
            Ok((m, None, Some(a.id)))
        }
    }
}

/// Store a file. Nothing is stored when the type or size is wrong. Returns (meeting id, material id).
pub async fn upload<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, target: Target, file_name: &str, bytes: Vec<u8>, pre_reading: bool) -> Result<(i32, i32), AppError> {
    let (m, item, add) = resolve_for_upload(db, actor, target).await?;
    if bytes.is_empty() {
        return Err(AppError::field("file", K::ErrFileMissing));
    }
    if bytes.len() > MAX_BYTES {
        return Err(AppError::field("file", K::ErrFileTooLarge));
    }
    let name = clean_name(file_name);
    let mime = check_type(&name, &bytes).map_err(|k| AppError::field("file", k))?;
    let sha = hex::encode(Sha256::digest(&bytes));
    let txn = super::begin_write(db).await?;
    let row = material::ActiveModel {
        meeting_id: Set(m.id),
        agenda_item_id: Set(item),
        addition_id: Set(add),
        file_name: Set(name),
        content_type: Set(mime.into()),
        size_bytes: Set(bytes.len() as i64),
        sha256: Set(sha),
        pre_reading: Set(pre_reading),
        uploaded_by: Set(actor.user_id()),
        uploaded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    material_content::ActiveModel { material_id: Set(row.id), data: Set(bytes) }.insert(&txn).await?;
    txn.commit().await?;
    Ok((m.id, row.id))
}

/// The scope the policy decides a material's readers from.
fn scope(f: &forum::Model, m: &meeting::Model, mat: &material::Model, proposer: Option<i32>) -> Scope {
    let pending_addition = mat.addition_id.is_some() && mat.agenda_item_id.is_none();
    Scope::Material {
        forum: f.id,
        public: f.visibility == "public",
        published: m.agenda_published_at.is_some(),
        proposer: if pending_addition { Some(proposer.unwrap_or(0)) } else { None },
    }
}

/// The materials of a meeting the actor may read, with their proposers: one statement.
pub async fn for_meeting(db: &impl ConnectionTrait, actor: &Actor, m: &meeting::Model, f: &forum::Model) -> Result<Vec<(material::Model, MaterialView)>, AppError> {
    let rows = super::bundle::read(db, vec![meeting_part(m)]).await?.take("materials")?;
    Ok(views(actor, m, f, rows))
}

/// A material with the proposer of the addition it belongs to, if any (the policy needs both).
#[derive(serde::Deserialize)]
pub struct MaterialRow {
    #[serde(flatten)]
    r: material::Model,
    proposer_id: Option<i32>,
}

/// The meeting's materials as a bundle part named "materials".
pub fn meeting_part(m: &meeting::Model) -> super::bundle::Part {
    let q = material::Entity::find()
        .filter(material::Column::MeetingId.eq(m.id))
        .join(JoinType::LeftJoin, material::Entity::belongs_to(addition::Entity).from(material::Column::AdditionId).to(addition::Column::Id).into());
    super::bundle::Part::of("materials", q).also("proposer_id", Expr::col((addition::Entity, addition::Column::ProposerId)))
}

/// What the actor may read of the meeting's materials, in upload order.
pub fn views(actor: &Actor, m: &meeting::Model, f: &forum::Model, mut rows: Vec<MaterialRow>) -> Vec<(material::Model, MaterialView)> {
    rows.sort_by_key(|r| (r.r.uploaded_at, r.r.id));
    let manage = can(actor, Action::ManageMeetings, &forum_scope(f));
    rows.into_iter()
        .filter_map(|MaterialRow { r, proposer_id: proposer }| {
            if !can(actor, Action::ReadMaterial, &scope(f, m, &r, proposer)) {
                return None;
            }
            let own_pending = r.addition_id.is_some() && r.agenda_item_id.is_none() && proposer.is_some() && proposer == actor.user_id();
            let view = MaterialView {
                id: r.id,
                file_name: r.file_name.clone(),
                size_bytes: r.size_bytes,
                kind: kind_name(&r.content_type).into(),
                pre_reading: r.pre_reading,
                url: format!("/materials/{}/{}", r.id, percent_encode(&r.file_name)),
                can_delete: manage || own_pending,
            };
            Some((r, view))
        })
        .collect()
}

/// A file for download, after the policy has agreed.
pub async fn download(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<(material::Model, Vec<u8>), AppError> {
    let r = material::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let (m, f) = meeting_and_forum(db, r.meeting_id).await?;
    let proposer = match r.addition_id {
        Some(a) => addition::Entity::find_by_id(a).one(db).await?.map(|a| a.proposer_id),
        None => None,
    };
    authorize(actor, Action::ReadMaterial, &scope(&f, &m, &r, proposer))?;
    let content = material_content::Entity::find_by_id(r.id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok((r, content.data))
}

/// Remove a file: the secretariat, or the proposer while the addition is pending. Returns the meeting id.
pub async fn delete(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<i32, AppError> {
    let r = material::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let (_, f) = meeting_and_forum(db, r.meeting_id).await?;
    let own_pending = match (r.addition_id, r.agenda_item_id) {
        (Some(a), None) => addition::Entity::find_by_id(a).one(db).await?.is_some_and(|a| Some(a.proposer_id) == actor.user_id() && a.status == "pending"),
        _ => false,
    };
    if !own_pending {
        authorize(actor, Action::ManageMeetings, &forum_scope(&f))?;
    }
    material::Entity::delete_by_id(r.id).exec(db).await?;
    Ok(r.meeting_id)
}


/// `Content-Disposition` with the name in ASCII and in UTF-8 (RFC 6266). Images and PDF open in
/// the browser; office files are downloaded.
pub fn content_disposition(mime: &str, name: &str) -> String {
    let inline = matches!(mime, "application/pdf" | "image/png" | "image/jpeg");
    let ascii: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') { c } else { '_' }).collect();
    format!("{}; filename=\"{}\"; filename*=UTF-8''{}", if inline { "inline" } else { "attachment" }, ascii, percent_encode(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D];
    const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";

    #[test]
    fn type_comes_from_the_content_and_must_match_the_name() {
        assert_eq!(check_type("bild.PNG", PNG), Ok("image/png"));
        assert_eq!(check_type("underlag.pdf", PDF), Ok("application/pdf"));
        // A PDF named .png, a script named .pdf, an unknown extension.
        assert_eq!(check_type("bild.png", PDF), Err(K::ErrFileType));
        assert_eq!(check_type("underlag.pdf", b"<script>alert(1)</script>"), Err(K::ErrFileType));
        assert_eq!(check_type("program.exe", b"MZ\x90\x00"), Err(K::ErrFileType));
        assert_eq!(check_type("utan-filändelse", PDF), Err(K::ErrFileType));
    }

    #[test]
    fn names_lose_paths_and_dangerous_characters() {
        assert_eq!(clean_name("C:\\Users\\eva\\Presentation NLL.pptx"), "Presentation NLL.pptx");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\"b<c>\n.pdf"), "abc.pdf");
        assert_eq!(clean_name(".htaccess"), "htaccess");
        assert!(clean_name(&format!("{}.pdf", "å".repeat(300))).ends_with(".pdf"));
    }

    #[test]
    fn disposition_quotes_safely_and_keeps_utf8() {
        let d = content_disposition("application/pdf", "Status på NLL \"2023\".pdf");
        assert!(d.starts_with("inline; filename=\"Status p_ NLL _2023_.pdf\""));
        assert!(d.contains("filename*=UTF-8''Status%20p%C3%A5%20NLL%20%222023%22.pdf"));
        assert!(content_disposition("application/vnd.openxmlformats-officedocument.presentationml.presentation", "x.pptx").starts_with("attachment;"));
    }
}
