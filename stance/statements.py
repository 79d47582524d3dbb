"""Statements: one row per sentence and SOURCE actor (speaker or agent).

Rules, in order (each row records the rule that fired, for transparency):
speech attribution ("X said", "said X", "X told Y that", "according to X",
"X: ..."), pronoun speakers resolved to the last compatible speaker in the
article, unattributed quotes continuing the previous speaker, then the
agent of the main clause (its subject, or the "by" phrase of a passive).
Actors that are only targets, places or modifiers go to ``target``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .actors import ActorMatcher, Mention

SPEECH_VERBS = (
    "said|says|say|saying|told|tells|tell|added|adds|warned|warns|warning|stressed|stresses|insisted|insists|"
    "noted|notes|stated|states|declared|declares|announced|announces|claimed|claims|argued|argues|accused|accuses|"
    "urged|urges|called|calls|vowed|vows|pledged|pledges|threatened|threatens|denied|denies|reiterated|reiterates|"
    "emphasized|emphasised|emphasizes|emphasises|asserted|asserts|maintained|maintains|explained|explains|wrote|writes|"
    "tweeted|posted|replied|replies|responded|responds|cautioned|cautions|predicted|predicts|acknowledged|acknowledges|"
    "admitted|admits|conceded|concedes|suggested|suggests|hinted|hints|complained|complains|charged|alleged|alleges|"
    "confirmed|confirms|signalled|signaled|signals|demanded|demands|condemned|condemns|denounced|denounces|rejected|rejects|"
    "dismissed|dismisses|welcomed|welcomes|praised|praises|hailed|hails|criticised|criticized|criticises|criticizes|"
    "blamed|blames|assured|assures|promised|promises|proposed|proposes|offered|offers|repeated|repeats|countered|counters|"
    "mocked|mocks|retorted|quipped|remarked|observed|recalled|expressed|voiced|appealed|appeals|asked|asks|agreed|agrees"
)
RE_SPEECH = re.compile(rf"(?<![-\w])(?:{SPEECH_VERBS})\b")
# a set test is ten times cheaper than the verb alternation, and most sentences have no verb of saying
SPEECH_WORDS = frozenset(SPEECH_VERBS.split("|"))
RE_WORDS = re.compile(r"\w+")
# What may stand between a subject and its verb: an appositive, auxiliaries, adverbs, time.
RE_SUBJ_GAP = re.compile(
    r"^(?:\s*,[^,]{0,90},)?\s*(?:(?:also|later|again|then|separately|has|had|have|will|would|could|may|might|did|does|do|"
    r"not|never|once|on\s+\w+day|earlier|repeatedly|publicly|flatly|sharply|previously|reportedly|first|further|"
    r"himself|herself|itself|themselves|itself|recently|yesterday|today|now|has\s+also|last\s+\w+)\s+)*$",
    re.I,
)
RE_PRONOUN_SPEECH = re.compile(rf"\b(?P<pron>[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\s+(?:also\s+|later\s+|then\s+|had\s+|has\s+)?(?P<verb>{SPEECH_VERBS})\b")
RE_SPEECH_PRONOUN = re.compile(rf"(?:[,”\"’]\s*)(?:{SPEECH_VERBS})\s+(?P<pron>he|she|they)\b")
RE_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z .'’/\-]{2,40}(?:,\s*[A-Za-z .]{2,25})?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*"
    r"(?:\([A-Za-z]+\))?|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s*\((?:AFP|Reuters|AP|Xinhua|TASS|dpa|UPI)\))\s*[-—–]+\s+"
)
LEAD_WORDS = (
    "on|in|at|after|before|during|meanwhile|however|later|earlier|separately|also|but|and|still|yet|instead|following|"
    "despite|amid|as|while|since|when|with|without|for|from|by|under|over|speaking|asked|pressed|shortly|in a|"
    "last|this|on the|at the|in the"
)
RE_LEAD = re.compile(rf"^(?:(?:(?:{LEAD_WORDS})\b|(?-i:[A-Z][a-z]+ing\s+[a-z]))[^,]{{0,80}},\s*)+", re.I)
PREPOSITIONS = {
    "in", "on", "at", "to", "from", "against", "with", "by", "over", "near", "for", "about", "toward", "towards",
    "into", "onto", "of", "between", "among", "amid", "across", "through", "around", "without", "within", "upon",
    "than", "like", "after", "before", "during", "that", "which", "who", "whom", "whose", "if", "whether", "because",
}
SUBJECT_FILLER = {"the", "a", "an", "its", "his", "her", "their", "top", "senior", "former", "chief", "acting", "new",
                  "outgoing", "incoming", "deputy", "both", "and", "&", "of", "'s", "’s", "then", "all"}
GROUP_WORDS = (
    r"officials?|diplomats?|authorities|forces|troops|military|government|leaders?|president|"
    r"prime minister|warplanes|ships|jets|navy|army|soldiers|side|negotiators?|delegation|envoys?|ministry|"
    r"spokes(?:man|woman|person)|foreign minister|defen[cs]e minister|foreign ministry|defen[cs]e ministry|state media|"
    r"officers|lawmakers|parliament|coast guard|air force|drones?|missiles?|artillery|units|tanks|embassy|ambassador|"
    r"commanders?|counterpart|minister|leadership|administration|regime|negotiating team|security council|"
    r"chair(?:man|woman)?|head|chief|national security adviser|adviser|advisor|aide|envoy|secretary|representative|"
    r"mission|negotiators?|intelligence|mediators?|statement"
)
GROUP_NOUNS = re.compile(rf"^\s*(?:[-\s]\s*)?(?i:{GROUP_WORDS})\b")
# The head of a subject phrase after a mention: "Russia's foreign ministry", "Russian officials".
RE_HEAD = re.compile(
    rf"^(?:['’]s)?\s+(?:(?i:top|senior|chief|new|former|deputy|own)\s+)?(?i:{GROUP_WORDS})\b(?:\s+[A-Z][\w.'’-]+)*"
)
RE_PASSIVE_BY = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ught|nt)(?:\s+[\w-]+){0,3}?\s+by\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,3}$")
QUOTE_CHARS = "\"“”"
ROLE_WORDS = {"of", "the", "'s", "’s", "-", "spokesman", "spokeswoman", "spokesperson", "minister", "secretary", "chief",
              "envoy", "ambassador", "official", "leader", "president", "foreign", "defence", "defense", "deputy",
              "top", "senior", "press", "secretary-general", "general", "prime", "for", "affairs", "ministry"}
RE_CLAUSE_BREAK = re.compile(r"(?:,\s*|\s)(?:as|while|but|whereas|after|before|when|even as|;)\s|;\s|,\s+and\s")
# between coordinated subjects: "Estonia, Latvia and Lithuania", "The U.S. and its NATO allies"
RE_COORD_GAP = re.compile(r"\s*(?:,|and|&|,\s*and)\s*(?:the\s+|its\s+|their\s+)?(?:[A-Z][\w.'’-]*\s+){0,4}")
RE_MAIN_CLAUSES = re.compile(r",\s+and\s+|;\s+|,\s+but\s+")
RE_MAIN_CLAUSES_HEADLINE = re.compile(RE_MAIN_CLAUSES.pattern + r"|,\s+")  # headlines join clauses with commas
# What may follow an inverted speaker ("..., said Blinken on Tuesday."), as opposed to the
# subject of a reported clause ("said Russian troops could move").
RE_AFTER_INVERTED = re.compile(
    r"^\s*(?:[.,;:!?)—–-]|$|(?:on|in|at|told|to|according|adding|who|during|after|before|late|earlier|last|this|"
    r"speaking|while|as|when|of)\b|\()")
ANAPHORS = (r"the (?:foreign |defen[cs]e )?ministry|the alliance|the bloc|the embassy|the mission|the agency|"
            r"the government|the administration|the spokes(?:man|woman|person)|the minister|the president|"
            r"the (?:senior |two |U\.S\. |US )?officials|the (?:senior |U\.S\. |US )?official|the sources|"
            r"the official|the leader|the chancellor|the secretary|the envoy|the diplomat|the prime minister")
RE_ANAPHOR_SPEECH = re.compile(rf"(?:^|(?<=[\s,“\"]))(?P<pron>(?i:{ANAPHORS}))\s+(?:also\s+|later\s+|then\s+|had\s+|has\s+)?(?:{SPEECH_VERBS})\b")
# "The two leaders held a call", "Both sides agreed", "The leaders discussed": the two actors named
# last (a readout's pair); a bare "The" needs a plural noun of office
RE_PLURAL_ANAPHOR = re.compile(
    r"^(?:(?:On|In|At|During|After|Later|Earlier)\b[^,]{0,60},\s*)?(?P<np>(?:[Tt]he two|[Bb]oth)(?:\s+(?:leaders|presidents|sides|"
    r"ministers|foreign ministers|men|delegations|countries|governments|diplomats|top diplomats))?|"
    r"[Tt]he\s+(?:leaders|presidents|heads of state|sides|parties|foreign ministers|delegations|negotiators)"
    r"(?!\s+(?:of|in|from|at|for|with|who|that)\b))"
    r"\s+(?![a-z]+ of\b)")
RE_PRONOUN_AGENT = re.compile(r"^(?P<pron>He|She|They)\s+(?!(?:said|says|told|added)\b)[a-z]+")
PERSON_ANAPHORS = ("spokes", "minister", "president", "official", "leader", "chancellor", "secretary", "envoy", "diplomat")
RE_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+(?:[A-Z]\.\s+)?[A-Z][a-zA-Z'’-]+")
RE_TITLED_NAME = re.compile(r"^(?:['’]s)?((?:\s+[\w.'’-]+){1,7}?)\s+(" + RE_NAME.pattern + r")")
RE_AND = re.compile(r"\band\b|&")
RE_SAID_BEFORE = re.compile(rf"(?:^|[,”\"’:]\s*)(?:{SPEECH_VERBS})\s+((?:[\w.'’-]+\s+){{0,6}})$")
RE_ACCORDING_TAIL = re.compile(r"\baccording to\s+(?:[\w.'’-]+\s+){0,6}$", re.I)
TITLE_WORDS = {"ambassador", "secretary", "minister", "president", "spokesman", "spokeswoman", "spokesperson", "deputy",
               "adviser", "advisor", "chancellor", "envoy", "chief", "general", "admiral", "senator", "governor",
               "representative", "undersecretary", "under", "assistant", "prime", "foreign", "defense", "defence",
               "state", "national", "security", "aide", "commander", "head", "official", "director", "of", "the", "to",
               "for", "affairs", "vice", "top", "senior", "chairman", "chair"}


@dataclass
class Source:
    actor: str
    role: str  # speaker / agent
    mention: str
    start: int
    end: int
    rule: str


def _merge(mentions: list[Mention], text: str) -> list[Mention]:
    """Fuse 'U.S. Secretary of State Antony Blinken' into one mention (the head)."""
    out: list[Mention] = []
    for m in mentions:
        if out and out[-1].actor == m.actor:
            gap = text[out[-1].end:m.start]
            words = gap.split()
            if len(words) <= 6 and all(w[:1].isupper() or w.lower() in ROLE_WORDS for w in words) and "," not in gap and '"' not in gap and "“" not in gap:
                prev = out.pop()
                kind = m.kind if m.kind == "person" else prev.kind
                out.append(Mention(prev.start, m.end, text[prev.start:m.end], m.actor, kind, m.role))
                continue
        out.append(m)
    return out


def _inside_quote(text: str, pos: int) -> bool:
    before = text[:pos]
    return (before.count("“") > before.count("”")) or (before.count('"') % 2 == 1)


class Attributor:
    """Finds the source actors of each sentence of one article, in order."""

    def __init__(self, matcher: ActorMatcher, date: str | None = None):
        self.matcher = matcher
        self.date = date or None
        self.last_person = None
        self.last_group = None
        self.prev_sources: list[Source] = []
        self.context: set = set()
        self.surnames: dict = {}
        self._surname_re = None  # (number of surnames it covers, pattern)
        self.recent: list = []  # (actor, kind) of recent named mentions, newest last

    def set_context(self, sentences):
        """Actors the whole article names (resolves 'Brussels' to NATO or EU)."""
        ctx = set()
        self._found = {}
        for s in sentences:
            found = self.matcher.find(s, self.date)
            self._found[s] = found
            for m in found:
                # an ambiguous alias ("the SDF": Syria's or Japan's) names no actor until resolved
                if not self.matcher.is_ambiguous(m.text, self.date):
                    ctx.add(m.actor)
        self.context = ctx

    def _find(self, sentence: str) -> list[Mention]:
        found = getattr(self, "_found", {}).get(sentence)
        if found is not None and not any(self.matcher.is_ambiguous(m.text, self.date) for m in found):
            return found
        return self.matcher.find(sentence, self.date, context=self.context)

    def _remember(self, m: Mention | Source, kind: str):
        if kind == "person":
            self.last_person = m.actor
        else:
            self.last_group = m.actor

    def _dynamic_mentions(self, sentence: str, mentions: list[Mention]) -> list[Mention]:
        """Surnames of people the article named earlier, and titled names after a country.

        "Jake Sullivan" earlier makes "Sullivan" USA here; "U.S. Ambassador to the
        OSCE Michael Carpenter" makes "Michael Carpenter" (and "Carpenter") USA.
        """
        extra = []
        for m in mentions:
            if m.kind in ("place", "demonym", "org") and m.actor:
                tail = sentence[m.end:m.end + 90]
                hm = RE_TITLED_NAME.match(tail)
                if hm and hm.group(1).split() and all(w.lower().strip(".,") in TITLE_WORDS or w[:1].isupper()
                                                      for w in hm.group(1).split()) \
                        and any(w.lower() in TITLE_WORDS - {"of", "the", "to", "for", "state", "affairs"} for w in hm.group(1).split()):
                    start = m.end + hm.start(2)
                    end = m.end + hm.end(2)
                    if not any(x.start < end and start < x.end for x in mentions + extra):
                        extra.append(Mention(start, end, sentence[start:end], m.actor, "person", "titled name"))
        for m in mentions + extra:
            if m.kind == "person" and " " in m.text.strip():
                last = m.text.strip().split()[-1]
                if len(last) > 2 and last[:1].isupper():
                    self.surnames[last] = m.actor
        if self.surnames:
            if self._surname_re is None or self._surname_re[0] != len(self.surnames):
                # one alternation for all remembered surnames (longest first), rebuilt as names arrive
                names = sorted(self.surnames, key=lambda n: (-len(n), n))
                self._surname_re = (len(self.surnames), re.compile(
                    r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])"))
            for hit in self._surname_re[1].finditer(sentence):
                if not any(x.start < hit.end() and hit.start() < x.end for x in mentions + extra):
                    extra.append(Mention(hit.start(), hit.end(), hit.group(0), self.surnames[hit.group(0)], "person",
                                         "surname"))
        return sorted(mentions + extra, key=lambda x: x.start)

    def _coordinated(self, sentence: str, mentions: list[Mention], i: int) -> list[Mention]:
        """Mentions coordinated with mentions[i] before it ("Estonia, Latvia and Lithuania said")."""
        group = []
        j = i
        # a list must end in "and" ("Estonia, Latvia and Lithuania said"); a bare comma is
        # more often an apposition or a clause edge ("... if it invaded Ukraine, the White House said")
        if i == 0 or not RE_AND.search(sentence[mentions[i - 1].end:mentions[i].start]):
            return []
        while j > 0:
            gap = sentence[mentions[j - 1].end:mentions[j].start]
            prev_words = sentence[:mentions[j - 1].start].split()
            if prev_words and prev_words[-1].lower().strip(",") in PREPOSITIONS and not (
                    prev_words[-1].lower() == "of" and len(prev_words) > 1 and GROUP_NOUNS.match(prev_words[-2])):
                # "near Ukraine and President Putin said": Ukraine is an object, not a subject;
                # "the leaders of France, Germany and Poland said" is a list of speakers
                break
            if RE_COORD_GAP.fullmatch(gap):
                group.append(mentions[j - 1])
                j -= 1
            else:
                break
        return group[::-1]

    def attribute(self, sentence: str) -> tuple[list[Source], list[Mention]]:
        found = _merge(self._find(sentence), sentence)
        mentions = _merge(self._dynamic_mentions(sentence, found), sentence)
        sources: list[Source] = []
        for i, m in enumerate(mentions):
            if _inside_quote(sentence, m.start):
                continue
            after = sentence[m.end:]
            before = sentence[:m.start]
            head = RE_HEAD.match(after)
            if m.kind == "demonym" and not head:
                continue  # "Russian" alone is a modifier, never a source
            rest = after[head.end():] if head else after
            # X said / X, the foreign minister, told ... / Russia's foreign ministry said
            v = RE_SPEECH.search(rest[:140])
            if v and RE_SUBJ_GAP.match(rest[: v.start()]):
                for c in self._coordinated(sentence, mentions, i):
                    sources.append(Source(c.actor, "speaker", c.text, c.start, c.end, "speech:subject"))
                sources.append(Source(m.actor, "speaker", m.text, m.start, m.end, "speech:subject"))
                self._remember(m, m.kind)
                continue
            # said X / , said a senior State Department official
            tail = before[-80:]
            vb = RE_SAID_BEFORE.search(tail)
            if vb and all(w[:1].isupper() or w.lower() in SUBJECT_FILLER or w.lower() in {"senior", "official", "spokesman", "spokeswoman", "spokesperson"} for w in vb.group(1).split()) \
                    and RE_AFTER_INVERTED.match(rest):
                sources.append(Source(m.actor, "speaker", m.text, m.start, m.end, "speech:inverted"))
                self._remember(m, m.kind)
                continue
            if RE_ACCORDING_TAIL.search(tail):
                sources.append(Source(m.actor, "speaker", m.text, m.start, m.end, "speech:according_to"))
                self._remember(m, m.kind)
                continue
            if m.start <= 4 and after.lstrip().startswith(":"):
                sources.append(Source(m.actor, "speaker", m.text, m.start, m.end, "speech:colon"))
                self._remember(m, m.kind)
                continue
        if not sources:
            p = None
            if not SPEECH_WORDS.isdisjoint(RE_WORDS.findall(sentence)):
                p = RE_PRONOUN_SPEECH.search(sentence) or RE_SPEECH_PRONOUN.search(sentence) or \
                    RE_ANAPHOR_SPEECH.search(sentence)
            if p and not _inside_quote(sentence, p.start("pron")):
                pron = p.group("pron").lower()
                person = pron in ("he", "she") or (any(w in pron for w in PERSON_ANAPHORS) and not pron.endswith("s"))
                actor = self.last_person if person else (self.last_group or self.last_person)
                # "Biden drew criticism when he suggested ...": a person named earlier in the
                # same sentence, outside quotes, is the nearer antecedent.
                same = [m for m in mentions if m.end <= p.start("pron") and not _inside_quote(sentence, m.start)
                        and (m.kind == "person") == person and m.kind != "demonym"]
                if same:
                    actor = same[-1].actor
                if actor:
                    sources.append(Source(actor, "speaker", p.group("pron"), p.start("pron"), p.end("pron"), "speech:pronoun"))
        if not sources:
            pl = RE_PLURAL_ANAPHOR.match(sentence.strip())
            np_words = pl.group("np").lower().split() if pl else []
            # a bare "The leaders ..." (no "two", no "both") that names actors of its own is no anaphor
            bare = bool(np_words) and np_words[0] == "the" and np_words[1] != "two"
            if pl and self.recent and not (bare and mentions):
                n = 2
                group = []
                # a bare "The leaders" needs two people named ("Putin spoke with Johnson"), not
                # a country named as a topic; "the two", "both", "the sides" take any actors
                people_only = bare and np_words[1] in ("leaders", "presidents", "heads")
                for a, kind in reversed(self.recent):
                    if people_only and kind != "person":
                        continue
                    if a not in group:
                        group.append(a)
                    if len(group) == n:
                        break
                if len(group) >= 2:
                    sources = [Source(a, "agent", pl.group("np"), pl.start("np"), pl.end("np"), "agent:plural_anaphor")
                               for a in reversed(group)]
        if not sources:
            stripped = sentence.strip()
            if stripped[:1] in QUOTE_CHARS and not mentions and self.prev_sources and any(s.role == "speaker" for s in self.prev_sources):
                prev = next(s for s in self.prev_sources if s.role == "speaker")
                sources.append(Source(prev.actor, "speaker", "", -1, -1, "speech:quote_continued"))
        if not sources:
            # agents need a mention; most sentences of a long article have none
            sources = self._agents(sentence, mentions) if mentions else []
            # further main clauses: "Russia massed troops, and the United States threatened sanctions"
            headline = not sentence.rstrip().endswith((".", "!", "?", '"', "”"))
            splitter = RE_MAIN_CLAUSES_HEADLINE if headline else RE_MAIN_CLAUSES
            pos = 0
            for cm in (splitter.finditer(sentence) if mentions else ()):
                pos = cm.end()
                sub = [m for m in mentions if m.start >= pos]
                if not sub:
                    break
                shifted = [Mention(m.start - pos, m.end - pos, m.text, m.actor, m.kind, m.role) for m in sub]
                for a in self._agents(sentence[pos:], shifted, passive=False):
                    if a.rule == "agent:subject" or a.rule == "agent:coordinated":
                        sources.append(Source(a.actor, a.role, a.mention, a.start + pos, a.end + pos, a.rule + "_clause"))
            if not sources:
                pa = RE_PRONOUN_AGENT.match(sentence.strip())
                if pa:
                    actor = self.last_person if pa.group("pron") in ("He", "She") else (self.last_group or self.last_person)
                    if actor:
                        sources.append(Source(actor, "agent", pa.group("pron"), 0, len(pa.group("pron")), "agent:pronoun"))
        elif sources[0].start > 0:
            # "Britain joined the US in urging Russia ..., as the Kremlin warned ...": the
            # main clause's agent is a source too when a clause break separates it from the speaker.
            first_speaker = min(s.start for s in sources if s.start >= 0)
            for a in self._agents(sentence, mentions):
                if a.start < first_speaker and RE_CLAUSE_BREAK.search(sentence[a.end:first_speaker]):
                    sources.insert(0, a)
        # remember who was named, for "the two leaders" in a later sentence
        self.recent = (self.recent + [(m.actor, m.kind) for m in mentions if m.kind != "demonym"])[-8:]
        # one row per actor
        seen, uniq = set(), []
        for s in sources:
            if s.actor not in seen:
                seen.add(s.actor)
                uniq.append(s)
        self.prev_sources = uniq
        return uniq, mentions

    def _agents(self, sentence: str, mentions: list[Mention], *, passive: bool = True) -> list[Source]:
        out: list[Source] = []
        dl = RE_DATELINE.match(sentence)
        offset = dl.end() if dl else 0
        lead = RE_LEAD.match(sentence[offset:])
        if lead:
            offset += lead.end()
        cand = [m for m in mentions if m.start >= offset and not _inside_quote(sentence, m.start)]
        if cand:
            first = cand[0]
            before = sentence[offset:first.start]
            words = [w.strip(",") for w in before.split()]
            ok = all((w[:1].isupper() or w.lower() in SUBJECT_FILLER) and w.lower() not in PREPOSITIONS for w in words if w)
            after = sentence[first.end:]
            if ok:
                if first.kind != "demonym" or RE_HEAD.match(after):
                    out.append(Source(first.actor, "agent", first.text, first.start, first.end, "agent:subject"))
                    self._remember(first, first.kind)
                    # coordinated subjects: "The U.S. and Russia are ..."
                    last_end = first.end
                    for m in cand[1:]:
                        gap = sentence[last_end:m.start]
                        if RE_COORD_GAP.fullmatch(gap):
                            out.append(Source(m.actor, "agent", m.text, m.start, m.end, "agent:coordinated"))
                            last_end = m.end
                        else:
                            break
        # passive: "... was condemned by Washington"
        for m in (mentions if passive else []):
            if RE_PASSIVE_BY.search(sentence[max(0, m.start - 90):m.start]) and not _inside_quote(sentence, m.start):
                out = [s for s in out if s.actor != m.actor]
                out.insert(0, Source(m.actor, "agent", m.text, m.start, m.end, "agent:passive_by"))
                # the grammatical subject of a passive is acted upon, not acting
                out = [s for s in out if s.rule == "agent:passive_by"]
                break
        return out


def attribute_article(sentences: list[str], matcher: ActorMatcher, date: str | None = None):
    """Yield ``(sentence_idx, sentence, sources, targets)`` for each sentence."""
    if isinstance(sentences, str):
        raise TypeError("attribute_article expects a list of sentences, got a single str; wrap it in a list")
    att = Attributor(matcher, date)
    att.set_context(sentences)
    for i, s in enumerate(sentences):
        sources, mentions = att.attribute(s)
        src = {x.actor for x in sources}
        targets = []
        for m in mentions:
            if m.actor not in src and m.actor not in targets:
                targets.append(m.actor)
        yield i, s, sources, targets


STATEMENT_COLUMNS = [
    "doc_id", "path", "title", "date", "date_source", "sentence_id", "sentence", "actor", "actor_role",
    "actor_mention", "target", "statement_id", "rule", "mention_start", "mention_end",
]


def _str_field(article: dict, key: str) -> str:
    # tables built in pandas hold NaN, None, NaT or NA for a missing title or date, never the word "nan"
    v = article.get(key)
    try:
        missing = v is None or bool(v != v)
    except TypeError:  # pandas' NA has no truth value
        missing = True
    return "" if missing else str(v)


def statements_for_article(article: dict, matcher: ActorMatcher) -> list[dict]:
    """Statement rows of one article record (see ``articles.read_articles``)."""
    from .dates import normalize_date
    from .sentences import split_sentences

    paragraphs = [p for p in _str_field(article, "text").split("\n") if p.strip()]
    sentences = split_sentences(paragraphs, title=_str_field(article, "title"))
    base = {k: _str_field(article, k) for k in ("doc_id", "path", "title", "date", "date_source")}
    # a title is one line: a stray carriage return would break the CSV row it is written in
    base["title"] = " ".join(base["title"].split())
    # aliases are coded by comparing YYYY-MM-DD text: a Timestamp or "1 February 2022" becomes its day;
    # a date that cannot be read is kept as given and the article is coded as undated
    day = normalize_date(base["date"]) if base["date"] else None
    base["date"] = day or base["date"]
    rows = []
    default_actor = article.get("default_actor")
    default_actor = default_actor.strip().upper() if isinstance(default_actor, str) else ""
    for i, s, sources, targets in attribute_article(sentences, matcher, day):
        if not sources and default_actor:
            sources = [Source(default_actor, "speaker", "", -1, -1, "default:publisher")]
        if not sources:
            rows.append({**base, "sentence_id": i, "sentence": s, "actor": "", "actor_role": "", "actor_mention": "",
                         "target": ";".join(targets), "statement_id": f"{base['doc_id']}:{i}:",
                         "rule": "", "mention_start": -1, "mention_end": -1})
            continue
        for src in sources:
            tg = [t for t in targets if t != src.actor]
            rows.append({**base, "sentence_id": i, "sentence": s, "actor": src.actor, "actor_role": src.role,
                         "actor_mention": src.mention, "target": ";".join(tg),
                         "statement_id": f"{base['doc_id']}:{i}:{src.actor}", "rule": src.rule,
                         "mention_start": src.start, "mention_end": src.end})
    return rows


def extract_statements(articles, matcher: ActorMatcher | None = None, *, actors=None, extra_actors=None):
    """The statement table (one row per sentence and source actor) of an article table.

    ``articles`` is a DataFrame (``read_articles``) or a list of article dicts.
    """
    import pandas as pd

    from .actors import get_matcher

    if isinstance(articles, (str, dict)):
        raise TypeError("extract_statements expects an article table (DataFrame) or a list of article dicts; "
                        "for texts use articles.articles_from_texts([...])")
    records = articles.to_dict("records") if isinstance(articles, pd.DataFrame) else list(articles)
    matcher = matcher or get_matcher(actors, extra_actors)
    rows = []
    for rec in records:
        rows.extend(statements_for_article(rec, matcher))
    # the same dtypes when no article yields a sentence
    return pd.DataFrame(rows, columns=STATEMENT_COLUMNS).astype(
        {"sentence_id": "int64", "mention_start": "int64", "mention_end": "int64"})
