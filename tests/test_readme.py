"""The README's Reliability table is generated from the test suite and must be current."""

import os
import subprocess
import sys

from tests.fixtures.base import ROOT

SCRIPT = os.path.join(ROOT, "scripts", "reliability_table.py")


def test_reliability_table_is_up_to_date():
    done = subprocess.run([sys.executable, SCRIPT, "--check"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, (
        "README.md's Reliability table is out of date; run `python scripts/reliability_table.py`\n"
        + done.stdout[-3000:] + done.stderr[-2000:])


def test_every_scenario_of_issue_6_has_tests():
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    try:
        import reliability_table
    finally:
        sys.path.pop(0)
    found, _unmatched = reliability_table.classify(reliability_table.collect())
    empty = [scenario for i, (_g, scenario, _w, _p) in enumerate(reliability_table.SCENARIOS) if not found[i]]
    assert empty == []
    groups = {group for group, *_rest in reliability_table.SCENARIOS}
    assert groups == {"Service faults", "Retries", "Cache durability", "Plan input", "Profile input", "Security"}
