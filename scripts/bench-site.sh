#!/usr/bin/env bash
# Times `backplan site` against Hugo building a comparable site of as many
# pages, in the same run on the same machine. Usage: scripts/bench-site.sh [BACKPLAN]
#
# The Hugo site is a throwaway layout generated into a temporary folder: one
# page per move (its steps from `backplan catalog show`), one per area (its
# moves from `backplan catalog list`), and index, safety and example-plan
# pages, all in a base template with the same navigation by body area and
# relative links. Both are timed from an empty output folder; BackPlan is also
# timed rebuilding a site that is already up to date.
set -euo pipefail
backplan=$(realpath "${1:-.build/release/backplan}")
runs=${BENCH_RUNS:-30}
for tool in hugo hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "bench-site needs $tool (apt-get install $tool)" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
hugo_site=$work/hugo
mkdir -p "$hugo_site/content/exercises" "$hugo_site/content/areas" "$hugo_site/layouts/_default"

# --- The throwaway Hugo site -------------------------------------------------
cat > "$hugo_site/config.toml" <<'TOML'
baseURL = "https://clinic.example/"
languageCode = "en"
title = "Neck and back exercises"
relativeURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "section"]
TOML
cat > "$hugo_site/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header><p><a href="{{ "index.html" | relURL }}">{{ .Site.Title }}</a></p>
<nav aria-label="Body areas"><ul>
{{ range (where .Site.RegularPages "Section" "areas") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><nav aria-label="Site"><ul><li><a href="{{ "safety/" | relURL }}">Safety and FAQ</a></li></ul></nav></footer>
</body>
</html>
HTML
cat > "$hugo_site/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
{{ with .PrevInSection }}<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}
{{ with .NextInSection }}<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}{{ end }}
HTML
cat > "$hugo_site/layouts/index.html" <<'HTML'
{{ define "main" }}<h1>{{ .Site.Title }}</h1>
{{ .Content }}
<ul>{{ range (where .Site.RegularPages "Section" "exercises") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
HTML
cp "$hugo_site/layouts/_default/baseof.html" "$hugo_site/layouts/_default/list.html"

page() { # file title description body
  printf -- '---\ntitle: "%s"\ndescription: "%s"\n---\n\n%s\n' "$2" "$3" "$4" > "$1"
}
ids=$("$backplan" catalog list --json | python3 -c 'import json,sys; print(" ".join(m["id"] for m in json.load(sys.stdin)))')
for id in $ids; do
  body=$("$backplan" catalog show "$id" | sed -e '1d' -e 's/^  \([0-9]*\)\. /\1. /' -e 's/^\([A-Z][a-z ]*\): */- **\1:** /')
  page "$hugo_site/content/exercises/$id.md" "$id" "How to do $id" "$body"
done
for area in neck shoulders upper-back mid-back lower-back chest; do
  body=$("$backplan" catalog list --area "$area" | sed -e '1d' -e '$d' -e 's/^/- /')
  page "$hugo_site/content/areas/$area.md" "$area" "Moves for the $area" "$body"
done
page "$hugo_site/content/_index.md" "Home" "All moves" "Stretching and strengthening moves for neck, shoulder and back pain."
page "$hugo_site/content/safety.md" "Safety" "Safety advice" "$("$backplan" catalog show neck-roll)"
page "$hugo_site/content/example-plan.md" "Example plan" "An example plan" "$("$backplan" catalog list | sed "s/^/- /")"
echo "hugo $(hugo version | cut -d' ' -f2), backplan from $backplan"

# --- Check both build the same number of pages ---------------------------------
hugo --quiet -s "$hugo_site" -d "$work/hugo-out" >/dev/null
"$backplan" site --output "$work/backplan-out" >/dev/null
hugo_pages=$(find "$work/hugo-out" -name '*.html' | wc -l)
backplan_pages=$(find "$work/backplan-out" -name '*.html' | wc -l)
echo "pages: backplan $backplan_pages, hugo $hugo_pages"

# --- Time them -------------------------------------------------------------------
hyperfine --style basic --warmup 3 --runs "$runs" --export-json "$work/times.json" \
  --command-name "backplan site (clean)" \
  --command-name "backplan site (up to date)" \
  --command-name "hugo (clean)" \
  --prepare "rm -rf '$work/backplan-out'" --prepare "true" --prepare "rm -rf '$work/hugo-out'" \
  "'$backplan' site --output '$work/backplan-out'" \
  "'$backplan' site --output '$work/backplan-out'" \
  "hugo --quiet -s '$hugo_site' -d '$work/hugo-out'" >/dev/null

python3 - "$work/times.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
def ms(name):
    return results[name]["mean"] * 1000, results[name]["stddev"] * 1000
hugo, hugo_sd = ms("hugo (clean)")
for name in ("backplan site (clean)", "backplan site (up to date)"):
    mean, sd = ms(name)
    print(f"{name:28s} {mean:7.1f} ms ± {sd:4.1f}   {hugo / mean:4.1f}x faster than hugo")
print(f"{'hugo (clean)':28s} {hugo:7.1f} ms ± {hugo_sd:4.1f}")
PY
