"""Poppler's command-line tools (and pikepdf) on PDF bytes: what a reader and an archive
would see."""

import io
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pikepdf


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


@dataclass(frozen=True)
class ShownText:
    """One string a page draws: its font size and how high on the page it stands."""

    page: int
    size: float
    y: float


_SHOWING = frozenset({"Tj", "TJ", "'", '"'})


def shown_texts(pdf: bytes) -> list[ShownText]:
    """Every string drawn, with its size as printed (font size times the text and
    graphics matrices' vertical scale) and its baseline height in points."""
    shown: list[ShownText] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            ctm = pikepdf.Matrix()
            stack: list[pikepdf.Matrix] = []
            text_matrix = line_matrix = pikepdf.Matrix()
            size = leading = 0.0
            for instruction in pikepdf.parse_content_stream(page):
                if not isinstance(instruction, pikepdf.ContentStreamInstruction):
                    continue  # an inline image
                op = str(instruction.operator)
                values = [float(v) for v in _numbers(instruction.operands)]
                if op == "q":
                    stack.append(ctm)
                elif op == "Q":
                    ctm = stack.pop()
                elif op == "cm":
                    ctm = pikepdf.Matrix(*values) @ ctm
                elif op == "BT":
                    text_matrix = line_matrix = pikepdf.Matrix()
                elif op == "Tf":
                    size = values[-1]
                elif op == "TL":
                    leading = values[0]
                elif op == "Tm":
                    text_matrix = line_matrix = pikepdf.Matrix(*values)
                elif op in ("Td", "TD"):
                    if op == "TD":
                        leading = -values[1]
                    text_matrix = line_matrix = pikepdf.Matrix().translated(*values) @ line_matrix
                elif op in ("T*", "'", '"'):
                    text_matrix = line_matrix = (
                        pikepdf.Matrix().translated(0, -leading) @ line_matrix
                    )
                if op in _SHOWING:
                    placed = text_matrix @ ctm
                    shown.append(ShownText(number, round(size * placed.d, 2), placed.f))
    return shown


def _numbers(operands: Iterable[object]) -> list[int | float | Decimal]:
    return [value for value in operands if isinstance(value, int | float | Decimal)]
