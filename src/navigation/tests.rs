//! The rules of navigation and focus, one test each. The rows of the
//! README's Qualité table about Back, the sheet and the focus are here.

use super::*;
use crate::filter::Facet;

fn list() -> View {
    View::default()
}

fn defi(id: &str) -> View {
    list().with_page(Page::Challenge(id.to_owned()))
}

fn themed() -> View {
    View::from_query("?theme=services")
}

/// On `view`, « eau » searched (its entry written), then wiped out to
/// `wiped` before the next pause.
fn search_wiped_out(view: View, wiped: &str) -> Navigator {
    let mut nav = started(view);
    nav.set_search("eau".into());
    nav.search_due();
    nav.set_search(wiped.into());
    nav
}

/// `view` with this search typed in it.
fn searching(mut view: View, text: &str) -> View {
    view.search = text.into();
    view
}

/// The ticket of the entry a `go` announced.
fn ticket(commands: &[Command]) -> Ticket {
    commands
        .iter()
        .find_map(|c| match c {
            Command::WriteEntryAfterPaint(t) => Some(*t),
            _ => None,
        })
        .expect("an entry to write after the paint")
}

fn at(view: &View) -> Address {
    Address {
        query: view.to_query(),
        ..Address::default()
    }
}

fn started(view: View) -> Navigator {
    let address = at(&view);
    Navigator::start(view, &address).0
}

fn pushes(commands: &[Command]) -> Vec<&View> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Push { view, .. } | Command::PushSearch { view, .. } => Some(view),
            _ => None,
        })
        .collect()
}

#[test]
fn a_reload_comes_back_to_the_position_kept_in_its_entry() {
    let kept = Address {
        scroll: Some(840.0),
        ..at(&list())
    };
    let (_, out) = Navigator::start(list(), &kept);
    assert_eq!(out, [Command::ScrollTo(840.0)]);
    let (_, out) = Navigator::start(list(), &at(&list()));
    assert!(out.is_empty());
}

#[test]
fn an_address_that_does_not_say_the_view_exactly_is_rewritten() {
    for query in [
        "?site=nulle-part",
        "?theme=services&site=nulle-part",
        "?niveau=commune&theme=services",
        "?vue=inconnue",
        "?utm_source=lettre",
    ] {
        let view = View::from_query(query);
        let address = Address {
            query: query.into(),
            scroll: Some(120.0),
            ..Address::default()
        };
        let (_, out) = Navigator::start(view.clone(), &address);
        assert_eq!(
            out,
            [Command::Replace(view), Command::ScrollTo(120.0)],
            "{query}"
        );
    }
    // What the reader typed before the app ran reaches the address bar.
    let mut typed = themed();
    typed.search = "eau".into();
    let (_, out) = Navigator::start(typed.clone(), &at(&themed()));
    assert_eq!(out, [Command::Replace(typed)]);
    // As written, with or without its « ? »: left alone.
    for query in ["?theme=services", "theme=services"] {
        let address = Address {
            query: query.into(),
            ..Address::default()
        };
        assert!(Navigator::start(themed(), &address).1.is_empty());
    }
}

#[test]
fn a_transfer_link_s_address_is_left_for_the_app_to_read() {
    let address = Address {
        query: "?site=nulle-part".into(),
        fragment: "#transfert=abc".into(),
        ..Address::default()
    };
    let view = View::from_query(&address.query);
    assert!(Navigator::start(view.clone(), &address).1.is_empty());
    // Any other fragment is no reason to keep the address as it is.
    let address = Address {
        fragment: "#contenu".into(),
        ..address
    };
    assert_eq!(
        Navigator::start(view.clone(), &address).1,
        [Command::Replace(view)]
    );
}

#[test]
fn a_card_opens_its_défi_at_once_and_its_entry_is_written_after_the_paint() {
    let mut nav = started(list());
    let out = nav.go(defi("rennes-03"), 1200.0);
    assert_eq!(nav.view(), &defi("rennes-03"));
    assert!(pushes(&out).is_empty(), "nothing written before the paint");
    assert_eq!(
        out[1..],
        [Command::ScrollTo(0.0), Command::Focus(Focus::PageTitle)]
    );
    let out = nav.entry_due(ticket(&[out[0].clone()]));
    assert_eq!(
        out,
        [
            // The list's entry keeps where the reader was.
            Command::RememberScroll(1200.0),
            Command::Push {
                view: defi("rennes-03"),
                from_list: true
            },
        ]
    );
}

#[test]
fn an_entry_is_written_once_by_the_paint_or_the_wait_whichever_comes_first() {
    let mut nav = started(list());
    let t = ticket(&nav.go(defi("a"), 0.0));
    assert_eq!(pushes(&nav.entry_due(t)).len(), 1);
    assert!(nav.entry_due(t).is_empty());
}

#[test]
fn back_pressed_before_the_entry_of_a_click_is_written_drops_that_entry() {
    // Qualité: « Back pressed before the history entry of a click is
    // written »: the address bar and the view agree.
    let mut nav = started(themed());
    let t = ticket(&nav.go(themed().with_page(Page::About), 0.0));
    // Back went to the entry before (the browser's own list, here).
    let out = nav.follow_address_bar(&at(&list()));
    assert_eq!(nav.view(), &list());
    assert!(nav.entry_due(t).is_empty(), "the late entry is not written");
    assert!(pushes(&out).is_empty());
}

#[test]
fn two_clicks_before_a_paint_give_two_entries_in_their_order() {
    let mut nav = started(list());
    let first = nav.go(defi("a"), 300.0);
    let second = nav.go(defi("b"), 0.0);
    assert_eq!(pushes(&second), [&defi("a")], "the first is written first");
    assert!(nav.entry_due(ticket(&first)).is_empty());
    assert_eq!(pushes(&nav.entry_due(ticket(&second))), [&defi("b")]);
}

#[test]
fn back_from_a_défi_to_the_list_focuses_its_card_where_the_list_was_left() {
    let mut nav = started(defi("rennes-03"));
    let out = nav.follow_address_bar(&Address {
        scroll: Some(1200.0),
        ..at(&list())
    });
    assert_eq!(
        out,
        [
            Command::ScrollTo(1200.0),
            Command::Focus(Focus::Card("rennes-03".into()))
        ]
    );
}

#[test]
fn back_to_another_page_focuses_its_heading_and_within_a_page_the_focus_stays() {
    let mut nav = started(list().with_page(Page::About));
    let out = nav.follow_address_bar(&at(&list().with_page(Page::Carnet)));
    assert_eq!(out.last(), Some(&Command::Focus(Focus::PageTitle)));
    let mut nav = started(themed());
    let out = nav.follow_address_bar(&at(&list()));
    assert_eq!(out, [Command::ScrollTo(0.0), Command::Focus(Focus::Kept)]);
}

#[test]
fn a_filter_or_a_star_in_the_list_keeps_the_focus_unless_its_control_is_gone() {
    let mut nav = started(list());
    let out = nav.go(themed(), 500.0);
    assert_eq!(out.last(), Some(&Command::Focus(Focus::Kept)));
    assert!(!out.contains(&Command::ScrollTo(0.0)));
    let out = nav.entry_due(ticket(&out));
    assert_eq!(
        out[1],
        Command::Push {
            view: themed(),
            from_list: false
        }
    );
}

#[test]
fn retour_à_la_liste_goes_back_when_the_reader_came_from_the_list() {
    let mut nav = started(defi("a"));
    assert_eq!(nav.back_to_list(true, 0.0), [Command::Back]);
    // A link opened directly: the list is a new entry, with the filters.
    let mut nav = started(themed().with_page(Page::Challenge("a".into())));
    let out = nav.back_to_list(false, 0.0);
    assert_eq!(nav.view(), &themed());
    // It shows the list where that défi sits, its card's link focused,
    // rather than the top of the list.
    assert_eq!(
        out.iter()
            .filter(|c| matches!(c, Command::ScrollTo(_) | Command::Focus(_)))
            .collect::<Vec<_>>(),
        [&Command::Focus(Focus::CardShown("a".into()))]
    );
    assert_eq!(pushes(&nav.entry_due(ticket(&out))), [&themed()]);
}

#[test]
fn retour_à_la_liste_right_after_a_card_writes_the_entry_then_goes_back() {
    // The browser's entry does not say « from the list » yet: the entry
    // about to be written does.
    let mut nav = started(list());
    nav.go(defi("a"), 0.0);
    let out = nav.back_to_list(false, 0.0);
    assert_eq!(pushes(&out), [&defi("a")]);
    assert_eq!(out.last(), Some(&Command::Back));
}

#[test]
fn the_search_follows_at_once_and_reaches_the_address_bar_after_a_pause() {
    let mut nav = started(list());
    let out = nav.set_search("é".into());
    assert_eq!(out[0], Command::Start(Timer::Search));
    let t = ticket(&out);
    // One entry for the search, written after the paint.
    assert_eq!(
        nav.set_search("éco".into()),
        [Command::Start(Timer::Search)]
    );
    assert_eq!(nav.view().search, "éco");
    assert_eq!(
        nav.entry_due(t),
        [Command::PushSearch {
            view: searching(list(), "éco"),
            from: list()
        }]
    );
    assert_eq!(
        nav.search_due(),
        [Command::Replace(searching(list(), "éco"))]
    );
    assert!(nav.search_due().is_empty(), "once");
}

#[test]
fn back_right_after_the_first_keys_comes_to_the_view_before_the_search() {
    let mut nav = started(themed());
    let t = ticket(&nav.set_search("vel".into()));
    nav.entry_due(t);
    // Back before the pause: the search's entry is there to leave.
    let out = nav.follow_address_bar(&at(&themed()));
    assert_eq!(out[0], Command::Cancel(Timer::Search));
    assert_eq!(nav.view(), &themed());
    assert!(nav.search_due().is_empty());
}

#[test]
fn a_search_has_one_entry_so_back_undoes_it_as_a_whole() {
    let mut nav = started(themed());
    nav.set_search("éco".into());
    assert_eq!(pushes(&nav.search_due()), [&searching(themed(), "éco")]);
    nav.set_search("école".into());
    assert_eq!(
        nav.search_due(),
        [Command::Replace(searching(themed(), "école"))]
    );
    // Back: the filtered list with no search, and a new search is an entry
    // of its own again.
    nav.follow_address_bar(&at(&themed()));
    assert_eq!(nav.view(), &themed());
    nav.set_search("eau".into());
    assert_eq!(pushes(&nav.search_due()).len(), 1);
}

#[test]
fn a_search_after_another_view_is_a_new_entry() {
    let mut nav = started(list());
    nav.set_search("eau".into());
    nav.search_due();
    let t = ticket(&nav.go(View::from_query("?q=eau&defi=a"), 0.0));
    nav.entry_due(t);
    // « Retour à la liste » from a défi opened by « Défi suivant »: a new
    // entry, and the search is again a step of its own.
    let t = ticket(&nav.back_to_list(false, 0.0));
    nav.entry_due(t);
    nav.set_search("eau froide".into());
    assert_eq!(
        pushes(&nav.search_due()),
        [&View::from_query("?q=eau%20froide")]
    );
    let t = ticket(&nav.go(themed(), 0.0));
    nav.entry_due(t);
    nav.set_search("eau".into());
    let searched = searching(themed(), "eau");
    assert_eq!(pushes(&nav.search_due()), [&searched]);
}

#[test]
fn a_search_wiped_out_takes_its_entry_back_out() {
    let mut nav = search_wiped_out(themed(), "");
    assert_eq!(nav.search_due(), [Command::Back]);
    // The browser then says where Back went: the view is already that one.
    assert!(nav.follow_address_bar(&at(&themed())).is_empty());
    assert_eq!(nav.view(), &themed());
    // A later Back is followed as usual.
    assert!(!nav.follow_address_bar(&at(&list())).is_empty());
    assert_eq!(nav.view(), &list());
}

#[test]
fn a_search_typed_while_its_entry_leaves_waits_for_its_pause() {
    let mut nav = search_wiped_out(list(), " ");
    assert_eq!(nav.search_due(), [Command::Back]);
    nav.set_search("feu".into());
    assert!(nav.follow_address_bar(&at(&list())).is_empty());
    assert_eq!(nav.view().search, "feu");
    assert_eq!(pushes(&nav.search_due()), [&View::from_query("?q=feu")]);
}

#[test]
fn a_search_s_entry_come_back_to_still_knows_where_it_started() {
    // After Back, Forward or a reload, the entry says so itself.
    let rennes = View::from_query("?site=rennes");
    let entry = Address {
        search_from: Some(rennes.to_query()),
        ..at(&searching(rennes.clone(), "ecole"))
    };
    let mut nav = started(defi("rennes-01"));
    nav.follow_address_bar(&entry);
    nav.set_search(String::new());
    assert_eq!(nav.search_due(), [Command::Back]);
    assert!(nav.follow_address_bar(&at(&rennes)).is_empty());
    let (mut nav, _) = Navigator::start(searching(rennes.clone(), "ecole"), &entry);
    nav.set_search(String::new());
    assert_eq!(nav.search_due(), [Command::Back]);
    // Should Back land elsewhere, the view is that of the address bar.
    assert!(!nav.follow_address_bar(&at(&list())).is_empty());
    assert_eq!(nav.view(), &list());
}

#[test]
fn the_place_before_a_search_stays_in_the_entry_before_it() {
    // The results shrink, the page scrolls up: that position is the
    // search's, not the list's the reader left.
    let mut nav = started(list());
    nav.set_search("habitant".into());
    let out = nav.scroll_settled(0.0);
    let search_at = out
        .iter()
        .position(|c| matches!(c, Command::PushSearch { .. }))
        .expect("the search's entry");
    assert_eq!(out[search_at + 1..], [Command::RememberScroll(0.0)]);
}

#[test]
fn a_search_come_back_to_is_refined_in_place() {
    // Forward, Back or a reload to an entry with a search: what came before
    // it is not known, so more words, or none, rewrite it.
    let searched = View::from_query("?q=eau");
    let mut nav = started(searched.clone());
    nav.set_search("eau chaude".into());
    assert_eq!(
        nav.search_due(),
        [Command::Replace(View::from_query("?q=eau%20chaude"))]
    );
    let mut nav = started(defi("a"));
    nav.follow_address_bar(&at(&searched));
    nav.set_search(String::new());
    assert_eq!(nav.search_due(), [Command::Replace(list())]);
}

#[test]
fn a_search_typed_and_wiped_out_within_the_pause_adds_nothing() {
    let mut nav = started(list());
    nav.set_search("e".into());
    nav.set_search(String::new());
    assert!(nav.search_due().is_empty());
    // The next search is a new one, with its own entry.
    let t = ticket(&nav.set_search("eau".into()));
    assert_eq!(pushes(&nav.entry_due(t)), [&searching(list(), "eau")]);
}

#[test]
fn a_search_wiped_out_just_before_another_view_is_no_back() {
    // Back would come after the new entry, and undo it.
    let mut nav = search_wiped_out(list(), "");
    let out = nav.go(defi("a"), 0.0);
    assert!(!out.contains(&Command::Back));
    assert_eq!(out[1], Command::Replace(list()));
}

#[test]
fn a_card_opened_before_the_pause_writes_the_search_into_the_list_first() {
    let mut nav = started(list());
    nav.set_search("école".into());
    let searched = searching(list(), "école");
    let out = nav.go(searched.with_page(Page::Challenge("a".into())), 0.0);
    assert_eq!(
        out[..2],
        [
            Command::Cancel(Timer::Search),
            Command::PushSearch {
                view: searched.clone(),
                from: list()
            }
        ]
    );
}

#[test]
fn a_search_typed_right_after_a_filter_goes_into_the_filter_s_entry() {
    let mut nav = started(list());
    let t = ticket(&nav.go(themed(), 0.0));
    nav.set_search("eau".into());
    let searched = searching(themed(), "eau");
    assert_eq!(pushes(&nav.search_due()), [&searched]);
    assert!(nav.entry_due(t).is_empty());
}

#[test]
fn back_while_a_search_waits_forgets_the_search_of_the_entry_left() {
    let mut nav = started(themed());
    nav.set_search("eau".into());
    let out = nav.follow_address_bar(&at(&list()));
    assert_eq!(out[0], Command::Cancel(Timer::Search));
    assert!(nav.search_due().is_empty());
    assert_eq!(nav.view(), &list());
}

#[test]
fn the_sheet_has_an_entry_of_its_own_and_takes_the_focus() {
    let mut nav = started(list());
    let out = nav.open_filters(400.0);
    assert!(nav.sheet_open());
    assert_eq!(
        out,
        [
            Command::RememberScroll(400.0),
            Command::Push {
                view: list(),
                from_list: false
            },
            Command::Focus(Focus::FiltersTitle),
        ]
    );
    assert!(nav.open_filters(0.0).is_empty(), "opened once");
}

#[test]
fn changes_in_the_sheet_go_into_its_entry_and_one_back_undoes_them_all() {
    let mut nav = started(list());
    nav.open_filters(0.0);
    let t = ticket(&nav.go(themed(), 0.0));
    assert_eq!(nav.entry_due(t), [Command::Replace(themed())]);
    let mut two = themed();
    two.selection.insert(Facet::Site, 0);
    let t = ticket(&nav.go(two.clone(), 0.0));
    assert_eq!(nav.entry_due(t), [Command::Replace(two)]);
    // « Voir les … défis »: the entry stays, so Back undoes the lot.
    let out = nav.close_filters();
    assert!(!nav.sheet_open());
    assert_eq!(out, [Command::Focus(Focus::FiltersButton)]);
}

#[test]
fn the_sheet_closed_unchanged_takes_its_entry_back_out() {
    let mut nav = started(themed());
    nav.open_filters(0.0);
    assert_eq!(
        nav.close_filters(),
        [Command::Back, Command::Focus(Focus::FiltersButton)]
    );
    // The popstate of that Back changes nothing.
    assert!(nav.follow_address_bar(&at(&themed())).is_empty());
    assert_eq!(nav.view(), &themed());
    // The next one is followed.
    nav.follow_address_bar(&at(&list()));
    assert_eq!(nav.view(), &list());
}

#[test]
fn a_change_made_in_the_sheet_and_undone_is_no_change() {
    let mut nav = started(list());
    nav.open_filters(0.0);
    nav.go(themed(), 0.0);
    let out = nav.go(list(), 0.0);
    assert_eq!(out[0], Command::Replace(themed()));
    let out = nav.close_filters();
    assert_eq!(
        out,
        [
            Command::Replace(list()),
            Command::Back,
            Command::Focus(Focus::FiltersButton)
        ]
    );
}

#[test]
fn escape_closes_the_sheet_wherever_the_focus_is() {
    // The focus reaches the sheet after a frame; an Escape pressed before
    // then still closes it (the keyboard walk's flake in CI).
    let mut nav = started(list());
    assert!(nav.escape().is_empty(), "nothing to close");
    nav.open_filters(0.0);
    let out = nav.escape();
    assert!(!nav.sheet_open());
    assert_eq!(out.last(), Some(&Command::Focus(Focus::FiltersButton)));
}

#[test]
fn a_phone_s_back_button_closes_the_sheet_and_keeps_its_filters() {
    // Qualité: « A phone's Back button with the filter sheet open ».
    let mut nav = started(list());
    nav.open_filters(0.0);
    let t = ticket(&nav.go(themed(), 0.0));
    // Back came to the list's entry: it takes the filters chosen.
    let out = nav.follow_address_bar(&at(&list()));
    assert!(!nav.sheet_open());
    assert_eq!(nav.view(), &themed());
    assert_eq!(
        out,
        [
            Command::Replace(themed()),
            Command::Focus(Focus::FiltersButton)
        ]
    );
    assert!(nav.entry_due(t).is_empty());
}

#[test]
fn a_transfer_link_with_the_sheet_open_is_followed() {
    let mut nav = started(list());
    nav.open_filters(0.0);
    let carnet = list().with_page(Page::Carnet);
    nav.follow_address_bar(&Address {
        fragment: "#transfert=abc".into(),
        ..at(&carnet)
    });
    assert!(!nav.sheet_open());
    assert_eq!(nav.view(), &carnet);
}

#[test]
fn a_wider_screen_closes_the_sheet_and_leaves_the_focus_in_the_panel() {
    // Qualité: « the screen widened with it open ».
    let mut nav = started(list());
    nav.open_filters(0.0);
    assert_eq!(nav.screen_widened(), [Command::Back]);
    assert!(!nav.sheet_open());
    assert!(nav.screen_widened().is_empty());
}

#[test]
fn effacer_les_filtres_in_the_panel_focuses_its_heading() {
    let mut nav = started(themed());
    let out = nav.clear_filters(0.0);
    assert_eq!(nav.view(), &list());
    assert_eq!(out.last(), Some(&Command::Focus(Focus::FiltersTitle)));
    assert!(!out.contains(&Command::Focus(Focus::Kept)));
}

#[test]
fn a_filter_chip_then_the_sheet_at_once_gives_the_entries_in_their_order() {
    let mut nav = started(list());
    nav.go(themed(), 0.0);
    let out = nav.open_filters(0.0);
    assert_eq!(pushes(&out), [&themed(), &themed()]);
}

#[test]
fn a_scroll_that_settles_before_an_entry_is_written_lands_in_that_entry() {
    // The list's position must not be overwritten by the défi's.
    let mut nav = started(list());
    nav.go(defi("a"), 900.0);
    assert_eq!(nav.scrolled(), [Command::Start(Timer::Scroll)]);
    assert_eq!(
        nav.scroll_settled(0.0),
        [
            Command::RememberScroll(900.0),
            Command::Push {
                view: defi("a"),
                from_list: true
            },
            Command::RememberScroll(0.0),
        ]
    );
}

#[test]
fn leaving_the_page_writes_what_waits_then_the_position() {
    let mut nav = started(list());
    nav.set_search("eau".into());
    let searched = searching(list(), "eau");
    assert_eq!(
        nav.page_hidden(300.0),
        [
            Command::Cancel(Timer::Search),
            Command::Replace(searched),
            Command::RememberScroll(300.0)
        ]
    );
}

#[test]
fn a_transfer_link_shows_mon_carnet_in_place_of_its_entry() {
    let mut nav = started(list());
    let carnet = list().with_page(Page::Carnet);
    assert_eq!(
        nav.replace(carnet.clone()),
        [Command::Replace(carnet.clone())]
    );
    assert_eq!(nav.view(), &carnet);
}

#[test]
fn the_timers_wait_the_delays_of_timing() {
    assert_eq!(Timer::Search.delay(), timing::SEARCH_TO_ADDRESS);
    assert_eq!(Timer::Scroll.delay(), timing::SCROLL_SETTLED);
}
