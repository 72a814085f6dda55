"""``python -m playground``: same as the ``gradient-playground`` command."""

import sys

from playground.cli import main

sys.exit(main())
