#!/usr/bin/env bash
# The Debian packages TIMPORA needs, per purpose: the one list of them (docs/development.md).
#
#   deploy/system-packages.sh run|test|ci|messages|bench   check; install what is missing
#   deploy/system-packages.sh --check PURPOSE              check only, never install
#   deploy/system-packages.sh --list PURPOSE               print the packages and why
#
# What is already installed is found with one dpkg-query call, so a second run costs nothing.
# As root on Debian (apt-get present) the missing packages are installed. Otherwise the script
# prints the one command that installs them and exits 0, so that `make run` / `make test` go
# on: the tests that need a missing package skip and name it (in CI they fail instead).
set -euo pipefail

# purposes: run (the app: `make run`, production), test (`make test`), ci (`.ci/run`),
# messages (`make messages`), bench (`bench/run.sh`).
# Columns: the purposes that need the package, the package, other packages that also satisfy the
# need (dpkg-query patterns, "-" for none), why it is needed.
TABLE='
run,test,ci,bench  libpango-1.0-0       -                     WeasyPrint lays out the minutes and monthly-report PDFs with Pango
run,test,ci,bench  libpangoft2-1.0-0    -                     WeasyPrint finds and loads fonts through Pango (FreeType and fontconfig)
run,test,ci,bench  libharfbuzz0b        -                     WeasyPrint shapes text with HarfBuzz
run,test,ci,bench  libharfbuzz-subset0  -                     WeasyPrint embeds only the glyphs used; without it WeasyPrint warns (an error under the test settings)
run,test,ci,bench  fonts-dejavu-core    -                     a font with the Latin letters and punctuation the PDFs print; without fonts the PDFs have no text
test,ci            chromium             -                     the browser tests (tests/e2e/) drive Chromium, from Debian, through Playwright
test,ci            default-jre-headless openjdk-[0-9]*-jre-headless Java for the Nu Html Checker (vnu.jar, from npm) that checks the HTML of every page
test,ci,messages   gettext              -                     xgettext for the translation-catalogue test; makemessages and compilemessages
ci                 postgresql-client    postgresql-client-[0-9]* pg_isready and psql, with which .ci/run waits for PostgreSQL and creates the database
ci                 redis-tools          -                     redis-cli, with which .ci/run waits for Redis
bench              wrk                  -                     bench/pages.py loads the pages with wrk
'

usage() {
  echo "usage: $0 [--check|--list] run|test|ci|messages|bench" >&2
  exit 2
}

mode=install
case "${1:-}" in
  --check) mode=check; shift ;;
  --list) mode=list; shift ;;
esac
[ $# -eq 1 ] || usage
purpose=$1
case "$purpose" in run|test|ci|messages|bench) ;; *) usage ;; esac

wanted=()    # the packages of this purpose
patterns=()  # what dpkg-query asks about: the packages and their alternatives
declare -A alternatives=()
while read -r purposes package others why; do
  [ -n "${purposes:-}" ] || continue
  case ",$purposes," in *",$purpose,"*) ;; *) continue ;; esac
  if [ "$mode" = list ]; then
    printf '%-20s %s\n' "$package" "$why"
    continue
  fi
  wanted+=("$package")
  patterns+=("$package")
  if [ "$others" != - ]; then
    alternatives[$package]=$others
    patterns+=("$others")
  fi
done <<<"$TABLE"
[ "$mode" != list ] || exit 0

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-packages: not a Debian system; for $purpose TIMPORA needs the equivalents of:" \
    "${wanted[*]} (see docs/development.md)" >&2
  exit 0
fi

declare -A state=()  # package -> dpkg's status of it ("installed", "config-files", ...)
while read -r package status; do
  [ -n "$package" ] && state[$package]=$status
done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${patterns[@]}" 2>/dev/null || true)

satisfied() {  # a package, or an alternative: installed under a name matching the pattern
  local name
  [ "${state[$1]:-}" = installed ] && return 0
  for name in "${!state[@]}"; do
    # shellcheck disable=SC2053 # the alternative is a glob pattern
    [[ $name == $1 && ${state[$name]} == installed ]] && return 0
  done
  return 1
}

missing=()
for package in "${wanted[@]}"; do
  satisfied "$package" && continue
  [ -n "${alternatives[$package]:-}" ] && satisfied "${alternatives[$package]}" && continue
  missing+=("$package")
done
[ ${#missing[@]} -gt 0 ] || exit 0

command_line="sudo apt-get install -y ${missing[*]}"
if [ "$mode" = check ] || [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-packages: missing for $purpose: ${missing[*]}" >&2
  echo "  install them with:  $command_line" >&2
  echo "  (until then the tests that need them skip and say why; see docs/development.md)" >&2
  exit 0
fi

echo "system-packages: installing for $purpose: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
apt() { apt-get -qq "$@" >>"$log" 2>&1; }  # quiet; the output is shown only when it fails
updated=no
# Fresh images ship without package lists: fetch them only when a package has no candidate.
for package in "${missing[@]}"; do
  if ! apt-cache show "$package" >/dev/null 2>&1; then
    apt update || true
    updated=yes
    break
  fi
done
if ! apt install -y "${missing[@]}"; then
  # Stale lists name files the mirror no longer has: refresh them once and try again.
  if [ "$updated" = yes ] || ! { apt update && apt install -y "${missing[@]}"; }; then
    cat "$log" >&2
    echo "system-packages: apt-get could not install: ${missing[*]}" >&2
    # In CI a missing package is a failure; elsewhere the tests that need it skip.
    [ "${CI:-}" = true ] && exit 1
    exit 0
  fi
fi
