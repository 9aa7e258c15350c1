#!/usr/bin/env bash
# Installs what building and testing respkit needs, when it is missing: a JDK (17+), Maven and redis-server.
# Safe to run again: it only installs what is absent. Uses apt (Debian/Ubuntu), as root or through sudo.
set -euo pipefail

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "respkit setup: installing ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "respkit setup: apt-get not found; please install ${missing[*]} yourself" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
