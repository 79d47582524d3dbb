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


def test_a_single_string_is_refused_and_missing_paragraphs_are_skipped():
    import pytest

    with pytest.raises(TypeError, match="list of paragraphs"):
        split_sentences("One. Two.")  # would otherwise be split character by character
    assert split_sentences([None, float("nan"), "Talks ended."], title=float("nan")) == ["Talks ended."]
    assert split_sentences([], title="Line one\nline two") == ["Line one line two"]


def test_invisible_characters_and_unicode_spaces_do_not_glue_sentences():
    # soft hyphens after a full stop, as in the Kremlin's press releases
    assert split_paragraph("Trade is growing.\xad\xad There was an increase. \u200bExports rose.") == [
        "Trade is growing.", "There was an increase.", "Exports rose."]
    assert split_paragraph("Sergei\u202fLavrov spoke.") == ["Sergei Lavrov spoke."]
    assert split_paragraph("Me\u0301lanie Joly spoke.") == ["Mélanie Joly spoke."]  # NFD in, NFC out
    # an invisible character standing in for the space between sentences is a space; inside a word, nothing
    assert split_paragraph("Moscow warned.\u200bThe talks ended.") == ["Moscow warned.", "The talks ended."]
    assert split_paragraph("Zelen\xadskyy said \u201cNo.\u201d\u200bThen he left.") == [
        "Zelenskyy said \u201cNo.\u201d", "Then he left."]
    assert split_paragraph("Talks in C\u00f4te d\u2019\u200bIvoire with O\u2019\u00adNeill on U.S.\u200bA. aid.") == [
        "Talks in C\u00f4te d\u2019Ivoire with O\u2019Neill on U.S.A. aid."]
