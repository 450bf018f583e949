"""CI files: the workflows validate against GitHub's schema (offline), and CI runs `make test`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from mkdocs_run import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.y*ml"))


def test_workflows_validate_against_the_github_workflow_schema():
    assert WORKFLOWS, "no workflow files"
    checker = Path(sys.executable).with_name("check-jsonschema")
    done = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    assert done.returncode == 0, done.stdout


def test_pull_requests_build_and_test_and_main_deploys_with_the_pages_artifact_flow():
    flow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    triggers = flow[True] if True in flow else flow["on"]  # YAML 1.1 reads `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    test_steps = flow["jobs"]["test"]["steps"]
    assert any(step.get("run") == "bash .ci/run" for step in test_steps)
    uses = [step.get("uses", "") for step in test_steps]
    assert any(u.startswith("actions/cache@") for u in uses), "no pip cache"
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    deploy = flow["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"] and deploy["needs"] == "test"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])


def test_ci_lints_first_then_runs_make_test_and_nothing_weaker():
    script = (ROOT / ".ci/run").read_text(encoding="utf-8")
    commands = [l.strip() for l in script.splitlines() if l.strip() and not l.lstrip().startswith("#")]
    assert "exec make lint test </dev/null" in commands
    assert not any("pytest" in c or "-k" in c.split() for c in commands)


def test_make_test_installs_system_packages_and_runs_every_test():
    done = subprocess.run(["make", "-n", "test"], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=60)
    assert done.returncode == 0, done.stdout
    for package in ("chromium", "fonts-noto-cjk", "poppler-utils", "libpango"):
        assert package in done.stdout
    assert ".venv/bin/python -m pytest tests" in done.stdout
