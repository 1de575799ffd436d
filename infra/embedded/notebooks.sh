#!/usr/bin/env bash
# The Python the notebooks need (notebooks/requirements.txt), in a virtual environment of its own,
# created once and updated when the requirements change; then runs notebooks headless with it.
#
#   notebooks.sh VENV_DIR OUT_DIR NOTEBOOK...   executes each notebook into OUT_DIR (NotebooksIT)
#   notebooks.sh VENV_DIR                       only prepares the environment
#
# Packages come from local folders of wheels when there are (PIP_FIND_LINKS, /opt/pypi/files),
# else from the Python package index.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 VENV_DIR [OUT_DIR NOTEBOOK...]" >&2; exit 2; }
venv="$1"
shift
here="$(cd "$(dirname "$0")/../.." && pwd)"
requirements="$here/notebooks/requirements.txt"
stamp="$venv/.requirements"

if ! cmp -s "$requirements" "$stamp" 2>/dev/null; then
  echo "notebooks: preparing $venv from notebooks/requirements.txt"
  python3 -m venv "$venv" || {
    echo "notebooks: python3 cannot make a virtual environment; install python3-venv" >&2
    exit 1
  }
  # Local folders of wheels first (no network needed), then the package index.
  links=()
  for dir in ${PIP_FIND_LINKS:-} /opt/pypi/files; do
    [ -d "$dir" ] && links+=(--find-links "$dir")
  done
  { [ ${#links[@]} -gt 0 ] && "$venv/bin/pip" install -q --no-index "${links[@]}" -r "$requirements"; } \
    || "$venv/bin/pip" install -q -r "$requirements" || {
    echo "notebooks: cannot install notebooks/requirements.txt into $venv (no package index? set PIP_FIND_LINKS to a folder of wheels)" >&2
    exit 1
  }
  cp "$requirements" "$stamp"
fi

if [ $# -ge 1 ]; then
  out="$1"
  shift
  exec "$venv/bin/python" "$here/notebooks/execute.py" "$out" "$@"
fi
