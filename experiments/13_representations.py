"""Would a representation beyond TF-IDF n-grams read real text better?

Two candidates, each added to the default pipeline (and the embeddings also alone), trained on
data/labels only and scored on the development sets (never on the blind test set):

- static sentence embeddings: the mean of WordLlama's token embeddings (Llama-2 token embeddings
  trained for sentence similarity, 256 dimensions; the weights ship inside the ``wordllama``
  wheel on PyPI, so nothing is downloaded). Actor placeholders are dropped or read as pronouns.
- the source actor's predicate: word n-grams of the first k words after the source mention
  (CAMEO-style subject-verb-object reading: what the actor does, not the sentence's topic).

Needs ``pip install wordllama`` (not a dependency of stance); without it the embedding rows are
skipped. Skips cleanly when ../shared is absent. Writes reports/13_representations/.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sklearn.base import BaseEstimator, TransformerMixin  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.utils.validation import check_is_fitted  # noqa: E402

from stance.evaluate import all_eval_sets, macro_f1, predict_eval_set, record_run  # noqa: E402
from stance.features import OTHER, SRC, StatementText, WordNgrams, _texts  # noqa: E402
from stance.labels import default_labels_path, load_labels  # noqa: E402
from stance.models import build_pipeline, training_frame  # noqa: E402

SHARED = ROOT.parent / "shared"
OUT = ROOT / "reports" / "13_representations"
RU_UA = ("real_seed_statements", "real_press_statements", "real_headlines_2021_22")
OTHER_SETS = ("real_syria_statements", "conflibert_cameo", "plover_gsr")
_WORDLLAMA: dict = {}


def wordllama_model():
    """(tokenizer, embedding matrix) from the files inside the wordllama wheel, without its loader
    (which looks for the tokenizer in the wrong folder and then tries Hugging Face)."""
    if "m" not in _WORDLLAMA:
        import wordllama
        from safetensors import safe_open
        from tokenizers import Tokenizer

        pkg = Path(wordllama.__file__).parent
        tok = Tokenizer.from_file(str(pkg / "tokenizers" / "l2_supercat_tokenizer_config.json"))
        tok.no_padding()
        tok.no_truncation()
        with safe_open(str(pkg / "weights" / "l2_supercat_256.safetensors"), framework="np") as f:
            emb = f.get_tensor("embedding.weight").astype(np.float32)
        _WORDLLAMA["m"] = (tok, emb)
    return _WORDLLAMA["m"]


class MeanEmbedding(TransformerMixin, BaseEstimator):
    """L2-normalised mean of WordLlama token embeddings per text."""

    def __init__(self, src="", other=""):
        self.src = src
        self.other = other

    def fit(self, X, y=None):
        _texts(X)
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        check_is_fitted(self, "n_features_in_")
        tok, emb = wordllama_model()
        texts = [t.replace(SRC, self.src).replace(OTHER, self.other) for t in _texts(X)]
        out = np.zeros((len(texts), emb.shape[1]), dtype=np.float32)
        for i, enc in enumerate(tok.encode_batch(texts, add_special_tokens=False)):
            if enc.ids:
                v = emb[enc.ids].mean(axis=0)
                n = np.linalg.norm(v)
                out[i] = v / n if n else v
        return out

    def get_feature_names_out(self, input_features=None):
        return np.array([f"emb__{i}" for i in range(_WORDLLAMA["m"][1].shape[1] if _WORDLLAMA else 256)], dtype=object)


class WithPredicate(StatementText):
    """StatementText plus a ``predicate`` column: the first ``k`` words after the source mention."""

    def __init__(self, mask_actors=True, clause=True, actors_path=None, k=8):
        super().__init__(mask_actors=mask_actors, clause=clause, actors_path=actors_path)
        self.k = k

    def transform(self, X):
        out = super().transform(X)
        preds = []
        for m in out["masked"].tolist():
            i = m.find(SRC)
            preds.append("" if i < 0 else " ".join(m[i + len(SRC):].split()[: self.k]))
        out["predicate"] = preds
        return out


def variant_pipeline(*, embed_cols=(), embed_weight=1.0, embed_only=False, src="", other="", predicate_k=0):
    pipe = build_pipeline("logreg")
    ct = pipe.named_steps["features"]
    if embed_only:
        ct.transformers = []
    for col in embed_cols:
        ct.transformers.append((f"emb_{col}", MeanEmbedding(src=src, other=other), col))
    if embed_cols and embed_weight != 1.0:
        ct.transformer_weights = {f"emb_{c}": embed_weight for c in embed_cols}
    if predicate_k:
        pipe.steps[0] = ("statement", WithPredicate(k=predicate_k))
        ct.transformers.append(("predicate", TfidfVectorizer(analyzer=WordNgrams(), min_df=2, sublinear_tf=True),
                                "predicate"))
    return pipe


def variants(have_wordllama: bool) -> list[tuple[str, dict]]:
    out = [("default", {})]
    if have_wordllama:
        out += [(f"+ embeddings (masked sentence) x{w}", {"embed_cols": ("masked",), "embed_weight": w})
                for w in (0.5, 1.0, 2.0)]
        out += [("+ embeddings (sentence and source clause)", {"embed_cols": ("masked", "clause")}),
                ("+ embeddings, placeholders read as they/them", {"embed_cols": ("masked",), "src": "they",
                                                                  "other": "them"}),
                ("embeddings alone", {"embed_cols": ("masked",), "embed_only": True})]
    out += [(f"+ source predicate n-grams, k={k}", {"predicate_k": k}) for k in (5, 8, 12)]
    return out


def main() -> int:
    if not SHARED.exists():
        print(f"{SHARED} not found: nothing to evaluate (skipped)")
        return 0
    try:
        import wordllama  # noqa: F401

        have_wordllama = True
    except ImportError:
        print("wordllama not installed (pip install wordllama): embedding variants skipped")
        have_wordllama = False
    sets = all_eval_sets(SHARED)
    X, y = training_frame(load_labels())
    rows = []
    for name, kw in variants(have_wordllama):
        pipe = variant_pipeline(**kw)
        t0 = time.perf_counter()
        pipe.fit(X, y)
        row = {"variant": name, "fit_seconds": round(time.perf_counter() - t0, 1)}
        for s in RU_UA + OTHER_SETS:
            if s in sets:
                df = sets[s]
                row[s] = round(macro_f1(df["label"].to_numpy(), predict_eval_set(df, pipe)["label"].to_numpy()), 4)
        scored = [row[s] for s in RU_UA if s in row]
        row["ru_ua_mean"] = round(float(np.mean(scored)), 4) if scored else None
        rows.append(row)
        print(row, flush=True)
    res = pd.DataFrame(rows)
    OUT.mkdir(parents=True, exist_ok=True)
    res.to_csv(OUT / "results.csv", index=False)
    print(res.to_string(index=False))
    params = {"wordllama": None}
    if have_wordllama:
        from importlib.metadata import version

        params["wordllama"] = version("wordllama")
    record_run(OUT, metrics={"results": rows}, inputs=[default_labels_path(), ROOT / "data" / "eval"], params=params)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
