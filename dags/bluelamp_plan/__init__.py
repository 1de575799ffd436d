"""Airflow-independent core of Bluelamp's DAG factory: reads pipelines/ and sql/gold/ and says
which DAGs exist, what each task runs and how tasks depend on each other (see plan.py)."""

from .plan import Dag, Project, Task, build_dags, load_project, resolve_schedules

__all__ = ["Dag", "Project", "Task", "build_dags", "load_project", "resolve_schedules"]
