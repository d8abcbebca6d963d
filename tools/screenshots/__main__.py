"""``python -m tools.screenshots OUTDIR``: every screen and sample plan as PNG files."""

import sys

from tools.screenshots.main_window import main

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("gebruik: python -m tools.screenshots MAP")
    main(sys.argv[1])
