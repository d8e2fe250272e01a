//! The browser entry point: mounts the app over the page that the build
//! pre-rendered into `index.html`.

#[cfg(target_arch = "wasm32")]
fn main() {
    carnet_des_defis::ui::start();
}

/// Natively there is nothing to run: the app is a web page (`trunk serve`).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Carnet des défis runs in a browser: see README.md (`trunk serve`).");
}
