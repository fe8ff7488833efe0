//! The one markdown renderer: pulldown-cmark (tables, strikethrough) then the ammonia allow-list.
use pulldown_cmark::{html, Options, Parser};

pub fn render(markdown: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::new();
    html::push_html(&mut raw, Parser::new_ext(markdown, opts));
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn tables_and_strikethrough_survive() {
        let out = render("| Nr | Status |\n|---|---|\n| 1 | ~~klar~~ |\n");
        assert!(out.contains("<table>"));
        assert!(out.contains("<del>klar</del>"));
    }

    #[test]
    fn hostile_markup_is_removed() {
        for bad in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[klick](javascript:alert(1))",
            "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
            "<svg onload=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
        ] {
            let out = render(bad).to_lowercase();
            for needle in ["<script", "onerror", "onload", "javascript:", "data:", "<svg", "<iframe"] {
                assert!(!out.contains(needle), "{bad:?} rendered as {out:?}");
            }
        }
    }

    #[test]
    fn links_get_noopener() {
        let out = render("[E-hälsomyndigheten](https://www.ehalsomyndigheten.se)");
        assert!(out.contains("rel=\"noopener noreferrer\""));
    }
}
