#!/usr/bin/env bash
# The run step of action.yml, kept in a file so that a test runs it as the Action does (with
# GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP pointing at files of its own).
#
# In:  KOUIKI_PATHS, KOUIKI_FORMAT, KOUIKI_SARIF (true|false), KOUIKI_SARIF_FILE, KOUIKI_ARGS,
#      KOUIKI_VERSION (empty: this action's version), KOUIKI_ACTION_PATH,
#      KOUIKI_BIN (a kouiki to run instead of installing one; the test's built binary)
# Out: exit-code and sarif-file in $GITHUB_OUTPUT; the Markdown report appended to
#      $GITHUB_STEP_SUMMARY. The step itself always succeeds: the action's last step fails the
#      job with kouiki's exit code, after the SARIF upload.
set -uo pipefail

tmp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
summary="$tmp/kouiki-summary-$$.md"

if [[ -n "${KOUIKI_BIN:-}" ]]; then
  kouiki=(node "$KOUIKI_BIN")
else
  version="${KOUIKI_VERSION:-}"
  if [[ -z "$version" && -n "${KOUIKI_ACTION_PATH:-}" && -f "$KOUIKI_ACTION_PATH/package.json" ]]; then
    version="$(node -p "require(process.argv[1]).version" "$KOUIKI_ACTION_PATH/package.json")"
  fi
  kouiki=(npx --yes "kouiki@${version:-latest}")
fi

# Paths and extra arguments: split on white space (a path with a space: use a glob).
read -r -d '' -a paths <<<"${KOUIKI_PATHS:-.}" || true
read -r -d '' -a extra <<<"${KOUIKI_ARGS:-}" || true

args=(check "${paths[@]}" -f "${KOUIKI_FORMAT:-github}" -f "markdown:$summary")
sarif=""
if [[ "${KOUIKI_SARIF:-false}" == "true" ]]; then
  sarif="${KOUIKI_SARIF_FILE:-kouiki.sarif}"
  args+=(-f "sarif:$sarif")
fi
args+=("${extra[@]}")

# kouiki writes the job summary itself for -f github when GITHUB_STEP_SUMMARY is set; here the
# Markdown report is appended once, whatever the format.
# First make sure kouiki runs at all: npx exits 1 when the package cannot be installed, which
# would read as "1 = findings". A kouiki that cannot start is "2 = could not check".
if ! "${kouiki[@]}" --version >/dev/null; then
  echo "::error title=kouiki::kouiki could not be installed or started (${kouiki[*]}); nothing was checked"
  code=2
else
  env -u GITHUB_STEP_SUMMARY "${kouiki[@]}" "${args[@]}"
  code=$?
fi

if [[ -n "${GITHUB_STEP_SUMMARY:-}" && -f "$summary" ]]; then
  cat "$summary" >>"$GITHUB_STEP_SUMMARY"
fi
rm -f "$summary"
if [[ -n "$sarif" && ! -f "$sarif" ]]; then sarif=""; fi
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  {
    echo "exit-code=$code"
    echo "sarif-file=$sarif"
  } >>"$GITHUB_OUTPUT"
fi
exit 0
