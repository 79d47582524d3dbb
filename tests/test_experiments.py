"""Experiments that read ../shared skip cleanly when it is absent (a fresh clone elsewhere)."""
import importlib.util
import sys
from pathlib import Path

import pytest

EXPERIMENTS = Path(__file__).resolve().parents[1] / "experiments"
READS_SHARED = {"02_real_seed_pages.py": "SEEDS", "04_cross_domain.py": "SHARED", "05_real_trends.py": "SHARED",
                "08_cue_vote_combination.py": "SHARED", "09_prior_shift.py": "SHARED", "10_blind_test.py": "SHARED",
                "11_cameo_codebook_gap.py": "SHARED", "12_dev_labels_1_3.py": "SHARED", "14_in_domain_labels.py": "SHARED",
                "13_representations.py": "SHARED"}


@pytest.mark.parametrize("script", sorted(READS_SHARED))
def test_skips_cleanly_without_shared(script, tmp_path, monkeypatch, capsys):
    spec = importlib.util.spec_from_file_location(f"exp_{script[:2]}", EXPERIMENTS / script)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    monkeypatch.setattr(mod, READS_SHARED[script], tmp_path / "no_shared")
    monkeypatch.setattr(sys, "argv", [script])
    for name in ("OUT", "REPORT", "REPORTS"):
        if hasattr(mod, name):
            monkeypatch.setattr(mod, name, tmp_path / "report")
    assert mod.main() == 0
    assert "skip" in capsys.readouterr().out.lower()
    assert not (tmp_path / "report").exists()
