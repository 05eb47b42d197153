#!/usr/bin/env bash
# Build the installable app from this checkout:
#   dist/homelog-desktop/                     the frozen bundle (PyInstaller onedir, two programs)
#   dist/homelog-desktop_<version>_amd64.deb  the Debian package (Debian 12 "bookworm" and later)
# Everything intermediate, a fresh virtual environment included, goes to build/packaging/.
# Needs Python 3.11 ($PYTHON, default python3) on Debian or Ubuntu: every dependency, PyInstaller
# included, is installed from packaging/requirements.lock (exact versions and their sha256 hashes, made
# for Linux x86_64 and Python 3.11; packaging/README.md says how to refresh it). As root it installs the
# build-machine packages it misses with apt-get. LINTIAN=0 skips the lintian run (~30 s);
# DEB_XZ_LEVEL (default 6) trades the package's size for compression time (1: about twice as fast,
# about 30% larger); DEB_MAINTAINER sets the package's Maintainer (default: the project's address).
set -euo pipefail
umask 022
cd "$(dirname "$0")/.."
root=$PWD
python=${PYTHON:-python3}
name=homelog-desktop
work=$root/build/packaging
dist=$root/dist
maintainer=${DEB_MAINTAINER:-HomeLog Desktop maintainers <maintainers@users.noreply.r-seed-07f7c0fa.example>}
export PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1

step() { printf '\n==> %s  [%ss]\n' "$*" "$SECONDS"; }

step "Build-machine packages"
# binutils: objdump and strip; patchelf: RUNPATH clean-up; the xcb libraries: Qt's xcb plugin.
packages=(binutils patchelf dpkg desktop-file-utils appstream libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1)
if [[ ${LINTIAN:-1} != 0 ]]; then packages+=(lintian); fi
"$python" -c 'import ensurepip, venv' 2>/dev/null || packages+=(python3-venv)
missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    [[ $status == installed ]] || missing+=("$package")
done
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "build.sh: install these first: sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
    echo "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "all present: ${packages[*]}"
fi

step "Fresh virtual environment with the app and PyInstaller"
rm -rf "$work"
mkdir -p "$work/src" "$dist"
# Build from a copy, so that pip's build files never land in the checkout.
tar -C "$root" -cf - \
    --exclude=./build --exclude=./dist --exclude=./.git --exclude='./.venv*' --exclude='*.egg-info' \
    --exclude=__pycache__ --exclude=.pytest_cache --exclude=.ruff_cache --exclude=.mypy_cache \
    --exclude=.hypothesis --exclude='*.db' --exclude='*.db-wal' --exclude='*.db-shm' . |
    tar -C "$work/src" -xf -
"$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || {
    echo "build.sh: packaging/requirements.lock is made for Python 3.11, not $("$python" --version);" \
        "set PYTHON, or refresh the lock (packaging/README.md)" >&2
    exit 1
}
"$python" -m venv "$work/venv"
venv_python=$work/venv/bin/python
# A reproducible build: the locked wheels only, each checked against its hash; then the app itself,
# built from the copy with the locked setuptools, fetching nothing more.
"$venv_python" -m pip install --quiet --require-hashes --only-binary :all: --no-deps \
    -r "$root/packaging/requirements.lock"
# The translations the app loads (.qm) are built from their .ts sources by the PySide6 wheel's lrelease.
"$venv_python" "$work/src/resources/translations/update.py" --release
"$venv_python" -m pip install --quiet --no-deps --no-build-isolation --no-index "$work/src"
"$venv_python" -m pip check
version=$("$venv_python" -c 'from importlib.metadata import version; print(version("homelog-desktop"))')
# PEP 440 pre-releases sort before the release in Debian only with a tilde: 1.0rc1 -> 1.0~rc1.
deb_version=$(sed -E 's/([0-9])\.?(a|b|rc|dev)([0-9]+)/\1~\2\3/g' <<<"$version")
echo "homelog-desktop $version (Debian version $deb_version), $("$venv_python" --version)"
# Every dependency that goes into the bundle must have its licence in the copyright file.
"$venv_python" packaging/linux/check_copyright.py packaging/linux/copyright homelog-desktop

step "Frozen bundle: dist/$name/"
rm -rf "${dist:?}/$name" "$dist/${name}_"*.deb
(cd "$work" && "$work/venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work/pyinstaller" "$root/packaging/homelog-desktop.spec")
bundle=$dist/$name
# A Python built by pyenv or from source carries a RUNPATH to its own install folder (e.g.
# /root/.pyenv/versions/3.11.7/lib), meaningless elsewhere: keep only $ORIGIN-relative entries.
while IFS= read -r -d '' file; do
    runpath=$(readelf -d "$file" 2>/dev/null | sed -n 's/.*(R[UN]*PATH).*\[\(.*\)\]$/\1/p')
    [[ -n $runpath ]] || continue
    # shellcheck disable=SC2016  # a literal $ORIGIN
    kept=$(tr ':' '\n' <<<"$runpath" | grep '^\$ORIGIN' | paste -sd: || true)
    [[ $kept == "$runpath" ]] && continue
    echo "RUNPATH ${runpath} -> ${kept:-(none)}: ${file#"$bundle"/}"
    if [[ -n $kept ]]; then patchelf --set-rpath "$kept" "$file"; else patchelf --remove-rpath "$file"; fi
done < <(find "$bundle" -type f -name '*.so*' -print0)
"$bundle/homelog-admin" --version
QT_QPA_PLATFORM=offscreen "$bundle/homelog-desktop" --version

step "Debian package tree"
stage=$work/deb
epoch=$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)
export SOURCE_DATE_EPOCH=$epoch
install -d "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/lib" "$stage/usr/share/applications" \
    "$stage/usr/share/metainfo" "$stage/usr/share/man/man1" "$stage/usr/share/doc/$name" \
    "$stage/usr/share/lintian/overrides"
cp -a "$bundle" "$stage/usr/lib/$name"
for program in homelog-desktop homelog-admin; do
    ln -s "../lib/$name/$program" "$stage/usr/bin/$program"
    sed "s/@VERSION@/$version/" "packaging/linux/man/$program.1" | gzip -9n >"$stage/usr/share/man/man1/$program.1.gz"
done
cp packaging/linux/homelog-desktop.desktop "$stage/usr/share/applications/"
sed -e "s/@VERSION@/$version/" -e "s/@DATE@/$(date -u -d "@$epoch" +%F)/" \
    packaging/linux/org.homelog.HomeLogDesktop.metainfo.xml \
    >"$stage/usr/share/metainfo/org.homelog.HomeLogDesktop.metainfo.xml"
"$venv_python" packaging/render_icons.py resources/icons/homelog.svg "$stage/usr/share/icons/hicolor" "$name" >/dev/null
cp packaging/linux/copyright "$stage/usr/share/doc/$name/copyright"
cp packaging/linux/lintian-overrides "$stage/usr/share/lintian/overrides/$name"
{
    printf '%s (%s) unstable; urgency=medium\n\n' "$name" "$deb_version"
    printf '  * HomeLog Desktop %s, built from its source tree by packaging/build.sh.\n\n' "$version"
    printf ' -- %s  %s\n' "$maintainer" "$(date -u -R -d "@$epoch")"
} | gzip -9n >"$stage/usr/share/doc/$name/changelog.gz"

# The bundle's files are data except its two programs; nothing needs to be group- or world-writable.
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f -exec chmod 0644 {} +
chmod 0755 "$stage/usr/lib/$name/homelog-desktop" "$stage/usr/lib/$name/homelog-admin"

depends=$("$venv_python" packaging/linux/shlib_depends.py "$stage/usr/lib/$name" packaging/linux/shlibs.map)
installed_size=$(du -sk --apparent-size --exclude=DEBIAN "$stage" | cut -f1)
cat >"$stage/DEBIAN/control" <<EOF
Package: $name
Version: $deb_version
Architecture: amd64
Maintainer: $maintainer
Installed-Size: $installed_size
Depends: $depends
Section: utils
Priority: optional
Description: account manager for home-log's users and passwords
 HomeLog Desktop is the app a household admin uses to see and manage the
 accounts of home-log (a household's utility readings) in a local SQLite
 file: emails, names, passwords, and who may sign in.
 .
 It shows every account in a sortable table with a search by email or name,
 creates, edits and deletes accounts, and sets, removes and checks their
 passwords. The homelog-admin command does the same from a terminal.
 .
 The app is a self-contained bundle of Python, Qt 6 and PySide6 in
 /usr/lib/homelog-desktop.
EOF
(cd "$stage" && find usr -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum) >"$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/md5sums"
find "$stage" -newermt "@$epoch" -exec touch --no-dereference --date="@$epoch" {} +
echo "Depends: $depends"

step "dist/${name}_${deb_version}_amd64.deb"
deb=$dist/${name}_${deb_version}_amd64.deb
dpkg-deb --root-owner-group -Zxz -z"${DEB_XZ_LEVEL:-6}" --build "$stage" "$deb"

step "Checks"
desktop-file-validate "$stage/usr/share/applications/homelog-desktop.desktop"
echo "desktop-file-validate: ok"
appstreamcli validate --no-net "$stage/usr/share/metainfo/org.homelog.HomeLogDesktop.metainfo.xml"
if [[ ${LINTIAN:-1} != 0 ]]; then
    # Clean means no output at all: every tag is either fixed or overridden with a reason
    # (packaging/linux/lintian-overrides). Its advice against running as root is not about the package.
    lintian_status=0
    lintian_output=$(lintian --fail-on error,warning "$deb" 2>&1) || lintian_status=$?
    lintian_output=$(grep -v '^running with root privileges is not recommended!$' <<<"$lintian_output" || true)
    if ((lintian_status)) || [[ -n $lintian_output ]]; then
        echo "$lintian_output"
        echo "lintian is not clean (exit status $lintian_status)" >&2
        exit 1
    fi
    echo "lintian: clean"
fi

step "Sizes"
echo "bundle installed: $(du -sh "$stage/usr/lib/$name" | cut -f1)  (Installed-Size: $installed_size KiB)"
echo "package: $(du -h --apparent-size "$deb" | cut -f1)  $deb"
