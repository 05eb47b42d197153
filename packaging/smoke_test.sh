#!/usr/bin/env bash
# Smoke test of the built Debian package, run as a user would run it:
#   bash packaging/smoke_test.sh [dist/homelog-desktop_<version>_amd64.deb]
# Unpacks the .deb into a temporary root (dpkg-deb -x), checks that every library the bundle links
# to is found, then, as a non-root user (homelog-smoke, created if needed, when run as root) with
# HOME in a temporary folder and Qt on the offscreen platform, runs the installed homelog-admin
# and homelog-desktop through the /usr/bin links: create an account, verify its password, take
# a screenshot of a fresh database. Checks that user data went to the per-user folders and that
# nothing was written under the install folder.
set -euo pipefail
cd "$(dirname "$0")/.."
name=homelog-desktop
user=homelog-smoke
password='Smoke7test'
deb=${1:-}
if [[ -z $deb ]]; then
    debs=(dist/"${name}"_*_amd64.deb)
    [[ -e ${debs[0]} ]] || { echo "smoke_test: no dist/${name}_*_amd64.deb; run packaging/build.sh" >&2; exit 1; }
    deb=${debs[-1]}
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 0755 "$tmp"
fail() { echo "smoke_test: FAIL: $*" >&2; exit 1; }
ok() { echo "ok - $*"; }

dpkg-deb -x "$deb" "$tmp/root"
prefix=$tmp/root/usr
bundle=$prefix/lib/$name
version=$(dpkg-deb -f "$deb" Version)
echo "testing $deb (version $version)"

# The packages the .deb depends on are what the bundle links to: install the missing ones, as apt
# would when installing the package.
missing=()
while read -r package relation minimum; do
    [[ -n $package ]] || continue
    have=$(dpkg-query -W -f='${db:Status-Status} ${Version}' "$package" 2>/dev/null || true)
    if [[ $have != installed* ]]; then
        missing+=("$package")
    elif [[ -n $minimum ]] && ! dpkg --compare-versions "${have#installed }" "${relation}" "$minimum"; then
        fail "$package ${have#installed } is older than the required $minimum"
    fi
done < <(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed -E 's/^ *([^ (]+) *(\((>=|<=|>>|<<|=) *([^)]+)\))?.*/\1 \3 \4/')
if ((${#missing[@]})); then
    [[ $(id -u) -eq 0 ]] || fail "install the package's dependencies first: ${missing[*]}"
    echo "installing the dependencies ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
unresolved=""
while IFS= read -r -d '' file; do
    not_found=$(ldd "$file" 2>/dev/null | sed -n 's/^\t\(.*\) => not found$/\1/p' || true)
    [[ -z $not_found ]] || unresolved+="${file#"$bundle"/}: ${not_found//$'\n'/ }"$'\n'
done < <(find "$bundle" -type f \( -name '*.so*' -o -perm -u+x \) -print0)
[[ -z $unresolved ]] || fail "libraries not found:"$'\n'"$unresolved"
ok "every library the bundle links to is found"

# A user who is not root, with a home of its own.
if [[ $(id -u) -eq 0 ]]; then
    id -u "$user" >/dev/null 2>&1 || useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "$user"
    as_user=(runuser -u "$user" --)
    owner=$user
else
    as_user=()
    owner=$(id -un)
fi
home=$tmp/home
install -d -m 0700 -o "$owner" -g "$(id -g "$owner")" "$home" "$tmp/runtime"
work=$tmp/work
install -d -m 0755 -o "$owner" -g "$(id -g "$owner")" "$work"
run() {
    "${as_user[@]}" env -i PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 XDG_RUNTIME_DIR="$tmp/runtime" \
        QT_QPA_PLATFORM=offscreen "$@"
}
before=$(find "$tmp/root" -printf '%p %s %T@ %m\n' | LC_ALL=C sort)

# homelog-admin
[[ $(run "$prefix/bin/homelog-admin" --version) == "homelog-admin ${version%%~*}"* ]] || fail "homelog-admin --version"
id=$(printf '%s\n' "$password" | run "$prefix/bin/homelog-admin" --db "$work/accounts.db" \
    create smoke@example.org --username Smoke --password-stdin)
[[ $id =~ ^[0-9]+$ ]] || fail "homelog-admin create printed '$id', not an id"
ok "homelog-admin create -> account $id"
printf '%s\n' "$password" | run "$prefix/bin/homelog-admin" --db "$work/accounts.db" verify smoke@example.org --password-stdin >/dev/null ||
    fail "homelog-admin verify of the right password did not exit 0"
ok "homelog-admin verify, right password -> 0"
status=0
printf 'Wrong7pass\n' | run "$prefix/bin/homelog-admin" --db "$work/accounts.db" verify smoke@example.org --password-stdin >/dev/null ||
    status=$?
[[ $status -eq 1 ]] || fail "homelog-admin verify of a wrong password exited $status, not 1"
ok "homelog-admin verify, wrong password -> 1"
listing=$(run "$prefix/bin/homelog-admin" --db "$work/accounts.db" list --json)
[[ $listing == *smoke@example.org* && $listing != *"\$2b\$"* ]] || fail "homelog-admin list --json: $listing"
ok "homelog-admin list --json shows the account and no hash"
default_db=$(run "$prefix/bin/homelog-admin" init)
[[ $default_db == "$home/.local/share/"*/homelog.db && -f $default_db ]] ||
    fail "the default database is $default_db, not in the user's data folder"
ok "the default database is in the user's data folder: ${default_db#"$home"/}"

# homelog-desktop: a picture of the window on a fresh database
[[ $(run "$prefix/bin/homelog-desktop" --version) == "homelog-desktop ${version%%~*}"* ]] || fail "homelog-desktop --version"
started=$(date +%s%N)
run "$prefix/bin/homelog-desktop" --db "$work/fresh.db" --screenshot "$work/window.png" 2>"$work/stderr.txt" ||
    fail "homelog-desktop --screenshot: $(cat "$work/stderr.txt")"
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
[[ -f $work/fresh.db ]] || fail "homelog-desktop did not create the fresh database"
[[ $(stat -c %a "$work/fresh.db") == 600 ]] || fail "the new database is not private (0600)"
[[ -s $work/window.png ]] || fail "no screenshot"
read -r -a header < <(od -An -v -tx1 -w24 -N24 "$work/window.png")
[[ ${header[*]:0:8} == "89 50 4e 47 0d 0a 1a 0a" ]] || fail "the screenshot is not a PNG"
width=$((16#${header[16]}${header[17]}${header[18]}${header[19]}))
height=$((16#${header[20]}${header[21]}${header[22]}${header[23]}))
size=$(stat -c %s "$work/window.png")
((width >= 400 && height >= 300 && size >= 5000)) || fail "the screenshot is ${width}x${height}, $size bytes"
ok "homelog-desktop --screenshot: ${width}x${height} PNG, $size bytes, in ${elapsed_ms} ms"
mkdir -p build/packaging
cp "$work/window.png" build/packaging/smoke-screenshot.png

# The log file: per user, private, and no password in it.
log_file=$home/.local/state/home-log/HomeLog\ Desktop/log/homelog-desktop.log
[[ -f $log_file ]] || fail "no log file at ${log_file#"$home"/}"
[[ $(stat -c %a "$log_file") == 600 ]] || fail "the log file is not private (0600)"
! grep -q "$password" "$log_file" || fail "the log file contains the password"
ok "log file ${log_file#"$home"/} (0600, no password)"
# Icons and stylesheet come from the bundle (without them the window still opens, unstyled).
grep -qF "Resources: $bundle/" "$log_file" || fail "icons and stylesheet not found in the bundle: $(cat "$log_file")"
ok "icons and stylesheet found in the bundle"

# Nothing was written under the install folder (or anywhere in the unpacked package).
after=$(find "$tmp/root" -printf '%p %s %T@ %m\n' | LC_ALL=C sort)
[[ $before == "$after" ]] || fail "files changed under the install folder:"$'\n'"$(diff <(echo "$before") <(echo "$after") || true)"
ok "nothing was written under /usr/lib/$name"
echo "smoke test passed"
