//! OCOP certificates (Giấy chứng nhận sản phẩm OCOP), one document per
//! recognised product of the round.

use std::collections::HashSet;

use super::common::authority_lines;
use crate::doc::{Certificate, Content, Document, QR_IMAGE};
use crate::model::Authority;
use crate::qr;
use crate::text::slug;
use crate::validate::{Checked, CheckedCertificates};
use crate::vn;

/// File names stay well under every file system's limit, whatever the STT.
const STT_CHARS: usize = 12;
const NAME_CHARS: usize = 60;

pub fn certificates(checked: &Checked<'_>, cc: &CheckedCertificates<'_>) -> Vec<Document> {
    let issuer = &checked.model.issuer;
    let body_name = issuer.body_name();
    let authority = match cc.spec.authority {
        Authority::Chairman => format!("Chủ tịch {body_name}"),
        Authority::Committee => body_name.clone(),
    };
    let short_issuer = format!("UBND {}", issuer.locality());
    let decision_text = format!(
        "Quyết định số {} ngày {} của {}",
        cc.decision_number,
        cc.decision_date.short(),
        match cc.spec.authority {
            Authority::Chairman => format!("Chủ tịch {short_issuer}"),
            Authority::Committee => short_issuer.clone(),
        }
    );
    let issue = cc.issue_date;
    let valid_until = issue.add_months(cc.regime.validity_months);
    let signer_lines = authority_lines(cc.signer);
    let width = cc.products.len().to_string().len().max(2);
    let mut stems: HashSet<String> = HashSet::new();
    let mut docs = Vec::with_capacity(cc.products.len());
    for (i, r) in cc.products.iter().enumerate() {
        let p = &r.product;
        let stt = p
            .stt
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| (i + 1).to_string());
        let stt_part = match stt.parse::<u64>() {
            Ok(n) if stt.len() <= STT_CHARS => format!("{n:0width$}"),
            _ => cut(&slug(&stt), STT_CHARS),
        };
        let mut stem = format!("{stt_part}-{}", cut(&slug(&p.name), NAME_CHARS));
        let base = stem.clone();
        let mut k = 2;
        while !stems.insert(stem.clone()) {
            stem = format!("{base}-{k}");
            k += 1;
        }
        let number = p
            .number
            .as_deref()
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
            expiry: valid_until,
            issuer: &body_name,
        });
        docs.push(Document {
            file_stem: stem,
            meta_title: format!("Giấy chứng nhận sản phẩm OCOP {}", p.name.trim()),
            ident: format!(
                "GCN OCOP {} {}",
                p.number.clone().unwrap_or_default(),
                p.name.trim()
            ),
            timestamp: issue,
            content: Content::Certificate(Certificate {
                authority: authority.to_uppercase(),
                product: p.name.trim().to_string(),
                owner: p.owner.trim().to_string(),
                address: p.address.trim().to_string(),
                group: r.group.clone(),
                stars: r.stars,
                number,
                decision: decision_text.clone(),
                valid_until: valid_until.short(),
                place: issuer.place.clone().unwrap_or_else(|| issuer.name.clone()),
                day: format!("{:02}", issue.day),
                month: vn::month_padded(issue.month),
                year: issue.year,
                signer_lines: signer_lines.clone(),
                signer_name: cc.signer.name.trim().to_string(),
                qr_payload,
                qr: QR_IMAGE,
                logo: cc.logo.map(|l| l.name.clone()),
                logo_bytes: cc.logo.map(|l| l.bytes.clone()),
            }),
            issuance: Default::default(),
        });
    }
    docs
}

/// At most `n` characters of a slug, not ending in a dash.
fn cut(slug: &str, n: usize) -> String {
    slug.chars()
        .take(n)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}
