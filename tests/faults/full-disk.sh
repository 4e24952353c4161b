#!/usr/bin/env bash
# A full disk during an import, for real: the served database lives on a tmpfs with room for it but
# not for a second copy, so re-importing runs out of space halfway through writing the new file.
# The import must fail with a clear error, leave the served file byte-identical and sound, and leave
# no temporary file behind. Needs root (to mount); otherwise exits 77 (skipped), saying why.
#   tests/faults/full-disk.sh            (run by tests/e2e/run.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
importer=(dotnet "$root/src/EventsApi.Importer/bin/Release/net10.0/EventsApi.Importer.dll")
[ -f "${importer[1]}" ] || dotnet build -c Release "$root/src/EventsApi.Importer" -v q --nologo >/dev/null
work=$(mktemp -d)
trap 'umount "$work/disk" 2>/dev/null || true; rm -rf "$work"' EXIT

# How big one dataset of the documents is, to size the disk: room for one and a half.
"${importer[@]}" import "$root/data/documents" --db "$work/probe.db" >/dev/null 2>&1
size_kb=$(( $(stat -c %s "$work/probe.db") * 3 / 2 / 1024 ))
mkdir "$work/disk"
if ! mount -t tmpfs -o size=${size_kb}k tmpfs "$work/disk" 2>"$work/mount.err"; then
  echo "skipped: cannot mount a tmpfs here ($(cat "$work/mount.err")); the simulated full disk of AtomicReplaceTests still runs"
  exit 77
fi

served="$work/disk/events.db"
"${importer[@]}" import "$root/data/documents" --db "$served" >/dev/null 2>&1
before=$(sha256sum <"$served")

set +e
"${importer[@]}" import "$root/data/documents" --db "$served" >"$work/out" 2>"$work/err"
status=$?
set -e

fail() { echo "full disk: $1"; cat "$work/err"; exit 1; }
[ "$status" -ne 0 ] || fail "the import succeeded on a full disk"
grep -q "is unchanged" "$work/err" && grep -qi "full" "$work/err" || fail "the error does not say the disk is full and the dataset unchanged"
[ "$(sha256sum <"$served")" = "$before" ] || fail "the served database changed"
[ "$(sqlite3 "$served" 'PRAGMA integrity_check')" = "ok" ] || fail "the served database fails integrity_check"
[ "$(ls "$work/disk")" = "events.db" ] || fail "files left behind: $(ls "$work/disk" | tr '\n' ' ')"
echo "full disk: import refused with \"$(tail -1 "$work/err")\"; served database unchanged and sound; nothing left behind"
