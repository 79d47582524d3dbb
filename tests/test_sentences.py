from stance.sentences import repair_quotes, split_paragraph, split_sentences


def test_abbreviations_do_not_split():
    s = split_paragraph("U.S. Sen. Bob Smith met Gen. Jones in Washington on Feb. 3 at 10 a.m. local time. Mr. Smith left.")
    assert s == ["U.S. Sen. Bob Smith met Gen. Jones in Washington on Feb. 3 at 10 a.m. local time.", "Mr. Smith left."]


def test_glued_quotes_are_repaired():
    assert repair_quotes('he told reporters."We will see."') == 'he told reporters. "We will see."'
    assert repair_quotes('to share some"concrete ideas" today') == 'to share some "concrete ideas" today'
    assert repair_quotes('"Done.""Next one."') == '"Done." "Next one."'


def test_quote_and_attribution_stay_together():
    s = split_paragraph("“We will not accept this. It is a provocation,” Lavrov said. Talks ended.")
    assert s == ["“We will not accept this. It is a provocation,” Lavrov said.", "Talks ended."]


def test_headline_is_its_own_sentence():
    s = split_sentences(["Moscow said it was ready to talk."], title="Kremlin signals openness")
    assert s == ["Kremlin signals openness", "Moscow said it was ready to talk."]


def test_remembered_boundary_test_gives_nltks_answer():
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from stance.sentences import _tokenizer

    tok = _tokenizer()
    text = ("Gen. Milley spoke to the U.S. Senate on Tuesday. He said Russia had moved. "
            "Talks ended at 3 p.m. The envoy left. Mr. Lavrov said no. Talks ended at 3 p.m. The envoy left.")
    plain = PunktSentenceTokenizer(tok._params, lang_vars=tok._lang_vars)
    assert tok.tokenize(text) == plain.tokenize(text)
    assert tok.tokenize(text) == tok.tokenize(text)
