"""``PLUGINS = ["pelican_ath"]``: the name pelican-ath was first installed
under. The plugin lives in :mod:`pelican.plugins.ath` (``PLUGINS = ["ath"]``,
or Pelican's automatic loading of namespace plugins); this package only hands
Pelican its ``register``."""

from pelican.plugins.ath import register

__all__ = ["register"]
