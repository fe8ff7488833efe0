//! The one markdown renderer: pulldown-cmark (tables, strikethrough) then the ammonia allow-list.
use pulldown_cmark::{html, Options, Parser};

/// Built once: making the allow-list cost about as much as cleaning a short comment.
static SANITIZER: std::sync::LazyLock<ammonia::Builder<'static>> = std::sync::LazyLock::new(|| {
    // No images: a remote image in a comment or summary would tell a third party who reads it,
    // and user-written images rarely carry a text alternative. No details/summary: an unclosed
    // one would fold away the rest of the page section.
    let mut b = ammonia::Builder::default();
    b.rm_tags(["img", "details", "summary"]).url_schemes(["http", "https", "mailto"].into_iter().collect()).link_rel(Some("noopener noreferrer"));
    b
});

pub fn render(markdown: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::new();
    html::push_html(&mut raw, Parser::new_ext(markdown, opts));
    SANITIZER.clean(&raw).to_string()
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

    /// Snapshots: the exact HTML for the constructs the decks use.
    #[test]
    fn snapshots() {
        let cases = [
            ("| Nr | Status |\n|---|---|\n| 1 | ~~klar~~ |\n", "<table><thead><tr><th>Nr</th><th>Status</th></tr></thead><tbody>\n<tr><td>1</td><td><del>klar</del></td></tr>\n</tbody></table>\n"),
            ("- 5 av 18 har svarat\n- **Eskalering** fungerar\n", "<ul>\n<li>5 av 18 har svarat</li>\n<li><strong>Eskalering</strong> fungerar</li>\n</ul>\n"),
            ("[Digg](https://www.digg.se)", "<p><a href=\"https://www.digg.se\" rel=\"noopener noreferrer\">Digg</a></p>\n"),
            ("<script>alert(1)</script>Hej", "Hej"),
            ("<b onclick=\"x()\">fet</b>", "<p><b>fet</b></p>\n"),
            ("[x](javascript:alert(1))", "<p><a rel=\"noopener noreferrer\">x</a></p>\n"),
        ];
        for (input, want) in cases {
            assert_eq!(render(input), want, "input {input:?}");
        }
    }

    #[test]
    fn images_are_dropped() {
        assert!(!render("![bild](https://tracker.example/p.png) <img src=\"x\">").contains("<img"));
    }

    #[test]
    fn links_get_noopener() {
        let out = render("[E-hälsomyndigheten](https://www.ehalsomyndigheten.se)");
        assert!(out.contains("rel=\"noopener noreferrer\""));
    }
}
