//! Kinds of the server and its API (templates/messages/serve.toml).

use crate::messages::Kind;

/// Every kind of this part.
pub const SERVE: &[Kind] = &[];
