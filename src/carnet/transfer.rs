//! The transfer link: the carnet in a URL fragment, to open on another
//! device (the fragment never reaches a server).

use super::Carnet;
use super::codec::{DecodeError, Decoded, MAX_IMPORT_BYTES, decode, encode};
use crate::base64;

/// The fragment that carries a carnet in a transfer link: `#transfert=…`.
pub const TRANSFER_PREFIX: &str = "#transfert=";

/// The fragment of a link that carries the carnet to another device (never
/// sent to a server: browsers keep the fragment to themselves).
pub fn transfer_fragment(carnet: &Carnet) -> String {
    let text = encode(&carnet.without_removals());
    format!("{TRANSFER_PREFIX}{}", base64::encode_url(text.as_bytes()))
}

/// Reads the carnet of a transfer link's fragment (with or without `#`).
pub fn read_transfer(fragment: &str) -> Option<Result<Decoded, DecodeError>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let payload = fragment.strip_prefix(&TRANSFER_PREFIX[1..])?;
    if payload.len() > MAX_IMPORT_BYTES * 4 / 3 + 4 {
        return Some(Err(DecodeError::TooLarge));
    }
    let Some(bytes) = base64::decode_url(payload) else {
        return Some(Err(DecodeError::NotJson("base64".into())));
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Some(Err(DecodeError::NotJson("utf-8".into())));
    };
    Some(decode(&text))
}
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use crate::carnet::fixtures::sample;
    use crate::carnet::*;

    #[test]
    fn a_transfer_link_carries_the_carnet() {
        let carnet = sample();
        let fragment = transfer_fragment(&carnet);
        assert!(fragment.starts_with("#transfert="));
        assert!(
            fragment[1..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_=".contains(&b))
        );
        let decoded = read_transfer(&fragment).unwrap().unwrap();
        assert_eq!(decoded.carnet, carnet.without_removals());
        assert_eq!(read_transfer("#autre-chose"), None);
        assert!(read_transfer("#transfert=@@@").unwrap().is_err());
        assert!(
            read_transfer("#transfert=e30").unwrap().is_err(),
            "{{}} is not a carnet"
        );
    }
}
