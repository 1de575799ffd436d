"""The DAG plan: which Airflow DAGs the pipelines declare, their schedules and their tasks.

Nothing here imports Airflow, so the plan is tested without it (dags/tests/). It reads, at parse
time, only small declaration files: pipelines/schedules.yaml, the source contracts, forces and
entities, and the gold models' SQL (for the tables each reads). No Spark, no lake, no network.

The schedules are resolved exactly as `bluelamp schedules --json` resolves them in Java; a test
compares the two, so what Airflow runs and what `bluelamp run --schedule NAME` runs cannot drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

MAIN_CLASS = "org.bluelamp.cli.Main"
DQ_ISSUES = "dq_issue"  # silver.dq_issue: rebuilt by every silver run
TABLE_REFERENCE = re.compile(r"\b(silver|gold|ops)\.([a-z0-9_]+)\b")

# The data interval of a run as whole local days [from, to): the days the Airflow data interval
# touches, at least one (a 20-minute interval lies within one day).
FROM_DAY = "{{{{ data_interval_start.in_timezone('{tz}').strftime('%Y-%m-%d') }}}}"
TO_DAY = (
    "{{{{ [data_interval_end.in_timezone('{tz}').date(),"
    " data_interval_start.in_timezone('{tz}').date() + macros.timedelta(days=1)] | max }}}}"
)
TODAY = "{{{{ data_interval_end.in_timezone('{tz}').strftime('%Y-%m-%d') }}}}"


class PlanError(ValueError):
    """A declaration the plan cannot use; the message names the file and the fix."""


@dataclass(frozen=True)
class Source:
    force: str
    system: str
    entity: str | None
    layout: str

    @property
    def name(self) -> str:
        return f"{self.force}/{self.system}"

    @property
    def bronze(self) -> str:
        return f"bronze.{self.force}__{self.system}"


@dataclass(frozen=True)
class Model:
    name: str
    domain: str
    reads: frozenset[str]

    def reads_in(self, schema: str) -> set[str]:
        return {t.split(".", 1)[1] for t in self.reads if t.startswith(schema + ".")}


@dataclass(frozen=True)
class Project:
    root: Path
    zones: dict[str, str]
    entities: dict[str, dict]
    sources: list[Source]
    models: list[Model]
    schedules: dict

    def source(self, name: str) -> Source:
        for s in self.sources:
            if s.name == name:
                return s
        raise PlanError(f"pipelines/schedules.yaml: unknown source '{name}' (use <force>/<system>)")

    def model(self, name: str) -> Model:
        for m in self.models:
            if m.name == name:
                return m
        raise PlanError(f"pipelines/schedules.yaml: unknown gold model '{name}'")

    def upstream(self, entity: str) -> set[str]:
        """Entities built before this one: the area entities if it is located, and its reads."""
        spec = self.entities[entity]
        found = set(spec.get("reads") or [])
        if spec.get("areas"):
            found |= {n for n, e in self.entities.items() if e.get("geometry") == "area"}
        return found

    def reached_by(self, sources: list[Source]) -> set[str]:
        """Silver entities new data in these sources reaches, transitively."""
        reached = {s.entity for s in sources if s.entity}
        grew = bool(reached)
        while grew:
            more = {n for n in self.entities if n not in reached and self.upstream(n) & reached}
            reached |= more
            grew = bool(more)
        return reached


def _read_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


def load_project(root: Path) -> Project:
    """Reads the declarations of a Bluelamp checkout (the folder holding pipelines/ and sql/)."""
    pipelines = root / "pipelines"
    if not (pipelines / "schedules.yaml").is_file():
        raise PlanError(
            f"no pipelines/schedules.yaml under {root}: set BLUELAMP_REPO to a checkout"
        )
    zones = {}
    for f in sorted((pipelines / "forces").glob("*.yaml")):
        force = _read_yaml(f)
        zones[force["id"]] = force["zone"]
    entities = {}
    for f in sorted((pipelines / "entities").glob("*.yaml")):
        entity = _read_yaml(f)
        entities[entity["entity"]] = entity
    sources = []
    for f in sorted((pipelines / "sources").glob("*/*.yaml")):
        contract = _read_yaml(f)
        reader = contract.get("reader") or {}
        sources.append(
            Source(
                force=f.parent.name,
                system=contract["system"],
                entity=contract.get("entity"),
                layout=str(reader.get("layout", "daily")).lower(),
            )
        )
    sources.sort(key=lambda s: f"{s.force}__{s.system}")
    models = []
    gold = root / "sql" / "gold"
    for f in sorted(gold.glob("*/*.yml")):
        sql_file = f.with_suffix(".sql")
        if sql_file.exists():
            text = sql_file.read_text(encoding="utf-8")
        else:
            # A model built in Java lists the tables it reads in its YAML.
            text = " ".join(_read_yaml(f).get("reads") or [])
        reads = frozenset(f"{m.group(1)}.{m.group(2)}" for m in TABLE_REFERENCE.finditer(text))
        models.append(Model(f"{f.parent.name}_{f.stem}", f.parent.name, reads))
    return Project(root, zones, entities, sources, models, _read_yaml(pipelines / "schedules.yaml"))


def resolve_schedules(project: Project) -> list[dict]:
    """Every schedule with its sources and models resolved, in file order, shaped as
    `bluelamp schedules --json` prints them."""
    defaults = project.schedules["defaults"]
    declared = project.schedules["schedules"]
    claimed: dict[str, str] = {}
    sources: dict[str, list[str]] = {}
    rest = None
    for name, s in declared.items():
        selector = s.get("sources")
        if selector is None:
            continue
        if selector == "rest":
            rest = name
            continue
        if isinstance(selector, dict):
            chosen = [
                src.name
                for src in project.sources
                if ("entity" not in selector or src.entity == selector["entity"])
                and ("layout" not in selector or src.layout == selector["layout"])
            ]
        else:
            chosen = [project.source(n).name for n in selector]
        for n in chosen:
            if n in claimed:
                raise PlanError(f"schedules.yaml: {n} is in '{claimed[n]}' and '{name}'")
            claimed[n] = name
        sources[name] = chosen
    if rest is not None:
        sources[rest] = [s.name for s in project.sources if s.name not in claimed]

    named = {m for s in declared.values() if isinstance(s.get("models"), list) for m in s["models"]}
    resolved = []
    for name, s in declared.items():
        mine = sources.get(name, [])
        models = s.get("models") or []
        if models == "downstream":
            models = _downstream(project, mine, named)
        else:
            for m in models:
                project.model(m)

        def setting(key, s=s):
            return s.get(key, defaults.get(key))

        resolved.append(
            {
                "name": name,
                "dag": s.get("dag", name),
                "cron": s.get("cron"),
                "every_minutes": s.get("every_minutes"),
                "timezone": setting("timezone"),
                "sources": mine,
                "models": list(models),
                "checks": s.get("checks"),
                "deadline": s.get("deadline"),
                "command": s.get("command"),
                "owner": setting("owner"),
                "retries": setting("retries"),
                "retry_delay_minutes": setting("retry_delay_minutes"),
                "timeout_minutes": setting("timeout_minutes"),
            }
        )
    return resolved


def _downstream(project: Project, sources: list[str], named: set[str]) -> list[str]:
    reached = project.reached_by([project.source(n) for n in sources]) | {DQ_ISSUES}
    selected: set[str] = set()
    grew = True
    while grew:
        more = {
            m.name
            for m in project.models
            if m.name not in selected
            and (m.reads_in("silver") & reached or m.reads_in("gold") & selected)
        }
        selected |= more
        grew = bool(more)
    return [m.name for m in project.models if m.name in selected and m.name not in named]


@dataclass(frozen=True)
class Task:
    """One spark-submit of the shaded jar: `args` are the `bluelamp` command's arguments (Jinja
    templates for the data interval); `outlets` are the lake tables it refreshes."""

    task_id: str
    args: tuple[str, ...]
    upstream: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    retries: int | None = None  # None: the DAG's


@dataclass(frozen=True)
class Dag:
    dag_id: str
    description: str
    timezone: str
    owner: str
    retries: int
    retry_delay_minutes: int
    timeout_minutes: int
    cron: str | None = None
    every_minutes: int | None = None
    triggers: tuple[str, ...] = ()  # lake tables: the DAG runs when any of them is refreshed
    tasks: tuple[Task, ...] = field(default_factory=tuple)
    tags: tuple[str, ...] = ()


def _interval(tz: str) -> tuple[str, ...]:
    return ("--from", FROM_DAY.format(tz=tz), "--to", TO_DAY.format(tz=tz))


def _model_tasks(
    project: Project, models: list[str], tz: str, after: tuple[str, ...]
) -> list[Task]:
    tasks = []
    for name in models:
        model = project.model(name)
        inside = tuple(f"gold__{m}" for m in sorted(model.reads_in("gold") & set(models)))
        tasks.append(
            Task(
                task_id=f"gold__{name}",
                args=("run", "--model", name, *_interval(tz)),
                upstream=inside or after,
                outlets=(f"gold.{name}",),
            )
        )
    return tasks


def _silver_outlets(project: Project, sources: list[Source]) -> tuple[str, ...]:
    reached = project.reached_by(sources) | {DQ_ISSUES}
    return tuple(f"silver.{e}" for e in sorted(reached))


def _layer(sources: list[Source], layer: str, tz: str) -> tuple[str, ...]:
    """`bluelamp run` of one layer for these sources over the run's days."""
    selection = tuple(a for src in sources for a in ("--source", src.name))
    return ("run", *selection, "--layer", layer, *_interval(tz))


def _ingest_tasks(
    project: Project, sources: list[Source], tz: str, prefix: bool, micro_batch: bool = False
) -> list[Task]:
    """Bronze of each source (in parallel), then the silver entities their data reaches (merged,
    not rebuilt, in a micro-batch)."""
    bronze = [
        Task(
            f"bronze__{src.force}__{src.system}" if prefix else "bronze",
            _layer([src], "bronze", tz),
            outlets=(src.bronze,),
        )
        for src in sources
    ]
    silver = Task(
        "silver",
        _layer(sources, "silver", tz) + (("--micro-batch",) if micro_batch else ()),
        upstream=tuple(t.task_id for t in bronze),
        outlets=_silver_outlets(project, sources),
    )
    return [*bronze, silver]


def _settings(s: dict) -> dict:
    keys = ("owner", "retries", "retry_delay_minutes", "timeout_minutes", "timezone")
    return {k: s[k] for k in keys}


def _timing(s: dict) -> dict:
    return {"cron": s["cron"], "every_minutes": s["every_minutes"]}


def build_dags(project: Project) -> list[Dag]:
    """Every DAG the declarations call for:
    - ingest__<force>__<system> for each source of a schedule with `models: downstream`:
      bronze, then the silver entities its data reaches, at the schedule's time in the force's
      zone;
    - gold__<domain> for the downstream models, run whenever a table they read is refreshed;
    - one DAG per other schedule: sources and named models in one chain (supervisor_live),
      named models (reports), a freshness check by its deadline (the morning publication), or a
      command (maintenance).
    """
    dags = []
    downstream: list[str] = []
    for s in resolve_schedules(project):
        declared = project.schedules["schedules"][s["name"]]
        if s["sources"] and declared.get("models") == "downstream":
            for src in (project.source(n) for n in s["sources"]):
                zone = project.zones[src.force]
                dags.append(
                    Dag(
                        dag_id=f"ingest__{src.force}__{src.system}",
                        description=f"{src.name} into bronze and silver ({s['name']} schedule)",
                        tags=("bluelamp", "ingest", src.force, s["name"]),
                        tasks=tuple(_ingest_tasks(project, [src], zone, prefix=False)),
                        **{**_settings(s), "timezone": zone},
                        **_timing(s),
                    )
                )
            downstream += [m for m in s["models"] if m not in downstream]
        else:
            dags.append(_schedule_dag(project, s, declared))
    dags += _gold_dags(project, downstream)
    return dags


def _schedule_dag(project: Project, s: dict, declared: dict) -> Dag:
    tz = s["timezone"]
    sources = [project.source(n) for n in s["sources"]]
    # A schedule every few minutes is a micro-batch (as `bluelamp run --schedule` runs it).
    micro_batch = s["every_minutes"] is not None
    tasks = _ingest_tasks(project, sources, tz, True, micro_batch) if sources else []
    tasks += _model_tasks(project, s["models"], tz, ("silver",) if sources else ())
    if s["checks"]:
        since = TODAY.format(tz=tz)
        check = ("freshness", "--schedule", s["checks"], "--since", since)
        tasks.append(Task("freshness", check, retries=_retries_until(s)))
    if s["command"]:
        tasks.append(Task(s["command"], (s["command"],)))
    return Dag(
        dag_id=s["dag"],
        description=" ".join(declared.get("description", "").split()),
        tags=("bluelamp", s["name"]),
        tasks=tuple(tasks),
        **_settings(s),
        **_timing(s),
    )


def _gold_dags(project: Project, downstream: list[str]) -> list[Dag]:
    """One DAG per gold domain of the downstream models, run when any table they read (that they
    do not build themselves) is refreshed."""
    settings = _settings(project.schedules["defaults"])
    dags = []
    for domain in sorted({project.model(m).domain for m in downstream}):
        models = [m for m in project.models if m.domain == domain and m.name in downstream]
        reads = {t for m in models for t in m.reads if not t.startswith("ops.")}
        triggers = tuple(sorted(reads - {f"gold.{m.name}" for m in models}))
        dags.append(
            Dag(
                dag_id=f"gold__{domain}",
                description=f"gold.{domain}_* rebuilt whenever a table they read is refreshed",
                triggers=triggers,
                tags=("bluelamp", "gold", domain),
                tasks=tuple(
                    _model_tasks(project, [m.name for m in models], settings["timezone"], ())
                ),
                **settings,
            )
        )
    return dags


def _retries_until(schedule: dict) -> int:
    """Retries of a check that starts at the schedule's time and must pass by its deadline."""
    fields = (schedule["cron"] or "").split()
    if len(fields) != 5 or not (fields[0].isdigit() and fields[1].isdigit()):
        return schedule["retries"]
    hour, minute = (int(x) for x in schedule["deadline"].split(":"))
    window = (hour * 60 + minute) - (int(fields[1]) * 60 + int(fields[0]))
    if window <= 0:
        raise PlanError(
            f"schedules.yaml: {schedule['name']}: deadline {schedule['deadline']} is before its start"
        )
    return window // schedule["retry_delay_minutes"]
