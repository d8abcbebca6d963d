#!/usr/bin/env bash
# Prints a Python interpreter of version 3.12 or newer.
# 3.12 is the floor because PySide6 6.12 drops a reference to None on every call that
# returns nothing; on Python 3.11 (None still reference-counted) the app crashes after a
# few thousand such calls. From 3.12 on None is immortal (PEP 683) and the bug is harmless.
set -u
is_new_enough() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }
for candidate in "${PYTHON:-}" python3 python3.12 python3.13 python3.14; do
  [ -n "$candidate" ] || continue
  if path=$(command -v "$candidate" 2>/dev/null) && is_new_enough "$path"; then
    echo "$path"; exit 0
  fi
done
# pyenv installs other versions without putting them on PATH.
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for path in $(ls -d "$root"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -V); do
  if is_new_enough "$path"; then echo "$path"; exit 0; fi
done
echo "casedesk heeft Python 3.12 of nieuwer nodig; installeer die eerst." >&2
exit 1
