"""infra/kubernetes/ cannot be applied here (no cluster, no container engine), so it is checked as
far as it can be: every manifest parses, the job template renders for every task of every DAG into
a SparkApplication that runs `bluelamp` with that task's arguments, and everything points at the
jar the build made, the image's paths, the pinned Spark and Trino, and the settings the jobs read."""

import json
import re
import zipfile
from xml.etree import ElementTree

import jinja2
import pytest
import yaml
from conftest import REPO, bluelamp
from test_plan import render

K8S = REPO / "infra" / "kubernetes"
POM = ElementTree.parse(REPO / "pom.xml").getroot()
NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def pom_property(name):
    return POM.find(f"m:properties/m:{name}", NS).text


def documents(path):
    return [d for d in yaml.safe_load_all(path.read_text()) if d is not None]


@pytest.fixture(scope="module")
def image():
    """What the Dockerfile copies where, the Spark it is built on and the jar's manifest."""
    text = (K8S / "image" / "Dockerfile").read_text()
    copies = dict(re.findall(r"^COPY (\S+) (\S+)$", text, re.MULTILINE))
    jar = next(src for src in copies if src.endswith(".jar"))
    assert (REPO / jar).is_file(), f"{jar}: build it first (mvn -DskipTests package)"
    with zipfile.ZipFile(REPO / jar) as archive:
        manifest = (
            archive.read("META-INF/MANIFEST.MF").decode().replace("\r\n ", "").replace("\n ", "")
        )
    return {
        "copies": copies,
        "jar": jar,
        "base": re.search(r"^FROM (\S+)$", text, re.MULTILINE).group(1),
        "manifest": dict(re.findall(r"^([\w-]+): (.*?)\r?$", manifest, re.MULTILINE)),
    }


def test_the_image_holds_the_jar_the_build_made_and_what_it_needs(image):
    copies, jar = image["copies"], image["jar"]
    home = copies[jar].rsplit("/", 1)[0]
    for entry in image["manifest"]["Class-Path"].split():  # relative to the jar
        folder, name = entry.rsplit("/", 1)
        source = next(src for src, dst in copies.items() if dst == f"{home}/{folder}/")
        assert (REPO / source / name).is_file(), entry
    for folder in ("pipelines/", "sql/"):
        assert copies[folder] == f"{home}/{folder}", folder
    assert f"ENV BLUELAMP_REPO={home}" in (K8S / "image" / "Dockerfile").read_text()
    assert f":{pom_property('spark.version')}-" in image["base"], image["base"]


def check_application(spec, image):
    assert spec["type"] == "Java"
    assert spec["mainClass"] == image["manifest"]["Main-Class"]
    assert spec["mainApplicationFile"] == "local://" + image["copies"][image["jar"]]
    assert spec["sparkVersion"] == pom_property("spark.version")
    env = [e["configMapRef"]["name"] for e in spec["driver"]["envFrom"] if "configMapRef" in e]
    assert env == ["bluelamp-lake"]
    assert spec["executor"]["envFrom"] == spec["driver"]["envFrom"]
    assert spec["driver"]["serviceAccount"] == "bluelamp-spark"


def job_manifest(task, kind, start, end):
    args = [render(a, start, end) for a in task.args]
    text = (
        jinja2.Environment()
        .from_string((K8S / "spark" / "job.yaml").read_text())
        .render(params={"args": args, "kind": kind}, ts_nodash="20261123T013000")
    )
    return args, yaml.safe_load(text)


def test_the_job_template_runs_every_task_of_every_dag(dags, image):
    rendered = 0
    for dag in dags.values():
        for task in dag.tasks:
            kind = task.task_id.split("__")[0].replace("_", "-")
            args, app = job_manifest(
                task, kind, "2026-11-22T01:30:00+00:00", "2026-11-23T01:30:00+00:00"
            )
            assert app["apiVersion"] == "sparkoperator.k8s.io/v1beta2"
            assert app["kind"] == "SparkApplication"
            assert app["spec"]["arguments"] == args, (dag.dag_id, task.task_id)
            assert "{{" not in json.dumps(app), (dag.dag_id, task.task_id)
            assert re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", app["metadata"]["name"])
            assert len(app["metadata"]["name"]) <= 63
            check_application(app["spec"], image)
            rendered += 1
    assert rendered > 100


def test_maintenance_runs_maintain_on_the_schedules_file_timing(image):
    (app,) = documents(K8S / "spark" / "maintenance.yaml")
    schedules = yaml.safe_load((REPO / "pipelines" / "schedules.yaml").read_text())
    maintenance = schedules["schedules"]["maintenance"]
    assert app["kind"] == "ScheduledSparkApplication"
    assert app["spec"]["schedule"] == maintenance["cron"]
    assert app["spec"]["timeZone"] == schedules["defaults"]["timezone"]
    assert app["spec"]["template"]["arguments"] == [maintenance["command"]]
    check_application(app["spec"]["template"], image)


def test_the_lake_settings_are_the_ones_the_jobs_read():
    config, secret, account, role, binding = documents(K8S / "lake" / "lake.yaml")
    java = "".join(
        (REPO / "jobs" / "src" / "main" / "java" / "org" / "bluelamp" / path).read_text()
        for path in ("lake/ObjectStore.java", "lake/Metastore.java", "workspace/Workspace.java")
    )
    for name in [*config["data"], *secret["stringData"]]:
        assert name in java, f"{name} is read by no job"
    assert config["data"]["BLUELAMP_LAKE"].startswith("s3a://")
    assert account["metadata"]["name"] == "bluelamp-spark"
    assert binding["subjects"][0]["name"] == account["metadata"]["name"]
    assert binding["roleRef"]["name"] == role["metadata"]["name"]


def test_spark_and_trino_share_the_postgresql_backed_metastore(image):
    values = yaml.safe_load((K8S / "trino" / "values.yaml").read_text())
    assert values["image"]["tag"] == pom_property("trino.version")
    catalog = dict(line.split("=", 1) for line in values["catalogs"]["lake"].splitlines())
    assert catalog["connector.name"] == "delta_lake"
    _, deployment, service = documents(K8S / "metastore" / "metastore.yaml")
    port = service["spec"]["ports"][0]["port"]
    namespace = service["metadata"]["namespace"]
    uri = f"thrift://{service['metadata']['name']}.{namespace}.svc.cluster.local:{port}"
    lake = documents(K8S / "lake" / "lake.yaml")[0]["data"]
    assert catalog["hive.metastore.uri"] == lake["BLUELAMP_METASTORE_URI"] == uri
    # the metastore is `bluelamp metastore` from the jobs' image, with options the jar has
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    assert container["command"][-2:] == ["-jar", image["copies"][image["jar"]]]
    args = container["args"]
    assert args[0] == "metastore"
    options = dict(zip(args[1::2], args[2::2]))
    assert int(options["--port"]) == port
    assert options["--database-url"].startswith("jdbc:postgresql://")
    usage = bluelamp("metastore", "--help").stdout
    for option in options:
        assert option in usage, f"bluelamp metastore has no {option}"
    refs = {next(iter(ref.values()))["name"] for ref in container["envFrom"]}
    assert refs == {"bluelamp-lake", "bluelamp-object-store"}
    assert catalog["s3.endpoint"] == lake["BLUELAMP_S3_ENDPOINT"]
    assert catalog["s3.region"] == lake["AWS_REGION"]
    # the embedded catalog, with the metastore and the object store in place of the local disk
    embedded = (REPO / "infra" / "embedded" / "trino" / "catalog" / "lake.properties").read_text()
    assert "delta.register-table-procedure.enabled=true" in embedded
    assert catalog["delta.register-table-procedure.enabled"] == "true"


def properties(path):
    """A Trino properties file as a dict (comments and blank lines left out)."""
    lines = [l for l in path.read_text().splitlines() if l.strip() and not l.startswith("#")]
    return dict(line.split("=", 1) for line in lines)


def test_trino_on_kubernetes_is_secured_as_the_embedded_secure_server():
    values = yaml.safe_load((K8S / "trino" / "values.yaml").read_text())
    embedded = REPO / "infra" / "embedded" / "trino"
    secure = properties(embedded / "secure.properties")
    config = values["server"]["config"]
    # passwords over HTTPS only, as `serve --secure`
    assert config["authenticationType"] == secure["http-server.authentication.type"] == "PASSWORD"
    assert config["https"]["enabled"] is True
    extra = dict(line.split("=", 1) for line in values["additionalConfigProperties"])
    for key in ("http-server.https.keystore.key", "internal-communication.shared-secret"):
        assert key in secure and extra[key].startswith("${ENV:"), f"{key} from a secret"
    mounted = {m["path"] for m in values["secretMounts"]}
    assert any(config["https"]["keystore"]["path"].startswith(p) for p in mounted)
    # every query audited by the same MySQL listener, its URL (with the password) from a secret
    audit = properties(embedded / "audit.properties")
    listener = dict(line.split("=", 1) for line in values["eventListenerProperties"])
    assert listener["event-listener.name"] == audit["event-listener.name"] == "mysql"
    assert listener["mysql-event-listener.db.url"].startswith("${ENV:")
    # the generated rules and groups, refreshed without a restart
    assert values["accessControl"]["type"] == "configmap"
    assert values["accessControl"]["configFile"] == "rules.json"
    assert values["auth"]["passwordAuthSecret"] and values["auth"]["groupAuthSecret"]
    secrets = {next(iter(ref.values()))["name"] for ref in values["envFrom"]}
    assert "bluelamp-trino-secrets" in secrets
    # no secret written into the values themselves
    text = (K8S / "trino" / "values.yaml").read_text()
    for line in text.splitlines():
        if "=" in line and any(w in line.lower() for w in ("password", "secret", ".key=")):
            assert "${ENV:" in line or line.strip().startswith("#"), line


def test_kustomize_lists_files_that_exist():
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    for resource in kustomization["resources"]:
        assert (K8S / resource).is_file(), resource
        for doc in documents(K8S / resource):
            assert doc["metadata"].get("namespace", kustomization["namespace"]) == "bluelamp"
