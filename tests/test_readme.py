"""The README keeps its promises: the two commands, and every share-link parameter listed."""

from __future__ import annotations

from pathlib import Path

from ui.registry import ALL_PARAMS, LANG_PARAM

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = ROOT / ".ci" / "run"


def test_two_commands():
    run = README.split("| run the app | `", 1)[1].split("`", 1)[0]
    assert run == "uv run python serve.py"  # ``streamlit run app.py``, modules imported first
    assert "uv run pytest" in README


def test_ci_runs_the_readmes_test_command():
    """CI runs the tests exactly as the README says, so the coverage floor holds in both."""
    readme_command = README.split("| run all the tests | `", 1)[1].split("`", 1)[0]
    ci_lines = CI.read_text(encoding="utf-8").splitlines()
    ci_command = ci_lines[ci_lines.index("# The README's test command.") + 1]
    assert ci_command.replace('"${UV[@]}"', "uv") == readme_command


def test_every_share_link_parameter_is_listed():
    for param in (*ALL_PARAMS, LANG_PARAM):
        key = (
            param.key.replace(param.key[:3], "p<N>_")
            if param.key[:1] == "p" and param.key[1:2].isdigit()
            else param.key
        )
        assert f"| `{key}` |" in README, key


def test_the_inputs_tried_are_the_fuzz_tests_own_counts():
    """The README's "inputs tried" are the example counts the fuzz tests are set to."""
    import test_fuzz_surface as fuzz

    flat = " ".join(README.split())  # the same words, however the lines wrap
    links = fuzz.LINK_EXAMPLES + fuzz.PAGE_LINK_EXAMPLES
    assert f"{links} links opened on every page" in flat
    assert f"{fuzz.WIDGET_EXAMPLES} sessions setting" in flat
    assert f"{fuzz.CASEFILE_EXAMPLES} damaged case files" in flat
    assert f"{fuzz.CASEFILE_READ_EXAMPLES:,} more read without a page" in flat


def test_the_layout_names_every_module_with_its_job():
    """Each module of the app, the core and the benchmarks has a line of its own in "Layout"."""
    layout = README.split("## Layout", 1)[1].split("\n## ", 1)[0]
    lines = layout.splitlines()
    modules = [
        path
        for folder in ("ui", "core", "pages", "bench")
        for path in sorted((ROOT / folder).glob("*.py"))
        if path.name != "__init__.py"
    ]
    for path in [ROOT / "app.py", *modules]:
        named = [line for line in lines if line.strip().startswith(path.name + " ")]
        assert len(named) == 1, f"{path.relative_to(ROOT)} is not listed once in the layout"
        job = named[0].strip()[len(path.name) :].strip()
        assert len(job.split()) >= 3, f"{path.name} has no job in the layout"
