"""Stand-in for the one pendulum call the DAG file makes (see README.md)."""

from datetime import datetime as _datetime
from zoneinfo import ZoneInfo


class _DateTime(_datetime):
    def in_timezone(self, tz):
        return self.astimezone(ZoneInfo(tz))


def datetime(year, month, day):
    return _DateTime(year, month, day, tzinfo=ZoneInfo("UTC"))
