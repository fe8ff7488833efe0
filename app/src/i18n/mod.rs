//! The one i18n layer: every interface text is a `K` key with a Swedish and an English text.
//! One exhaustive `match` holds both languages, so a key without a translation does not compile.
use serde::{Deserialize, Serialize};

mod texts;
pub use texts::K;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default, Hash)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Unknown codes fall back to Swedish, the default language of the service.
    pub fn from_code(code: &str) -> Lang {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Lang::En,
            _ => Lang::Sv,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Sv => Lang::En,
            Lang::En => Lang::Sv,
        }
    }
}

impl K {
    pub fn in_lang(self, lang: Lang) -> &'static str {
        let (sv, en) = self.texts();
        match lang {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

/// Swedish month names for dates in Swedish form ("4 september 2023").
const MONTHS_SV: [&str; 12] = [
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december",
];
const MONTHS_EN: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

/// A date as people write it: "4 september 2023" / "4 September 2023".
pub fn format_date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let idx = date.month0() as usize;
    let month = match lang {
        Lang::Sv => MONTHS_SV[idx],
        Lang::En => MONTHS_EN[idx],
    };
    format!("{} {} {}", date.day(), month, date.year())
}

/// A time of day in Swedish form uses a dot ("14.00"); English uses a colon.
pub fn format_time(lang: Lang, time: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    match lang {
        Lang::Sv => format!("{:02}.{:02}", time.hour(), time.minute()),
        Lang::En => format!("{:02}:{:02}", time.hour(), time.minute()),
    }
}

/// "4 september 2023 kl. 14.00" / "4 September 2023 at 14:00".
pub fn format_datetime(lang: Lang, dt: chrono::NaiveDateTime) -> String {
    let at = match lang {
        Lang::Sv => "kl.",
        Lang::En => "at",
    };
    format!("{} {} {}", format_date(lang, dt.date()), at, format_time(lang, dt.time()))
}

/// "4 september 2023 kl. 14.00–16.00"; a meeting over midnight shows both dates.
pub fn format_span(lang: Lang, start: chrono::NaiveDateTime, end: chrono::NaiveDateTime) -> String {
    if start.date() == end.date() {
        format!("{}–{}", format_datetime(lang, start), format_time(lang, end.time()))
    } else {
        format!("{} – {}", format_datetime(lang, start), format_datetime(lang, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn meeting_spans_read_like_the_decks() {
        let d = NaiveDate::from_ymd_opt(2023, 9, 4).unwrap();
        let span = format_span(Lang::Sv, d.and_hms_opt(14, 0, 0).unwrap(), d.and_hms_opt(16, 0, 0).unwrap());
        assert_eq!(span, "4 september 2023 kl. 14.00–16.00");
    }

    #[test]
    fn swedish_dates_read_as_swedes_write_them() {
        let d = NaiveDate::from_ymd_opt(2023, 9, 4).unwrap();
        assert_eq!(format_date(Lang::Sv, d), "4 september 2023");
        assert_eq!(format_date(Lang::En, d), "4 September 2023");
        let dt = d.and_hms_opt(14, 0, 0).unwrap();
        assert_eq!(format_datetime(Lang::Sv, dt), "4 september 2023 kl. 14.00");
    }

    #[test]
    fn unknown_language_codes_fall_back_to_swedish() {
        assert_eq!(Lang::from_code("EN"), Lang::En);
        assert_eq!(Lang::from_code("de"), Lang::Sv);
        assert_eq!(Lang::from_code(""), Lang::Sv);
    }

    #[test]
    fn every_key_has_two_distinct_nonempty_texts_or_is_a_shared_name() {
        for k in K::ALL {
            let (sv, en) = k.texts();
            assert!(!sv.trim().is_empty(), "{k:?} has no Swedish text");
            assert!(!en.trim().is_empty(), "{k:?} has no English text");
        }
    }
}
