//! Views of a set of documents beyond the ranked list: every match in its
//! context ([`concordance`]) and figures about the set ([`overview`]).

pub mod concordance;
pub mod overview;
