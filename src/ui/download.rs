//! Saves a text as a file on the participant's device.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Offers `text` as a file to download, named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "Le fichier n’a pas pu être préparé.".to_owned())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "Le fichier n’a pas pu être préparé.".to_owned())?;
    let link: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(|_| "Le fichier n’a pas pu être préparé.".to_owned())?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The browser has taken the file; free it a moment later.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        crate::timing::FREE_DOWNLOAD,
    );
    Ok(())
}

/// Today's date as the participant reads it: « 25/11/2026 ».
pub fn today() -> String {
    format_date(js_sys::Date::now(), false)
}

/// A date (ms since 1970) in French: « 25/11/2026 », or with the time.
pub fn format_date(ms: f64, with_time: bool) -> String {
    let date = js_sys::Date::new(&ms.into());
    let day = format!(
        "{:02}/{:02}/{}",
        date.get_date(),
        date.get_month() + 1,
        date.get_full_year()
    );
    if with_time {
        // No-break spaces: « 00 h 47 » stays on one line.
        format!(
            "{day} à {:02}\u{a0}h\u{a0}{:02}",
            date.get_hours(),
            date.get_minutes()
        )
    } else {
        day
    }
}

/// The date for a file name: « 2026-11-25 ».
pub fn file_date() -> String {
    let date = js_sys::Date::new_0();
    format!(
        "{}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}
