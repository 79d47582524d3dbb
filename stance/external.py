"""Other people's labelled sets, mapped to our three labels (for evaluation only).

Each loader returns a DataFrame with ``text``, ``actor`` (our code, or empty),
``label`` and ``source_label``; the mappings follow ``../shared/README.md``.
None of these sets ever trains the default model.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

CAMEO_PENTA = {0: "neutral", 1: "conciliatory", 2: "conciliatory", 3: "escalatory", 4: "escalatory"}
PLOVER_CONC = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
PLOVER_NEUT = {"INVESTIGATE", "REQUEST"}
DIRECTED = {0: "neutral", 1: "conciliatory", 2: "conciliatory", 3: "escalatory", 4: "escalatory"}


def _frame(texts, labels, source_labels, actors=None) -> pd.DataFrame:
    return pd.DataFrame({"text": texts, "actor": actors if actors is not None else [""] * len(texts),
                         "actor_mention": [""] * len(texts), "label": labels, "source_label": source_labels})


def load_conflibert(path) -> pd.DataFrame:
    df = pd.read_csv(path, sep="\t", header=None, names=["text", "code"], quoting=3, dtype={"text": str},
                     lineterminator="\n")
    df["text"] = df["text"].str.strip()
    df["code"] = df["code"].astype(str).str.strip().astype(int)
    return _frame(df["text"].tolist(), df["code"].map(CAMEO_PENTA).tolist(), df["code"].tolist())


def plover_label(event: str) -> str:
    return "conciliatory" if event in PLOVER_CONC else "neutral" if event in PLOVER_NEUT else "escalatory"


def load_plover(path) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    actors = [c.split("|")[0] if len(c.split("|")[0]) == 3 else "" for c in df["source_codes"]]
    return _frame(df["text"].tolist(), [plover_label(e) for e in df["event"]], df["event"].tolist(), actors)


def cameo_root_label(code: str) -> str:
    root = int(str(code)[:2])
    if 3 <= root <= 8:
        return "conciliatory"
    if root in (1, 2, 9):
        return "neutral"
    return "escalatory"


def load_petrarch2(path) -> pd.DataFrame:
    """Parse the (not well-formed) PETRARCH-2 validation XML record by record."""
    raw = Path(path).read_text(encoding="utf-8", errors="replace")
    texts, labels, src, actors = [], [], [], []
    for block in raw.split("<Sentence ")[1:]:
        codes = re.findall(r'<EventCoding eventcode="(\d+)" sourcecode="([^"]*)"', block)
        m = re.search(r"<Text>(.*?)</Text>", block, re.S)
        if not codes or not m:
            continue
        text = " ".join(m.group(1).split())
        code, source = codes[0]
        texts.append(text)
        labels.append(cameo_root_label(code))
        src.append(code)
        actors.append(source[:3] if len(source) >= 3 else "")
    return _frame(texts, labels, src, actors)


UNSC_COUNTRIES = {"Russian_Federation": "RUS", "Ukraine": "UKR", "United_States": "USA", "United_Kingdom": "GBR",
                  "France": "FRA", "China": "CHN", "Germany": "DEU", "Lithuania": "LTU"}


def load_unscon(path) -> pd.DataFrame:
    """UNSC speeches: NegEval rows are escalatory; others are 'not escalatory' (label ``other``)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    neg = df["A0"].str.contains("NegEval")
    labels = ["escalatory" if n else "other" for n in neg]
    actors = [UNSC_COUNTRIES.get(c, "") for c in df["country"]]
    texts = [re.sub(r"\s+([.,;:!?])", r"\1", " ".join(t.split())) for t in df["sentence_text"]]
    return _frame(texts, labels, df["A0"].tolist(), actors)


def load_directed(path) -> pd.DataFrame:
    """Directed sentiment: the holder (p or q) is the source; brackets are removed."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) != 4:
            continue
        sent, p, q, lab = parts
        try:
            lab = int(lab)
        except ValueError:
            continue
        holder = q if lab in (2, 4) else p
        text = sent.replace("[", "").replace("]", "")
        rows.append((text, DIRECTED[lab], lab, holder))
    df = pd.DataFrame(rows, columns=["text", "label", "source_label", "holder"])
    out = _frame(df["text"].tolist(), df["label"].tolist(), df["source_label"].tolist())
    out["actor_mention"] = df["holder"].to_numpy()
    return out


LOADERS = {
    "conflibert_cameo": ("conflibert_cameo_test.tsv", load_conflibert),
    "plover_gsr": ("plover_gsr_cameo.csv", load_plover),
    "petrarch2_gsr": ("petrarch2_gsr_validation.xml", load_petrarch2),
    "unscon_unsc": ("unscon_unsc_ukraine_sentences.csv", load_unscon),
    "directed_sentiment_test": ("directed_sentiment_test.txt", load_directed),
}


def load_external(name: str, shared_dir) -> pd.DataFrame | None:
    """Load one set by name from ``shared_dir/labelled``; None when absent."""
    fname, loader = LOADERS[name]
    path = Path(shared_dir) / "labelled" / fname
    return loader(path) if path.exists() else None
