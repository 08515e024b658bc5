//! The section ids of the reception guidance, with short titles of our own.

use crate::text::Text;

/// (id, zh title, en title), in the order of the outline.
pub const SECTIONS: &[(&str, &str, &str)] = &[
    ("0", "接待中心", "The reception centre"),
    ("1", "接访为何重要", "Why reception matters"),
    ("2.1", "熟悉政策法律", "Policy and law"),
    ("2.2", "品行与威信", "Integrity"),
    ("2.3", "协调与识人", "Coordination, reading people"),
    ("2.4a", "疏导：倾听与共情", "Guiding: listening and empathy"),
    ("2.4b", "自我控制", "Self-control"),
    ("2.4c", "公正不从众", "Impartiality"),
    ("3.1", "热情接待", "Warm reception"),
    ("3.2", "冷静处事，讲究方法", "Calm and technique"),
    ("3.3", "分类接待", "Receiving each type of visitor"),
    ("3.3.1", "初次来访", "First-time visitors"),
    ("3.3.2", "上访老户", "Long-term repeat petitioners"),
    ("3.3.3", "集体访", "Collective visits"),
];

pub fn is_section(id: &str) -> bool {
    SECTIONS.iter().any(|(s, _, _)| *s == id)
}

pub fn title(id: &str) -> Option<Text> {
    SECTIONS
        .iter()
        .find(|(s, _, _)| *s == id)
        .map(|(_, zh, en)| Text::pair(*zh, *en))
}
