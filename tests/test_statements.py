import pytest

from stance.actors import ActorMatcher, load_actors
from stance.articles import articles_from_texts
from stance.statements import attribute_article, extract_statements


@pytest.fixture(scope="module")
def matcher(small_actors):
    return ActorMatcher(load_actors(small_actors))


def sources(matcher, sentences, date="2022-02-01"):
    return [[(s.actor, s.role) for s in src] for _, _, src, _ in attribute_article(sentences, matcher, date)]


@pytest.mark.parametrize("sentence,expected", [
    ("Lavrov said the West was not listening.", [("RUS", "speaker")]),
    ('"We are ready to talk," said Blinken.', [("USA", "speaker")]),
    ("Blinken told Lavrov that Washington was committed to diplomacy.", [("USA", "speaker")]),
    ("The talks were useful, according to the Kremlin.", [("RUS", "speaker")]),
    ("Kremlin: NATO expansion is a threat", [("RUS", "speaker")]),
    ("Russia massed troops near the border.", [("RUS", "agent")]),
    ("On Tuesday, Russia moved more tanks to the border.", [("RUS", "agent")]),
    ("The United States and Russia are moving ahead with talks.", [("USA", "agent"), ("RUS", "agent")]),
    ("The offer was rejected by Moscow on Friday.", [("RUS", "agent")]),
    ("Russian officials said the drills were over.", [("RUS", "speaker")]),
    ("The meeting took place in Geneva amid tensions.", []),
    ("Adding to its warnings, the United States imposed new sanctions.", [("USA", "agent")]),
    ("Troops left bases near Ukraine and Putin said talks would go on.", [("RUS", "speaker")]),
    ("Russia massed troops near the border, and the United States sent jets to Poland.", [("RUS", "agent"), ("USA", "agent")]),
])
def test_source_actor_rules(matcher, sentence, expected):
    assert sources(matcher, [sentence]) == [expected]


def test_targets_and_modifiers_are_not_sources(matcher):
    rows = list(attribute_article(["Blinken warned that Russian troops could invade Ukraine at any moment."], matcher, "2022-02-01"))
    _, _, src, targets = rows[0]
    assert [s.actor for s in src] == ["USA"]
    assert targets == ["RUS", "UKR"]


def test_pronouns_resolve_to_last_compatible_speaker(matcher):
    got = sources(matcher, ["Lavrov said the West was not listening.", "NATO said the door stays open.",
                            '"We will respond," he said.', '"It is our right," they added.'])
    assert got[2] == [("RUS", "speaker")]  # "he": the last person, Lavrov
    assert got[3] == [("NATO", "speaker")]  # "they": the last organisation


def test_statement_table_keeps_every_sentence(small_actors):
    arts = articles_from_texts(["Lavrov said talks could go on.\nThe weather was cold in Geneva."], ids=["d1"], dates=["2022-01-10"])
    st = extract_statements(arts, actors=small_actors)
    assert list(st["sentence_id"]) == [0, 1]
    assert list(st["actor"]) == ["RUS", ""]
    assert st["statement_id"].iloc[0] == "d1:0:RUS"
    assert st["rule"].iloc[0] == "speech:subject"


def test_missing_titles_and_dates_from_pandas_are_empty(small_actors):
    arts = articles_from_texts(["Lavrov said talks could go on."], ids=["d1"])
    arts["title"] = float("nan")
    arts["date"] = None
    st = extract_statements(arts, actors=small_actors)
    assert list(st["sentence"]) == ["Lavrov said talks could go on."]
    assert st["title"].iloc[0] == "" and st["date"].iloc[0] == ""


def test_publisher_is_the_default_source(small_actors):
    arts = articles_from_texts(["We will defend our people. Lavrov said talks go on."], ids=["d"])
    arts["default_actor"] = "RUS"
    st = extract_statements(arts, actors=small_actors)
    assert list(zip(st["actor"], st["rule"])) == [("RUS", "default:publisher"), ("RUS", "speech:subject")]


def test_list_of_leaders_speaks_together(matcher):
    got = sources(matcher, ["The leaders of Britain, Ukraine and Russia said the talks were useful."])
    assert got == [[("GBR", "speaker"), ("UKR", "speaker"), ("RUS", "speaker")]]


def test_the_two_leaders_are_the_two_actors_named_last(matcher):
    bare = sources(matcher, ["Biden spoke with Putin for two hours on Tuesday.", "The leaders agreed to talk again."])
    assert bare[1] == [("USA", "agent"), ("RUS", "agent")]
    # not anaphora: a bare plural that says whose it is, or one in a sentence naming its own actors
    for later in ("The leaders of the alliance met in Brussels.", "The parties in parliament debated the bill.",
                  "The leaders met Lavrov in Geneva."):
        got = sources(matcher, ["Biden spoke with Putin for two hours on Tuesday.", later])
        assert ("USA", "agent") not in got[1], later
    topic = sources(matcher, ["Talks on Ukraine resumed in Geneva.", "The leaders agreed to talk again."])
    assert topic[1] == []  # countries named as a topic are not "the leaders"
    got = sources(matcher, ["Biden spoke with Putin for two hours on Tuesday.", "The two leaders agreed to talk again."])
    assert got[1] == [("USA", "agent"), ("RUS", "agent")]


def test_ambiguous_alias_takes_the_actor_the_article_names(tmp_path):
    table = tmp_path / "actors.csv"
    table.write_text("alias,actor,kind,role,valid_from,valid_to\n"
                     "the SDF,JPN,org,armed forces,,\nJapan,JPN,place,country,,\n"
                     "the SDF,SDF,org,Syrian alliance,2015-10-10,\nSyrian Democratic Forces,SDF,org,alliance,2015-10-10,\n",
                     encoding="utf-8")
    m = ActorMatcher(load_actors(table))
    syria = ["The Syrian Democratic Forces advanced on Raqqa.", "The SDF said it would not withdraw."]
    japan = ["Japan sent troops to help.", "The SDF said it would not withdraw."]
    assert sources(m, syria, "2018-01-01")[1] == [("SDF", "speaker")]
    assert sources(m, japan, "2018-01-01")[1] == [("JPN", "speaker")]


def test_a_name_is_ambiguous_only_on_dates_it_codes_two_actors(tmp_path):
    table = tmp_path / "actors.csv"
    table.write_text("alias,actor,kind,role,valid_from,valid_to\n"
                     "Brussels,EU,place,seat,,\nBrussels,NATO,place,seat,,\n"
                     "Stoltenberg,NOR,person,prime minister,2005-10-17,2013-10-16\n"
                     "Stoltenberg,NATO,person,secretary general,2014-10-01,2024-10-01\n", encoding="utf-8")
    m = ActorMatcher(load_actors(table))
    assert m.is_ambiguous("Stoltenberg") and not m.is_ambiguous("Stoltenberg", "2020-05-01")
    story = ["Stoltenberg spoke to reporters on Monday.", "Brussels said it would respond."]
    assert sources(m, story, "2020-05-01")[1] == [("NATO", "speaker")]


def test_article_dates_of_any_type_code_aliases_by_their_day(small_actors):
    import pandas as pd

    arts = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "text": ["Blinken said talks would go on."] * 4,
                         "date": [pd.Timestamp("2022-02-01", tz="Europe/Kyiv"), pd.NaT, "1 February 2022", "02/01/2022"]})
    st = extract_statements(arts, actors=small_actors)
    # a Timestamp was "2022-02-01 00:00:00+02:00" and NaT "NaT", which sorts after every validity end
    assert st["date"].tolist() == ["2022-02-01", "", "2022-02-01", "02/01/2022"]
    assert st["actor"].tolist() == ["USA"] * 4
    # a list of article dicts works; one string or one dict is refused
    assert len(extract_statements(arts.to_dict("records"), actors=small_actors)) == 4
    with pytest.raises(TypeError, match="article table"):
        extract_statements({"text": "Blinken said so."}, actors=small_actors)
    empty = extract_statements(arts.iloc[:0], actors=small_actors)
    assert empty.empty and empty["sentence_id"].dtype == "int64"


def test_a_single_sentence_string_is_refused(matcher):
    with pytest.raises(TypeError, match="list of sentences"):
        list(attribute_article("Lavrov said so.", matcher))
