#!/usr/bin/env bash
# Pins the module dependency direction and "each third-party header in one
# module" (STYLE.md): CMake link visibility alone cannot enforce it, because
# system headers are visible to every file.
#   base    <- nothing of ours
#   crawler -> base
#   extract -> base
#   rules   -> base, extract/article.h
#   store   -> base, extract/article.h, extract/simhash.h (no Gumbo), rules/findings.h
#   app     -> anything; nothing includes app/
set -u
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root" || exit 2
fail=0

# allowed_ours MODULE REGEX: every `#include "x/..."` of MODULE must match REGEX.
allowed_ours() {
  local module=$1 allowed=$2 line
  while IFS= read -r line; do
    echo "include direction: $line"
    fail=1
  done < <(grep -HnE '^#include "[a-z_]+/' "$module"/*.h "$module"/*.cc 2>/dev/null |
           grep -vE "#include \"($allowed)")
}
allowed_ours base    'base/'
allowed_ours crawler 'base/|crawler/'
allowed_ours extract 'base/|extract/'
allowed_ours rules   'base/|rules/|extract/article\.h'
allowed_ours store   'base/|store/|extract/article\.h|extract/simhash\.h|rules/findings\.h'

# only_in HEADER_REGEX MODULE: the third-party header is included by MODULE only.
only_in() {
  local pattern=$1 module=$2 line
  while IFS= read -r line; do
    echo "third-party header outside $module/: $line"
    fail=1
  done < <(grep -rHnE "^#include <($pattern)" base crawler extract rules store app 2>/dev/null |
           grep -v "^$module/")
}
only_in 'curl/|libxml/' crawler
only_in 'gumbo\.h|uchardet|iconv\.h' extract
only_in 're2/' rules
only_in 'SQLiteCpp/|sqlite3\.h' store
only_in 'toml\+\+/|spdlog/|nlohmann/' base
only_in 'CLI/|systemd/' app

if [ "$fail" -ne 0 ]; then exit 1; fi
echo "include rules hold"
