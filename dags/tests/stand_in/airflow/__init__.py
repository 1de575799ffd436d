"""Stand-in for airflow.DAG (see ../README.md)."""

_current = []


class DAG:
    def __init__(
        self,
        dag_id,
        description=None,
        schedule=None,
        start_date=None,
        catchup=None,
        max_active_runs=None,
        tags=None,
        default_args=None,
    ):
        self.dag_id = dag_id
        self.description = description
        self.schedule = schedule
        self.start_date = start_date
        self.catchup = catchup
        self.max_active_runs = max_active_runs
        self.tags = tags
        self.default_args = default_args
        self.tasks = {}

    def __enter__(self):
        _current.append(self)
        return self

    def __exit__(self, *exc):
        _current.pop()
