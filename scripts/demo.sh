#!/usr/bin/env bash
# The main job on the bundled sample: build, load the 2017 District 1 case into a fresh database,
# and print what the office brings to the committee: the overdue report, the task follow-up, the
# per-ward compliance table, and the minutes of the 17/06/2017 meeting.
set -euo pipefail
cd "$(dirname "$0")/.."
# Its own file, replaced at every run: never $THUKY_DB, which may be the office's real database.
db="${THUKY_DEMO_DB:-$PWD/demo.db}"
rm -f "$db" "$db-wal" "$db-shm"
npm run --silent build
thuky() { node bin/thuky.js --db "$db" "$@"; }
section() { printf '\n===== %s =====\n\n' "$1"; }

thuky init --sample quan1-2017
section 'thuky overdue --as-of 31/12/2017 --format text'
thuky overdue --as-of 31/12/2017 --format text
section 'thuky report tasks --period 2017 --as-of 31/12/2017'
thuky report tasks --period 2017 --as-of 31/12/2017 --format md
section 'thuky report compliance --year 2017 --as-of 31/12/2017'
thuky report compliance --year 2017 --as-of 31/12/2017 --format md
section 'thuky meeting minutes 1 --format txt'
thuky meeting minutes 1 --format txt
printf '\nDữ liệu mẫu nằm ở %s; thử thêm: node bin/thuky.js --db %s --help\n' "$db" "$db" >&2
