#!/usr/bin/env bash
# The pull-request check, exactly as the workflow runs it (the test suite runs it on a fixture PR).
# The workflow runs the TARGET branch's copy of this script, in a checkout of the target branch whose
# catalogs/ were replaced by the PR's (data only); the base revision is then HEAD.
# It validates everything against the target branch, writes the Chinese summary for the PR comment,
# and exits non-zero when the catalogs have errors.
# Usage: pr-check.sh <base revision, e.g. HEAD or origin/main> <comment file>
set -uo pipefail
base="${1:?缺少基准版本（目标分支，如 origin/main）}"
out="${2:?缺少评论文件的路径}"
python="${PYTHON:-python}"
$python -m generator check --base "$base"
status=$?
{
  echo "<!-- village-catalogs-check -->"
  $python -m generator diff --base "$base"
} > "$out"
exit "$status"
