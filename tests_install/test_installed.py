"""pelican-ath as ``tox -e install`` installs it (from a built wheel, not an
editable checkout): Pelican finds it among its namespace plugins. Building a
site under each plugin name and the console script, in every install mode,
is ``test_install_modes.py``'s."""

from __future__ import annotations


def test_installed_as_a_namespace_plugin():
    from pelican.plugins._utils import get_namespace_plugins

    import pelican.plugins.ath

    assert "site-packages" in pelican.plugins.ath.__file__, "not an installed copy"
    assert "pelican.plugins.ath" in get_namespace_plugins()
