"""The Python factory and `bluelamp run --schedule` read schedules.yaml the same way: the plan's
resolution equals `bluelamp schedules --json` from the shaded jar (built by `mvn package`, before
Maven runs these tests)."""

import json
import os
import subprocess

import pytest
from conftest import REPO

from bluelamp_plan import resolve_schedules

JARS = sorted((REPO / "jobs" / "target").glob("bluelamp-jobs-*.jar"))


@pytest.fixture(scope="module")
def java_schedules():
    if not JARS:
        pytest.fail(
            "jobs/target/bluelamp-jobs-*.jar is missing: build it (mvn -DskipTests package)"
        )
    env = {**os.environ, "BLUELAMP_REPO": str(REPO), "SPARK_LOCAL_IP": "127.0.0.1"}
    out = subprocess.run(
        ["java", "-jar", str(JARS[-1]), "schedules", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    return json.loads(out[out.index("[") :])


def normalised(schedules):
    return {
        s["name"]: {**s, "sources": sorted(s["sources"]), "models": sorted(s["models"])}
        for s in schedules
    }


def test_python_resolves_every_schedule_as_java_does(project, java_schedules):
    python = normalised(resolve_schedules(project))
    java = normalised(java_schedules)
    assert list(python) == list(java)
    for name in java:
        assert python[name] == java[name], name
