"""Query Bluelamp's Trino from a notebook: `query(sql)` returns a pandas DataFrame.

Speaks Trino's client protocol over HTTP (POST /v1/statement, then follow nextUri) with the
standard library only, so a notebook needs no driver. Where and as whom, from the environment:
BLUELAMP_TRINO_URL (default http://127.0.0.1:8080, what `./bluelamp demo` starts) and
BLUELAMP_TRINO_USER (default `demo`, the engineer the demo adds). Trino applies that user's role:
an analyst sees pseudonymous keys and only their forces' rows.
"""

import json
import os
import urllib.request

import pandas as pd

URL = os.environ.get("BLUELAMP_TRINO_URL", "http://127.0.0.1:8080").rstrip("/")
USER = os.environ.get("BLUELAMP_TRINO_USER", "demo")


class QueryFailed(RuntimeError):
    """Trino refused or failed the query; the message is Trino's."""


def _call(request):
    with urllib.request.urlopen(request, timeout=300) as response:
        return json.load(response)


def query(sql, user=None):
    """Runs one statement in the `lake` catalog and returns its rows as a DataFrame."""
    headers = {
        "X-Trino-User": user or USER,
        "X-Trino-Catalog": "lake",
        "X-Trino-Source": "notebook",
    }
    page = _call(urllib.request.Request(f"{URL}/v1/statement", sql.encode(), headers))
    columns, rows = None, []
    while True:
        if "error" in page:
            error = page["error"]
            raise QueryFailed(
                f"{error.get('errorName')}: {error.get('message')}\n{sql}"
            )
        columns = columns or page.get("columns")
        rows.extend(page.get("data", []))
        if "nextUri" not in page:
            break
        page = _call(urllib.request.Request(page["nextUri"], headers=headers))
    return pd.DataFrame(rows, columns=[c["name"] for c in columns or []])
