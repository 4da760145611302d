"""deploy/system-packages.sh, the one list of Debian packages (docs/development.md), and the probe
that decides whether the PDF tests can run. The script runs in --check mode with a stand-in
dpkg-query, so nothing is ever installed and the machine's own packages do not matter."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "deploy" / "system-packages.sh"
WEASYPRINT = {"libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "libharfbuzz-subset0",
              "fonts-dejavu-core"}


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True,
                          timeout=30, check=False, env=env)


def listed(purpose: str) -> set[str]:
    result = run("--list", purpose)
    assert result.returncode == 0, result.stderr
    return {line.split()[0] for line in result.stdout.splitlines()}


def test_each_purpose_lists_what_it_needs():
    assert listed("run") == WEASYPRINT
    assert listed("test") == WEASYPRINT | {"chromium", "default-jre-headless", "gettext"}
    assert listed("ci") == listed("test") | {"postgresql-client", "redis-tools"}
    assert listed("messages") == {"gettext"}
    assert listed("bench") == WEASYPRINT | {"wrk"}


def test_every_package_says_why():
    for line in run("--list", "ci").stdout.splitlines():
        assert len(line.split()) > 3, line


def test_an_unknown_purpose_is_refused():
    assert run("deploy").returncode == 2
    assert run().returncode == 2


def fake_dpkg(tmp_path: Path, installed: dict[str, str]) -> dict:
    """A PATH whose dpkg-query knows only `installed` (package -> status)."""
    lines = "".join(f"{name} {status}\\n" for name, status in installed.items())
    stub = tmp_path / "dpkg-query"
    stub.write_text(f"#!/bin/sh\nprintf '{lines}'\n")
    stub.chmod(0o755)
    return {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}


def test_nothing_is_printed_when_everything_is_installed(tmp_path):
    env = fake_dpkg(tmp_path, dict.fromkeys(listed("test"), "installed"))
    result = run("--check", "test", env=env)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_missing_packages_come_with_the_one_command_that_installs_them(tmp_path):
    present = dict.fromkeys(listed("test"), "installed")
    present["libharfbuzz-subset0"] = "config-files"  # removed, not purged: still missing
    del present["chromium"]
    result = run("--check", "test", env=fake_dpkg(tmp_path, present))
    assert result.returncode == 0  # make goes on; the tests that need them skip
    assert "sudo apt-get install -y libharfbuzz-subset0 chromium\n" in result.stderr


def test_a_versioned_postgresql_client_is_enough_for_ci(tmp_path):
    present = dict.fromkeys(listed("ci"), "installed")
    del present["postgresql-client"]
    present["postgresql-client-common"] = "installed"  # the wrappers alone are not enough
    result = run("--check", "ci", env=fake_dpkg(tmp_path, present))
    assert "sudo apt-get install -y postgresql-client\n" in result.stderr
    present["postgresql-client-15"] = "installed"
    assert run("--check", "ci", env=fake_dpkg(tmp_path, present)).stderr == ""


# A machine without libharfbuzz-subset0, as far as WeasyPrint and ctypes can tell.
WITHOUT_HARFBUZZ_SUBSET = """
import ctypes.util, cffi
real_dlopen, real_find = cffi.FFI.dlopen, ctypes.util.find_library
def dlopen(self, name, *args, **kwargs):
    if "harfbuzz-subset" in str(name):
        raise OSError(f"cannot load library {name!r}")
    return real_dlopen(self, name, *args, **kwargs)
cffi.FFI.dlopen = dlopen
ctypes.util.find_library = lambda name: None if "harfbuzz-subset" in name else real_find(name)
from tests.system import weasyprint_problem
print(weasyprint_problem())
"""


@pytest.mark.pdf
def test_the_probe_finds_nothing_wrong_where_pdfs_render():
    from tests.system import weasyprint_problem

    assert weasyprint_problem() is None


def test_the_probe_names_the_missing_package_and_the_script():
    result = subprocess.run([sys.executable, "-c", WITHOUT_HARFBUZZ_SUBSET], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=True)
    reason = result.stdout.strip()
    assert "HarfBuzz-Subset" in reason
    assert "deploy/system-packages.sh test" in reason
    assert reason.endswith("sudo apt-get install -y libharfbuzz-subset0")
