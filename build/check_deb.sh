#!/usr/bin/env bash
# Install the package of `make deb` as an office PC would, use it, remove it (CI; needs root):
#   - apt-get install -y ./lianjian_….deb (which brings the system libraries it depends on);
#   - it installed only /opt/lianjian, the two commands in /usr/bin and the menu entry, with no
#     maintainer scripts, and every library in /opt/lianjian finds the libraries it links to;
#   - a user's data folder (LIANJIAN_HOME) gets a database from the installed lianjian-cli;
#   - build/smoke_test.sh --installed runs the installed commands;
#   - apt-get remove -y lianjian takes the program away and leaves the data folder as it was.
#
#   build/check_deb.sh build/out/packages/lianjian_VERSION_ARCH.deb
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE=lianjian
FOLDER=/opt/lianjian
ALLOWED="^(/\\.|/opt|/usr|/usr/bin|/usr/share|/usr/share/applications|$FOLDER(/.*)?|/usr/bin/lianjian|/usr/bin/lianjian-cli|/usr/share/applications/lianjian\\.desktop)$"

fail() { echo "deb check FAILED: $*" >&2; exit 1; }
[ $# -eq 1 ] && [ -f "$1" ] || fail "usage: build/check_deb.sh PACKAGE.deb"
deb=$(readlink -f "$1")
[ "$(id -u)" = 0 ] || fail "apt-get install needs root"
if dpkg -s "$PACKAGE" >/dev/null 2>&1; then fail "$PACKAGE is installed already"; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LIANJIAN_HOME="$work/用户数据"
unset LIANJIAN_DB
snapshot() {  # every file of the data folder with its checksum, and every folder
    (cd "$LIANJIAN_HOME" && find . -type d | sort && find . -type f -exec sha256sum {} + | sort)
}

echo "== apt-get install $deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null || fail "apt-get install"
stray=$(dpkg -L "$PACKAGE" | grep -Ev "$ALLOWED" || true)
[ -z "$stray" ] || fail "the package installs outside its places: $stray"
for script in preinst postinst prerm postrm; do
    [ ! -e "/var/lib/dpkg/info/$PACKAGE.$script" ] || fail "the package has a $script script"
done
missing=$(find "$FOLDER" -type f \( -name '*.so*' -o -perm -u+x \) -exec sh -c \
    'head -c 4 "$1" | grep -q ELF && ldd "$1" 2>/dev/null | grep "not found" | sed "s|^|$1: |"' \
    _ {} \; || true)
[ -z "$missing" ] || fail "libraries not found (add their packages to DEPENDS in build/make_deb.py):
$missing"
grep -q '^Name=联建台账$' /usr/share/applications/lianjian.desktop || fail "no 联建台账 in the menu"
grep -q '^Categories=Office;$' /usr/share/applications/lianjian.desktop || fail "not in 办公"
icon=$(sed -n 's/^Icon=//p' /usr/share/applications/lianjian.desktop)
[ -f "$icon" ] || fail "the menu entry's icon $icon is not there"

echo "== a user's data folder, made by the installed lianjian-cli"
lianjian-cli demo >/dev/null || fail "lianjian-cli demo (in $LIANJIAN_HOME)"
[ -f "$LIANJIAN_HOME/lianjian.db" ] || fail "lianjian-cli demo made no $LIANJIAN_HOME/lianjian.db"
snapshot > "$work/before.txt"

bash build/smoke_test.sh --installed "$FOLDER"

echo "== apt-get remove $PACKAGE"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$PACKAGE" >/dev/null || fail "apt-get remove"
for path in "$FOLDER" /usr/bin/lianjian /usr/bin/lianjian-cli \
    /usr/share/applications/lianjian.desktop; do
    [ ! -e "$path" ] && [ ! -L "$path" ] || fail "$path is still there after apt-get remove"
done
snapshot > "$work/after.txt"
diff "$work/before.txt" "$work/after.txt" >&2 || fail "the user's data folder changed"
echo "deb check passed: installed $(basename "$deb"), smoke test from /usr/bin, removed;" \
    "the data folder ($(wc -l < "$work/after.txt") entries) untouched"
