//! When to ask the browser to keep the carnet, and what Mon carnet says
//! about it.
//!
//! A browser may erase a site's storage when it lacks space, or (Safari)
//! after days without a visit, unless the site asked it to keep it
//! (`navigator.storage.persist()`). Chromium answers silently; Firefox asks
//! the participant with a prompt. A prompt at the first star interrupts a
//! quick gesture for something a tap can make again, so the app asks:
//! - when the participant writes their first note: words typed are worth
//!   keeping, and the prompt comes when they have just shown they care;
//! - or when they press the button of Mon carnet, under a sentence that says
//!   why.
//!
//! It never asks twice in a visit on its own, and never at a favourite.
//! Pure: the browser shell (`ui::state`) carries out what this decides.

/// What the browser said about keeping this site's storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeping {
    /// Not known yet (the browser's answer is on its way).
    Unknown,
    /// The browser has no such promise to give (no `navigator.storage`:
    /// an old browser, or a page not served over HTTPS).
    Unsupported,
    /// The browser has promised to keep the storage.
    Kept,
    /// The browser may erase it, and has not been asked in this visit.
    MayErase,
    /// Asked in this visit, the browser (or the participant) said no.
    Refused,
}

/// What the participant did that could be a moment to ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// A favourite added.
    Favourite,
    /// A note written where the carnet had none.
    FirstNote,
    /// The button « Demander au navigateur de garder ce carnet ».
    Button,
}

/// Whether to ask the browser now.
pub fn ask_now(keeping: Keeping, moment: Moment, storage_works: bool) -> bool {
    storage_works
        && match moment {
            Moment::Favourite => false,
            Moment::FirstNote => keeping == Keeping::MayErase,
            Moment::Button => matches!(keeping, Keeping::MayErase | Keeping::Unknown),
        }
}

/// The browser's answer to `persisted()` (`None`: no such function).
pub fn from_persisted(answer: Option<bool>) -> Keeping {
    match answer {
        None => Keeping::Unsupported,
        Some(true) => Keeping::Kept,
        Some(false) => Keeping::MayErase,
    }
}

/// The browser's answer to `persist()` (`None`: no such function).
pub fn from_persist(answer: Option<bool>) -> Keeping {
    match answer {
        None => Keeping::Unsupported,
        Some(true) => Keeping::Kept,
        Some(false) => Keeping::Refused,
    }
}

/// What is known once the browser answered `persist()` (`asked`) or
/// `persisted()`, given what was known before.
pub fn after_answer(before: Keeping, asked: bool, answer: Option<bool>) -> Keeping {
    if asked {
        from_persist(answer)
    } else if before == Keeping::Unknown {
        from_persisted(answer)
    } else {
        // An answer to persist() came first: it is the newer one.
        before
    }
}

/// What Mon carnet says about keeping it, and whether it offers the button.
pub fn state_line(keeping: Keeping, storage_works: bool) -> (&'static str, bool) {
    const MAY_ERASE: &str = "Le navigateur peut effacer ce carnet s’il manque de place ou si le site n’est pas ouvert pendant plusieurs jours\u{202f}: exportez-le de temps en temps.";
    if !storage_works {
        return (
            "Rien de ce que vous changez ici n’est gardé\u{202f}: exportez avant de fermer la page.",
            false,
        );
    }
    match keeping {
        Keeping::Kept => ("Le navigateur s’est engagé à garder ce carnet.", false),
        Keeping::MayErase | Keeping::Unknown => (
            "Le navigateur peut effacer ce carnet s’il manque de place ou si le site n’est pas ouvert pendant plusieurs jours\u{202f}: exportez-le de temps en temps, ou demandez-lui de le garder.",
            true,
        ),
        Keeping::Refused => (
            "Le navigateur ne s’est pas engagé à garder ce carnet\u{202f}: il peut l’effacer s’il manque de place, exportez-le de temps en temps.",
            false,
        ),
        Keeping::Unsupported => (MAY_ERASE, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Keeping::*;
    use Moment::*;

    #[test]
    fn a_favourite_never_asks() {
        for keeping in [Unknown, Unsupported, Kept, MayErase, Refused] {
            assert!(!ask_now(keeping, Favourite, true));
        }
    }

    #[test]
    fn the_first_note_asks_once_a_visit() {
        assert!(ask_now(MayErase, FirstNote, true));
        // Answered no in this visit: not again on its own.
        assert!(!ask_now(Refused, FirstNote, true));
        assert!(!ask_now(Kept, FirstNote, true));
        // The answer of persisted() has not come yet: wait for it rather
        // than prompt a participant whose carnet is kept already.
        assert!(!ask_now(Unknown, FirstNote, true));
    }

    #[test]
    fn the_button_asks_unless_there_is_nothing_to_ask() {
        assert!(ask_now(MayErase, Button, true));
        assert!(ask_now(Unknown, Button, true));
        assert!(!ask_now(Kept, Button, true));
        assert!(!ask_now(Unsupported, Button, true));
    }

    #[test]
    fn nothing_is_asked_when_storage_does_not_work() {
        for moment in [Favourite, FirstNote, Button] {
            assert!(!ask_now(MayErase, moment, false));
        }
    }

    #[test]
    fn the_answers_of_the_browser() {
        assert_eq!(from_persisted(Some(true)), Kept);
        assert_eq!(from_persisted(Some(false)), MayErase);
        assert_eq!(from_persisted(None), Unsupported);
        assert_eq!(from_persist(Some(false)), Refused);
        assert_eq!(from_persist(Some(true)), Kept);
    }

    #[test]
    fn an_answer_to_persist_is_newer_than_one_to_persisted() {
        assert_eq!(after_answer(Unknown, false, Some(true)), Kept);
        assert_eq!(after_answer(Unknown, true, Some(false)), Refused);
        // persist() answered before persisted() did: keep its answer.
        assert_eq!(after_answer(Kept, false, Some(false)), Kept);
        assert_eq!(after_answer(Refused, false, Some(false)), Refused);
    }

    #[test]
    fn mon_carnet_offers_the_button_only_where_it_can_help() {
        assert_eq!(
            state_line(Kept, true).0,
            "Le navigateur s’est engagé à garder ce carnet."
        );
        assert!(state_line(MayErase, true).1);
        assert!(!state_line(Kept, true).1);
        assert!(!state_line(Refused, true).1);
        assert!(!state_line(Unsupported, true).1);
        assert!(!state_line(MayErase, false).1);
        assert!(
            state_line(MayErase, false)
                .0
                .starts_with("Rien de ce que vous changez ici n’est gardé")
        );
    }
}
