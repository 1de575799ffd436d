import os
import subprocess
import sys
from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parent.parent
REPO = DAGS.parent
sys.path.insert(0, str(DAGS))

from bluelamp_plan import build_dags, load_project

JARS = sorted((REPO / "jobs" / "target").glob("bluelamp-jobs-*.jar"))


def bluelamp(*args, check=True):
    """`bluelamp ARGS` from the shaded jar the build made (mvn -DskipTests package)."""
    if not JARS:
        pytest.fail(
            "jobs/target/bluelamp-jobs-*.jar is missing: build it (mvn -DskipTests package)"
        )
    env = {**os.environ, "BLUELAMP_REPO": str(REPO), "SPARK_LOCAL_IP": "127.0.0.1"}
    return subprocess.run(
        ["java", "-jar", str(JARS[-1]), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=check,
    )


@pytest.fixture(scope="session")
def project():
    return load_project(REPO)


@pytest.fixture(scope="session")
def dags(project):
    return {d.dag_id: d for d in build_dags(project)}
