//! OCOP certificates (Giấy chứng nhận sản phẩm OCOP), one document per
//! recognised product of the round.

use std::collections::HashSet;

use super::common::authority_lines;
use crate::doc::{Certificate, Content, Document, QR_IMAGE};
use crate::model::{Authority, Issuer, Product};
use crate::qr;
use crate::text::slug;
use crate::validate::{Checked, CheckedCertificates, Ranked};
use crate::vn;

/// File names stay well under every file system's limit, whatever the STT.
const STT_CHARS: usize = 12;
const NAME_CHARS: usize = 60;

pub fn certificates(checked: &Checked<'_>, cc: &CheckedCertificates<'_>) -> Vec<Document> {
    let round = Round::new(checked, cc);
    let mut stems = Stems::new(cc.products.len());
    (cc.products.iter().enumerate())
        .map(|(i, r)| round.certificate(r, stems.next(i, &r.product)))
        .collect()
}

/// What every certificate of the round prints alike.
struct Round<'c> {
    cc: &'c CheckedCertificates<'c>,
    issuer: &'c Issuer,
    body_name: String,
    /// "ỦY BAN NHÂN DÂN TỈNH …" or "CHỦ TỊCH …", upper case.
    authority: String,
    /// "Quyết định số … ngày … của UBND tỉnh …"
    decision: String,
    signer_lines: Vec<String>,
}

impl<'c> Round<'c> {
    fn new(checked: &'c Checked<'_>, cc: &'c CheckedCertificates<'c>) -> Self {
        let issuer = &checked.model.issuer;
        let body_name = issuer.body_name();
        let short_issuer = format!("UBND {}", issuer.locality());
        let (authority, decided_by) = match cc.spec.authority {
            Authority::Chairman => (
                format!("Chủ tịch {body_name}"),
                format!("Chủ tịch {short_issuer}"),
            ),
            Authority::Committee => (body_name.clone(), short_issuer),
        };
        let decision = format!(
            "Quyết định số {} ngày {} của {decided_by}",
            cc.decision_number,
            cc.decision_date.short(),
        );
        Round {
            cc,
            issuer,
            body_name,
            authority: authority.to_uppercase(),
            decision,
            signer_lines: authority_lines(cc.signer),
        }
    }

    fn certificate(&self, r: &Ranked, file_stem: String) -> Document {
        let (cc, p) = (self.cc, &r.product);
        let issue = cc.issue_date;
        let number = (p.number.as_deref())
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        let qr_payload = qr::payload(&qr::Fields {
            number: number.as_deref().unwrap_or(""),
            product: &p.name,
            owner: &p.owner,
            stars: r.stars,
            decision_number: &cc.decision_number,
            decision_date: cc.decision_date,
            expiry: cc.expiry,
            issuer: &self.body_name,
        });
        Document {
            file_stem,
            meta_title: format!("Giấy chứng nhận sản phẩm OCOP {}", p.name.trim()),
            ident: format!(
                "GCN OCOP {} {}",
                p.number.clone().unwrap_or_default(),
                p.name.trim()
            ),
            timestamp: issue,
            content: Content::Certificate(Certificate {
                authority: self.authority.clone(),
                product: p.name.trim().to_string(),
                owner: p.owner.trim().to_string(),
                address: p.address.trim().to_string(),
                group: r.group.clone(),
                stars: r.stars,
                number,
                decision: self.decision.clone(),
                valid_until: cc.expiry.short(),
                place: (self.issuer.place.clone()).unwrap_or_else(|| self.issuer.name.clone()),
                day: format!("{:02}", issue.day),
                month: vn::month_padded(issue.month),
                year: issue.year,
                signer_lines: self.signer_lines.clone(),
                signer_name: cc.signer.name.trim().to_string(),
                qr_payload,
                qr: QR_IMAGE,
                logo: cc.logo.map(|l| l.name.clone()),
                logo_bytes: cc.logo.map(|l| l.bytes.clone()),
            }),
            issuance: Default::default(),
        }
    }
}

/// File stems of the round's certificates: "07-mat-ong-rung", the STT
/// zero-padded to the round's width, each stem used once.
struct Stems {
    width: usize,
    taken: HashSet<String>,
}

impl Stems {
    fn new(count: usize) -> Self {
        Stems {
            width: count.to_string().len().max(2),
            taken: HashSet::new(),
        }
    }

    /// The stem of the `i`-th product (its STT, or its place in the list).
    fn next(&mut self, i: usize, p: &Product) -> String {
        let stt = (p.stt.as_deref())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| (i + 1).to_string());
        let width = self.width;
        let stt_part = match stt.parse::<u64>() {
            Ok(n) if stt.len() <= STT_CHARS => format!("{n:0width$}"),
            _ => cut(&slug(&stt), STT_CHARS),
        };
        let base = format!("{stt_part}-{}", cut(&slug(&p.name), NAME_CHARS));
        let mut stem = base.clone();
        let mut k = 2;
        while !self.taken.insert(stem.clone()) {
            stem = format!("{base}-{k}");
            k += 1;
        }
        stem
    }
}

/// At most `n` characters of a slug, not ending in a dash.
fn cut(slug: &str, n: usize) -> String {
    slug.chars()
        .take(n)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}
