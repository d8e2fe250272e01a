//! What the tests of the carnet share: a sample carnet, and any carnet.

use super::*;
use proptest::prelude::*;

pub fn sample() -> Carnet {
    let mut carnet = Carnet::default();
    carnet.set_favourite("rennes-04", true, 1_000);
    carnet.set_favourite("rennes-07", true, 1_100);
    carnet.set_favourite("rennes-07", false, 1_200);
    carnet.set_note(
        "rennes-04",
        "Idée : un guichet « Dans ma poche »\nà tester",
        1_300,
    );
    carnet.set_note("ancien-defi", "Une note dont le défi a disparu", 1_400);
    carnet
}

pub fn arbitrary_carnet() -> impl Strategy<Value = Carnet> {
    let id = "[a-z0-9-]{1,20}";
    let favourites = prop::collection::btree_map(id, (any::<bool>(), 0i64..1 << 45), 0..20);
    let notes = prop::collection::btree_map(id, (".{0,80}", 0i64..1 << 45), 0..20);
    (favourites, notes, prop::option::of(0i64..1 << 45)).prop_map(|(f, n, exported_at)| Carnet {
        favourites: f
            .into_iter()
            .map(|(id, (on, at))| (id, Mark { on, at }))
            .collect(),
        notes: n
            .into_iter()
            .map(|(id, (text, at))| (id, Note { text, at }))
            .collect(),
        exported_at,
    })
}
