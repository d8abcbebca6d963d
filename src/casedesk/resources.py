"""Where the packaged resources (catalog, regions table, fonts, translations) are.

In a wheel they are inside the package (``casedesk/resources``); in a development checkout
(editable install) they are the repository's top-level ``resources/`` folder.
"""

from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    packaged = Path(__file__).resolve().parent / "resources"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("casedesk resources not found; the installation is incomplete")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
