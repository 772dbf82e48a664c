#!/usr/bin/env bash
# Runs podfeed for action.yml: build (when PODFEED_BUILD is set), then
# validate with findings as workflow annotations, and optionally a SARIF
# report. The step fails as podfeed's exit status says.
set -euo pipefail

podfeed="${PODFEED:?podfeed binary not installed}"
status=0

if [[ -n "${PODFEED_BUILD:-}" ]]; then
	read -r -a build_args <<<"${PODFEED_BUILD_ARGS:-}"
	echo "::group::podfeed build ${PODFEED_BUILD}"
	"$podfeed" build "${build_args[@]}" "$PODFEED_BUILD" || status=$?
	echo "::endgroup::"
	if [[ "$status" -ne 0 ]]; then
		echo "::error title=podfeed build::podfeed build ${PODFEED_BUILD} failed (exit status $status)"
		exit "$status"
	fi
fi

feeds=()
if [[ "${PODFEED_VALIDATE:-}" == "none" ]]; then
	exit 0
elif [[ -n "${PODFEED_VALIDATE:-}" ]]; then
	read -r -d '' -a feeds <<<"$PODFEED_VALIDATE" || true
elif [[ -n "${PODFEED_BUILD:-}" && -z "${PODFEED_VALIDATE_FROM:-}" ]]; then
	feeds=("${PODFEED_BUILD%/}/public/feed.xml")
fi

args=(--fail-on "${PODFEED_FAIL_ON:-error}")
[[ -n "${PODFEED_PROFILE:-}" ]] && args+=(--profile "$PODFEED_PROFILE")
if [[ -n "${PODFEED_VALIDATE_ARGS:-}" ]]; then
	read -r -a extra <<<"$PODFEED_VALIDATE_ARGS"
	args+=("${extra[@]}")
fi
from=()
[[ -n "${PODFEED_VALIDATE_FROM:-}" ]] && from=(--from "$PODFEED_VALIDATE_FROM")
if [[ "${#feeds[@]}" -eq 0 && "${#from[@]}" -eq 0 ]]; then
	echo "::error title=podfeed::nothing to validate: set build, validate or validate-from"
	exit 2
fi

if [[ -n "${PODFEED_SARIF:-}" ]]; then
	# A report of every feed for code scanning; the step's exit status is
	# the annotated run's below.
	"$podfeed" validate "${args[@]}" --fail-on none --format sarif "${from[@]}" "${feeds[@]}" >"$PODFEED_SARIF" || true
	echo "sarif=$PODFEED_SARIF" >>"$GITHUB_OUTPUT"
fi

if [[ "${#feeds[@]}" -eq 1 && "${#from[@]}" -eq 0 ]]; then
	"$podfeed" validate "${args[@]}" --format github-actions "${feeds[0]}" || status=$?
else
	"$podfeed" validate "${args[@]}" --format github-actions "${from[@]}" "${feeds[@]}" || status=$?
fi
exit "$status"
