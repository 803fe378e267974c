"""``python -m pelican_ath inspect FILE…`` / ``import URL…``."""

import sys

from pelican.plugins.ath.cli import main

sys.exit(main())
