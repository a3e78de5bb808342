//! Signed copies: the master keeps a secret; each member school's copy
//! carries only that school's key, derived from the secret, and signs what
//! it saves (HMAC-SHA-256 over the content hash). The leader's app derives
//! the key again to verify a returned file, so a school cannot pose as
//! another: it would need the other school's key, which only that school's
//! copy holds. A key registered on a school's first return would let the
//! first forger win; deriving it from the master's secret does not, and a
//! new PC at the leader's office keeps working with the master file alone.

use super::{Id, Workbook};
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// A fresh secret for a master: 32 random bytes, hex. None only when the
/// system has no randomness to give (then no copy is issued).
pub fn new_secret() -> Option<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).ok()?;
    Some(hex(&bytes))
}

/// The key of `school` in `master`'s year (hex), or None while the master
/// has no secret.
pub fn school_key(master: &Workbook, school: &Id) -> Option<String> {
    let secret = unhex(&master.provenance.secret)?;
    let mut mac = HmacSha256::new_from_slice(&secret).ok()?;
    mac.update(
        format!(
            "so-thi-dua/school-key\0{}\0{}\0{}",
            master.cluster.number, master.year, school
        )
        .as_bytes(),
    );
    Some(hex(&mac.finalize().into_bytes()))
}

/// The signature of a content hash with a key (both hex); empty when the
/// key is not hex.
pub fn sign(key_hex: &str, content_hash: &str) -> String {
    let Some(key) = unhex(key_hex) else {
        return String::new();
    };
    let Ok(mut mac) = HmacSha256::new_from_slice(&key) else {
        return String::new();
    };
    mac.update(content_hash.as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// Does `signature` sign `content_hash` with `school`'s key of `master`?
/// Compared in constant time.
pub fn verifies(master: &Workbook, school: &Id, content_hash: &str, signature: &str) -> bool {
    let (Some(key), Some(sig)) = (
        school_key(master, school).and_then(|k| unhex(&k)),
        unhex(signature),
    ) else {
        return false;
    };
    let Ok(mut mac) = HmacSha256::new_from_slice(&key) else {
        return false;
    };
    mac.update(content_hash.as_bytes());
    mac.verify_slice(&sig).is_ok()
}

/// Bytes as lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.is_empty() || !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}
