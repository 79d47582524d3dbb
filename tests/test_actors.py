import pandas as pd
import pytest

from stance.actors import ActorMatcher, load_actors
from stance.io import InputError


@pytest.fixture(scope="module")
def matcher(small_actors):
    return ActorMatcher(load_actors(small_actors))


def test_finds_longest_aliases_and_metonyms(matcher):
    ms = matcher.find("The Kremlin said Antony Blinken told the Russian Foreign Ministry that Washington agreed.")
    assert [(m.text, m.actor) for m in ms] == [("The Kremlin", "RUS"), ("Antony Blinken", "USA"),
                                              ("the Russian Foreign Ministry", "RUS"), ("Washington", "USA")]


def test_bare_headline_form_and_word_boundaries(matcher):
    assert [m.actor for m in matcher.find("Kremlin rejects US offer")] == ["RUS", "USA"]
    assert matcher.find("USAID and Russians-only clubs") == []


def test_roles_are_coded_by_article_date(matcher):
    assert [m.actor for m in matcher.find("Blinken spoke.", "2022-01-10")] == ["USA"]
    assert matcher.find("Blinken spoke.", "2019-01-10") == []  # not yet Secretary of State
    assert [m.actor for m in matcher.find("Blinken spoke.")] == ["USA"]  # undated: any role


def test_ambiguous_alias_resolved_by_article_context(matcher):
    assert matcher.find("Brussels said", context={"NATO"})[0].actor == "NATO"
    assert matcher.find("Brussels said", context={"EU"})[0].actor == "EU"


def test_resolve_names_and_codes(matcher):
    assert matcher.resolve("RUS") == "RUS"
    assert matcher.resolve("Lavrov") == "RUS"
    assert matcher.resolve("nobody") is None


def test_default_table_covers_many_actors():
    df = load_actors()
    assert df["actor"].nunique() >= 45
    assert {"person", "org", "place", "demonym"} <= set(df["kind"])


def test_user_table_adds_aliases(small_actors, tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("alias,actor,kind,role,valid_from,valid_to\nthe Duma,RUS,org,parliament,,\n")
    m = ActorMatcher(load_actors(small_actors, extra=extra))
    assert m.find("The Duma voted.")[0].actor == "RUS"


def test_bad_actor_table_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,code\nx,y\n")
    with pytest.raises(InputError, match="bad.csv: actor table lacks column"):
        load_actors(bad)


def test_longest_alias_wins_at_a_word_also_when_it_starts_with_punctuation(small_actors, tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("alias,actor,kind,role,valid_from,valid_to\n#EU,EU,org,,,\nEU Commission,XEC,org,,,\n")
    m = ActorMatcher(load_actors(small_actors, extra=extra))
    assert [(x.text, x.actor) for x in m.find("#EU Commission said on Monday.")] == [("EU Commission", "XEC")]
    assert [(x.text, x.actor) for x in m.find("#EU said on Monday.")] == [("#EU", "EU")]
    assert m.find("#EU said on Monday.", "2022-01-01") == m.find("#EU said on Monday.")  # the cached scan is date-free


def test_user_rows_win_over_the_default_rows_for_their_alias(small_actors, tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("alias,actor,kind,role,valid_from,valid_to\nLavrov,XXX,person,,,\nKremlin,YYY,org,,,\n")
    m = ActorMatcher(load_actors(small_actors, extra=extra))
    assert [(x.text, x.actor) for x in m.find("Lavrov and the Kremlin spoke.", "2022-01-10")] == [
        ("Lavrov", "XXX"), ("Kremlin", "YYY")]
    assert m.find("Putin spoke.")[0].actor == "RUS"  # other aliases untouched


def test_matcher_cache_sees_an_edited_file_and_takes_frames(small_actors, tmp_path):
    import os

    from stance.actors import get_matcher

    extra = tmp_path / "mine.csv"
    extra.write_text("alias,actor,kind,role,valid_from,valid_to\nthe Duma,RUS,org,,,\n")
    assert [x.actor for x in get_matcher(small_actors, extra).find("The Rada voted.")] == []
    extra.write_text("alias,actor,kind,role,valid_from,valid_to\nthe Duma,RUS,org,,,\nthe Rada,UKR,org,,,\n")
    os.utime(extra, ns=(1, 10**18))  # a different mtime even on coarse file systems
    assert [x.actor for x in get_matcher(small_actors, extra).find("The Rada voted.")] == ["UKR"]
    frame = pd.DataFrame({"alias": ["the Rada"], "actor": ["ukr"]})
    assert [x.actor for x in get_matcher(small_actors, frame).find("The Rada voted.")] == ["UKR"]


def test_validity_dates_compare_by_day_and_bad_dates_are_refused(small_actors, tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("alias,actor,kind,role,valid_from,valid_to\nFoo  Bar,XYZ,person,,2022-01-01T00:00:00,2022-12-31\n")
    m = ActorMatcher(load_actors(small_actors, extra=extra))
    assert [x.actor for x in m.find("Foo Bar said.", "2022-01-01")] == ["XYZ"]  # alias spaces collapsed too
    assert [x.actor for x in m.find("Foo Bar said.", "2022-12-31T10:00:00")] == ["XYZ"]
    assert m.find("Foo Bar said.", "2023-01-01") == []
    extra.write_text("alias,actor,kind,role,valid_from,valid_to\nFoo Bar,XYZ,person,,01/02/2022,\n")
    with pytest.raises(InputError, match="valid_from '01/02/2022' is not a date"):
        load_actors(small_actors, extra=extra)


def test_resolve_accepts_lower_case_names(matcher):
    assert matcher.resolve("lavrov") == "RUS" and matcher.resolve("the kremlin") == "RUS"


def test_curly_apostrophe_matches_a_straight_alias():
    m = ActorMatcher(pd.DataFrame({"alias": ["Russia", "Russia's foreign ministry"], "actor": ["RUS", "RUS"],
                                   "kind": ["country", "org"], "role": ["", "foreign ministry"],
                                   "valid_from": ["", ""], "valid_to": ["", ""]}))
    text = "Russia\u2019s foreign ministry said talks could resume."
    hits = m.find(text)
    assert [(h.text, h.role) for h in hits] == [("Russia\u2019s foreign ministry", "foreign ministry")]


def test_aliases_are_compared_in_the_form_sentences_arrive_in():
    import unicodedata

    from stance.sentences import split_paragraph

    nfd = unicodedata.normalize("NFD", "Jürgen Müller")
    m = ActorMatcher(pd.DataFrame({"alias": [nfd, "Sana'a"], "actor": ["DEU", "YEM"], "kind": ["person", "city"],
                                   "role": ["", ""], "valid_from": ["", ""], "valid_to": ["", ""]}))
    sent = split_paragraph(f"{nfd} said talks would resume.")[0]  # sentences come out NFC
    assert [h.actor for h in m.find(sent)] == ["DEU"]
    assert m.resolve(nfd) == "DEU"
    amb = ActorMatcher(pd.DataFrame({"alias": ["Sana'a", "Sana'a"], "actor": ["YEM", "HOUTHI"],
                                     "kind": ["city", "city"], "role": ["", ""], "valid_from": ["", ""],
                                     "valid_to": ["", ""]}))
    assert amb.is_ambiguous("Sana\u2019a") and amb.is_ambiguous("Sana'a")


def test_spellings_of_one_alias_pool_their_rows():
    m = ActorMatcher(pd.DataFrame({"alias": ["Sana\u2019a", "Sana'a", "Kremlin", "the Kremlin"],
                                   "actor": ["YEM", "HOUTHI", "RUS", "RUS"], "kind": ["city"] * 2 + ["org"] * 2,
                                   "role": [""] * 4, "valid_from": ["", "2021-01-01", "", ""],
                                   "valid_to": ["2020-12-31", "", "", ""]}))
    assert [h.actor for h in m.find("Sana'a said.", "2022-01-01")] == ["HOUTHI"]
    assert [h.actor for h in m.find("Sana\u2019a said.", "2019-01-01")] == ["YEM"]
    assert m.is_ambiguous("Sana'a") and not m.is_ambiguous("Sana'a", "2022-01-01")
    assert [h.text for h in m.find("The Kremlin said.")] == ["The Kremlin"]  # one spelling has "the"
