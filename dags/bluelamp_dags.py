"""Bluelamp's Airflow DAGs, generated from pipelines/ (schedules.yaml and the source contracts).

Drop this file and the bluelamp_plan/ folder into Airflow's dags folder (or point the dags folder
at this one) with a Bluelamp checkout readable by the scheduler. Targets Airflow 2.9+ (Datasets,
dataset expressions) and Airflow 3 (Assets), with the apache-spark provider: every task is a
spark-submit of the shaded jar through SparkSubmitOperator, so the same DAGs drive a local master,
a standalone cluster, YARN or Kubernetes (the Spark connection decides).

Settings (environment of the scheduler and workers; read at parse time, nothing else is done then):
  BLUELAMP_REPO         checkout holding pipelines/ and sql/ (default: the folder above this file)
  BLUELAMP_JAR          the shaded jar the tasks submit (default /opt/bluelamp/bluelamp.jar)
  BLUELAMP_SPARK_CONN   Airflow connection of the Spark master (default spark_default)
  BLUELAMP_HOME         passed to the jobs: where the lake and working data live
  BLUELAMP_LAKE_URI     prefix of the dataset URIs (default bluelamp://lake/)
"""

from __future__ import annotations

import functools
import operator
import os
import sys
from datetime import timedelta
from pathlib import Path

import pendulum

sys.path.insert(0, str(Path(__file__).resolve().parent))

from airflow import DAG

from bluelamp_plan import build_dags, load_project

try:  # Airflow 3
    from airflow.sdk import Asset as Dataset
except ImportError:  # Airflow 2.4+
    from airflow.datasets import Dataset
from airflow.providers.apache.spark.operators.spark_submit import (
    SparkSubmitOperator,
)

REPO = Path(os.environ.get("BLUELAMP_REPO", Path(__file__).resolve().parent.parent))
JAR = os.environ.get("BLUELAMP_JAR", "/opt/bluelamp/bluelamp.jar")
SPARK_CONN = os.environ.get("BLUELAMP_SPARK_CONN", "spark_default")
LAKE_URI = os.environ.get("BLUELAMP_LAKE_URI", "bluelamp://lake/")
JOB_ENV = {k: v for k, v in os.environ.items() if k in ("BLUELAMP_HOME", "BLUELAMP_REPO")}
START = pendulum.datetime(2026, 1, 1)


def dataset(table: str) -> Dataset:
    return Dataset(LAKE_URI + table.replace(".", "/"))


def schedule_of(plan):
    if plan.cron:
        return plan.cron
    if plan.every_minutes:
        return timedelta(minutes=plan.every_minutes)
    # Runs whenever any table it reads is refreshed (a dataset expression, Airflow 2.9+).
    return functools.reduce(operator.or_, [dataset(t) for t in plan.triggers])


def airflow_dag(plan) -> DAG:
    with DAG(
        dag_id=plan.dag_id,
        description=plan.description,
        schedule=schedule_of(plan),
        start_date=START.in_timezone(plan.timezone),
        catchup=False,
        max_active_runs=1,
        tags=list(plan.tags),
        default_args={
            "owner": plan.owner,
            "retries": plan.retries,
            "retry_delay": timedelta(minutes=plan.retry_delay_minutes),
            "execution_timeout": timedelta(minutes=plan.timeout_minutes),
        },
    ) as dag:
        tasks = {}
        for task in plan.tasks:
            extra = {} if task.retries is None else {"retries": task.retries}
            tasks[task.task_id] = SparkSubmitOperator(
                task_id=task.task_id,
                application=JAR,
                java_class="org.bluelamp.cli.Main",
                application_args=list(task.args),
                conn_id=SPARK_CONN,
                name=f"bluelamp-{plan.dag_id}-{task.task_id}",
                env_vars=JOB_ENV,
                outlets=[dataset(t) for t in task.outlets],
                **extra,
            )
        for task in plan.tasks:
            for upstream in task.upstream:
                tasks[upstream] >> tasks[task.task_id]
    return dag


for _plan in build_dags(load_project(REPO)):
    globals()[_plan.dag_id] = airflow_dag(_plan)
