//! What can go wrong with the carnet kept in the browser, as types, and
//! what the participant is told about it, in French.
//!
//! `crate::storage` makes the browser calls and says what failed with these
//! types, never with text; the interface shows a [`Problem`] through
//! [`Problem::notice`], the one place its French is written, and keys its
//! list of notices by [`Problem::id`]. Pure: tested natively.

use crate::carnet::DecodeError;

/// Why the browser's storage failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageError {
    /// This page has no storage: the browser has none (`localStorage` is
    /// missing or null), or none that takes a write (old Safari's private
    /// browsing, with a quota of zero).
    Unavailable,
    /// The browser refuses storage to this page: a `SecurityError` (storage
    /// or cookies disabled, a sandboxed frame).
    Denied,
    /// The storage is full: a `QuotaExceededError`.
    QuotaExceeded,
    /// Any other exception thrown by a read or a write.
    Failed,
}

/// What could not be read in the stored carnet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// This many entries were malformed and left out; the rest was read.
    Entries(usize),
    /// None of it could be read, for this reason.
    Carnet(DecodeError),
}

/// Something the participant must be told about their stored carnet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Storage cannot be used here: the carnet lives in memory only.
    Unavailable(StorageError),
    /// What was stored could not be read, in whole or in part.
    Unreadable {
        /// The text as it was stored, to export.
        raw: String,
        /// Where it was copied aside; `None` when that failed, or for a
        /// newer version's carnet, which is left where it is.
        aside: Option<String>,
        /// What could not be read.
        why: Unreadable,
    },
    /// The last change could not be written; it is kept and retried.
    NotSaved(StorageError),
}

/// Which problem a notice is about: small, to key the list of notices by
/// (a problem may hold megabytes of unreadable text) and to tell whether a
/// problem is shown already. Its kind, or for unreadable text copied aside,
/// the key of the copy.
///
/// A string inside rather than an enum: the list of notices is keyed by a
/// plain `String` ([`ProblemId::into_key`]), as the app's other lists are,
/// so that the wasm carries their keyed diff once (an enum key cost 3 KB,
/// measured).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemId(String);

impl ProblemId {
    /// The last change is not written (the latest replaces the one before).
    pub fn not_saved() -> ProblemId {
        ProblemId("non-enregistré".to_owned())
    }

    /// Unreadable text copied aside under this key.
    pub fn aside(key: &str) -> ProblemId {
        ProblemId(key.to_owned())
    }

    /// The id as a string, to key a list by.
    pub fn into_key(self) -> String {
        self.0
    }
}

/// What a notice says: in bold, what happened; then what it means, around
/// an optional link to « Mon carnet ».
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What happened, in bold.
    pub headline: String,
    /// What follows, up to the link.
    pub text: &'static str,
    /// The link's text and what follows it.
    pub link: Option<(&'static str, &'static str)>,
}

impl Problem {
    /// Its id, for the list of notices.
    pub fn id(&self) -> ProblemId {
        match self {
            // Storage cannot be used: one such problem at most.
            Problem::Unavailable(_) => ProblemId("indisponible".to_owned()),
            Problem::NotSaved(_) => ProblemId::not_saved(),
            Problem::Unreadable {
                aside: Some(key), ..
            } => ProblemId::aside(key),
            // Still under the carnet's own key: one such text at most.
            Problem::Unreadable { aside: None, .. } => ProblemId("illisible".to_owned()),
        }
    }

    /// What the participant is told, in French.
    pub fn notice(&self) -> Notice {
        match self {
            Problem::Unavailable(_) => Notice {
                headline: "Rien n’est enregistré sur cet appareil. ".to_owned(),
                text: "Ce navigateur ne permet pas à ce site de garder des données (navigation privée ou stockage désactivé)\u{202f}: vos favoris et vos notes dureront le temps de cette page. ",
                link: Some(("Exportez votre carnet", " avant de la fermer.")),
            },
            Problem::Unreadable {
                why: why @ Unreadable::Carnet(DecodeError::FutureVersion(_)),
                aside: None,
                ..
            } => Notice {
                headline: why.message(),
                text: " Il reste enregistré tel quel, pour la version qui l’a écrit\u{202f}; d’ici là, vos changements dureront le temps de cette page. ",
                link: Some(("Exportez votre carnet", " avant de la fermer.")),
            },
            Problem::Unreadable { why, .. } => Notice {
                headline: why.message(),
                text: " Le texte enregistré est gardé de côté, intact (voir «\u{202f}Copies gardées\u{202f}» dans ",
                link: Some((
                    "Mon carnet",
                    ")\u{202f}; le carnet reprend avec ce qui a pu être lu.",
                )),
            },
            Problem::NotSaved(StorageError::QuotaExceeded) => Notice {
                headline: "Votre dernière modification n’est pas enregistrée\u{202f}: ".to_owned(),
                text: "l’espace de stockage du navigateur est plein. Elle reste affichée et sera réessayée. Par prudence, ",
                link: Some(("exportez votre carnet", ".")),
            },
            Problem::NotSaved(_) => Notice {
                headline: "Votre dernière modification n’est pas enregistrée. ".to_owned(),
                text: "Elle reste affichée et sera réessayée dans un instant.",
                link: None,
            },
        }
    }
}

impl Unreadable {
    /// What could not be read, as a sentence.
    pub fn message(&self) -> String {
        match self {
            Unreadable::Entries(1) => {
                "Un élément du carnet enregistré n’a pas pu être lu.".to_owned()
            }
            Unreadable::Entries(n) => {
                format!("{n} éléments du carnet enregistré n’ont pas pu être lus.")
            }
            Unreadable::Carnet(error) => format!(
                "Le carnet enregistré n’a pas pu être lu\u{202f}: {}.",
                error.message()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The notice as the interface lays it out, as one text.
    fn read(problem: &Problem) -> String {
        let notice = problem.notice();
        let (link, after) = notice.link.unwrap_or_default();
        format!("{}{}{link}{after}", notice.headline, notice.text)
    }

    #[test]
    fn every_problem_says_what_happened_and_what_to_do() {
        for error in [StorageError::Unavailable, StorageError::Denied] {
            assert!(read(&Problem::Unavailable(error)).starts_with(
                "Rien n’est enregistré sur cet appareil. Ce navigateur ne permet pas"
            ));
        }
        assert!(
            read(&Problem::NotSaved(StorageError::QuotaExceeded))
                .contains("l’espace de stockage du navigateur est plein")
        );
        for error in [
            StorageError::Unavailable,
            StorageError::Denied,
            StorageError::Failed,
        ] {
            assert_eq!(
                read(&Problem::NotSaved(error)),
                "Votre dernière modification n’est pas enregistrée. Elle reste affichée et sera réessayée dans un instant."
            );
        }
    }

    #[test]
    fn unreadable_text_says_how_much_could_not_be_read() {
        assert_eq!(
            Unreadable::Entries(1).message(),
            "Un élément du carnet enregistré n’a pas pu être lu."
        );
        assert_eq!(
            Unreadable::Entries(3).message(),
            "3 éléments du carnet enregistré n’ont pas pu être lus."
        );
        assert_eq!(
            Unreadable::Carnet(DecodeError::NotJson(String::new())).message(),
            "Le carnet enregistré n’a pas pu être lu\u{202f}: le texte est incomplet, ou n’est pas celui d’un carnet."
        );
        let problem = Problem::Unreadable {
            raw: "x".repeat(1_000),
            aside: None,
            why: Unreadable::Carnet(DecodeError::FutureVersion(9)),
        };
        assert_eq!(
            read(&problem),
            "Le carnet enregistré n’a pas pu être lu\u{202f}: il vient d’une version plus récente de l’application (format 9)\u{202f}; rechargez la page pour la mettre à jour. Il reste enregistré tel quel, pour la version qui l’a écrit\u{202f}; d’ici là, vos changements dureront le temps de cette page. Exportez votre carnet avant de la fermer."
        );
        let problem = Problem::Unreadable {
            raw: "x".repeat(1_000),
            aside: Some("carnet-des-defis.illisible.5".into()),
            why: Unreadable::Carnet(DecodeError::NotACarnet),
        };
        assert!(read(&problem).ends_with("le carnet reprend avec ce qui a pu être lu."));
    }

    #[test]
    fn a_problem_is_known_by_a_small_id() {
        let unreadable = |aside: Option<&str>| Problem::Unreadable {
            raw: "x".repeat(100_000),
            aside: aside.map(str::to_owned),
            why: Unreadable::Entries(2),
        };
        let key = "carnet-des-defis.illisible.5";
        assert_eq!(unreadable(Some(key)).id(), ProblemId::aside(key));
        assert_ne!(unreadable(Some(key)).id(), unreadable(None).id());
        assert_eq!(
            Problem::NotSaved(StorageError::QuotaExceeded).id(),
            Problem::NotSaved(StorageError::Failed).id()
        );
        assert_ne!(
            Problem::NotSaved(StorageError::Unavailable).id(),
            Problem::Unavailable(StorageError::Unavailable).id()
        );
    }
}
