//! Bilingual text: a plain string or a zh/en pair, with fallback to the other language.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// The two languages of the product. Chinese comes first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Parses `zh`, `en`, or a locale such as `zh_CN.UTF-8` / `en_US`.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Lang::Zh)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language from `JIEDAI_LANG`, then `LC_ALL`, `LC_MESSAGES` and `LANG`; Chinese otherwise.
    pub fn from_env() -> Lang {
        for var in ["JIEDAI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && let Some(l) = Lang::parse(&v)
            {
                return l;
            }
        }
        Lang::Zh
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Picks one of two literal strings; used for the tool's own messages.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A text field in a scenario or the rubric: `"一句话"` or `(zh: "…", en: "…")`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Text {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    pub fn zh(s: impl Into<String>) -> Text {
        Text {
            zh: Some(s.into()),
            en: None,
        }
    }

    pub fn pair(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: Some(zh.into()),
            en: Some(en.into()),
        }
    }

    /// The text in `lang`, falling back to the other language, then to "".
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Zh => (&self.zh, &self.en),
            Lang::En => (&self.en, &self.zh),
        };
        first
            .as_deref()
            .filter(|s| !s.is_empty())
            .or(second.as_deref())
            .unwrap_or("")
    }

    /// True when one of the two languages is missing or empty.
    pub fn missing(&self) -> Option<Lang> {
        let empty = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
        match (empty(&self.zh), empty(&self.en)) {
            (true, false) => Some(Lang::Zh),
            (false, true) => Some(Lang::En),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.get(Lang::Zh).trim().is_empty()
    }
}

/// A plain string is taken as Chinese when it contains a CJK character, as English otherwise.
fn plain(s: String) -> Text {
    if s.chars().any(is_cjk) {
        Text {
            zh: Some(s),
            en: None,
        }
    } else {
        Text {
            zh: None,
            en: Some(s),
        }
    }
}

/// CJK unified ideographs and the common CJK punctuation blocks.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or (zh: \"…\", en: \"…\")")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(plain(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(plain(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut t = Text::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "zh" => t.zh = Some(map.next_value()?),
                        "en" => t.en = Some(map.next_value()?),
                        other => return Err(de::Error::unknown_field(other, &["zh", "en"])),
                    }
                }
                // An empty text reads back as written (a record's ending before the visit
                // ended); in a scenario, E020 names an empty required text.
                Ok(t)
            }
        }
        d.deserialize_any(V)
    }
}
