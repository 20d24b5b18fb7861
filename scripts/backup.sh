#!/bin/sh
# Back up the hub: a PostgreSQL dump of DATABASE_URL and a tar of the uploaded files.
#
#   DATABASE_URL=postgres://user:password@host:5432/hub MEDIA_ROOT=/srv/hub/media \
#       scripts/backup.sh [BACKUP_ROOT]
#
# Writes BACKUP_ROOT/<UTC timestamp>/ (BACKUP_ROOT defaults to $BACKUP_DIR, else ./backups)
# holding database.dump (pg_dump custom format), media.tar.gz (MEDIA_ROOT, when it exists)
# and SHA256SUMS, then prints that folder's path. scripts/restore.sh reads the folder back.
# When uploads live in an S3 bucket (AWS_STORAGE_BUCKET_NAME), copy the bucket separately:
# see docs/DEPLOYMENT.md.
set -eu

: "${DATABASE_URL:?Set DATABASE_URL to the PostgreSQL database to back up.}"

script_dir=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
media_root=${MEDIA_ROOT:-"$script_dir/../media"}
backup_root=${1:-${BACKUP_DIR:-backups}}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$backup_root/$stamp"

if [ -e "$target" ]; then
    echo "backup: $target already exists; wait a second and run again." >&2
    exit 1
fi
umask 077
mkdir -p "$target"

# Custom format: compressed, and pg_restore can --clean and restore in parallel.
pg_dump --format=custom --no-owner --no-privileges --file="$target/database.dump" \
    --dbname="$DATABASE_URL"

if [ -d "$media_root" ]; then
    tar --numeric-owner -C "$media_root" -czf "$target/media.tar.gz" .
elif [ -n "${AWS_STORAGE_BUCKET_NAME:-}" ]; then
    echo "backup: uploads are in the bucket $AWS_STORAGE_BUCKET_NAME; copy it separately." >&2
else
    echo "backup: no uploaded files folder at $media_root; only the database was saved." >&2
fi

(
    cd "$target"
    if [ -f media.tar.gz ]; then set -- database.dump media.tar.gz; else set -- database.dump; fi
    sha256sum -- "$@" > SHA256SUMS
)
echo "$target"
