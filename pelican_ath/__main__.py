"""``python -m pelican_ath inspect FILE…`` / ``import URL…``."""

import sys

from .cli import main

sys.exit(main())
