#!/usr/bin/env bash
# Quick start: install, then run the main job on the shipped example data
# (validate, SLA, report, site build).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=./use-node.sh
. scripts/use-node.sh
npm ci --no-audit --no-fund
npm run main
