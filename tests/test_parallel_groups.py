"""`make test` hands each xdist_group to one process (pytest-xdist's loadgroup): the tests that
share one expensive build (tests/shared.py, the seeded demo) rely on it. A pytest-xdist that
stops grouping (as with pytest 9.2) runs every test still, but builds each shared thing in
every process: this test says so instead."""

import pytest

pytestmark = pytest.mark.xdist_group("a-group")


def test_a_marked_test_is_sent_with_its_group(request):
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("not run with --dist loadgroup (make test runs so)")
    assert request.node.nodeid.endswith("@a-group"), (
        "pytest-xdist ignored the xdist_group mark: install the versions pyproject.toml pins"
    )
