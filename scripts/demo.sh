#!/usr/bin/env bash
# The main job on the bundled sample: build, load the 2017 District 1 case into a fresh database,
# and print what the office brings to the committee.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${THUKY_DB:-$PWD/demo.db}"
rm -f "$db" "$db-wal" "$db-shm"
npm run --silent build
thuky() { node bin/thuky.js --db "$db" "$@"; }
thuky init --sample quan1-2017
thuky unit list --kind ward --at 17/06/2017
