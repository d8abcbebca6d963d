"""Checking a few pages of an SQLCipher file by their HMAC, without reading the rest.

SQLCipher 4 ends every page with its IV and an HMAC-SHA512 over the page's ciphertext, the
IV and the page number, keyed from the store key and the file's salt (SQLCipher's own
design document). SQLite only checks a page when it reads it, and ``cipher_integrity_check``
reads them all (seconds at a million dossiers). Opening a store checks a sample here
instead: the last page (a file cut short or grown with junk) and a few pages spread over
the file. Page 1, which SQLite has just decrypted, calibrates the check: when its HMAC does
not come out as computed here, the file uses settings this module does not know, and it
reports nothing rather than a false alarm.
"""

import hashlib
import hmac
from pathlib import Path

SALT_BYTES = 16
IV_BYTES = 16
HMAC_BYTES = 64
_HMAC_SALT_MASK = 0x3A
_HMAC_KEY_ITERATIONS = 2
SAMPLED_PAGES = 8
"""Pages checked besides the first and the last, evenly spread."""


def sampled_page_problems(path: Path, key: bytes, page_size: int) -> list[str]:
    """The sampled pages whose HMAC does not match, as English findings like SQLite's."""
    with path.open("rb") as file:
        first = file.read(page_size)
        pages = path.stat().st_size // page_size
        if len(first) < page_size or pages < 1:
            return []
        salt = first[:SALT_BYTES]
        mac_key = hashlib.pbkdf2_hmac(
            "sha512",
            key,
            bytes(byte ^ _HMAC_SALT_MASK for byte in salt),
            _HMAC_KEY_ITERATIONS,
            len(key),
        )
        if not _page_is_intact(first, 1, mac_key, page_size):
            return []  # not the page layout this module knows: claim nothing
        problems = []
        for number in _sample(pages):
            file.seek((number - 1) * page_size)
            if not _page_is_intact(file.read(page_size), number, mac_key, page_size):
                problems.append(f"page {number} of {pages} fails its HMAC check")
        return problems


def _sample(pages: int) -> list[int]:
    spread = {2 + (pages - 2) * step // (SAMPLED_PAGES + 1) for step in range(1, SAMPLED_PAGES + 1)}
    return sorted(number for number in spread | {pages} if 2 <= number <= pages)


def _page_is_intact(page: bytes, number: int, mac_key: bytes, page_size: int) -> bool:
    if len(page) != page_size:
        return False
    reserve = IV_BYTES + HMAC_BYTES
    start = SALT_BYTES if number == 1 else 0
    signed = page[start : page_size - reserve + IV_BYTES]  # ciphertext and IV
    stored = page[page_size - reserve + IV_BYTES : page_size - reserve + IV_BYTES + HMAC_BYTES]
    computed = hmac.new(mac_key, signed + number.to_bytes(4, "little"), hashlib.sha512).digest()
    return hmac.compare_digest(computed, stored)
