"""Entry script of the PyInstaller bundle: the same ``main`` as ``gradient-playground``."""

import sys

from playground.cli import main

if __name__ == "__main__":
    sys.exit(main())
