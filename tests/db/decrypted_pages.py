"""The plaintext of every page of an SQLCipher 4 file or its ``-wal``, free pages included.

Opening the store with SQL only shows live rows; an erased name could still sit in a freed
page or an old ``-wal`` frame. SQLCipher 4 with a raw key encrypts each page with
AES-256-CBC under that key, the page's IV in its reserved tail (IV 16 bytes, then the
HMAC, 64); page 1 starts with the file's 16-byte salt, which is not encrypted.
"""

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
RESERVE = 16 + 64
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def _decrypt_page(page: bytes, key: bytes, first: bool) -> bytes:
    start = SALT if first else 0
    body = page[start : PAGE_SIZE - RESERVE]
    iv = page[PAGE_SIZE - RESERVE : PAGE_SIZE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def decrypted_file(path: Path, key: bytes) -> bytes:
    """Every page of a store or backup file, decrypted and joined."""
    data = path.read_bytes()
    pages = [data[offset : offset + PAGE_SIZE] for offset in range(0, len(data), PAGE_SIZE)]
    return b"".join(
        _decrypt_page(page, key, number == 0)
        for number, page in enumerate(pages)
        if len(page) == PAGE_SIZE
    )


def decrypted_wal(path: Path, key: bytes) -> bytes:
    """Every frame's page of a ``-wal`` file, decrypted and joined (empty when none)."""
    if not path.exists():
        return b""
    data = path.read_bytes()
    found = []
    offset = WAL_HEADER
    while offset + FRAME_HEADER + PAGE_SIZE <= len(data):
        page_number = int.from_bytes(data[offset : offset + 4], "big")
        page = data[offset + FRAME_HEADER : offset + FRAME_HEADER + PAGE_SIZE]
        found.append(_decrypt_page(page, key, page_number == 1))
        offset += FRAME_HEADER + PAGE_SIZE
    return b"".join(found)
