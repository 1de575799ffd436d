"""The factory's task graph against the declarations it came from, read here independently:
the raw YAML of schedules, contracts and forces, and the gold models' SQL text."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import jinja2
import yaml
from conftest import REPO

PIPELINES = REPO / "pipelines"
SCHEDULES = yaml.safe_load((PIPELINES / "schedules.yaml").read_text())["schedules"]
CONTRACTS = {
    f"{f.parent.name}/{f.stem}": yaml.safe_load(f.read_text())
    for f in sorted((PIPELINES / "sources").glob("*/*.yaml"))
}
ZONES = {
    f.stem: yaml.safe_load(f.read_text())["zone"] for f in (PIPELINES / "forces").glob("*.yaml")
}
# What each gold model reads, as text: its SQL, or the `reads` of a model built in Java.
MODEL_SQL = {
    f"{f.parent.name}_{f.stem}": (
        f.with_suffix(".sql").read_text()
        if f.with_suffix(".sql").exists()
        else " ".join(yaml.safe_load(f.read_text())["reads"])
    )
    for f in (REPO / "sql" / "gold").glob("*/*.yml")
}


def tasks_running(dags, *args):
    """(dag, task) pairs whose arguments contain this sequence."""
    n = len(args)
    return [
        (d, t)
        for d in dags.values()
        for t in d.tasks
        if any(t.args[i : i + n] == args for i in range(len(t.args)))
    ]


def test_every_source_is_ingested_by_exactly_one_dag_on_its_schedule(dags):
    for source in CONTRACTS:
        found = tasks_running(dags, "--source", source, "--layer", "bronze")
        assert len(found) == 1, source
        dag, task = found[0]
        force, system = source.split("/")
        assert task.outlets == (f"bronze.{force}__{system}",)
        if dag.dag_id.startswith("ingest__"):
            assert dag.dag_id == f"ingest__{force}__{system}"
            assert dag.timezone == ZONES[force]


def test_snapshot_sources_follow_the_reference_schedule_and_the_rest_daily(dags):
    for source, contract in CONTRACTS.items():
        force, system = source.split("/")
        if contract.get("entity") == "incident":
            continue  # the live schedule
        dag = dags[f"ingest__{force}__{system}"]
        snapshot = (contract["reader"].get("layout") or "daily") == "snapshot"
        expected = SCHEDULES["reference" if snapshot else "daily"]["cron"]
        assert dag.cron == expected, source


def test_silver_follows_bronze_and_publishes_the_entity_the_contract_feeds(dags):
    for source, contract in CONTRACTS.items():
        force, system = source.split("/")
        dag = dags.get(f"ingest__{force}__{system}")
        if dag is None:
            continue
        bronze, silver = dag.tasks
        assert silver.upstream == (bronze.task_id,)
        assert silver.args[:5] == ("run", "--source", source, "--layer", "silver")
        if contract.get("entity"):
            assert f"silver.{contract['entity']}" in silver.outlets
        assert "silver.dq_issue" in silver.outlets


def test_an_area_change_rebuilds_the_located_entities(dags):
    # wards are an area entity; incidents and crimes are located in areas
    outlets = dags["ingest__england__wards"].tasks[1].outlets
    assert {"silver.area", "silver.incident", "silver.crime"} <= set(outlets)
    # nothing reads a collision: its ingest rebuilds only collisions (and the quality issues)
    assert dags["ingest__england__collisions"].tasks[1].outlets == (
        "silver.collision",
        "silver.dq_issue",
    )


def test_supervisor_live_refreshes_every_20_minutes_from_every_cad(dags):
    live = dags["supervisor_live"]
    assert live.every_minutes == 20 and live.cron is None
    incident_sources = sorted(s for s, c in CONTRACTS.items() if c.get("entity") == "incident")
    assert incident_sources == ["belgium/appels", "england/cad", "lebanon/cad"]
    bronze = [t for t in live.tasks if t.task_id.startswith("bronze__")]
    assert sorted(t.args[2] for t in bronze) == incident_sources
    silver = next(t for t in live.tasks if t.task_id == "silver")
    assert set(silver.upstream) == {t.task_id for t in bronze}
    assert "--micro-batch" in silver.args  # merged, not rebuilt, every 20 minutes
    daily_silver = [t for d in dags.values() if d.every_minutes is None for t in d.tasks]
    assert all("--micro-batch" not in t.args for t in daily_silver)
    gold = next(t for t in live.tasks if t.task_id == "gold__supervisor_live")
    assert gold.upstream == ("silver",)
    assert gold.args[:3] == ("run", "--model", "supervisor_live")
    assert live.timeout_minutes < live.every_minutes  # a run ends before the next starts


def test_every_gold_model_is_built_by_exactly_one_task(dags):
    for model in MODEL_SQL:
        found = tasks_running(dags, "--model", model)
        assert len(found) == 1, model
        assert found[0][1].outlets == (f"gold.{model}",)


def test_a_model_task_follows_the_models_it_reads_in_its_dag(dags):
    for dag in dags.values():
        ids = {t.task_id for t in dag.tasks}
        for task in dag.tasks:
            if task.task_id.startswith("gold__"):
                model = task.task_id[len("gold__") :]
                reads = set(re.findall(r"\bgold\.([a-z0-9_]+)", MODEL_SQL[model]))
                for upstream in reads:
                    if f"gold__{upstream}" in ids:
                        assert f"gold__{upstream}" in task.upstream, (dag.dag_id, model)


def test_gold_domain_dags_run_when_a_table_they_read_is_refreshed(dags):
    gold = [d for d in dags.values() if d.dag_id.startswith("gold__")]
    assert gold, "no gold__<domain> DAG"
    for dag in gold:
        domain = dag.dag_id[len("gold__") :]
        assert dag.cron is None and dag.every_minutes is None and dag.triggers
        sql = " ".join(sql for m, sql in MODEL_SQL.items() if m.startswith(domain + "_"))
        named = set(re.findall(r"\b(?:silver|gold)\.[a-z0-9_]+", sql))
        own = {f"gold.{t.task_id[len('gold__') :]}" for t in dag.tasks}
        assert set(dag.triggers) == named - own, domain
    assert dags["gold__crime"].triggers == ("silver.crime",)


def test_reports_and_the_morning_publication(dags):
    weekly = dags["reports__weekly"]
    assert weekly.cron == "0 6 * * 1"
    assert {t.task_id for t in weekly.tasks} == {
        "gold__compstat_weekly",
        "gold__mayor_weekly",
        "gold__dq_coding_errors_weekly",
    }
    assert dags["reports__monthly"].cron == "0 6 1 * *"
    morning = dags["publication__morning"]
    assert morning.cron == "0 5 * * *"
    (check,) = morning.tasks
    assert check.args[:3] == ("freshness", "--schedule", "daily")
    # checked from 05:00 every 10 minutes until the 07:00 deadline
    assert check.retries == 12
    assert dags["maintenance"].tasks[0].args == ("maintain",)


def test_every_task_has_an_owner_retries_and_a_timeout(dags):
    for dag in dags.values():
        assert dag.owner and dag.retries >= 0 and dag.timeout_minutes > 0, dag.dag_id
        assert dag.tasks, dag.dag_id
        ids = [t.task_id for t in dag.tasks]
        assert len(ids) == len(set(ids)), dag.dag_id
        for task in dag.tasks:
            assert set(task.upstream) <= set(ids), (dag.dag_id, task.task_id)


class Moment:
    """What Airflow hands templates as data_interval_start/end (a pendulum DateTime)."""

    def __init__(self, text):
        self.value = datetime.fromisoformat(text)

    def in_timezone(self, tz):
        return self.value.astimezone(ZoneInfo(tz))


class Macros:
    from datetime import timedelta


def render(arg, start, end):
    return (
        jinja2.Environment()
        .from_string(arg)
        .render(data_interval_start=Moment(start), data_interval_end=Moment(end), macros=Macros)
    )


def interval(task, start, end):
    args = [render(a, start, end) for a in task.args]
    return args[args.index("--from") + 1], args[args.index("--to") + 1]


def test_the_data_interval_becomes_whole_local_days(dags):
    bronze = dags["ingest__england__rms"].tasks[0]
    # the 01:30 run of 2026-11-23 covers 2026-11-22
    assert interval(bronze, "2026-11-22T01:30:00+00:00", "2026-11-23T01:30:00+00:00") == (
        "2026-11-22",
        "2026-11-23",
    )
    # in summer, 00:30 UTC is 01:30 in London: still the local day before
    assert interval(bronze, "2026-07-01T00:30:00+00:00", "2026-07-02T00:30:00+00:00") == (
        "2026-07-01",
        "2026-07-02",
    )
    # a 20-minute window lies in one day, which is then the interval
    live = dags["supervisor_live"].tasks[0]
    assert interval(live, "2026-11-23T09:20:00+00:00", "2026-11-23T09:40:00+00:00") == (
        "2026-11-23",
        "2026-11-24",
    )
    beirut = dags["ingest__lebanon__crimes"].tasks[0]
    assert interval(beirut, "2026-11-22T23:30:00+00:00", "2026-11-23T23:30:00+00:00") == (
        "2026-11-23",
        "2026-11-24",
    )
