#!/usr/bin/env bash
# Turns Word and Excel files into page pictures, to look at them as a reader would:
# LibreOffice headless converts each file to PDF, poppler's pdftoppm renders the pages as PNG.
#   scripts/look.sh bao-cao.docx bao-cao.xlsx        # pictures in ./look/
#   LOOK_DIR=/tmp/look LOOK_DPI=80 scripts/look.sh bien-ban.docx
# Needs: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2 poppler-utils
# (fonts-liberation2 has the Times-compatible metrics and the Vietnamese letters; fonts-liberation 1.x lacks some).
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: scripts/look.sh FILE.docx|FILE.xlsx…" >&2
  exit 2
fi
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "look.sh: $tool is missing (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2 poppler-utils)" >&2; exit 1; }
done
out="${LOOK_DIR:-look}"
dpi="${LOOK_DPI:-60}"
mkdir -p "$out"
# A profile of its own, so that a running LibreOffice does not take the job.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for file in "$@"; do
  # bao-cao.docx → look/bao-cao-docx.pdf and look/bao-cao-docx-1.png…: a .docx and an .xlsx of one name do not collide.
  base="$(basename "$file")"
  name="${base%.*}-${base##*.}"
  work="$(mktemp -d)"
  cp "$file" "$work/$name.${base##*.}"
  soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$work/$name.${base##*.}" >/dev/null 2>&1
  rm -rf "$work"
  rm -f "$out/$name"-*.png
  pdftoppm -png -r "$dpi" "$out/$name.pdf" "$out/$name"
  pages="$(ls "$out/$name"-*.png | wc -l)"
  echo "$file: $pages page(s) → $out/$name-*.png"
done
