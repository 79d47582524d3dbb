import pandas as pd

from stance.report import build_report


def test_report_is_self_contained_html(tmp_path):
    s = pd.DataFrame({"doc_id": ["d"] * 4, "path": ["a.txt"] * 4, "actor": ["RUS", "RUS", "USA", ""],
                      "date": ["2022-01-03", "2022-01-04", "2022-01-04", ""], "target": ["USA", "", "RUS", ""],
                      "label": ["escalatory", "neutral", "conciliatory", "neutral"],
                      "sentence": ["Moscow <warned>.", "A call took place.", "Washington offered talks.", "x"],
                      "p_escalatory": [0.8, 0.1, 0.1, 0.2], "p_conciliatory": [0.1, 0.1, 0.8, 0.2],
                      "p_neutral": [0.1, 0.8, 0.1, 0.6]})
    out = tmp_path / "r.html"
    build_report(s, out, model_card={"model": "LogisticRegression"})
    page = out.read_text()
    assert page.count("data:image/png;base64,") == 2
    assert "Moscow &lt;warned&gt;." in page  # statements are escaped
    assert "LogisticRegression" in page and "src=\"http" not in page


def test_report_takes_categorical_columns_with_missing_values(tmp_path):
    import numpy as np

    s = pd.DataFrame({"doc_id": ["d"] * 3, "path": [np.nan, "a.txt", "a.txt"], "actor": ["RUS", np.nan, "USA"],
                      "date": ["2022-01-03", "2022-01-04", np.nan], "label": ["escalatory", "neutral", "conciliatory"],
                      "sentence": ["a", "b", "c"], "p_escalatory": [0.8, 0.1, 0.1], "p_conciliatory": [0.1, 0.1, 0.8],
                      "p_neutral": [0.1, 0.8, 0.1]}).astype({"actor": "category", "date": "category", "path": "category"})
    out = build_report(s, tmp_path / "r.html")
    page = out.read_text()
    assert ">nan<" not in page and "RUS" in page
