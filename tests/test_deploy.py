"""The container image and the replica setup, checked on a machine without a Docker engine.

The ``Dockerfile`` is read, not built: its stages, user, commands and copies must say what the
deployment needs (a slim Python, the locked runtime dependencies only, a user without
privileges, a health check on ``/_stcore/health``), and the files it copies must exist, be in
the build context and hold everything the app imports.

Then its steps are replayed outside Docker: the builder's files go to a scratch folder where
its own ``uv sync`` command runs (offline, from uv's cache), the runtime stage's files go next
to the venv as they would in ``/app``, and the image's ``CMD`` starts the server with the
image's environment (loopback address and a free port in place of ``0.0.0.0:8501``). The
image's ``HEALTHCHECK`` command must then pass, Streamlit's script check must run the home
page without an error, every page must run on the image's packages alone, and the server must
write nothing: not next to its code, not in its home, not in its temporary folder.

Two such replicas then go behind ``deploy/nginx.conf`` (only its addresses and scratch paths
changed): nginx must accept the file, a visitor's WebSocket sessions must all land on one
replica while new visitors spread over both, and in a real browser the app must work through
the proxy, its case-file upload and download reaching the session's replica. These need nginx
(Debian: ``apt-get install nginx``); without it they are skipped, unless
``LNP_REQUIRE_BROWSER`` is set (CI), where nothing may be skipped.

What the replay changes, and why: no bytecode compilation and hard links instead of copies
(the same files, several seconds faster), the interpreter running these tests instead of the
image's ``/usr/local/bin/python3.11``, and uv offline, so the test never reaches a network.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import datetime as dt
import http.client
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from importlib.metadata import packages_distributions
from pathlib import Path, PurePosixPath

import pytest
from appserver import SERVER_START_TIMEOUT_S, free_port, stop, tail
from packaging.specifiers import SpecifierSet
from playwright.sync_api import expect
from pytest_playwright import CreateContextCallback

from core.text import t
from ui.casefile import MAX_BYTES, dump_case

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
KUBERNETES = ROOT / "deploy" / "kubernetes.yaml"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

TIMEOUT_MS = 30_000

# What the image's command must say (the address and port are replaced in the replay).
IMAGE_FLAGS = {
    "--server.address": "0.0.0.0",
    "--server.port": "8501",
    "--server.headless": "true",
    "--browser.gatherUsageStats": "false",
    "--server.fileWatcherType": "none",
    # Printed at start-up in place of an external address looked up on the internet.
    "--browser.serverAddress": "localhost",
}
MUST_BE_IGNORED = (
    ".git",
    ".venv",
    "**/__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    "tests",
    "bench",
    "docs",
)
APP_SCRIPTS = (ROOT / "app.py", ROOT / "serve.py", *sorted((ROOT / "pages").glob("*.py")))
AFFINITY_COOKIE = "lnp_replica"


# ---- reading the Dockerfile ------------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    stage: int
    keyword: str
    args: str


def parse_dockerfile(text: str) -> list[Instruction]:
    """Instructions in order, continuation lines joined and comments dropped."""
    result: list[Instruction] = []
    stage = -1
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1].strip() + " "
            continue
        line, pending = pending + line, ""
        keyword, _, args = line.partition(" ")
        if keyword.upper() == "FROM":
            stage += 1
        result.append(Instruction(stage, keyword.upper(), args.strip()))
    assert not pending, "the Dockerfile ends inside a continued line"
    return result


INSTRUCTIONS = parse_dockerfile(DOCKERFILE.read_text(encoding="utf-8"))
STAGES = [[i for i in INSTRUCTIONS if i.stage == n] for n in range(INSTRUCTIONS[-1].stage + 1)]
BUILDER, RUNTIME = STAGES[0], STAGES[-1]


def args_of(stage: list[Instruction], keyword: str) -> list[str]:
    return [i.args for i in stage if i.keyword == keyword]


def env_of(stage: list[Instruction]) -> dict[str, str]:
    env: dict[str, str] = {}
    for args in args_of(stage, "ENV"):
        for item in shlex.split(args):
            key, _, value = item.partition("=")
            env[key] = value
    return env


def workdir_of(stage: list[Instruction]) -> PurePosixPath:
    workdirs = args_of(stage, "WORKDIR")
    assert len(workdirs) == 1, f"one WORKDIR per stage, found {workdirs}"
    return PurePosixPath(workdirs[0])


@dataclass(frozen=True)
class Copy:
    flags: tuple[str, ...]
    sources: tuple[str, ...]
    dest: str


def copies_of(stage: list[Instruction]) -> list[Copy]:
    result = []
    for args in args_of(stage, "COPY"):
        words = shlex.split(args)
        flags = tuple(w for w in words if w.startswith("--"))
        paths = [w for w in words if not w.startswith("--")]
        result.append(Copy(flags, tuple(paths[:-1]), paths[-1]))
    return result


def from_context(copy: Copy) -> bool:
    return not any(flag.startswith("--from") for flag in copy.flags)


def image_command() -> list[str]:
    (cmd,) = args_of(RUNTIME, "CMD")
    argv: list[str] = json.loads(cmd)  # exec form: no shell between Docker and Streamlit
    return argv


def healthcheck_command() -> list[str]:
    (check,) = args_of(RUNTIME, "HEALTHCHECK")
    words = check.split(" CMD ", 1)
    assert len(words) == 2, f"HEALTHCHECK without CMD: {check}"
    argv: list[str] = json.loads(words[1])
    return argv


def sync_command() -> list[str]:
    syncs = [shlex.split(run) for run in args_of(BUILDER, "RUN") if "uv sync" in run]
    assert len(syncs) == 1, f"one `uv sync` in the builder stage, found {syncs}"
    return syncs[0]


def venv_in_image() -> str:
    return env_of(BUILDER)["UV_PROJECT_ENVIRONMENT"]


def image_user() -> tuple[str, int]:
    """The user the server runs as, and the uid it is created with."""
    cmd_at = [i.keyword for i in RUNTIME].index("CMD")
    users = args_of(RUNTIME[:cmd_at], "USER")
    assert users, "no USER before CMD: the server would run as root"
    name = users[-1].split(":")[0]
    runs = "\n".join(args_of(RUNTIME, "RUN"))
    created = re.search(
        rf"useradd\b[^&;\n]*?--uid (\d+)[^&;\n]*\s{re.escape(name)}$", runs, re.MULTILINE
    )
    assert created, f"the runtime stage does not create the user {name!r} with a fixed uid"
    return name, int(created.group(1))


# ---- .dockerignore ---------------------------------------------------------------------------


def dockerignore_patterns() -> list[str]:
    lines = DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def ignored(path: str, patterns: list[str]) -> bool:
    """Whether the build context leaves ``path`` out (a pattern matching it or a parent folder;
    the last matching pattern wins, ``!`` admits again). ``*`` may match ``/`` here, which
    can only make this stricter than Docker."""
    parts = PurePosixPath(path).parts
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    result = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        body = pattern[1:] if negate else pattern
        body = body.strip("/")
        for prefix in prefixes:
            last = prefix.rsplit("/", 1)[-1]
            hit = fnmatch(prefix, body) or (body.startswith("**/") and fnmatch(last, body[3:]))
            if hit:
                result = not negate
    return result


# ---- what the app imports --------------------------------------------------------------------


def top_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def local_package(name: str) -> Path | None:
    for candidate in (ROOT / name, ROOT / f"{name}.py"):
        if candidate.exists():
            return candidate
    return None


def app_imports() -> tuple[set[str], set[str]]:
    """(local packages, third-party top-level modules) that the app's scripts reach."""
    local: set[str] = set()
    third_party: set[str] = set()
    todo = list(APP_SCRIPTS)
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in top_level_imports(path):
            if name == "__future__" or name in sys.stdlib_module_names:
                continue
            package = local_package(name)
            if package is None:
                third_party.add(name)
            elif name not in local:
                local.add(name)
                todo.extend(sorted(package.rglob("*.py")) if package.is_dir() else [package])
    return local, third_party


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def uv_executable() -> str:
    """The uv that runs these tests (``uv run`` names itself in ``$UV``), else one on the PATH."""
    found = os.environ.get("UV") or shutil.which("uv")
    assert found, "uv is needed to replay the image's `uv sync` (neither $UV nor `uv` found)"
    return found


def locked_runtime_packages() -> set[str]:
    """What ``uv sync --frozen --no-dev`` installs, as uv itself exports it."""
    done = subprocess.run(
        [
            uv_executable(),
            "export",
            "--frozen",
            "--no-dev",
            "--no-hashes",
            "--no-emit-project",
            "--no-header",
            "--no-annotate",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    names = {
        normalise(m.group(1))
        for m in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:==|@)", done.stdout, re.MULTILINE)
    }
    assert names, done.stdout
    return names


def dev_group() -> set[str]:
    groups: dict[str, list[str]] = PYPROJECT["dependency-groups"]
    return {normalise(re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0]) for spec in groups["dev"]}


def modules_of(distributions: set[str]) -> set[str]:
    """The top-level modules these installed distributions provide (in the dev environment)."""
    return {
        module
        for module, dists in packages_distributions().items()
        if any(normalise(d) in distributions for d in dists) and module.isidentifier()
    }


# ---- the Dockerfile, read --------------------------------------------------------------------


def test_the_image_is_one_slim_python_that_the_project_supports():
    images = {stage[0].args.split()[0] for stage in STAGES}
    # One image for both stages: the venv built in one must run on the other's Python.
    assert len(images) == 1, images
    (image,) = images
    match = re.fullmatch(r"python:(3\.\d+)-slim(?:-[a-z]+)?", image)
    assert match, f"{image} is not an official slim Python image with its minor version pinned"
    assert SpecifierSet(PYPROJECT["project"]["requires-python"]).contains(match.group(1))
    assert len(STAGES) == 2, "a builder stage and a runtime stage"


def test_dependencies_come_from_the_lock_without_dev_tools():
    argv = sync_command()
    assert argv[:2] == ["uv", "sync"]
    assert "--frozen" in argv, "the lock must be used as it is, never re-resolved"
    assert "--no-dev" in argv, "pytest, playwright, ruff and mypy do not belong in the image"
    # uv itself pinned to a full version.
    uv_version = [a for a in args_of(BUILDER, "ARG") if a.startswith("UV_VERSION=")]
    assert uv_version and re.fullmatch(r"UV_VERSION=\d+\.\d+\.\d+", uv_version[0]), uv_version
    assert any('"uv==${UV_VERSION}"' in run for run in args_of(BUILDER, "RUN"))
    # The lock and the project file arrive before the sync runs.
    keywords = [(i.keyword, i.args) for i in BUILDER]
    sync_at = next(n for n, (k, a) in enumerate(keywords) if k == "RUN" and "uv sync" in a)
    copied_before = {source for copy in copies_of(BUILDER[:sync_at]) for source in copy.sources}
    assert {"pyproject.toml", "uv.lock"} <= copied_before
    env = env_of(BUILDER)
    assert env.get("UV_PYTHON_DOWNLOADS") == "never", "the image's own Python, not a download"


def test_the_venv_keeps_its_path_and_comes_first_on_the_path():
    venv = venv_in_image()
    from_builder = [c for c in copies_of(RUNTIME) if not from_context(c)]
    # Its scripts' first lines name the venv's own path: it must not move.
    assert [(c.sources, c.dest) for c in from_builder] == [((venv,), venv)]
    assert env_of(RUNTIME)["PATH"].startswith(f"{venv}/bin:")


def test_the_server_runs_as_a_user_without_privileges():
    name, uid = image_user()
    assert name not in ("root", "0") and uid != 0
    cmd_at = [i.keyword for i in RUNTIME].index("CMD")
    assert not args_of(RUNTIME[cmd_at:], "USER"), "nothing may switch users after CMD"
    # The files it serves belong to root: nothing in /app is changed with --chown.
    assert all(not any(f.startswith("--chown") for f in c.flags) for c in copies_of(RUNTIME))
    kubernetes = KUBERNETES.read_text(encoding="utf-8")
    assert f"runAsUser: {uid}" in kubernetes
    assert "runAsNonRoot: true" in kubernetes


def test_the_command_and_the_health_check():
    argv = image_command()
    # serve.py: ``streamlit run app.py`` with these options once the app's modules are imported.
    assert argv[:2] == ["python", "serve.py"]
    flags = dict(zip(argv[2::2], argv[3::2], strict=True))
    assert flags == IMAGE_FLAGS
    assert args_of(RUNTIME, "EXPOSE") == [flags["--server.port"]]
    check = healthcheck_command()
    # The slim image has no curl: the standard library asks.
    assert check[:2] == ["python", "-c"] and len(check) == 3
    assert f"'http://127.0.0.1:{flags['--server.port']}/_stcore/health'" in check[2]
    assert "b'ok'" in check[2]


def test_what_the_image_copies_is_in_the_repository_and_the_build_context():
    patterns = dockerignore_patterns()
    for pattern in MUST_BE_IGNORED:
        assert pattern in patterns, f".dockerignore should leave out {pattern}"
    for stage in STAGES:
        for copy in filter(from_context, copies_of(stage)):
            for source in copy.sources:
                assert (ROOT / source).exists(), f"COPY {source}: no such file in the repository"
                assert not ignored(source, patterns), f"COPY {source}, but .dockerignore drops it"


def test_the_image_holds_everything_the_app_imports():
    local, third_party = app_imports()
    copied = {
        PurePosixPath(source).parts[0]
        for copy in filter(from_context, copies_of(RUNTIME))
        for source in copy.sources
    }
    assert local <= copied, f"imported but not copied: {sorted(local - copied)}"
    assert {"app.py", "serve.py", "pages", "static"} <= copied
    assert ".streamlit/config.toml" in {s for c in copies_of(RUNTIME) for s in c.sources}

    locked = locked_runtime_packages()
    provided = packages_distributions()
    missing = {}
    for module in sorted(third_party):
        dists = {normalise(d) for d in provided.get(module, [])}
        if not dists & locked:
            missing[module] = sorted(dists)
    assert not missing, f"imported by the app but not among the locked runtime packages: {missing}"
    assert not (dev_group() & locked), "a development tool would be installed in the image"


# ---- the Dockerfile, replayed ----------------------------------------------------------------


@dataclass(frozen=True)
class ReplayedImage:
    """A scratch folder standing for the image: ``app`` is ``/app``."""

    app: Path
    venv: Path
    home: Path
    tmp: Path
    env: dict[str, str]
    files: dict[str, tuple[int, int]]  # every file of app, home and tmp before a server ran


def host_path() -> str:
    """The PATH without the test's own venv, so nothing resolves to the dev environment."""
    own_bin = str(Path(sys.executable).parent)
    return os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p != own_bin)


def base_env() -> dict[str, str]:
    drop = {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "UV_PROJECT_ENVIRONMENT", "UV_PYTHON"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PATH"] = host_path()
    return env


def copy_into(root: Path, workdir: PurePosixPath, copy: Copy) -> None:
    dest = PurePosixPath(copy.dest)
    target = root / (dest.relative_to(workdir) if dest.is_absolute() else dest)
    for source in copy.sources:
        path = ROOT / source
        if path.is_dir():
            skip = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(path, target, dirs_exist_ok=True, ignore=skip)
        else:
            into_dir = copy.dest.endswith("/") or copy.dest in (".", "./")
            to = target / path.name if into_dir else target
            to.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, to)


def snapshot(*roots: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``roots`` with its size and modification time."""
    seen: dict[str, tuple[int, int]] = {}
    for root in roots:
        for folder, dirs, files in os.walk(root):
            for name in dirs + files:
                path = Path(folder) / name
                stat = path.lstat()
                seen[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return seen


@pytest.fixture(scope="module")
def image(tmp_path_factory: pytest.TempPathFactory) -> ReplayedImage:
    """The image's build steps, replayed in a scratch folder."""
    base = tmp_path_factory.mktemp("image")
    build, app, home, tmp = (base / name for name in ("build", "app", "home", "tmp"))
    for folder in (build, app, home, tmp):
        folder.mkdir()
    runtime_workdir = workdir_of(RUNTIME)
    venv = app / PurePosixPath(venv_in_image()).relative_to(runtime_workdir)

    for copy in copies_of(BUILDER):
        copy_into(build, workdir_of(BUILDER), copy)
    builder_env = env_of(BUILDER)
    replaced = ("UV_PROJECT_ENVIRONMENT", "UV_PYTHON", "UV_COMPILE_BYTECODE", "UV_LINK_MODE")
    sync_env = {
        **base_env(),
        **{k: v for k, v in builder_env.items() if k not in replaced},
        "UV_PROJECT_ENVIRONMENT": str(venv),
        "UV_PYTHON": getattr(sys, "_base_executable", sys.executable),
        "UV_OFFLINE": "1",
    }
    done = subprocess.run(
        [uv_executable(), *sync_command()[1:]],
        cwd=build,
        env=sync_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, (
        f"the image's `uv sync` failed (offline: uv's cache must hold the locked packages, "
        f"as it does after `uv sync --frozen`):\n{done.stderr}"
    )
    for copy in filter(from_context, copies_of(RUNTIME)):
        copy_into(app, runtime_workdir, copy)

    env = base_env()
    for key, value in env_of(RUNTIME).items():
        value = value.replace(venv_in_image(), str(venv))
        env[key] = value.replace("${PATH}", env["PATH"]).replace("$PATH", env["PATH"])
    env.update(HOME=str(home), TMPDIR=str(tmp))
    files = snapshot(app, home, tmp)
    return ReplayedImage(app=app, venv=venv, home=home, tmp=tmp, env=env, files=files)


@dataclass
class Replica:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path


def health_check_passes(image: ReplayedImage, port: int) -> bool:
    argv = healthcheck_command()
    python = shutil.which(argv[0], path=image.env["PATH"])
    assert python is not None
    code = argv[2].replace("127.0.0.1:8501", f"127.0.0.1:{port}")
    done = subprocess.run(
        [python, *argv[1:2], code],
        env=image.env,
        capture_output=True,
        timeout=30,
        check=False,
    )
    return done.returncode == 0


def launch_replica(image: ReplayedImage, logs: Path) -> Replica:
    """The image's CMD on a free loopback port (Streamlit's script check switched on)."""
    argv = image_command()
    port = free_port()
    argv[argv.index("--server.address") + 1] = "127.0.0.1"
    argv[argv.index("--server.port") + 1] = str(port)
    executable = shutil.which(argv[0], path=image.env["PATH"])
    assert executable is not None and Path(executable).parent == image.venv / "bin", executable
    log = logs / f"replica-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [executable, *argv[1:], "--server.scriptHealthCheckEnabled", "true"],
            cwd=image.app,
            env=image.env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=out,
        )
    return Replica(f"http://127.0.0.1:{port}", port, process, log)


def wait_until_healthy(image: ReplayedImage, replica: Replica) -> None:
    """Until the image's HEALTHCHECK command passes against ``replica``."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while not health_check_passes(image, replica.port):
        if replica.process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"the replayed image did not become healthy; its log:\n{tail(replica.log)}")
        time.sleep(0.3)


@pytest.fixture(scope="module")
def replicas(
    image: ReplayedImage, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[Replica]]:
    """Two servers, each started as the image starts one."""
    logs = tmp_path_factory.mktemp("replica-logs")
    started: list[Replica] = []
    try:
        for _ in range(2):
            started.append(launch_replica(image, logs))
        for replica in started:
            wait_until_healthy(image, replica)
        yield started
    finally:
        for replica in started:
            stop(replica.process)


def assert_nothing_written(image: ReplayedImage) -> None:
    """Nothing in the image, the server's home or its temporary folder has changed."""
    after = snapshot(image.app, image.home, image.tmp)
    before = image.files
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    assert not changed, f"the server wrote on disk: {changed[:10]}"


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, list[str]]:
    """Status, body and Set-Cookie headers of a GET (errors answered by the server included)."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read().decode("utf-8", errors="replace")
            return response.status, body, response.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", errors="replace")
        return error.code, body, error.headers.get_all("Set-Cookie") or []


def test_the_image_starts_healthy_and_runs_the_home_page(
    image: ReplayedImage, replicas: list[Replica]
):
    replica = replicas[0]
    assert health_check_passes(image, replica.port)
    # Streamlit's own check runs app.py in a session of its own and says whether it raised.
    status, body, _ = get(f"{replica.url}/_stcore/script-health-check")
    assert (status, body) == (200, "ok"), tail(replica.log)
    assert_nothing_written(image)


PAGES_SCRIPT = """
import importlib.util, json, sys
from pathlib import Path
from streamlit.testing.v1 import AppTest

found = sorted(name for name in sys.argv[1:] if importlib.util.find_spec(name) is not None)
at = AppTest.from_file(str(Path("app.py").resolve()), default_timeout=60)
at.context = {"locale": "zh-CN", "timezone": "Asia/Shanghai"}
at.run()
pages = []
def note(name):
    pages.append({"page": name, "exceptions": [str(e.value) for e in at.exception],
                  "titles": [str(t.value) for t in at.title]})
note("app.py")
for page in sorted(Path("pages").glob("*.py")):
    at.switch_page(str(page)).run()
    note(str(page))
print(json.dumps({"dev_modules": found, "pages": pages}))
"""


def test_every_page_runs_on_the_image_packages_alone(image: ReplayedImage):
    dev_modules = sorted(modules_of(dev_group()))
    assert "pytest" in dev_modules  # the list below is not empty by accident
    done = subprocess.run(
        [str(image.venv / "bin" / "python"), "-c", PAGES_SCRIPT, *dev_modules],
        cwd=image.app,
        env=image.env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["dev_modules"] == [], "development tools are importable in the image"
    pages = {entry["page"]: entry for entry in report["pages"]}
    expected = ["app.py", *(f"pages/{p.name}" for p in sorted((ROOT / "pages").glob("*.py")))]
    assert list(pages) == expected
    for name, entry in pages.items():
        assert entry["exceptions"] == [], (name, entry["exceptions"])
        assert len(entry["titles"]) == 1 and entry["titles"][0], (name, entry["titles"])


# ---- the replicas behind nginx ---------------------------------------------------------------


def ci_requires_everything() -> bool:
    value = os.environ.get("LNP_REQUIRE_BROWSER", "").strip().lower()
    return value not in ("", "0", "false", "no")


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None
    )
    if found:
        return found
    reason = "nginx is not installed (Debian: apt-get install nginx)"
    if ci_requires_everything():
        pytest.fail(f"{reason}, and LNP_REQUIRE_BROWSER is set: nothing may skip", pytrace=False)
    pytest.skip(f"{reason}; set LNP_REQUIRE_BROWSER=1 to make this fail")


def local_nginx_config(listen_port: int, upstream_ports: list[int], scratch: Path) -> str:
    """deploy/nginx.conf with loopback addresses and scratch paths, nothing else changed."""
    text = NGINX_CONF.read_text(encoding="utf-8")
    text, listens = re.subn(
        r"^(\s*)listen\s+80;", rf"\g<1>listen 127.0.0.1:{listen_port};", text, flags=re.MULTILINE
    )
    assert listens == 1
    block = re.search(r"upstream planner \{.*?\n    \}", text, re.DOTALL)
    assert block is not None
    servers = re.findall(r"^(\s*)server\s+\S+(.*);$", block.group(0), re.MULTILINE)
    assert len(servers) >= 2, "the example should list several replicas"
    indent, options = servers[0]
    ours = "".join(f"{indent}server 127.0.0.1:{port}{options};\n" for port in upstream_ports)
    kept = ""
    for line in block.group(0).splitlines(keepends=True):
        if re.fullmatch(r"\s*server\s+\S+.*;\n", line):
            kept, ours = kept + ours, ""  # ours where the first replica was, the rest dropped
        else:
            kept += line
    text = text.replace(block.group(0), kept)
    paths = "".join(
        f"    {kind}_temp_path {scratch / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return text.replace(
        "http {\n", f"http {{\n    access_log {scratch / 'access.log'};\n{paths}", 1
    )


def nginx_argv(binary: str, scratch: Path) -> list[str]:
    """nginx on the config in ``scratch``, its error log there; global directives follow."""
    conf, errors = scratch / "nginx.conf", scratch / "error.log"
    return [binary, "-p", str(scratch), "-c", str(conf), "-e", str(errors), "-g"]


@pytest.fixture(scope="module")
def proxy(replicas: list[Replica]) -> Iterator[str]:
    """nginx with deploy/nginx.conf on a free loopback port, in front of the two replicas."""
    binary = nginx_binary()
    # Not under pytest's temporary root (mode 700): nginx's workers may run as another user.
    scratch = Path(tempfile.mkdtemp(prefix="lnp-nginx-"))
    try:
        scratch.chmod(0o755)
        yield from serve_nginx(binary, scratch, replicas)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def serve_nginx(binary: str, scratch: Path, replicas: list[Replica]) -> Iterator[str]:
    """Check the configuration, start nginx, yield its URL once it answers, then stop it."""
    port = free_port()
    (scratch / "nginx.conf").write_text(
        local_nginx_config(port, [r.port for r in replicas], scratch), encoding="utf-8"
    )
    pid = f"pid {scratch / 'nginx.pid'};"
    checked = subprocess.run(
        [*nginx_argv(binary, scratch), pid, "-t"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert checked.returncode == 0, f"nginx refuses deploy/nginx.conf:\n{checked.stderr}"
    log = scratch / "nginx.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*nginx_argv(binary, scratch), f"daemon off; {pid}"],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=out,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while True:
            with contextlib.suppress(urllib.error.URLError, OSError):
                if get(f"{url}/_stcore/health")[:2] == (200, "ok"):
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                errors = scratch / "error.log"
                pytest.fail(f"nginx did not start: {tail(log)}\n{tail(errors)}")
            time.sleep(0.2)
        yield url
    finally:
        stop(process)


def affinity_cookie(set_cookies: list[str]) -> str | None:
    for header in set_cookies:
        name, _, rest = header.partition("=")
        if name.strip() == AFFINITY_COOKIE:
            return rest.split(";", 1)[0]
    return None


def new_visitor(proxy: str) -> str:
    """A first request without cookies, as a browser opening the page; its affinity cookie."""
    status, _, set_cookies = get(f"{proxy}/_stcore/health")
    cookie = affinity_cookie(set_cookies)
    assert status == 200 and cookie, set_cookies
    return cookie


@contextlib.contextmanager
def websocket(proxy: str, cookie: str) -> Iterator[socket.socket]:
    """A Streamlit session's WebSocket opened through the proxy (the handshake only)."""
    port = int(proxy.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            "GET /_stcore/stream HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Protocol: streamlit\r\n"
            f"Cookie: {AFFINITY_COOKIE}={cookie}\r\n\r\n"
        )
        sock.sendall(request.encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(4096)
            assert chunk, f"the proxy closed the connection: {answer!r}"
            answer += chunk
        status = answer.split(b"\r\n", 1)[0]
        assert status.startswith(b"HTTP/1.1 101"), answer
        yield sock


def active_sessions(replica: Replica) -> int:
    status, body, _ = get(f"{replica.url}/_stcore/metrics")
    found = re.search(r"^active_sessions (\d+)$", body, re.MULTILINE)
    assert status == 200 and found, body
    return int(found.group(1))


def sessions_once_settled(replicas: list[Replica], total: int) -> list[int]:
    """Each replica's open sessions, once they add up to ``total``."""
    deadline = time.monotonic() + 15
    while True:
        counts = [active_sessions(r) for r in replicas]
        if sum(counts) == total or time.monotonic() > deadline:
            return counts
        time.sleep(0.1)


def test_nginx_keeps_a_visitor_on_one_replica_and_spreads_new_ones(
    proxy: str, replicas: list[Replica], image: ReplayedImage
):
    sessions_once_settled(replicas, 0)
    cookie = new_visitor(proxy)
    # A browser that has the cookie is not given another.
    _, _, again = get(f"{proxy}/_stcore/health", {"Cookie": f"{AFFINITY_COOKIE}={cookie}"})
    assert affinity_cookie(again) is None, again

    # One visitor's sessions (a page, its reconnections, a second tab): all on one replica.
    with contextlib.ExitStack() as stack:
        for _ in range(4):
            stack.enter_context(websocket(proxy, cookie))
        assert sorted(sessions_once_settled(replicas, 4)) == [0, 4]
    # The same visitor coming back lands where it was.
    with websocket(proxy, cookie):
        counts = sessions_once_settled(replicas, 1)
    assert sorted(counts) == [0, 1]

    # New visitors are spread: with 24 of them, both replicas get some (a consistent hash of
    # random cookies leaves one replica empty with probability about 2 x 2^-24).
    sessions_once_settled(replicas, 0)
    with contextlib.ExitStack() as stack:
        for _ in range(24):
            stack.enter_context(websocket(proxy, new_visitor(proxy)))
        counts = sessions_once_settled(replicas, 24)
    assert sum(counts) == 24 and min(counts) > 0, counts

    # A replica's session counts are not for the public (below, in every spelling).
    assert get(f"{proxy}/_stcore/metrics")[0] == 404
    assert_nothing_written(image)


# What no visitor needs, however the path is spelt: nginx decodes and normalises a path before
# it picks a location, and passes the request on as it came.
HIDDEN_PATHS = (
    "/_stcore/metrics",
    "/_stcore/metrics/",
    "/_stcore/metrics?families=active_sessions",
    "//_stcore/metrics",
    "/_stcore//metrics",
    "/_stcore/./metrics",
    "/static/../_stcore/metrics",
    "/_stcore/%6Detrics",
    "/%5Fstcore/metrics",
    "/_stcore/agent/openapi.json",
    "/_stcore/agent/interact",
    "/_stcore/agent/mcp",
    "/_stcore/script-health-check",
)
TOLD = ("session", "cache_memory", "openapi", "agent")


def raw_get(base_url: str, target: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """A GET of ``target`` exactly as written (no normalising, no redirect followed)."""
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", target, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", errors="replace")
    finally:
        connection.close()


def test_nginx_and_the_replicas_hide_what_no_visitor_needs(
    proxy: str, replicas: list[Replica], image: ReplayedImage
):
    for target in HIDDEN_PATHS:
        status, body = raw_get(proxy, target)
        assert status == 404, (target, status, body[:200])
        assert not any(word in body for word in TOLD), (target, body[:200])
    # Past the proxy too: a replica answers its metrics only on its own loopback (a check
    # from inside its container), not to a visitor a proxy on loopback names.
    replica = replicas[0]
    assert raw_get(replica.url, "/_stcore/metrics")[0] == 200
    status, body = raw_get(replica.url, "/_stcore/metrics", {"X-Forwarded-For": "203.0.113.7"})
    assert status == 404 and "session" not in body
    # The app's own configuration: no agent API.
    server = tomllib.loads((image.app / ".streamlit" / "config.toml").read_text("utf-8"))["server"]
    assert server["enableAgentApi"] is False


@pytest.mark.browser
def test_the_app_works_through_nginx_and_its_files_reach_the_session(
    new_context: CreateContextCallback,
    proxy: str,
    replicas: list[Replica],
    image: ReplayedImage,
    tmp_path: Path,
):
    sessions_once_settled(replicas, 0)
    page = new_context(locale="en-US").new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{proxy}/?principal=12000")  # a shared case: the cards show at once
    page.locator('[data-testid="stMetricValue"]').first.wait_for()
    counts = sessions_once_settled(replicas, 1)
    assert sorted(counts) == [0, 1], counts

    # The upload is a separate HTTP request: it must reach the replica holding the session.
    case = tmp_path / "case.json"
    case.write_bytes(dump_case({"principal": 30_000.0}, {}, [], dt.datetime(2026, 12, 1, 12)))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(case))
    expect(page).to_have_url(re.compile(r"[?&]principal=30000(&|$)"))
    # So must the download: the session's replica holds it in memory (another would answer
    # 404, and no file would arrive).
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.get_by_role("button", name=t("casefile.save", "en"), exact=True).click()
    saved = json.loads(Path(info.value.path()).read_bytes())
    assert saved["schema"] == json.loads(case.read_bytes())["schema"]
    assert page.locator('[data-testid="stException"]').count() == 0
    assert sessions_once_settled(replicas, 1) == counts
    assert_nothing_written(image)


# ---- the examples, read ----------------------------------------------------------------------


UPLOAD_LIMIT = (
    tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"][
        "maxUploadSize"
    ]
    * 1024
    * 1024
)
"""The largest request body a replica takes (``server.maxUploadSize``, in MiB)."""


def nginx_bytes(size: str) -> int:
    """An nginx size (``1m``, ``512k``, ``100``) in bytes (``k`` and ``m`` count in 1024s)."""
    match = re.fullmatch(r"(\d+)([kKmM]?)", size)
    assert match, size
    return int(match.group(1)) * {"": 1, "k": 1024, "m": 1024 * 1024}[match.group(2).lower()]


def test_the_nginx_example_upgrades_the_websocket_and_sticks():
    text = NGINX_CONF.read_text(encoding="utf-8")
    assert re.search(r"^\s*hash \$lnp_replica consistent;$", text, re.MULTILINE)
    stream = re.search(r"location = /_stcore/stream \{(.*?)\}", text, re.DOTALL)
    assert stream is not None
    body = stream.group(1)
    for line in (
        "proxy_http_version 1.1;",
        "proxy_set_header Upgrade $http_upgrade;",
        "proxy_set_header Connection $connection_upgrade;",
        "proxy_set_header Host $http_host;",
    ):
        assert line in body, line
    timeout = re.search(r"proxy_read_timeout (\d+)s;", body)
    assert timeout and int(timeout.group(1)) >= 3600
    # The proxy takes the largest body a replica takes (a case file and its form's wrapping),
    # and holds it in memory: a body over client_body_buffer_size goes to a file on disk.
    size = re.search(r"client_max_body_size (\w+);", text)
    buffer = re.search(r"client_body_buffer_size (\w+);", text)
    assert size and buffer
    assert nginx_bytes(size.group(1)) >= UPLOAD_LIMIT > MAX_BYTES
    assert nginx_bytes(buffer.group(1)) >= nginx_bytes(size.group(1))


def block(text: str, key: str) -> str:
    """The lines indented under the first ``key:`` in a YAML text."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.strip() == f"{key}:")
    indent = len(lines[start]) - len(lines[start].lstrip())
    found = []
    for line in lines[start + 1 :]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        found.append(line)
    return "\n".join(found)


def test_the_kubernetes_example_probes_health_and_keeps_clients_on_one_replica():
    text = KUBERNETES.read_text(encoding="utf-8")
    assert re.findall(r"^kind: (\w+)$", text, re.MULTILINE) == ["Deployment", "Service", "Ingress"]
    replicas = re.search(r"^  replicas: (\d+)$", text, re.MULTILINE)
    assert replicas and int(replicas.group(1)) >= 2
    port = args_of(RUNTIME, "EXPOSE")[0]
    assert f"containerPort: {port}" in text
    for probe in ("readinessProbe", "livenessProbe"):
        assert "path: /_stcore/health" in block(text, probe)
        assert "port: http" in block(text, probe)
    resources = block(text, "resources")
    assert "memory:" in block(resources, "requests") and "memory:" in block(resources, "limits")
    assert "sessionAffinity: ClientIP" in text
    assert 'nginx.ingress.kubernetes.io/affinity: "cookie"' in text
    assert 'nginx.ingress.kubernetes.io/proxy-read-timeout: "3600"' in text
    body = re.search(r'proxy-body-size: "(\w+)"', text)
    buffer = re.search(r'client-body-buffer-size: "(\w+)"', text)
    assert body and buffer
    assert nginx_bytes(body.group(1)) >= UPLOAD_LIMIT > MAX_BYTES
    assert nginx_bytes(buffer.group(1)) >= nginx_bytes(body.group(1))
