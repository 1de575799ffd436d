"""bluelamp_dags.py, the file Airflow parses, imported against a stand-in of the Airflow API it
calls (stand_in/README.md): every DAG of the plan exists with its schedule, tasks, dependencies,
spark-submit settings and datasets."""

import importlib
import sys
from datetime import timedelta

import pytest
from conftest import DAGS, REPO

STAND_IN = DAGS / "tests" / "stand_in"


@pytest.fixture(scope="module")
def module(monkeypatch_module):
    monkeypatch_module.setenv("BLUELAMP_JAR", "/opt/bluelamp/bluelamp-jobs.jar")
    monkeypatch_module.setenv("BLUELAMP_HOME", "/data/bluelamp")
    monkeypatch_module.setenv("BLUELAMP_REPO", str(REPO))
    monkeypatch_module.syspath_prepend(str(STAND_IN))
    sys.modules.pop("bluelamp_dags", None)
    return importlib.import_module("bluelamp_dags")


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_every_planned_dag_is_defined(module, dags):
    from airflow import DAG

    defined = {name: v for name, v in vars(module).items() if isinstance(v, DAG)}
    assert set(defined) == set(dags)
    for dag_id, plan in dags.items():
        dag = defined[dag_id]
        assert dag.dag_id == dag_id
        assert dag.catchup is False and dag.max_active_runs == 1
        assert dag.default_args["owner"] == plan.owner
        assert dag.default_args["retries"] == plan.retries
        assert dag.default_args["retry_delay"] == timedelta(minutes=plan.retry_delay_minutes)
        assert dag.default_args["execution_timeout"] == timedelta(minutes=plan.timeout_minutes)
        assert str(dag.start_date.tzinfo) == plan.timezone


def test_schedules_are_cron_intervals_or_dataset_expressions(module):
    assert module.ingest__england__rms.schedule == "30 1 * * *"
    assert module.supervisor_live.schedule == timedelta(minutes=20)
    triggers = module.gold__hotspot.schedule.uris()
    assert triggers == [
        "bluelamp://lake/silver/area",
        "bluelamp://lake/silver/collision",
        "bluelamp://lake/silver/crime",
        "bluelamp://lake/silver/incident",
        "bluelamp://lake/silver/street",
    ]


def test_tasks_submit_the_jar_with_the_plans_arguments(module, dags):
    for dag_id, plan in dags.items():
        tasks = getattr(module, dag_id).tasks
        assert list(tasks) == [t.task_id for t in plan.tasks]
        for task in plan.tasks:
            op = tasks[task.task_id]
            assert op.application == "/opt/bluelamp/bluelamp-jobs.jar"
            assert op.java_class == "org.bluelamp.cli.Main"
            assert op.application_args == list(task.args)
            assert op.env_vars == {"BLUELAMP_HOME": "/data/bluelamp", "BLUELAMP_REPO": str(REPO)}
            assert op.upstream_task_ids == set(task.upstream)
            assert [o.uri for o in op.outlets] == [
                "bluelamp://lake/" + t.replace(".", "/") for t in task.outlets
            ]
            assert op.retries == task.retries
