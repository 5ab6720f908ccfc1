"""The article's name index: which person a surname is, and the gender a pronoun needs to refer to them."""

from __future__ import annotations

import os
import subprocess
import sys

from workbench.pipeline.names import NameIndex

# Two gendered descriptors of one person: the index must settle on one gender, whatever order a set gives them.
MIXED = "The widow businessman Sam Lee spoke first. Later, Lee left."

_PROBE = f"from workbench.pipeline.names import NameIndex;print(NameIndex({MIXED!r}).persons['lee'].gender)"


def test_gender_from_conflicting_descriptors_is_the_first_in_sorted_order():
    person = NameIndex(MIXED).persons["lee"]
    assert person.roles >= {"widow", "businessman"}
    assert person.gender == "m"  # "businessman" sorts before "widow"


def test_gender_does_not_depend_on_the_hash_seed():
    genders = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True)
        genders.add(done.stdout.strip())
    assert genders == {"m"}
