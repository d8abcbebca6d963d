"""Poppler's command-line tools on PDF bytes: what a reader and an archive would see."""

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def _run(tool: str, pdf: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(
            [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
            check=True,
            capture_output=True,
        )
    return result.stdout.decode("utf-8")


def pdf_text(pdf: bytes) -> str:
    """The text in reading order, pages separated by form feeds."""
    return _run("pdftotext", pdf, "-enc", "UTF-8")


def pdf_layout_lines(pdf: bytes) -> list[str]:
    """Each printed line as laid out (a label and its value on one line), its runs of
    spaces made one; pages separated by a line "\f"."""
    text = _run("pdftotext", pdf, "-layout", "-enc", "UTF-8").replace("\f", "\n\f\n")
    return [" ".join(line.split()) or line.strip(" ") for line in text.splitlines()]


def pdf_pages(pdf: bytes) -> list[str]:
    return pdf_text(pdf).split("\f")[:-1]


@dataclass(frozen=True)
class FontLine:
    name: str
    font_type: str
    embedded: bool


def pdf_fonts(pdf: bytes) -> list[FontLine]:
    lines = _run("pdffonts", pdf).splitlines()[2:]
    fonts = []
    for line in lines:
        fields = line.split()
        # name, type (one or two words), encoding, emb, sub, uni, object id, generation
        emb = fields[-5]
        fonts.append(FontLine(fields[0], " ".join(fields[1:-6]), emb == "yes"))
    return fonts


def pdf_info(pdf: bytes) -> dict[str, str]:
    info = {}
    for line in _run("pdfinfo", pdf).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def squeeze(text: str) -> str:
    """Text without any whitespace: words split over lines compare equal."""
    return "".join(text.split())
