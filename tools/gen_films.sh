#!/usr/bin/env bash
# Generates the seed films seeds/films/WDY-001.mp4 … WDY-030.mp4 and their posters WDY-001.jpg … (issue 4: "the seeds
# include about 30 films with small generated videos"). Needs ffmpeg (only to generate; the app ships the files and
# does not need ffmpeg). Each film: 3.5 s, 320x180, 15 fps, H.264 constrained baseline, no audio, +faststart
# (the index first, so phones start playing at once), a distinct hue over a moving test pattern and the entry code
# drawn on it when ffmpeg has drawtext. Target ≤ 40 KB each. Deterministic for a given ffmpeg build.
# Usage: tools/gen_films.sh [count=30] [out=seeds/films]
set -euo pipefail
count="${1:-30}"
out="${2:-$(cd "$(dirname "$0")/.." && pwd)/seeds/films}"
command -v ffmpeg >/dev/null || { echo "ffmpeg not found (apt-get install -y ffmpeg)" >&2; exit 1; }
mkdir -p "$out"
font="$(fc-match -f '%{file}' 'DejaVu Sans:bold' 2>/dev/null || true)"
has_drawtext=0
filters="$(ffmpeg -hide_banner -filters 2>/dev/null || true)"   # not piped into grep -q: SIGPIPE would fail pipefail
if [[ "$filters" == *" drawtext "* ]] && [ -n "$font" ] && [ -f "$font" ]; then has_drawtext=1; fi
[ "$has_drawtext" = 1 ] || echo "drawtext or a font is missing: films get distinct colours without the code" >&2

for i in $(seq 1 "$count"); do
  code=$(printf 'WDY-%03d' "$i")
  hue=$(( (i * 360 / count) % 360 ))          # a distinct colour per film
  vf="hue=h=${hue}:s=1.4,format=yuv420p"
  if [ "$has_drawtext" = 1 ]; then
    vf="${vf},drawbox=x=0:y=ih-56:w=iw:h=56:color=black@0.55:t=fill"
    vf="${vf},drawtext=fontfile=${font}:text=${code}:fontsize=30:fontcolor=white:x=(w-text_w)/2:y=h-46"
  fi
  ffmpeg -hide_banner -loglevel error -nostdin -y \
    -f lavfi -i "testsrc2=size=320x180:rate=15:duration=3.5" \
    -vf "$vf" -an -c:v libx264 -profile:v baseline -level 3.0 -pix_fmt yuv420p -preset veryslow -crf 36 -g 30 \
    -movflags +faststart -map_metadata -1 -fflags +bitexact -flags:v +bitexact "$out/$code.mp4"
  ffmpeg -hide_banner -loglevel error -nostdin -y -ss 1 -i "$out/$code.mp4" -frames:v 1 -vf scale=480:-2 -q:v 5 \
    -fflags +bitexact -flags:v +bitexact "$out/$code.jpg"
done
ls -l "$out" | awk 'NR>1 {s+=$5} END {print NR-1 " files, " s " bytes"}'
