from stance.clean import clean_text

PAGE = """Monday, 3 March 2025
Home
World
Politics
Home > World > Europe
Kremlin rejects Western offer on missile talks
By Jane Roe
Share
Kremlin rejects Western offer on missile talks
2 days ago
MOSCOW, Jan 12 (Reuters) - The Kremlin on Wednesday rejected a Western offer on missile talks as insufficient. read more
PHOTO: Diplomats arrive for talks in Geneva. (Reuters photo)
"We see no basis for optimism," Kremlin spokesman Dmitry Peskov told reporters.
US officials say the talks will resume in a week and hope for progress...
US officials say the talks will resume in a week and hope for progress on arms control.
Reporting by John Doe; Editing by Ann Poe
Sign up for our newsletter to get the latest news.
Comments / 4
reader77
Diplomacy never works with these people, this is all a show for the cameras anyway.
Related
Another story about something else entirely that should not appear in the output.
"""


def test_keeps_title_and_body_and_drops_clutter():
    c = clean_text(PAGE)
    assert c.title == "Kremlin rejects Western offer on missile talks"
    body = "\n".join(c.paragraphs)
    assert body.startswith("MOSCOW, Jan 12 (Reuters) - The Kremlin on Wednesday rejected")
    assert "read more" not in body
    assert '"We see no basis for optimism," Kremlin spokesman Dmitry Peskov told reporters.' in c.paragraphs
    assert "progress on arms control." in body
    for clutter in ("PHOTO", "Reporting by", "newsletter", "Diplomacy never works", "Another story", "By Jane"):
        assert clutter not in body
    assert len(c.paragraphs) == 3  # teaser dropped, full paragraph kept


def test_given_title_is_not_repeated_in_body():
    c = clean_text("Talks resume in Geneva\nDiplomats from both sides met in Geneva on Monday for new talks.",
                   title="Talks resume in Geneva")
    assert c.paragraphs == ["Diplomats from both sides met in Geneva on Monday for new talks."]


def test_long_prose_starting_like_a_byline_is_kept():
    from stance.clean import is_clutter_line

    assert not is_clutter_line("By Friday, Russia had moved more than 100,000 troops to the border, officials said.")
    assert not is_clutter_line("Published reports said the talks would resume in Geneva next week after a pause.")
    assert is_clutter_line("By Jane Doe and John Roe")
    assert is_clutter_line("Published on 07/02/2022 at 23:48 - Updated on 08/02/2022 at 07:15")
