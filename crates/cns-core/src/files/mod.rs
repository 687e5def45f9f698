//! The TS-CNS data files: where they are and how to parse them. Each parser is a pure function.

pub mod id_carta;
pub mod personal_data;
pub mod processor;
