#!/usr/bin/env python3
"""Signs a PDF with pyHanko, as an office's signing tool would, then
validates every signature in it. Used by tests/signing.rs.

usage: sign_pdf.py FONT.ttf IN.pdf OUT.pdf [FIELD ...]

Each FIELD (an empty signature field already in the file) is signed in
turn, each signature an incremental update of the one before; with no
FIELD, a new visible field is made on page 1. The signing certificate is a
throwaway self-signed one made here. The signature's visible stamp is set
in FONT, embedded, as a signing tool for Vietnamese text must (a PDF/A file
stays one, and every font stays embedded). Prints one JSON line per signature:
{"field", "intact", "valid", "trusted", "bottom_line", "coverage",
"modification"}, and exits 1 unless every signature is intact and valid.
"""
import datetime
import io
import json
import sys

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko import stamp
from pyhanko.pdf_utils import text
from pyhanko.pdf_utils.font import opentype
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore


def throwaway_certificate():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ủy ban nhân dân tỉnh thử"),
        x509.NameAttribute(NameOID.COMMON_NAME, "Người ký thử"),
    ])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, True, False, False, False), critical=True
        )
        .sign(key, hashes.SHA256())
    )
    der_cert = cert.public_bytes(serialization.Encoding.DER)
    der_key = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return asn1_x509.Certificate.load(der_cert), asn1_keys.PrivateKeyInfo.load(der_key)


def sign(data, signer, field, font):
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    meta = signers.PdfSignatureMetadata(field_name=field or "ChuKy")
    spec = None if field else fields.SigFieldSpec("ChuKy", on_page=0, box=(330, 120, 490, 200))
    style = stamp.TextStampStyle(
        stamp_text="Ký bởi: %(signer)s\nThời gian: %(ts)s",
        text_box_style=text.TextBoxStyle(font=opentype.GlyphAccumulatorFactory(font)),
    )
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style, new_field_spec=spec)
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out)
    return out.getvalue()


def main(argv):
    font, src, dst, wanted = argv[0], argv[1], argv[2], argv[3:]
    cert, key = throwaway_certificate()
    signer = signers.SimpleSigner(
        signing_cert=cert, signing_key=key, cert_registry=SimpleCertificateStore.from_certs([cert])
    )
    data = open(src, "rb").read()
    for field in wanted or [None]:
        data = sign(data, signer, field, font)
    open(dst, "wb").write(data)
    reader = PdfFileReader(io.BytesIO(data))
    ok = bool(reader.embedded_signatures)
    for sig in reader.embedded_signatures:
        status = validate_pdf_signature(sig, ValidationContext(trust_roots=[cert]))
        line = {
            "field": sig.field_name,
            "intact": status.intact,
            "valid": status.valid,
            "trusted": status.trusted,
            "bottom_line": status.bottom_line,
            "coverage": status.coverage.name if status.coverage else None,
            "modification": status.modification_level.name if status.modification_level else None,
        }
        print(json.dumps(line))
        ok = ok and status.intact and status.valid
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
