"""Stand-in for airflow.datasets.Dataset and its `|` expressions (see ../README.md)."""


class Dataset:
    def __init__(self, uri):
        self.uri = uri

    def __or__(self, other):
        return DatasetAny(self, other)


class DatasetAny:
    def __init__(self, *objects):
        self.objects = objects

    def __or__(self, other):
        return DatasetAny(*self.objects, other)

    def uris(self):
        return [o.uri for o in self.objects]
