"""The upgrade from the previous layout (docs/architecture.md, "Migrations of the move"): a
database made by the previous main's code (migrate, the Kediri regions, the demo data) is migrated
by this checkout's code, and every row is found again.

The previous code comes from git (`git archive` of OLD_LAYOUT) and runs with the same Python in a
process of its own; so does this checkout's `manage.py migrate`. The rows are read with the
database driver, not with Django, before and after:

- every table of the old database is in the new one, under the name the `0002_tables` migrations
  give it (read from the migrations by upgrade_probe.py), with every one of its rows;
- the rows differ only where the move says: content types of the moved models carry the new app
  label (same ids, same model names), periodic tasks the new task names;
- django_migrations holds every migration on disk.

Then this checkout's models are asked (upgrade_probe.py, `orm`): each model counts the rows its
old table had, each model's content type and each permission is the old row, every periodic task
names a task the code registers, `seed_demo` a second time changes no count, and an agency and a
meeting can be written.
"""

import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import require
from tests.timpora.conftest import UPGRADE_FIGURES

# The last commit of the previous layout, where the timpora app held agencies, meetings and the
# outbox (the move is the commit after it).
OLD_LAYOUT = "382b110"
ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 300  # seconds for one command; the whole upgrade takes well under a minute
# The models the issue names: each must have rows before and after, or the test proves nothing.
KEY_TABLES = {
    "accounts_agency", "accounts_profile", "meetings_team", "meetings_meeting",
    "notifications_outboxmessage", "reports_report", "villages_desabinaan",
}

pytestmark = pytest.mark.slow

# Later moves of the data (reports/0008_register_data, checked field by field by
# tests/people/test_migration.py): the register took the people over, same ids, fewer columns
# (the permit, sponsor and address became facts of their own), and the report links name a
# mention instead of a person.
RESHAPED = {"reports_person": "people_person",
            "reports_historicalperson": "people_historicalperson"}
COLUMNS_MOVED = {"reports_person": {"stay_permit", "permit_number", "permit_expires_on",
                                    "sponsor", "address"},
                 "reports_historicalperson": {"stay_permit", "permit_number",
                                              "permit_expires_on", "sponsor", "address"},
                 "reports_reportperson": {"person_id"}}
RELABELLED_LATER = {("reports", "person"): "people", ("reports", "historicalperson"): "people"}


# -- the two trees and their commands ---------------------------------------------------------

def old_tree(tmp_path: Path) -> Path:
    """The previous layout's files, from the git history of the checkout the tests run in."""
    git = shutil.which("git")
    require(git is not None, "git is not installed")
    top = subprocess.run([git, "-C", str(ROOT), "rev-parse", "--show-toplevel"],
                         capture_output=True, text=True, check=False)
    require(top.returncode == 0, f"{ROOT} is not a git checkout: {top.stderr.strip()}")
    found = subprocess.run([git, "-C", top.stdout.strip(), "cat-file", "-e",
                            f"{OLD_LAYOUT}^{{commit}}"], capture_output=True, check=False)
    require(found.returncode == 0,
            f"commit {OLD_LAYOUT} is not in this clone (a shallow clone? git fetch --unshallow)")
    tree = tmp_path / "previous"
    tree.mkdir()
    archive = subprocess.run([git, "-C", top.stdout.strip(), "archive", OLD_LAYOUT],
                             capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def environment(var_dir: Path, database_url: str | None) -> dict[str, str]:
    """The environment of both trees' commands: development settings, the data of this test only
    (SQLite database, file cache, Celery's filesystem broker, e-mail files under var_dir), and
    nothing of the test run's own services."""
    for folder in ("celery/broker", "celery/processed", "celery/control", "mail", "media"):
        (var_dir / folder).mkdir(parents=True, exist_ok=True)
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR")
           if name in os.environ}
    env.update(DEBUG="true", TIMPORA_VAR_DIR=str(var_dir),
               DJANGO_SETTINGS_MODULE="timpora.settings", PYTHONDONTWRITEBYTECODE="1")
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def run(tree: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, *args], cwd=tree, env=env, capture_output=True,
                          text=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 0, (
        f"{' '.join(args)} in {tree.name} failed ({done.returncode}):\n"
        f"{done.stdout[-3000:]}\n{done.stderr[-6000:]}"
    )
    return done.stdout


def probe(env: dict[str, str], mode: str) -> dict:
    return json.loads(run(ROOT, env, "-m", "tests.timpora.upgrade_probe", mode).splitlines()[-1])


# -- the rows, read with the database's own driver --------------------------------------------

def comparable(value):
    """A value that can be counted: JSON the driver decoded becomes its text again."""
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def read_tables(connection, table_names: list[str]) -> dict[str, tuple[list[str], list[tuple]]]:
    tables = {}
    cursor = connection.cursor()
    for table in table_names:
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the catalogue
        columns = [column[0] for column in cursor.description]
        tables[table] = (columns, [tuple(map(comparable, row)) for row in cursor.fetchall()])
    return tables


def sqlite_snapshot(path: Path):
    connection = sqlite3.connect(path)
    try:
        names = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )]
        return read_tables(connection, names)
    finally:
        connection.close()


def postgresql_snapshot(url: str):
    import psycopg2

    connection = psycopg2.connect(url)
    try:
        cursor = connection.cursor()
        cursor.execute("SELECT table_name FROM information_schema.tables "
                       "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
        return read_tables(connection, [name for (name,) in cursor.fetchall()])
    finally:
        connection.close()


# -- the upgrade and what it must keep --------------------------------------------------------

def expected_rows(table, columns, rows, plan):
    """The old rows as the move leaves them: moved content types relabelled, tasks renamed."""
    if table == "django_content_type":
        label, model = columns.index("app_label"), columns.index("model")

        def new_label(row):
            if row[label] == "timpora" and row[model] in plan["relabel"]:
                return plan["relabel"][row[model]]
            return RELABELLED_LATER.get((row[label], row[model]), row[label])

        return [tuple(new_label(row) if i == label else value for i, value in enumerate(row))
                for row in rows]
    if table == "django_celery_beat_periodictask":
        task = columns.index("task")
        return [tuple(plan["tasks"].get(value, value) if i == task else value
                      for i, value in enumerate(row)) for row in rows]
    return rows


def compare_rows(old, new, plan) -> tuple[list[str], int]:
    """Every old row in its new table; the problems found and the rows compared."""
    problems, compared = [], 0
    renames = plan["renames"]
    for table, (columns, rows) in sorted(old.items()):
        target = RESHAPED.get(table) or renames.get(table, table)
        if target not in new:
            problems.append(f"{table}: no table {target} after the upgrade")
            continue
        if target != table and table in new:
            problems.append(f"{table}: still there beside {target}")
        new_columns, new_rows = new[target]
        moved = COLUMNS_MOVED.get(table, set())
        lost_columns = set(columns) - set(new_columns) - moved
        if lost_columns:
            problems.append(f"{target}: columns {sorted(lost_columns)} are gone")
            continue
        if moved:
            kept = [i for i, column in enumerate(columns) if column not in moved]
            columns = [columns[i] for i in kept]
            rows = [tuple(row[i] for i in kept) for row in rows]
        positions = [new_columns.index(column) for column in columns]
        found = Counter(tuple(row[i] for i in positions) for row in new_rows)
        missing = Counter(expected_rows(table, columns, rows, plan)) - found
        compared += len(rows)
        if missing:
            examples = list(missing.elements())[:3]
            problems.append(f"{target}: {missing.total()} of {len(rows)} rows of {table} not "
                            f"found, e.g. {examples}")
    return problems, compared


def upgrade(tmp_path: Path, database: str, database_url: str | None, snapshot) -> None:
    started = time.monotonic()
    tree = old_tree(tmp_path)
    env = environment(tmp_path / "var", database_url)
    run(tree, env, "manage.py", "migrate", "--noinput")
    run(tree, env, "manage.py", "import_regions", "35.06")
    run(tree, env, "manage.py", "seed_demo")
    old = snapshot()
    seeded = time.monotonic()

    run(ROOT, env, "manage.py", "migrate", "--noinput")
    migrated = time.monotonic()
    new = snapshot()
    plan = probe(env, "plan")
    orm = probe(env, "orm")

    # Every row of every table, where the move puts it.
    assert plan["renames"], "the migrations rename no table: the plan was not read"
    problems, rows_compared = compare_rows(old, new, plan)
    left = sorted(table for table in new if table.startswith("timpora_"))
    if left:
        problems.append(f"tables left under the old app's name: {left}")
    assert not problems, "\n".join(problems)

    # Content types: the old ids, now with the label of the app that owns the model.
    ct_columns, ct_rows = old["django_content_type"]
    old_types = {(row[ct_columns.index("app_label")], row[ct_columns.index("model")]):
                 row[ct_columns.index("id")] for row in ct_rows}
    moved = {model for (app_label, model) in old_types if app_label == "timpora"}
    assert moved == set(plan["relabel"]), "timpora/0005 relabels other models than timpora had"
    for label, pk in orm["content_types"].items():
        app_label, model = label.split(".")
        before = ("timpora", model) if plan["relabel"].get(model) == app_label else label.split(".")
        if tuple(before) in old_types:
            assert pk == old_types[tuple(before)], f"{label} got a new content type"
    assert all(f"{app}.{model}" in orm["content_types"] for model, app in plan["relabel"].items())
    assert not any(app == "timpora" for app, _ in
                   (row.split(".") for row in orm["content_types"]))

    # Permissions: the same ids on the same (relabelled) content types.
    label_of = {pk: (plan["relabel"][model] if app == "timpora"
                     else RELABELLED_LATER.get((app, model), app))
                for (app, model), pk in old_types.items()}
    p_columns, p_rows = old["auth_permission"]
    for row in p_rows:
        pk, ct, codename = (row[p_columns.index(name)]
                            for name in ("id", "content_type_id", "codename"))
        assert orm["permissions"].get(str(pk)) == f"{label_of[ct]}.{codename}", pk

    # Periodic tasks: every schedule names a task this code has.
    assert orm["periodic_tasks"], "the old database had no periodic task"
    unknown = set(orm["periodic_tasks"]) - set(orm["registered_tasks"])
    assert not unknown, f"periodic tasks name tasks the code does not have: {unknown}"
    old_tasks = {row[old["django_celery_beat_periodictask"][0].index("task")]
                 for row in old["django_celery_beat_periodictask"][1]}
    renamed_tasks = old_tasks & set(plan["tasks"])
    assert renamed_tasks, "no periodic task of the old layout was renamed"

    # The migration history: every migration on disk is recorded as applied.
    m_columns, m_rows = new["django_migrations"]
    applied = {(row[m_columns.index("app")], row[m_columns.index("name")]) for row in m_rows}
    unapplied = {tuple(node) for node in plan["migrations"]} - applied
    assert not unapplied, f"not recorded as applied: {sorted(unapplied)}"
    upgrade_migrations = len(m_rows) - len(old["django_migrations"][1])

    # The models count the old rows; seed_demo again changes nothing; new rows can be written.
    back = {new_name: old_name for old_name, new_name in
            [*plan["renames"].items(), *RESHAPED.items()]}
    counted = {table: count for table, count in orm["counts"].items()
               if back.get(table, table) in old}
    # The register's other tables are new (their rows come from the people moved into it).
    lacked = {table for table in set(orm["counts"]) - set(counted)
              if not table.startswith("people_")}
    assert not lacked, f"tables of models the old database lacked: {lacked}"
    # The register brings content types, permissions and the permit watch's schedule of its
    # own; every old row of these is still there (compared above).
    grows = {"auth_permission", "django_content_type", "django_celery_beat_crontabschedule",
             "django_celery_beat_periodictask"}
    wrong = {table: (count, len(old[back.get(table, table)][1]))
             for table, count in counted.items()
             if (count < len(old[back.get(table, table)][1]) if table in grows
                 else count != len(old[back.get(table, table)][1]))}
    assert not wrong, f"model counts (now, before) differ: {wrong}"
    assert set(counted) >= KEY_TABLES
    assert all(counted[table] > 0 for table in KEY_TABLES), {t: counted[t] for t in KEY_TABLES}
    # This code's demo story adds to the old one (the register's matching, a later report), and
    # then changes nothing.
    changed = {table: (count, orm["counts_after_second_seed"][table])
               for table, count in orm["counts_after_seed"].items()
               if orm["counts_after_second_seed"][table] != count}
    assert not changed, f"seed_demo a second time changed counts (before, after): {changed}"
    assert orm["counts_after_seed"]["people_person"] >= orm["counts"]["people_person"]
    highest = {name: max((row[old[name][0].index("id")] for row in old[name][1]), default=0)
               for name in ("timpora_agency", "timpora_meeting")}
    assert orm["inserted"]["agency"] > highest["timpora_agency"]
    assert orm["inserted"]["meeting"] > highest["timpora_meeting"]
    assert orm["inserted"]["invited"] == [orm["inserted"]["agency"]]

    UPGRADE_FIGURES[database] = {
        "tables compared": len(old),
        "rows compared": rows_compared,
        "tables renamed": len(plan["renames"]),
        "content types relabelled": len(moved),
        "permissions kept": len(p_rows),
        "periodic tasks renamed": len(renamed_tasks),
        "migrations applied by the upgrade": upgrade_migrations,
        "model tables counted": len(counted),
        "previous layout seeded in": f"{seeded - started:.1f} s",
        "upgrade migrate": f"{migrated - seeded:.1f} s",
        "total": f"{time.monotonic() - started:.1f} s",
    }


def test_upgrade_on_sqlite(tmp_path):
    upgrade(tmp_path, "sqlite", None, lambda: sqlite_snapshot(tmp_path / "var" / "timpora.sqlite3"))


@pytest.mark.services
def test_upgrade_on_postgresql(tmp_path):
    """On a database of its own, made and dropped on the server DATABASE_URL names."""
    url = os.environ.get("DATABASE_URL", "")
    require(urlsplit(url).scheme in {"postgres", "postgresql", "pgsql"},
            "DATABASE_URL names no PostgreSQL server")
    import psycopg2

    parts = urlsplit(url)._replace(scheme="postgres")
    server, errors = None, []
    # The database the URL names, or the server's maintenance database if that one is not made yet.
    for database in (parts.path.lstrip("/"), "postgres"):
        try:
            server = psycopg2.connect(urlunsplit(parts._replace(path=f"/{database}")),
                                      connect_timeout=5)
            break
        except psycopg2.OperationalError as error:
            errors.append(str(error).strip())
    require(server is not None, f"PostgreSQL is unreachable: {errors}")
    server.autocommit = True
    name = f"timpora_upgrade_{secrets.token_hex(6)}"
    throwaway = urlunsplit(parts._replace(path=f"/{name}"))
    try:
        server.cursor().execute(f'CREATE DATABASE "{name}"')
        upgrade(tmp_path, "postgresql", throwaway, lambda: postgresql_snapshot(throwaway))
    finally:
        server.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()
