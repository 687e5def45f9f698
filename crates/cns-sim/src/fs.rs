//! The card's file tree (cns-facts §1.1), path resolution for SELECT, and FCIs.

use crate::holder::{Holder, HolderPreset};
use crate::quirks::QuirkMode;
use sha1::{Digest, Sha1};

pub const MF: u16 = 0x3F00;
pub const EF_GDO: u16 = 0x2F02;
pub const EF_KEYPUB: u16 = 0x3F01;
pub const EF_CARD_STATUS: u16 = 0x3F02;
pub const DF0: u16 = 0x1000;
pub const EF_DATI_PROCESSORE: u16 = 0x1002;
pub const EF_ID_CARTA: u16 = 0x1003;
pub const DF1: u16 = 0x1100;
pub const EF_C_CARTA: u16 = 0x1101;
pub const EF_DATI_PERSONALI: u16 = 0x1102;
pub const DF2: u16 = 0x1200;
pub const EF_DATI_AGGIUNTIVI: u16 = 0x1201;
pub const EF_MEMORIA_RESIDUA: u16 = 0x1202;
pub const EF_SERVIZI_INSTALLATI: u16 = 0x1203;
pub const EF_INST_FILE: u16 = 0x4142;
/// The 2025 applet's serial (BCD) and certificate (DF DA01, EF C001): OpenSC issue #3804.
pub const EF_SERIAL_BCD: u16 = 0xD003;
pub const DF_CERT_2025: u16 = 0xDA01;
/// IDEMIA 2021: the certificate at 1400/9001/2002 (DF_DS, then the key set's DF).
pub const DF_DS: u16 = 0x1400;
pub const DF_IDEMIA_CERT: u16 = 0x9001;
pub const EF_IDEMIA_CERT: u16 = 0x2002;
pub const EF_CERT_2025: u16 = 0xC001;

const CERT_FILE_SIZE: usize = 2048;
const KEYPUB_FILE_SIZE: usize = 300;
const GDO_FILE_SIZE: usize = 105;
const PROCESSOR_FILE_SIZE: usize = 54;

/// Access conditions of tag 86, in the CNS byte order (READ first): 00 always, FF never,
/// 10 = after the user PIN (BSO 0x10).
const AC_READ_ONLY: [u8; 9] = [0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
const AC_UPDATE_PIN: [u8; 9] = [0x00, 0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

pub enum Node {
    Df { fid: u16, children: Vec<Node> },
    Ef { fid: u16, data: Vec<u8> },
}

impl Node {
    pub fn fid(&self) -> u16 {
        match self {
            Node::Df { fid, .. } | Node::Ef { fid, .. } => *fid,
        }
    }

    fn child(&self, fid: u16) -> Option<&Node> {
        match self {
            Node::Df { children, .. } => children.iter().find(|c| c.fid() == fid),
            Node::Ef { .. } => None,
        }
    }

    fn is_df(&self) -> bool {
        matches!(self, Node::Df { .. })
    }
}

/// Where SELECT left us: the current DF as a path of FIDs below the MF, and maybe an EF in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub df: Vec<u16>,
    pub ef: Option<u16>,
}

pub struct FileSystem {
    mf: Node,
}

/// The card contents that come from outside the tree builder.
pub struct Contents<'a> {
    pub holder: &'a Holder,
    pub personal_data: Vec<u8>,
    pub certificate: &'a [u8],
    pub rsa_public_key: &'a [u8],
    pub mode: QuirkMode,
    /// The 2025 applet with the classic names only (see `Quirks::applet_classic_names`).
    pub applet_classic_names: bool,
    pub preset: HolderPreset,
}

impl FileSystem {
    pub fn build(c: &Contents<'_>) -> FileSystem {
        if c.mode == QuirkMode::Applet2025 && !c.applet_classic_names {
            return FileSystem::build_applet_2025(c);
        }
        let ef = ef_node;
        let cert_df = if c.mode == QuirkMode::Idemia2021 {
            // 1400/9001/2002 holds the certificate; DF1 keeps only EF.Dati_personali
            vec![ef(EF_DATI_PERSONALI, c.personal_data.clone())]
        } else {
            vec![
                ef(EF_C_CARTA, padded(c.certificate, CERT_FILE_SIZE)),
                ef(EF_DATI_PERSONALI, c.personal_data.clone()),
            ]
        };
        let mf = Node::Df {
            fid: MF,
            children: vec![
                ef(EF_GDO, gdo(c.holder)),
                ef(EF_KEYPUB, padded(c.rsa_public_key, KEYPUB_FILE_SIZE)),
                ef(EF_CARD_STATUS, vec![0; 20]),
                Node::Df {
                    fid: DF0,
                    children: vec![
                        ef(EF_DATI_PROCESSORE, processor_data(c.mode)),
                        ef(EF_ID_CARTA, c.holder.card_serial.as_bytes().to_vec()),
                    ],
                },
                Node::Df { fid: DF1, children: cert_df },
                Node::Df {
                    fid: DF2,
                    children: vec![
                        ef(EF_DATI_AGGIUNTIVI, vec![0; 100]),
                        ef(EF_MEMORIA_RESIDUA, vec![0x48, 0x00]),
                        ef(EF_SERVIZI_INSTALLATI, vec![0; 160]),
                        ef(EF_INST_FILE, inst_file(c.preset)),
                    ],
                },
            ],
        };
        let mut fs = FileSystem { mf };
        if c.mode == QuirkMode::Idemia2021
            && let Node::Df { children, .. } = &mut fs.mf
        {
            children.push(Node::Df {
                fid: DF_DS,
                children: vec![Node::Df {
                    fid: DF_IDEMIA_CERT,
                    children: vec![ef(EF_IDEMIA_CERT, c.certificate.to_vec())],
                }],
            });
        }
        fs
    }

    /// The 2025 applet as the public trace shows it: the application DF (FID 3F00 in its FCI)
    /// holds DF1/EF.Dati_personali, EF D003 with the serial as `5A 08` + 8 BCD bytes, and the
    /// certificate alone in DA01/C001 (its file is exactly the DER, no 00 fill). Nothing of the
    /// classic tree the trace does not show.
    fn build_applet_2025(c: &Contents<'_>) -> FileSystem {
        let ef = ef_node;
        let mut serial = vec![0x5A, 0x08];
        serial.extend(c.holder.card_serial.as_bytes().chunks(2).map(|p| {
            let digit = |i: usize| p.get(i).map_or(0x0F, |d| d.wrapping_sub(b'0') & 0x0F);
            (digit(0) << 4) | digit(1)
        }));
        let mf = Node::Df {
            fid: MF,
            children: vec![
                Node::Df { fid: DF1, children: vec![ef(EF_DATI_PERSONALI, c.personal_data.clone())] },
                ef(EF_SERIAL_BCD, serial),
                Node::Df { fid: DF_CERT_2025, children: vec![ef(EF_CERT_2025, c.certificate.to_vec())] },
            ],
        };
        FileSystem { mf }
    }

    /// The node at `path` below the MF (empty = the MF).
    pub fn node(&self, path: &[u16]) -> Option<&Node> {
        path.iter().try_fold(&self.mf, |node, fid| node.child(*fid))
    }

    /// The contents of the EF at `path` (below the MF), for tests and inspection.
    pub fn ef_data(&self, path: &[u16]) -> Option<&[u8]> {
        match self.node(path)? {
            Node::Ef { data, .. } => Some(data),
            Node::Df { .. } => None,
        }
    }

    /// Walks `path` from the DF at `base`: every step but the last must be a DF.
    pub fn resolve(&self, base: &[u16], path: &[u16]) -> Option<Selection> {
        let (last, steps) = path.split_last()?;
        let mut df = base.to_vec();
        for fid in steps {
            if !self.node(&df)?.child(*fid)?.is_df() {
                return None;
            }
            df.push(*fid);
        }
        self.select_child(&df, *last)
    }

    /// SELECT by FID (P1 = 00) from `cur`, searching as ISO 7816-4 allows: the MF, children of
    /// the current DF, the current DF itself, its parent, and the parent's child DFs.
    pub fn select_fid(&self, cur: &Selection, fid: u16) -> Option<Selection> {
        if fid == MF {
            return Some(Selection::default());
        }
        if let Some(sel) = self.select_child(&cur.df, fid) {
            return Some(sel);
        }
        if cur.df.last() == Some(&fid) {
            return Some(Selection { df: cur.df.clone(), ef: None });
        }
        let (_, parent) = cur.df.split_last()?;
        if parent.last() == Some(&fid) {
            return Some(Selection { df: parent.to_vec(), ef: None });
        }
        let sibling = self.node(parent)?.child(fid)?;
        sibling.is_df().then(|| {
            let mut df = parent.to_vec();
            df.push(fid);
            Selection { df, ef: None }
        })
    }

    fn select_child(&self, df: &[u16], fid: u16) -> Option<Selection> {
        let child = self.node(df)?.child(fid)?;
        let mut path = df.to_vec();
        if child.is_df() {
            path.push(fid);
            Some(Selection { df: path, ef: None })
        } else {
            Some(Selection { df: path, ef: Some(fid) })
        }
    }

    /// The FCI template (tag 6F) of the selected file.
    pub fn fci(&self, sel: &Selection, aid: Option<&[u8]>) -> Vec<u8> {
        let mut body = Vec::new();
        match sel.ef {
            Some(fid) => {
                let mut path = sel.df.clone();
                path.push(fid);
                let size = self.ef_data(&path).map_or(0, <[u8]>::len);
                let size = u16::try_from(size).unwrap_or(u16::MAX).to_be_bytes();
                tlv(&mut body, 0x80, &size);
                // Descriptor seen on a 2025 card: transparent working EF.
                tlv(&mut body, 0x82, &[0x01, 0x00, 0x00]);
                tlv(&mut body, 0x83, &fid.to_be_bytes());
                let ac = if fid == EF_CARD_STATUS { &AC_UPDATE_PIN } else { &AC_READ_ONLY };
                tlv(&mut body, 0x86, ac);
            }
            None => {
                let fid = sel.df.last().copied().unwrap_or(MF);
                tlv(&mut body, 0x82, &[0x38]);
                tlv(&mut body, 0x83, &fid.to_be_bytes());
                if let Some(aid) = aid {
                    tlv(&mut body, 0x84, aid);
                }
                tlv(&mut body, 0x86, &AC_READ_ONLY);
            }
        }
        // Life cycle: operational, activated.
        tlv(&mut body, 0x8A, &[0x05]);
        let mut out = Vec::with_capacity(body.len() + 2);
        tlv(&mut out, 0x6F, &body);
        out
    }
}

fn ef_node(fid: u16, data: Vec<u8>) -> Node {
    Node::Ef { fid, data }
}

/// Short-form TLV; every value here is under 128 bytes.
fn tlv(out: &mut Vec<u8>, tag: u8, value: &[u8]) {
    out.push(tag);
    out.push(u8::try_from(value.len()).unwrap_or(0x7F) & 0x7F);
    out.extend_from_slice(value);
}

fn padded(data: &[u8], size: usize) -> Vec<u8> {
    let mut v = data.to_vec();
    v.resize(size.max(data.len()), 0);
    v
}

/// EF.GDO: Netlink BER-TLV with the ICC serial number (tag 5A, 20 BCD digits = the TEAM number)
/// and the holder's name (tag 5F20), 00-filled to 105 bytes.
fn gdo(holder: &Holder) -> Vec<u8> {
    let mut out = Vec::with_capacity(GDO_FILE_SIZE);
    if let Some(team) = holder.team_number() {
        let bcd: Vec<u8> = team
            .as_bytes()
            .chunks(2)
            .map(|p| {
                let hi = p.first().map_or(0, |d| d.wrapping_sub(b'0'));
                let lo = p.get(1).map_or(0x0F, |d| d.wrapping_sub(b'0'));
                (hi << 4) | (lo & 0x0F)
            })
            .collect();
        tlv(&mut out, 0x5A, &bcd);
    }
    let name = format!("{} {}", holder.surname, holder.given_name);
    let name = name.as_bytes();
    let name = name.get(..name.len().min(60)).unwrap_or_default();
    out.extend_from_slice(&[0x5F, 0x20]);
    tlv_value(&mut out, name);
    out.resize(GDO_FILE_SIZE, 0);
    out
}

fn tlv_value(out: &mut Vec<u8>, value: &[u8]) {
    out.push(u8::try_from(value.len()).unwrap_or(0x7F) & 0x7F);
    out.extend_from_slice(value);
}

/// EF.Dati_processore: chip maker(2) OS maker(2) personaliser(2) chip tracing "00"(2)
/// personaliser data(10) OS data(10), ASCII, then 00. The makers are the ATR's H3/H4 in hex; the
/// rest is fictitious.
fn processor_data(mode: QuirkMode) -> Vec<u8> {
    let atr = mode.atr();
    // The 15 historical bytes are at the end, followed by TCK.
    let hist_start = atr.len().saturating_sub(16);
    let h = |i: usize| atr.get(hist_start + i).copied().unwrap_or(0);
    let text = format!("{:02X}{:02X}SM00SIMPERS001OS{:02X}{:02X}0000", h(2), h(3), h(4), h(5));
    let mut out = text.into_bytes();
    out.resize(PROCESSOR_FILE_SIZE, 0);
    out
}

/// EF.INST_FILE holds an RSA-wrapped key pair on real cards: deterministic noise stands in.
fn inst_file(preset: HolderPreset) -> Vec<u8> {
    let mut out = Vec::with_capacity(128);
    let mut block = Sha1::digest(format!("cns-sim INST_FILE {}", preset.name()).as_bytes());
    while out.len() < 128 {
        out.extend_from_slice(&block);
        block = Sha1::digest(block);
    }
    out.truncate(128);
    out
}
