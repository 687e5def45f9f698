//! Cross-check: cns-core's independent parsers read what the simulated card serves.
//! (The encoder here and the parsers there were written separately from the guidelines.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use cns_core::files::{id_carta, personal_data};
use cns_sim::{HolderPreset, QuirkMode, SimCard, fid};
use common::read_file;

#[test]
fn core_parses_the_sim_files() {
    for preset in HolderPreset::all() {
        let holder = preset.holder();
        let mut card = SimCard::new(QuirkMode::Standard, *preset);
        let raw = read_file(&mut card, &[fid::DF1, fid::EF_DATI_PERSONALI]);
        let pd = personal_data::parse(&raw).unwrap();
        assert_eq!(pd.surname, holder.surname);
        assert_eq!(pd.given_name, holder.given_name);
        assert_eq!(pd.fiscal_code, holder.codice_fiscale);
        assert_eq!(pd.address, holder.address);
        assert_eq!(pd.residence_municipality, holder.residence_comune);
        assert_eq!(pd.fields_read, 16);
        assert_eq!(pd.header_interpretation(), personal_data::HeaderInterpretation::IncludesHeader);
        assert_eq!(pd.used_bytes(&raw), holder.personal_data_used().unwrap());

        let id = id_carta::parse(&read_file(&mut card, &[fid::DF0, fid::EF_ID_CARTA])).unwrap();
        assert_eq!(id.serial, holder.card_serial);
        assert_eq!(Some(id.team_number()), holder.team_number());
        assert_eq!(
            cns_core::codice_fiscale::check_char(&holder.codice_fiscale[..15]),
            holder.codice_fiscale.chars().nth(15)
        );
    }
}
