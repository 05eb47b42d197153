"""Check that the copyright file names every Python distribution the app runs on.

    python packaging/linux/check_copyright.py packaging/linux/copyright homelog-desktop

Run in the build environment: follows the distribution's requirements there (markers evaluated,
extras followed) and fails, listing them, when a dependency is not named in the copyright file, so
that a new dependency cannot ship without its licence.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def dependencies(name: str) -> set[str]:
    """Canonical names of the installed distributions `name` needs, itself excluded."""
    found: set[str] = set()
    todo = [(name, frozenset[str]())]
    while todo:
        current, extras = todo.pop()
        try:
            requires = distribution(current).requires or []
        except PackageNotFoundError:
            continue  # an optional dependency that is not installed is not bundled either
        for text in requires:
            requirement = Requirement(text)
            environments = [{"extra": extra} for extra in extras] or [{"extra": ""}]
            if requirement.marker is not None and not any(requirement.marker.evaluate(e) for e in environments):
                continue
            key = canonicalize_name(requirement.name)
            if key not in found:
                found.add(key)
                todo.append((requirement.name, frozenset(requirement.extras)))
    found.discard(canonicalize_name(name))
    return found


def named_in(text: str, name: str) -> bool:
    """Whether the text names the distribution (any case, `-` and `_` alike, as a whole word)."""
    normal = text.lower().replace("_", "-")
    return re.search(rf"(?<![a-z0-9-]){re.escape(name)}(?![a-z0-9-])", normal) is not None


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    text = Path(argv[0]).read_text(encoding="utf-8")
    needed = dependencies(argv[1])
    missing = sorted(name for name in needed if not named_in(text, name))
    if missing:
        print(f"check_copyright: {argv[0]} does not name {', '.join(missing)}: add a stanza with "
              "its copyright and licence (see its dist-info folder).", file=sys.stderr)
        return 1
    print(f"copyright names all {len(needed)} dependencies: {', '.join(sorted(needed))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
