"""Which build of the extractor runs: compiled by ``pip install .`` (setup.py), or Python."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import verifier
from schedules.cli import cli
from verifier import claims, extractor_build

# .ci/run: "python" for the editable install, "compiled" for the wheel it builds.
EXPECTED = os.environ.get("RUMOUR_EXPECT_BUILD")


@pytest.mark.skipif(EXPECTED is None, reason="RUMOUR_EXPECT_BUILD is not set (.ci/run sets it)")
def test_the_extractor_is_the_build_expected() -> None:
    assert extractor_build() == EXPECTED
    assert Path(claims.__file__).suffix == (".py" if EXPECTED == "python" else ".so")


def test_the_version_names_the_build() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert f"(extractor: {extractor_build()})" in result.output
    assert Path(verifier.__file__).name == "__init__.py"  # the package itself is never compiled
