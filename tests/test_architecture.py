"""The layers of docs/architecture.md hold: no module imports from a layer above its own."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(config: Path | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    command = [str(LINT_IMPORTS), "--no-cache"]
    if config is not None:
        command += ["--config", str(config)]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120,
                          check=False)


def test_every_import_follows_the_layers():
    result = _lint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_import_against_the_layers_is_caught(tmp_path):
    """A copy of the tree where core imports reports must break the contract."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    for package in config["tool"]["importlinter"]["root_packages"]:
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__", "migrations"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    codes = tmp_path / "core" / "codes.py"
    codes.write_text(codes.read_text() + "\nfrom reports.models import Report  # noqa\n")
    result = _lint(tmp_path / "pyproject.toml", cwd=tmp_path)
    assert result.returncode != 0
    assert "core.codes -> reports.models" in result.stdout
