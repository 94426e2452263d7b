"""Builds the extractor's hot modules as C extensions with mypyc, where it can.

The extraction path (``EXTRACTOR`` below) is plain, fully typed Python; mypyc
compiles it to C, which runs it about a quarter faster (``python bench/speed.py``
prints which build it measured). The Python files stay the source of truth and
the fallback:

- an editable install (``pip install -e .``, for development and the tests) is
  never compiled, so an edited module takes effect at once;
- ``RUMOUR_PURE_PYTHON=1`` at install time builds pure Python on purpose;
- without a C compiler the extensions are left out (they are optional) and the
  same modules run as Python.
"""

from __future__ import annotations

import os
import sys

from setuptools import Extension, setup

EXTRACTOR = [
    "verifier/scan.py",
    "verifier/resolution.py",
    "verifier/windows.py",
    "verifier/phrases.py",
    "verifier/dates.py",
    "verifier/cues.py",
    "verifier/sentences.py",
    "verifier/titles.py",
    "verifier/names.py",
    "verifier/lists.py",
    "verifier/bare_names.py",
    "verifier/headings.py",
    "verifier/lines.py",
    "verifier/shapes.py",
    "verifier/discovery.py",
    "verifier/sequels.py",
    "verifier/document.py",
    "verifier/memory.py",
    "verifier/referents.py",
    "verifier/left_dates.py",
    "verifier/exclusions.py",
    "verifier/lineups.py",
    "verifier/claim.py",
    "verifier/listings.py",
    "verifier/claims.py",
]


def _extensions() -> list[Extension]:
    # Only a build of modules compiles ("bdist_wheel" for ``pip install .``): reading the
    # metadata, making an sdist and an editable install leave the modules as they are.
    building = any(arg in ("bdist_wheel", "build", "build_ext", "install") for arg in sys.argv)
    if not building or os.environ.get("RUMOUR_PURE_PYTHON") == "1":
        return []
    from mypyc.build import mypycify

    extensions = mypycify(EXTRACTOR, opt_level="3", debug_level="0")
    for extension in extensions:
        extension.optional = True  # no compiler: the modules run as Python
    return extensions


setup(ext_modules=_extensions())
