import sys
from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parent.parent
REPO = DAGS.parent
sys.path.insert(0, str(DAGS))

from bluelamp_plan import build_dags, load_project


@pytest.fixture(scope="session")
def project():
    return load_project(REPO)


@pytest.fixture(scope="session")
def dags(project):
    return {d.dag_id: d for d in build_dags(project)}
