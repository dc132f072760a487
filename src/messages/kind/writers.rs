//! Kinds of the writers, the edition descriptions, the sentence catalogue
//! and the templates folder (templates/messages/writers.toml).

kinds! {
    WRITERS;
}
