"""Stand-in for the apache-spark provider's SparkSubmitOperator (see ../../../../../README.md)."""

from airflow import _current


class SparkSubmitOperator:
    def __init__(
        self,
        *,
        task_id,
        application,
        java_class=None,
        application_args=None,
        conn_id="spark_default",
        name="arrow-spark",
        env_vars=None,
        outlets=None,
        retries=None,
    ):
        self.task_id = task_id
        self.application = application
        self.java_class = java_class
        self.application_args = application_args
        self.conn_id = conn_id
        self.name = name
        self.env_vars = env_vars
        self.outlets = outlets or []
        self.retries = retries
        self.upstream_task_ids = set()
        _current[-1].tasks[task_id] = self

    def __rshift__(self, other):
        other.upstream_task_ids.add(self.task_id)
        return other
