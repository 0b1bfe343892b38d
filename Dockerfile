# The Loan Negotiation Planner in one image: Streamlit on port 8501, run by a user without
# privileges, with only the locked runtime dependencies (no tests, no dev tools).
#
#   docker build -t loan-negotiation-planner .
#   docker run --rm -p 8501:8501 loan-negotiation-planner
#
# then open http://localhost:8501. The image keeps nothing on disk between requests: every
# visitor's case lives in the server's memory for the length of their session only.
# tests/test_deploy.py checks this file and replays its steps outside Docker.

# ---- builder: the locked runtime dependencies in /app/.venv ----------------------------------
FROM python:3.11-slim AS builder

# uv from the same package index as every other dependency, pinned to the version the project
# uses (`uv --version`; keep the two in step, so that this uv reads uv.lock as it was written).
# Nothing else of the builder reaches the final image.
ARG UV_VERSION=0.13.9
RUN pip install --no-cache-dir "uv==${UV_VERSION}"

# The venv is built at the path it keeps in the final image, on the image's own Python
# (/usr/local/bin/python3.11, the same in both stages), with bytecode compiled once here
# because the runtime user cannot write it next to the files.
ENV UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_PYTHON=/usr/local/bin/python3.11 \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy

WORKDIR /app
COPY pyproject.toml uv.lock ./
# --frozen: install exactly what uv.lock says, never re-resolve; --no-dev: no pytest,
# playwright, ruff or mypy in the image. The project itself is not a package (tool.uv
# package = false), so only its dependencies are installed.
RUN uv sync --frozen --no-dev

# ---- runtime ---------------------------------------------------------------------------------
FROM python:3.11-slim

# MALLOC_ARENA_MAX: glibc gives each thread that allocates at once a heap of its own (up to 8
# per core); Streamlit runs every session's script in a thread of its own, so freed memory
# was scattered over many heaps and stayed with the process. Two heaps: after ten heavy
# sessions came and went, 240-308 MiB stayed instead of 304-314 MiB, peaks 289-379 instead
# of 333-422 (deploy/README.md, "What one hostile client can make a replica hold").
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    MALLOC_ARENA_MAX=2

# A user and group of its own; it owns nothing in /app, so the app's code and packages are
# read-only to the server process.
RUN groupadd --system --gid 10001 planner \
    && useradd --system --uid 10001 --gid planner --create-home --shell /usr/sbin/nologin planner

WORKDIR /app
COPY --from=builder /app/.venv /app/.venv
# What the app reads at run time, and nothing else: the pages, the code they import, and
# Streamlit's configuration (read from the working directory), and the static files it serves.
COPY .streamlit/config.toml .streamlit/config.toml
COPY app.py serve.py ./
COPY pages/ pages/
COPY core/ core/
COPY ui/ ui/
COPY static/ static/

USER planner:planner

EXPOSE 8501

# The slim image has no curl: ask the health endpoint with the standard library.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4); sys.exit(0 if r.read().strip() == b'ok' else 1)"]

# serve.py imports the app's modules, then runs `streamlit run app.py` with these options (the
# first visitor does not wait for the imports). browser.serverAddress only names the address printed at start-up; without it, a headless
# Streamlit on 0.0.0.0 asks a public web service for the machine's external address to print.
CMD ["python", "serve.py", "--server.address", "0.0.0.0", "--server.port", "8501", "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", "--browser.serverAddress", "localhost"]
