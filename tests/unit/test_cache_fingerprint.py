"""The content cache's fingerprint of the plugin's own files (``cache.files_digest``)."""

from __future__ import annotations

import os

from pelican.plugins.ath.cache import files_digest


def test_every_edit_of_a_file_changes_the_digest_and_byte_code_does_not(tmp_path):
    (tmp_path / "chinese").mkdir()
    code = tmp_path / "chinese" / "model.py"
    code.write_text("A = 1\n", "utf-8")
    (tmp_path / "model.json").write_text("{}", "utf-8")
    first = files_digest(tmp_path)
    assert files_digest(tmp_path) == first  # the same files: the same digest
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "model.cpython-311.pyc").write_bytes(b"\0")
    assert files_digest(tmp_path) == first
    state = os.stat(code)
    code.write_text("A = 2\n", "utf-8")  # same size, same time: not told
    os.utime(code, ns=(state.st_atime_ns, state.st_mtime_ns))
    assert files_digest(tmp_path) == first
    os.utime(code, ns=(state.st_atime_ns, state.st_mtime_ns + 1))  # a checkout
    assert files_digest(tmp_path) != first
    second = files_digest(tmp_path)
    (tmp_path / "model.json").write_text('{"a": 1}', "utf-8")  # data too
    assert files_digest(tmp_path) != second
    third = files_digest(tmp_path)
    code.rename(tmp_path / "chinese" / "model2.py")  # a file renamed
    assert files_digest(tmp_path) != third
