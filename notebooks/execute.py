"""Runs notebooks headless, top to bottom, as a reader would: `python execute.py OUT NOTEBOOK...`.

Each executed copy (outputs, charts) is written to OUT under the notebook's name. A failing cell
stops that notebook and is reported by notebook and cell number; the exit status is the number
of notebooks that failed.
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def execute(path, out):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": path.parent}},
    )
    try:
        client.execute()
        return True
    except CellExecutionError as error:
        print(f"notebooks: {path.name} failed:\n{error}", file=sys.stderr)
        return False
    finally:
        nbformat.write(notebook, out / path.name)


def main(out, paths):
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in paths:
        ok = execute(path.resolve(), out)
        print(
            f"notebooks: {path.name} {'ran' if ok else 'FAILED'} -> {out / path.name}"
        )
        failed += not ok
    return failed


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: execute.py OUT_DIR NOTEBOOK.ipynb...")
    sys.exit(main(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]))
