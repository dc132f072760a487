//! Kinds of the spreadsheet, PDF and JSON Lines readers, limits (templates/messages/readers.toml).

use crate::messages::Kind;

/// Every kind of this part.
pub const READERS: &[Kind] = &[];
