//! E-mail: requests only write to the durable `outbox` table; a background worker sends.
//! Transports: SMTP (`SAMVERKAN_SMTP_URL`), `.eml` files under a directory, or memory for tests.
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use entity::outbox;
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::error::AppError;
use crate::i18n::{Lang, K};

/// A mail as the memory transport keeps it, for tests to read back.
#[derive(Clone, Debug)]
pub struct SentMail {
    pub to: String,
    pub subject: String,
    pub text: String,
}

#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(PathBuf),
    Memory(Arc<Mutex<Vec<SentMail>>>),
}

#[derive(Clone)]
pub struct Mailer {
    pub from: Mailbox,
    pub transport: Transport,
}

impl Mailer {
    pub fn new(from: &str, smtp_url: Option<&str>, mail_dir: PathBuf) -> Result<Mailer, String> {
        let from: Mailbox = from.parse().map_err(|e| format!("SAMVERKAN_MAIL_FROM is not an address: {e}"))?;
        let transport = match smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("SAMVERKAN_SMTP_URL is not usable: {e}"))?
                    .build(),
            ),
            None => Transport::File(mail_dir),
        };
        Ok(Mailer { from, transport })
    }

    pub fn memory() -> (Mailer, Arc<Mutex<Vec<SentMail>>>) {
        let store = Arc::new(Mutex::new(Vec::new()));
        let from = Mailbox::new(Some("Samverkan".into()), "noreply@samverkan.test".parse().expect("static address"));
        (Mailer { from, transport: Transport::Memory(store.clone()) }, store)
    }

    /// The message for an outbox row, with the unsubscribe headers when it has an address for them.
    pub fn build(&self, mail: &outbox::Model) -> Result<Message, String> {
        let to: Mailbox = match mail.to_name.trim() {
            "" => mail.to_address.parse(),
            name => format!("{} <{}>", name.replace(['<', '>', '"'], ""), mail.to_address).parse(),
        }
        .map_err(|e| format!("bad recipient: {e}"))?;
        let mut builder = Message::builder().from(self.from.clone()).to(to).subject(mail.subject.clone());
        if let Some(url) = &mail.unsubscribe_url {
            // RFC 2369 and RFC 8058: mail programs offer one-click unsubscribe with a POST to the address.
            builder = builder.header(ListUnsubscribe(url.clone())).header(ListUnsubscribePost);
        }
        let message = match &mail.body_html {
            Some(html) => builder.multipart(MultiPart::alternative_plain_html(mail.body_text.clone(), html.clone())),
            None => builder.singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(mail.body_text.clone())),
        }
        .map_err(|e| format!("cannot build mail: {e}"))?;
        Ok(message)
    }

    async fn send(&self, mail: &outbox::Model) -> Result<(), String> {
        let message = self.build(mail)?;
        match &self.transport {
            Transport::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Transport::File(dir) => {
                tokio::fs::create_dir_all(dir).await.map_err(|e| e.to_string())?;
                AsyncFileTransport::<Tokio1Executor>::new(dir).send(message).await.map(|_| ()).map_err(|e| e.to_string())
            }
            Transport::Memory(store) => {
                let mut guard = store.lock().map_err(|_| "mail store poisoned".to_string())?;
                guard.push(SentMail { to: mail.to_address.clone(), subject: mail.subject.clone(), text: mail.body_text.clone() });
                Ok(())
            }
        }
    }
}

#[derive(Clone)]
struct ListUnsubscribe(String);

impl lettre::message::header::Header for ListUnsubscribe {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.trim().trim_start_matches('<').trim_end_matches('>').to_string()))
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

#[derive(Clone)]
struct ListUnsubscribePost;

impl lettre::message::header::Header for ListUnsubscribePost {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".into())
    }
}

/// A composed mail, ready for the outbox.
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Queue a mail. Call inside the same transaction as the change it reports.
pub async fn enqueue(db: &impl ConnectionTrait, to_address: &str, to_name: &str, mail: Composed) -> Result<(), AppError> {
    enqueue_with(db, to_address, to_name, mail, None).await
}

/// Queue a notification: with the one-click unsubscribe address for its headers.
pub async fn enqueue_with(db: &impl ConnectionTrait, to_address: &str, to_name: &str, mail: Composed, unsubscribe_url: Option<String>) -> Result<(), AppError> {
    let now = Utc::now();
    outbox::ActiveModel {
        to_address: Set(to_address.to_string()),
        to_name: Set(to_name.to_string()),
        subject: Set(mail.subject),
        body_text: Set(mail.text),
        body_html: Set(Some(mail.html)),
        status: Set("pending".into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        created_at: Set(now),
        unsubscribe_url: Set(unsubscribe_url),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

const MAX_ATTEMPTS: i32 = 10;
const LEASE_SECONDS: i64 = 300;

/// Exponential back-off: 30 s, 1 min, 2 min … capped at one hour.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let secs = 30i64.saturating_mul(1i64 << attempts.clamp(0, 7));
    chrono::Duration::seconds(secs.min(3600))
}

/// One pass over due mail. Each mail is claimed with a conditional update (a lease), so that
/// several workers, in one process or many, never send the same mail at the same time.
pub async fn process_due(db: &impl ConnectionTrait, mailer: &Mailer) -> Result<usize, sea_orm::DbErr> {
    let now = Utc::now();
    let due = outbox::Entity::find()
        .filter(outbox::Column::Status.eq("pending"))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .filter(outbox::Column::LockedUntil.is_null().or(outbox::Column::LockedUntil.lt(now)))
        .order_by_asc(outbox::Column::Id)
        .limit(20)
        .all(db)
        .await?;
    let mut sent = 0;
    for mail in due {
        let claimed = outbox::Entity::update_many()
            .col_expr(outbox::Column::LockedUntil, Expr::value(now + chrono::Duration::seconds(LEASE_SECONDS)))
            .filter(outbox::Column::Id.eq(mail.id))
            .filter(outbox::Column::Status.eq("pending"))
            .filter(outbox::Column::LockedUntil.is_null().or(outbox::Column::LockedUntil.lt(now)))
            .exec(db)
            .await?;
        if claimed.rows_affected != 1 {
            continue;
        }
        let attempts = mail.attempts + 1;
        let mut update = outbox::ActiveModel { id: Set(mail.id), attempts: Set(attempts), locked_until: Set(None), ..Default::default() };
        match mailer.send(&mail).await {
            Ok(()) => {
                update.status = Set("sent".into());
                update.sent_at = Set(Some(Utc::now()));
                update.last_error = Set(None);
                sent += 1;
                tracing::info!(outbox_id = mail.id, "mail sent");
            }
            Err(e) => {
                tracing::warn!(outbox_id = mail.id, attempts, "mail not sent: {e}");
                update.last_error = Set(Some(e));
                if attempts >= MAX_ATTEMPTS {
                    update.status = Set("failed".into());
                } else {
                    update.next_attempt_at = Set(Utc::now() + backoff(attempts));
                }
            }
        }
        update.update(db).await?;
    }
    Ok(sent)
}

/// Runs for the life of the process.
pub fn spawn_worker(db: sea_orm::DatabaseConnection, mailer: Mailer, every: Duration) {
    tokio::spawn(async move {
        loop {
            if let Err(e) = process_due(&db, &mailer).await {
                tracing::error!("outbox worker: {e}");
            }
            tokio::time::sleep(every).await;
        }
    });
}

pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

impl Composed {
    /// Add the footer every notification carries: why it came, and how to stop it.
    pub fn with_unsubscribe(mut self, lang: Lang, why: &str, settings_url: &str, unsubscribe_url: &str) -> Composed {
        let t = |k: K| k.in_lang(lang);
        self.text.push_str(&format!("\n--\n{why}\n{} {settings_url}\n{} {unsubscribe_url}\n", t(K::MailSettingsLink), t(K::MailUnsubscribeLink)));
        let footer = format!(
            "<hr><p style=\"font-size:small;color:#555\">{}<br><a href=\"{}\">{}</a> · <a href=\"{}\">{}</a></p>",
            escape(why),
            escape(settings_url),
            escape(t(K::MailSettingsLink)),
            escape(unsubscribe_url),
            escape(t(K::MailUnsubscribeLink)),
        );
        match self.html.rfind("</body>") {
            Some(i) => self.html.insert_str(i, &footer),
            None => self.html.push_str(&footer),
        }
        self
    }
}

/// A mail with a greeting, a paragraph, one link and the signature, as text and HTML.
pub fn compose(lang: Lang, subject: K, name: &str, body: K, link: &str) -> Composed {
    let t = |k: K| k.in_lang(lang);
    let text = format!("{} {},\n\n{}\n\n{}\n\n{}\n", t(K::MailGreeting), name, t(body), link, t(K::MailSignature));
    let html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><body style=\"font-family:sans-serif;line-height:1.5\">\
         <p>{} {},</p><p>{}</p><p><a href=\"{}\">{}</a></p><p>{}</p></body></html>",
        lang.code(),
        t(K::MailGreeting),
        escape(name),
        escape(t(body)),
        escape(link),
        escape(link),
        escape(t(K::MailSignature)),
    );
    Composed { subject: t(subject).to_string(), text, html }
}

/// A mail with a greeting, a paragraph, a list of lines (e.g. agenda items), a link and the signature.
pub fn compose_list(lang: Lang, subject: String, name: &str, body: K, lines: &[String], link: &str) -> Composed {
    compose_full(lang, subject, name, body, None, lines, link)
}

/// A mail carrying a markdown text (a summary): the text part has the markdown as written, the HTML
/// part the sanitized rendering; then a list of lines (materials), the link and the signature.
pub fn compose_markdown(lang: Lang, subject: String, name: &str, body: K, markdown: &str, lines: &[String], link: &str) -> Composed {
    compose_full(lang, subject, name, body, Some(markdown), lines, link)
}

fn compose_full(lang: Lang, subject: String, name: &str, body: K, markdown: Option<&str>, lines: &[String], link: &str) -> Composed {
    let t = |k: K| k.in_lang(lang);
    let md_text = markdown.map(|m| format!("{m}\n\n")).unwrap_or_default();
    let text = format!("{} {},\n\n{}\n\n{md_text}{}\n\n{}\n\n{}\n", t(K::MailGreeting), name, t(body), lines.join("\n"), link, t(K::MailSignature));
    let md_html = markdown.map(|m| format!("<div>{}</div>", super::markdown::render(m))).unwrap_or_default();
    let items: String = lines.iter().map(|l| format!("<li>{}</li>", escape(l))).collect();
    let html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><body style=\"font-family:sans-serif;line-height:1.5\">\
         <p>{} {},</p><p>{}</p>{md_html}<ul>{}</ul><p><a href=\"{}\">{}</a></p><p>{}</p></body></html>",
        lang.code(),
        t(K::MailGreeting),
        escape(name),
        escape(t(body)),
        items,
        escape(link),
        escape(link),
        escape(t(K::MailSignature)),
    );
    Composed { subject, text, html }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(0).num_seconds(), 30);
        assert_eq!(backoff(1).num_seconds(), 60);
        assert!(backoff(3) > backoff(2));
        assert_eq!(backoff(9).num_seconds(), 3600);
    }

    #[test]
    fn notifications_carry_one_click_unsubscribe_headers_and_a_footer() {
        let (mailer, _) = Mailer::memory();
        let composed = compose(Lang::Sv, K::MailInviteSubject, "Eva", K::MailInviteBody, "http://x/a").with_unsubscribe(Lang::Sv, "Du deltar i Aktörsråd vård.", "http://x/me", "http://x/unsubscribe/t?forum=2");
        assert!(composed.text.contains("http://x/unsubscribe/t?forum=2") && composed.html.contains("Avsluta e-post"));
        let row = |url: Option<&str>| outbox::Model {
            id: 1,
            to_address: "eva@example.se".into(),
            to_name: "Eva".into(),
            subject: composed.subject.clone(),
            body_text: composed.text.clone(),
            body_html: Some(composed.html.clone()),
            status: "pending".into(),
            attempts: 0,
            next_attempt_at: Utc::now(),
            locked_until: None,
            last_error: None,
            created_at: Utc::now(),
            sent_at: None,
            unsubscribe_url: url.map(String::from),
        };
        let raw = String::from_utf8(mailer.build(&row(Some("http://x/unsubscribe/t/one-click?forum=2"))).unwrap().formatted()).unwrap();
        assert!(raw.contains("List-Unsubscribe: <http://x/unsubscribe/t/one-click?forum=2>"), "{raw}");
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        let plain = String::from_utf8(mailer.build(&row(None)).unwrap().formatted()).unwrap();
        assert!(!plain.contains("List-Unsubscribe"));
    }

    #[test]
    fn composed_mail_escapes_names_and_speaks_the_language() {
        let m = compose(Lang::En, K::MailInviteSubject, "<b>Eva</b>", K::MailInviteBody, "http://x/invite/abc");
        assert_eq!(m.subject, "Invitation to Samverkan");
        assert!(m.text.contains("http://x/invite/abc"));
        assert!(m.html.contains("&lt;b&gt;Eva&lt;/b&gt;"));
        assert!(!m.html.contains("<b>Eva"));
    }
}
