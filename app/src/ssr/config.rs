//! Configuration from environment variables. Bad values stop the start with one clear line.
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub base_url: String,
    pub smtp_url: Option<String>,
    pub mail_dir: PathBuf,
    pub mail_from: String,
    pub cookie_secure: bool,
    pub session_idle_hours: i64,
    pub trust_proxy: bool,
    /// Page renders (GET and HEAD) at once per instance; more wait their turn.
    pub render_concurrency: usize,
    /// Memory for rendered pages kept per instance (the page cache), in MiB; 0 turns it off.
    pub page_cache_mib: u64,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/samverkan.db?mode=rwc";
/// As many as the database pool has connections: a render beyond that would only wait for one
/// while holding its memory (bench/why.md).
pub const DEFAULT_RENDER_CONCURRENCY: usize = 8;
/// About 36 member meeting pages of the bench forum (113 KB each) or 360 overviews (11 KB). Every
/// write retires all kept pages and the key holds the minute, so what can still be served is what
/// was viewed since the last write in this minute; more than that only raised peak RSS (16 MiB
/// cost about 22 MB of it under the bench's render pass; bench/why.md).
pub const DEFAULT_PAGE_CACHE_MIB: u64 = 4;

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let vars: HashMap<String, String> = std::env::vars().collect();
        Config::from_map(&vars)
    }

    /// `site_addr` is used for the default base URL; `LEPTOS_SITE_ADDR` is read by Leptos itself.
    pub fn from_map(vars: &HashMap<String, String>) -> Result<Config, String> {
        let get = |k: &str| vars.get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let database_url = get("SAMVERKAN_DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres://") || database_url.starts_with("postgresql://")) {
            return Err(format!(
                "SAMVERKAN_DATABASE_URL must start with sqlite:, postgres:// or postgresql:// (got {database_url:?})"
            ));
        }
        let site_addr = get("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let base_url = get("SAMVERKAN_BASE_URL").unwrap_or_else(|| format!("http://{site_addr}"));
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(format!("SAMVERKAN_BASE_URL must start with http:// or https:// (got {base_url:?})"));
        }
        let smtp_url = get("SAMVERKAN_SMTP_URL");
        if let Some(u) = &smtp_url {
            if !(u.starts_with("smtp://") || u.starts_with("smtps://")) {
                return Err(format!("SAMVERKAN_SMTP_URL must start with smtp:// or smtps:// (got {u:?})"));
            }
        }
        let cookie_secure = parse_bool(get("SAMVERKAN_COOKIE_SECURE"), "SAMVERKAN_COOKIE_SECURE", base_url.starts_with("https://"))?;
        let trust_proxy = parse_bool(get("SAMVERKAN_TRUST_PROXY"), "SAMVERKAN_TRUST_PROXY", false)?;
        let session_idle_hours = match get("SAMVERKAN_SESSION_IDLE_HOURS") {
            None => 8,
            Some(v) => v
                .parse::<i64>()
                .ok()
                .filter(|h| (1..=24 * 30).contains(h))
                .ok_or_else(|| format!("SAMVERKAN_SESSION_IDLE_HOURS must be a whole number of hours from 1 to 720 (got {v:?})"))?,
        };
        let render_concurrency = match get("SAMVERKAN_RENDER_CONCURRENCY") {
            None => DEFAULT_RENDER_CONCURRENCY,
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=1024).contains(n))
                .ok_or_else(|| format!("SAMVERKAN_RENDER_CONCURRENCY must be a whole number from 1 to 1024 (got {v:?})"))?,
        };
        let page_cache_mib = match get("SAMVERKAN_PAGE_CACHE_MB") {
            None => DEFAULT_PAGE_CACHE_MIB,
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|n| *n <= 64 * 1024)
                .ok_or_else(|| format!("SAMVERKAN_PAGE_CACHE_MB must be a whole number of MiB from 0 (off) to 65536 (got {v:?})"))?,
        };
        Ok(Config {
            database_url,
            base_url: base_url.trim_end_matches('/').to_string(),
            smtp_url,
            mail_dir: get("SAMVERKAN_MAIL_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("data/mail")),
            mail_from: get("SAMVERKAN_MAIL_FROM").unwrap_or_else(|| "Samverkan <noreply@samverkan.test>".into()),
            cookie_secure,
            session_idle_hours,
            trust_proxy,
            render_concurrency,
            page_cache_mib,
        })
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }
}

fn parse_bool(v: Option<String>, name: &str, default: bool) -> Result<bool, String> {
    match v.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None => Ok(default),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(other) => Err(format!("{name} must be true or false (got {other:?})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn defaults_are_the_embedded_database_and_local_address() {
        let c = Config::from_map(&map(&[])).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.base_url, "http://127.0.0.1:3000");
        assert!(!c.cookie_secure);
        assert_eq!(c.session_idle_hours, 8);
        assert!(c.smtp_url.is_none());
        assert_eq!(c.render_concurrency, DEFAULT_RENDER_CONCURRENCY);
        assert_eq!(Config::from_map(&map(&[("SAMVERKAN_RENDER_CONCURRENCY", "3")])).unwrap().render_concurrency, 3);
        assert_eq!(c.page_cache_mib, DEFAULT_PAGE_CACHE_MIB);
        assert_eq!(Config::from_map(&map(&[("SAMVERKAN_PAGE_CACHE_MB", "0")])).unwrap().page_cache_mib, 0);
    }

    #[test]
    fn bad_values_name_the_variable() {
        for (k, v) in [
            ("SAMVERKAN_DATABASE_URL", "mysql://x"),
            ("SAMVERKAN_COOKIE_SECURE", "maybe"),
            ("SAMVERKAN_SESSION_IDLE_HOURS", "0"),
            ("SAMVERKAN_SMTP_URL", "http://mail"),
            ("SAMVERKAN_BASE_URL", "example.se"),
            ("SAMVERKAN_RENDER_CONCURRENCY", "0"),
            ("SAMVERKAN_PAGE_CACHE_MB", "lots"),
        ] {
            let err = Config::from_map(&map(&[(k, v)])).unwrap_err();
            assert!(err.starts_with(k), "{err}");
        }
    }

    #[test]
    fn https_base_url_makes_cookies_secure_by_default() {
        let c = Config::from_map(&map(&[("SAMVERKAN_BASE_URL", "https://samverkan.example.se/")])).unwrap();
        assert!(c.cookie_secure);
        assert_eq!(c.base_url, "https://samverkan.example.se");
    }
}
