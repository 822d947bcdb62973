#!/usr/bin/env bash
# Quick start: install, then run the main job on the shipped example data
# (validate, SLA, report, site build), as of the instant inside the example's story that
# package.json's config.exampleAt holds (docs/example-organisation.md).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=./use-node.sh
. scripts/use-node.sh
npm ci --no-audit --no-fund
npm run main
