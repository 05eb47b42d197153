"""The Debian `Depends` of a PyInstaller bundle: the packages of the system libraries it links to.

    python packaging/linux/shlib_depends.py BUNDLE_DIR packaging/linux/shlibs.map

Reads every ELF file of the bundle with `objdump -p` (binutils), takes the libraries they need
(NEEDED) that the bundle does not carry itself, and maps each to its Debian package through the
map file. libc6 gets the newest GLIBC_ symbol version any file requires as its minimum. A library
missing from the map stops the build: a new dependency must be looked at, not guessed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

LIBC_PACKAGE = "libc6"
GLIBC_VERSION = re.compile(r"\bGLIBC_(\d+(?:\.\d+)+)\b")


def elf_files(bundle: Path) -> list[Path]:
    """Regular files starting with the ELF magic number."""
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                if file.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def read_elf(path: Path) -> tuple[set[str], set[tuple[int, ...]]]:
    """The libraries a file needs, and the GLIBC versions it requires."""
    dump = subprocess.run(["objdump", "-p", str(path)], check=True, capture_output=True, text=True).stdout
    needed = {line.split()[1] for line in dump.splitlines() if line.strip().startswith("NEEDED")}
    versions = {tuple(int(part) for part in match.split(".")) for match in GLIBC_VERSION.findall(dump)}
    return needed, versions


def read_map(path: Path) -> dict[str, str]:
    """soname -> package, from `soname package` lines (# comments)."""
    mapping = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            soname, package = line.split()
            mapping[soname] = package
    return mapping


def depends(bundle: Path, mapping: dict[str, str]) -> tuple[list[str], list[str]]:
    """The Depends entries, and the system libraries that are not in the map."""
    bundled = {path.name for path in bundle.rglob("*")}
    external: set[str] = set()
    glibc: set[tuple[int, ...]] = set()
    for path in elf_files(bundle):
        needed, versions = read_elf(path)
        external |= needed - bundled
        glibc |= versions
    unknown = sorted(name for name in external if name not in mapping)
    packages = {mapping[name] for name in external if name in mapping}
    entries = []
    for package in sorted(packages):
        if package == LIBC_PACKAGE and glibc:
            entries.append(f"{package} (>= {'.'.join(map(str, max(glibc)))})")
        else:
            entries.append(package)
    return entries, unknown


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    entries, unknown = depends(Path(argv[0]), read_map(Path(argv[1])))
    if unknown:
        print(f"shlib_depends: no package known for {', '.join(unknown)}; add them to {argv[1]} "
              "(`dpkg -S $(ldconfig -p | grep NAME)` tells which package has a library).", file=sys.stderr)
        return 1
    print(", ".join(entries))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
