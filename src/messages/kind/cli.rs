//! Kinds of the command line: check, batch and its report (templates/messages/cli.toml).

use crate::messages::Kind;

/// Every kind of this part.
pub const CLI: &[Kind] = &[];
