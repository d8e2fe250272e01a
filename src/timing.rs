//! Every delay of the interface, in one place, and how they must relate.
//!
//! Pure (no web_sys), so that the relations are checked natively: the
//! browser shell (`ui`) only waits for these durations.

use std::time::Duration;

/// A new history entry is written after the paint of its view (so that the
/// paint is not delayed); in a tab that does not paint (hidden), after this.
pub const DEFERRED_ENTRY: Duration = Duration::from_millis(250);

/// The scroll position is written into the history entry once the reader
/// has stopped scrolling for this long. It must be longer than
/// [`DEFERRED_ENTRY`]: a position written before a deferred entry is pushed
/// would land in the entry being left.
pub const SCROLL_SETTLED: Duration = Duration::from_millis(300);

/// The search reaches the address bar this long after the last keystroke
/// (browsers limit how often the URL may change; the list follows at once).
pub const SEARCH_TO_ADDRESS: Duration = Duration::from_millis(400);

/// A note is saved when typing pauses this long (and when the field loses
/// the focus, or the page is left).
pub const NOTE_PAUSE: Duration = Duration::from_millis(600);

/// A failed write of the carnet is tried again after this.
pub const RETRY_WRITE: Duration = Duration::from_secs(5);

/// A downloaded file's object URL is freed after this (the browser has
/// taken the file long before).
pub const FREE_DOWNLOAD: Duration = Duration::from_secs(30);

/// The service worker looks for a new version this often.
pub const CHECK_UPDATE: Duration = Duration::from_secs(15 * 60);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scroll_is_written_after_a_deferred_entry_is_pushed() {
        assert!(SCROLL_SETTLED > DEFERRED_ENTRY);
    }

    #[test]
    fn typing_does_not_rewrite_the_address_bar_at_every_key() {
        // Faster than a deliberate typist's keys (about 200 ms apart), so
        // that a word reaches the URL once it is typed, not letter by letter.
        assert!(SEARCH_TO_ADDRESS >= Duration::from_millis(300));
        assert!(SEARCH_TO_ADDRESS < Duration::from_secs(1));
    }

    #[test]
    fn a_note_is_saved_well_before_a_retry_and_the_retry_before_a_reader_gives_up() {
        assert!(NOTE_PAUSE < RETRY_WRITE);
        assert!(RETRY_WRITE <= Duration::from_secs(10));
    }

    #[test]
    fn the_other_delays_are_in_their_order() {
        assert!(DEFERRED_ENTRY < SEARCH_TO_ADDRESS);
        assert!(RETRY_WRITE < FREE_DOWNLOAD);
        assert!(FREE_DOWNLOAD < CHECK_UPDATE);
    }
}
