"""The Python factory and `bluelamp run --schedule` read schedules.yaml the same way: the plan's
resolution equals `bluelamp schedules --json` from the shaded jar (built by `mvn package`, before
Maven runs these tests)."""

import json

import pytest
from conftest import bluelamp
from test_plan import render

from bluelamp_plan import resolve_schedules


@pytest.fixture(scope="module")
def java_schedules():
    out = bluelamp("schedules", "--json").stdout
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


def test_the_command_line_accepts_the_arguments_of_every_task(dags):
    """Each distinct shape of task arguments (command, options, layer) parsed by the jar's own
    command line: with --help it parses everything, then prints usage instead of running."""
    shapes = {}
    for dag in dags.values():
        for task in dag.tasks:
            args = [
                render(a, "2026-11-22T01:30:00+00:00", "2026-11-23T01:30:00+00:00")
                for a in task.args
            ]
            layer = args[args.index("--layer") + 1] if "--layer" in args else None
            options = tuple(a for a in args if a.startswith("--"))
            shapes.setdefault((args[0], options, layer), args)
    assert len(shapes) >= 5
    for args in shapes.values():
        result = bluelamp(*args, "--help", check=False)
        assert result.returncode == 0, (args, result.stderr[-2000:])
