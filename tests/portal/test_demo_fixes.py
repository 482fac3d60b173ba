"""make demo (issue 14, item 10): a short summary instead of hundreds of lines, and the demo's
signed contracts are real one-page PDFs with their parties, amount and number."""

import base64
import logging
import re
import zlib
from decimal import Decimal
from io import StringIO

from django.core.management import call_command

from market.contracts.models import Contract


def pdf_text(data: bytes) -> str:
    """The text a PDF's pages show (ReportLab's streams: ASCII85 and Flate, UCS-2 strings)."""
    shown = []
    pattern = rb"/Filter \[ /ASCII85Decode /FlateDecode \] /Length (\d+)\s*>>\s*stream\r?\n"
    for match in re.finditer(pattern, data):
        body = data[match.end() : match.end() + int(match.group(1))].strip()
        content = zlib.decompress(base64.a85decode(body.removesuffix(b"~>")))
        for literal in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", content):
            raw = re.sub(
                rb"\\([0-7]{1,3}|.)",
                lambda e: bytes([int(e.group(1), 8)]) if e.group(1)[:1].isdigit() else e.group(1),
                literal,
            )
            shown.append(raw.decode("utf-16-be", errors="replace"))
    return "\n".join(shown)


def test_make_demo_prints_a_summary_and_makes_real_pdfs(db, caplog):
    out = StringIO()
    with caplog.at_level(logging.INFO):
        call_command("seed_demo", stdout=out)
    printed = out.getvalue().strip().splitlines()
    assert len(printed) <= 25, printed
    assert any("demo_enterprise" in line for line in printed)
    assert any("demo_bureau" in line for line in printed)  # every demo account is listed
    logged = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert len(logged) <= 5, [(r.name, r.getMessage()) for r in logged[:20]]

    contract = Contract.objects.filter(status=Contract.Status.REGISTERED).order_by("pk").first()
    data = contract.document.open("rb").read()
    assert data.startswith(b"%PDF-") and b"/Count 1" in data and len(data) > 1500
    text = pdf_text(data)
    assert contract.name in text
    assert contract.seller_name in text and contract.buyer_name in text
    assert f"{contract.contract_amount:,.2f} 元" in text
    assert re.search(r"HB\d{4}-\d{4}", text)
    assert Decimal(contract.contract_amount) > 0
    # every signed copy in the demo is a real PDF, the funding demo's service contracts too
    stubs = [
        c.name
        for c in Contract.objects.exclude(document="")
        if len(c.document.open("rb").read()) < 1500
    ]
    assert stubs == []
