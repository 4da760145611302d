# Figures the upgrade test (test_upgrade.py) prints at the end of the run, one line per database.
UPGRADE_FIGURES: dict[str, dict[str, object]] = {}


def pytest_terminal_summary(terminalreporter):
    if not UPGRADE_FIGURES:
        return
    terminalreporter.section("upgrade figures")
    for database, figures in UPGRADE_FIGURES.items():
        line = ", ".join(f"{name} {value}" for name, value in figures.items())
        terminalreporter.write_line(f"{database}: {line}")
