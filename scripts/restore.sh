#!/bin/sh
# Restore a backup written by scripts/backup.sh into DATABASE_URL and MEDIA_ROOT.
#
#   DATABASE_URL=postgres://user:password@host:5432/hub MEDIA_ROOT=/srv/hub/media \
#       scripts/restore.sh BACKUP_FOLDER
#
# Restore into a new, empty database (createdb) with the hub stopped. The dump replaces
# any hub tables already there (--clean --if-exists) in one transaction, so a failure
# leaves the database as it was. The files are unpacked over MEDIA_ROOT.
set -eu

: "${DATABASE_URL:?Set DATABASE_URL to the PostgreSQL database to restore into.}"
if [ "$#" -ne 1 ] || [ ! -f "$1/database.dump" ]; then
    echo "usage: scripts/restore.sh BACKUP_FOLDER (a folder holding database.dump)" >&2
    exit 2
fi

source_dir=$1
script_dir=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
media_root=${MEDIA_ROOT:-"$script_dir/../media"}

if [ -f "$source_dir/SHA256SUMS" ]; then
    (cd "$source_dir" && sha256sum --check --quiet SHA256SUMS)
fi

pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
    --dbname="$DATABASE_URL" "$source_dir/database.dump"

if [ -f "$source_dir/media.tar.gz" ]; then
    mkdir -p "$media_root"
    tar --numeric-owner -C "$media_root" -xzf "$source_dir/media.tar.gz"
fi
echo "restore: done from $source_dir"
