#!/usr/bin/env bash
# Times `backplan site` against Hugo building a comparable site of as many
# pages, in the same run on the same machine, for catalogs of several sizes.
# Usage: scripts/bench-site.sh [BACKPLAN] [MOVES...]
#
# MOVES are catalog sizes: `builtin` is the built-in catalog (20 moves), a
# number N a catalog of N moves that scripts/grow-catalog.py makes from it
# (default: builtin 2500). For each, a throwaway Hugo site is generated into a
# temporary folder from `backplan catalog list --json`: one page per move (its
# steps, dose and areas), one per area (its moves), and index, safety and
# example-plan pages, all in a base template with the same navigation by body
# area (a Hugo menu) and relative links, each move page linking its previous and next move.
# Both are timed from an empty output folder (hyperfine); BackPlan is also
# timed rebuilding a site that is already up to date. Peak memory (GNU time,
# maximum resident set size) of one clean build of each follows.
# BENCH_RUNS sets hyperfine's runs (default: 30 for the built-in catalog, 5 for larger ones).
set -euo pipefail
backplan=$(realpath "${1:-.build/release/backplan}")
shift || true
sizes=("$@")
((${#sizes[@]})) || sizes=(builtin 2500)
here=$(cd "$(dirname "$0")" && pwd)
for tool in hugo hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "bench-site needs $tool (apt-get install $tool)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench-site needs GNU time (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "hugo $(hugo version | cut -d' ' -f2), backplan from $backplan, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# --- The throwaway Hugo site's layout -----------------------------------------
layout() { # folder
  mkdir -p "$1/content/exercises" "$1/content/areas" "$1/layouts/_default"
  cat > "$1/config.toml" <<'TOML'
baseURL = "https://clinic.example/"
languageCode = "en"
title = "Neck and back exercises"
relativeURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "section"]
TOML
  # The navigation by body area is a menu, so a page does not filter every page of the site to draw it.
  for area in neck shoulders upper-back mid-back lower-back chest; do
    printf '[[menus.areas]]\nname = "%s"\nurl = "areas/%s/"\n' "$area" "$area" >> "$1/config.toml"
  done
  cat > "$1/layouts/_default/baseof.html" <<'HTML'
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
{{ range .Site.Menus.areas }}<li><a href="{{ .URL | relURL }}">{{ .Name }}</a></li>
{{ end }}</ul></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><nav aria-label="Site"><ul><li><a href="{{ "safety/" | relURL }}">Safety and FAQ</a></li></ul></nav></footer>
</body>
</html>
HTML
  cat > "$1/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
{{ with .PrevInSection }}<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}
{{ with .NextInSection }}<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}{{ end }}
HTML
  cat > "$1/layouts/index.html" <<'HTML'
{{ define "main" }}<h1>{{ .Site.Title }}</h1>
{{ .Content }}
<ul>{{ range (where .Site.RegularPages "Section" "exercises") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
HTML
  cp "$1/layouts/_default/baseof.html" "$1/layouts/_default/list.html"
}

# The pages' Markdown, from the catalog as `backplan catalog list --json` gives it.
content() { # folder catalog-list.json
  python3 - "$1" "$2" <<'PY'
import json, os, sys
site, moves = sys.argv[1], json.load(open(sys.argv[2]))
def page(path, title, description, body):
    with open(os.path.join(site, "content", path), "w") as f:
        f.write(f'---\ntitle: "{title}"\ndescription: "{description}"\n---\n\n{body}\n')
def dose(d):
    return ", ".join(f"{k} {v['min']}-{v.get('max', '')}" for k, v in sorted(d.items()) if isinstance(v, dict))
areas = {}
for m in moves:
    steps = "\n".join(f"{i}. {s}" for i, s in enumerate(m["steps"], 1))
    body = f"- **Phase:** {m['phase']}\n- **Good for:** {', '.join(m['areas'])}\n- **Dose:** {dose(m['dose'])}\n\n{steps}"
    page(f"exercises/{m['id']}.md", m["name"], f"How to do {m['name']}", body)
    for a in m["areas"]:
        areas.setdefault(a, []).append(m)
for a, ms in areas.items():
    page(f"areas/{a}.md", a, f"Moves for the {a}", "\n".join(f"- {m['name']} ({m['phase']})" for m in ms))
page("_index.md", "Home", "All moves", "Stretching and strengthening moves for neck, shoulder and back pain.")
page("safety.md", "Safety", "Safety advice", "Stop and see a healthcare professional if your pain gets worse.")
page("example-plan.md", "Example plan", "An example plan", "\n".join(f"- {m['name']}" for m in moves[:12]))
PY
}

summary() { # times.json label
  python3 - "$1" "$2" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
label = sys.argv[2]
def ms(name):
    r = results[name]
    return r["mean"] * 1000, (r["stddev"] or 0) * 1000, r["min"] * 1000, (r["user"] + r["system"]) * 1000
# Wall time on a loaded machine is mostly waiting for a core; CPU time (user + system) is shown beside it.
hugo, hugo_sd, hugo_min, hugo_cpu = ms("hugo (clean)")
for name in ("backplan site (clean)", "backplan site (up to date)"):
    mean, sd, low, cpu = ms(name)
    print(f"{label:8s} {name:28s} {mean:8.1f} ms ± {sd:6.1f} (min {low:8.1f}), CPU {cpu:8.1f} ms   hugo / backplan: wall {hugo / mean:5.2f}, CPU {hugo_cpu / cpu:5.2f}")
print(f"{label:8s} {'hugo (clean)':28s} {hugo:8.1f} ms ± {hugo_sd:6.1f} (min {hugo_min:8.1f}), CPU {hugo_cpu:8.1f} ms")
PY
}

peak() { # command... ; prints wall and CPU seconds and the peak RSS
  /usr/bin/time -f "%e s, CPU %U s user + %S s system, peak %M KiB" "$@" 2>&1 >/dev/null | tail -1
}

for size in "${sizes[@]}"; do
  dir=$work/$size
  mkdir -p "$dir"
  catalog_args=()
  if [ "$size" != builtin ]; then
    python3 "$here/grow-catalog.py" "$size" "$here/../Data/catalog.yaml" > "$dir/catalog.yaml"
    catalog_args=(--catalog "$dir/catalog.yaml")
  fi
  runs=${BENCH_RUNS:-$([ "$size" = builtin ] && echo 30 || echo 5)}
  "$backplan" catalog list --json "${catalog_args[@]}" > "$dir/moves.json"
  layout "$dir/hugo"
  content "$dir/hugo" "$dir/moves.json"
  hugo --quiet -s "$dir/hugo" -d "$dir/hugo-out" >/dev/null
  "$backplan" site --output "$dir/backplan-out" "${catalog_args[@]}" >/dev/null
  echo "$size: pages: backplan $(find "$dir/backplan-out" -name '*.html' | wc -l), hugo $(find "$dir/hugo-out" -name '*.html' | wc -l)"
  site=("$backplan" site --output "$dir/backplan-out" "${catalog_args[@]}")
  hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$dir/times.json" \
    --command-name "backplan site (clean)" \
    --command-name "backplan site (up to date)" \
    --command-name "hugo (clean)" \
    --prepare "rm -rf '$dir/backplan-out'" --prepare "true" --prepare "rm -rf '$dir/hugo-out'" \
    "${site[*]}" "${site[*]}" \
    "hugo --quiet -s '$dir/hugo' -d '$dir/hugo-out'" >/dev/null
  summary "$dir/times.json" "$size"
  rm -rf "$dir/backplan-out" "$dir/hugo-out"
  echo "$size: backplan site (clean): $(peak "${site[@]}")"
  echo "$size: backplan site (up to date): $(peak "${site[@]}")"
  echo "$size: hugo (clean): $(peak hugo --quiet -s "$dir/hugo" -d "$dir/hugo-out")"
  rm -rf "$dir"
done
