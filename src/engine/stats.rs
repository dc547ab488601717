//! Per-message statistics, the numbers the merchant's "summary" shows:
//! how often a message fired, was seen, opened from the preview, dismissed,
//! and how often the visitor wrote afterwards (converted).

/// What happened to an automatic message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatKind {
    Fired,
    /// Rendered to the visitor: in the open chat or as the preview.
    Shown,
    OpenedFromPreview,
    Dismissed,
    /// The visitor wrote after it fired, within the same session.
    Converted,
}

/// One statistics event, for beacons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatEvent {
    pub message_id: String,
    pub kind: StatKind,
}

/// Counters of one message; persisted in the visitor state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counters {
    pub fired: u32,
    pub shown: u32,
    pub opened: u32,
    pub dismissed: u32,
    pub converted: u32,
}

impl Counters {
    pub fn bump(&mut self, kind: StatKind) {
        let c = match kind {
            StatKind::Fired => &mut self.fired,
            StatKind::Shown => &mut self.shown,
            StatKind::OpenedFromPreview => &mut self.opened,
            StatKind::Dismissed => &mut self.dismissed,
            StatKind::Converted => &mut self.converted,
        };
        *c = c.saturating_add(1);
    }
    pub fn is_zero(&self) -> bool {
        *self == Counters::default()
    }
    /// Field-wise maximum: merging two tabs' copies never double counts.
    pub fn max(&self, o: &Counters) -> Counters {
        Counters {
            fired: self.fired.max(o.fired),
            shown: self.shown.max(o.shown),
            opened: self.opened.max(o.opened),
            dismissed: self.dismissed.max(o.dismissed),
            converted: self.converted.max(o.converted),
        }
    }
    pub fn to_array(&self) -> [u32; 5] {
        [
            self.fired,
            self.shown,
            self.opened,
            self.dismissed,
            self.converted,
        ]
    }
    pub fn from_array(a: [u32; 5]) -> Counters {
        Counters {
            fired: a[0],
            shown: a[1],
            opened: a[2],
            dismissed: a[3],
            converted: a[4],
        }
    }
}

/// The counters of one message, as returned by `Engine::stats`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageStats {
    pub message_id: String,
    pub counters: Counters,
}
