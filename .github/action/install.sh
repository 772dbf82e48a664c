#!/usr/bin/env bash
# Installs podfeed for action.yml: the release PODFEED_VERSION (binary and
# checksum from the GitHub release), or, when it is empty, a build of the
# action's own source in PODFEED_SRC. Writes podfeed=PATH to
# $GITHUB_OUTPUT. PODFEED_RELEASE_URL replaces the GitHub releases URL (a
# mirror; CI points it at a snapshot served on loopback).
set -euo pipefail

dest="${RUNNER_TEMP:-/tmp}/podfeed-bin"
mkdir -p "$dest"
exe=podfeed
[[ "${RUNNER_OS:-}" == "Windows" ]] && exe=podfeed.exe

if [[ -z "${PODFEED_VERSION:-}" ]]; then
	echo "Building podfeed from the action's source ($PODFEED_SRC)"
	(cd "$PODFEED_SRC" && CGO_ENABLED=0 go build -trimpath -o "$dest/$exe" ./cmd/podfeed)
else
	version="${PODFEED_VERSION#v}"
	case "${RUNNER_OS:-$(uname -s)}" in
	Linux) os=linux ;;
	macOS | Darwin) os=darwin ;;
	Windows) os=windows ;;
	*) echo "::error title=podfeed::unsupported runner OS ${RUNNER_OS:-$(uname -s)}"; exit 1 ;;
	esac
	case "${RUNNER_ARCH:-$(uname -m)}" in
	X64 | x86_64 | amd64) arch=amd64 ;;
	ARM64 | arm64 | aarch64) arch=arm64 ;;
	*) echo "::error title=podfeed::unsupported runner architecture ${RUNNER_ARCH:-$(uname -m)}"; exit 1 ;;
	esac
	ext=tar.gz
	[[ "$os" == "windows" ]] && ext=zip
	archive="podfeed_${version}_${os}_${arch}.${ext}"
	base="${PODFEED_RELEASE_URL:-https://github.com/podfeed/podfeed/releases/download}/v${version}"
	work="$(mktemp -d)"
	echo "Downloading $base/$archive"
	curl -fsSL --retry 3 -o "$work/$archive" "$base/$archive"
	curl -fsSL --retry 3 -o "$work/checksums.txt" "$base/checksums.txt"
	(cd "$work" && grep " ${archive}\$" checksums.txt | sha256sum -c -)
	if [[ "$ext" == "zip" ]]; then
		unzip -q -o "$work/$archive" "$exe" -d "$dest"
	else
		tar -xzf "$work/$archive" -C "$dest" "$exe"
	fi
fi
"$dest/$exe" --version
echo "podfeed=$dest/$exe" >>"$GITHUB_OUTPUT"
