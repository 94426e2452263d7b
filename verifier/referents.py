"""Who a date speaks of: which of the titles and seasons a document names (read once by
``verifier.document``) each release date in it is about.

``choose_titles`` and ``choose_season`` pick, for one date in one sentence, the title
named beside it, the titles of a sentence before that named several ("each series"),
the two just named ("both series"), the one just named ("the show"), a section's
heading, or the topic, and that title's season.
"""

from __future__ import annotations

import re

from verifier.cues import LATEST
from verifier.dates import DateMention
from verifier.document import RENEWED_FOR, SLATE_YEAR, DocumentContext, attaches
from verifier.lists import KIND_NOUN
from verifier.memory import Memory
from verifier.names import NETWORKS
from verifier.scan import Words
from verifier.sentences import segment_span
from verifier.titles import SeasonMention, TitleMention

_REFERENCE = Words(
    r"\b(?:it|its|it's|this\s+(?:[\w-]+\s+){0,2}?(?:series|show|film|movie|sequel|drama|k-?drama|project|title|"
    r"season|anime)|"
    r"the\s+(?:[\w-]+\s+){1,2}?(?:series|show|film|movie|sequel|drama|k-?drama|"
    r"project|romance|thriller|comedy|rom-com|melodrama|anime|documentary|miniseries|sitcom)|the\s+(?:series|show|film|movie|season|sequel|drama|k-?drama|project|new\s+season|"
    r"next\s+season|final\s+season|new\s+episodes|episodes|thriller|title)|season\s+\d+|"
    r"(?:both|the\s+two)\s+(?:series|shows|titles|films|dramas)|"
    # "X was meant to open in March. The new release date is August 28.": X's date
    r"the\s+(?:new|revised|updated|rescheduled)\s+(?:release|premiere|opening|debut|launch)\s+date)\b"
)
# Many titles at once, none named: "34 new titles debuting in 2023" is not about the topic.
MANY_TITLES = Words(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen|several|many|"
    r"multiple|various|other|these|those|select|new\s+and\s+returning|dozens\s+of|(?:a|the|its)\s+(?:[\w-]+\s+)?(?:slew|host|number|raft|range|list|slate|lineup|line-up|batch|crop|lot)\s+of|"
    r"all(?:\s+of)?\s+the|some\s+of\s+the|upcoming|the\s+(?:best|top))"
    r"\s+(?:[\w-]+,?\s+){0,4}?(?:titles|shows|films|movies|k-?dramas|dramas|originals|projects|"
    r"series|programs|programmes|releases|sequels|content|programming|offerings)\b|"
    # "to announce new releases this year": plural works, no number needed
    r"\bnew\s+(?:releases|titles|shows|films|movies|k-?dramas|dramas|originals|works|programs|"
    r"programmes)\b|"
    # "the fall premiere dates for new and returning series": the dates of many;
    # "Disney+ September Premieres:": a heading over many
    r"\b(?:premiere|release|debut|return)\s+dates\b|\bthe\s+(?:[\w-]+\s+){0,2}premieres\b|"
    r"\b(?:premieres|releases|arrivals|debuts)\s*:?\s*$|"
    # "the release of titles set to hit theaters next month"
    r"\b(?:of|the)\s+(?:titles|films|movies|shows|dramas)\s+(?:set|slated|scheduled|due|coming)\b"
)
# "The fifth season will debut in 2027": another season of the work whose seasons the
# paragraph is telling of.
_SEASON_REFERENCE = Words(
    r"\bthe\s+(?:(?:long-|much-|highly\s+)?(?:awaited|anticipated)\s+)?(?:(?:first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|next|new|final|last|latest|upcoming|"
    r"\d{1,2}(?:st|nd|rd|th))\s+)+season\b(?!\s+of\b)"
)
# "The release date has now been pushed back": the release of the work just named.
_RELEASE_REFERENCE = Words(
    r"\bthe\s+(?:(?:new|planned|expected|anticipated|scheduled|original|projected|targeted|"
    r"target|official|eventual)\s+)?(?:season\s+\w+\s+)?(?:release|premiere|debut|opening)(?:\s+date)?\b"
    r"(?!\s+(?:of|for)\b)|"
    # "The network announced season eight's premiere on June 30th"
    r"\bseason\s+\w+['’]s\s+(?:release|premiere|debut|return)\b"
)
_BOTH = Words(r"\b(?:both|the\s+two)\s+(?:series|shows|titles|films|dramas)\b")
# All of the works the sentence before named: "Each series pushed to 2026 faces ...".
_EACH = Words(
    r"\b(?:each|every|all)\s+(?:of\s+(?:the|these|those)\s+)?(?:series|shows|titles|films|dramas|"
    r"seasons|movies)\b|\b(?:(?:these|those)(?:\s+(?P<some>two|three|four|five|six|seven|eight))?|"
    r"the\s+(?P<many>two|three|four|five|six|seven|eight))\s+(?:series|shows|titles|films|dramas|"
    r"seasons|movies)\b"
)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}


def _all_of(body: str, left: int, right: int, group: dict[str, int | None]) -> bool:
    """ "Each series pushed to 2026", "these three series": all the works just named (as
    many as the sentence counts)."""
    each = _EACH.search(body, left, right)
    if each is None:
        return False
    count = each.group("some") or each.group("many")
    return count is None or _COUNTS[count.lower()] == len(group)


# "season 5 of X", "season 5 of the streamer's beloved supernatural series “X”", "the
# second season of the hit prequel, X": a few words that describe the title before its name.
# ("delayed, first to April and now to October" counts moves, not seasons)
_FIRST = Words(
    r"\b(?:first(?!\s+(?:to|until|till)\b)|originally|debut\s+season|original|initial(?:ly)?)\b"
)
_DEBUT = Words(r"\b(?:debut(?:ed|s)?|debuting)\b(?!\s+(?:season|episode|film|movie|album|novel))")
_COORDINATION = re.compile(
    # ("A on KBS and B on tvN": a network each)
    r"^[\s,'\"“”‘’()]*(?:(?:season|series|part)\s*\w+|[2-9](?!\d))?(?:\s+on\s+[a-z][\w+]*)?"
    r"(?:[\s,'\"“”‘’]*\(\s*(?:19|20)\d{2}\s*[-–]?\s*(?:(?:19|20)\d{2})?\s*\))?[\s,'\"“”‘’()]*"
    r"(?:and|&|or|as\s+well\s+as|plus)?[\s,'\"“”‘’()]*(?:the\s+)?$",
    re.I,
)

# "A season 3, along with B" and "A, along with the prequel to the novel, titled B": a title
# added to the group, described first or not.
_ALONG_WITH = re.compile(
    r"[\s,]*(?:(?:season|series|part)\s*\w+)?[\s,]*(?:along|together)\s+with\s+"
    r"(?:[^.;:!?]{0,80}?\b(?:(?:en)?titled|called|named|dubbed)\s+)?(?:the\s+)?[\"“‘']?",
    re.I,
)

_WHICH = re.compile(r"[\s,]*(?:which|that)\s", re.I)

# The season after the one just named: "the Season 2 finale ... the next installment".
_NEXT = Words(
    r"\b(?:the|its|their|a)\s+(?:next|following)\s+(?:installment|instalment|season|chapter|outing)\b"
)


def _next_after(body: str, seasons: list[SeasonMention], date: DateMention) -> int | None:
    """The season after those named before "the next installment" that the date is of."""
    ahead = max(_NEXT.finditer(body, 0, date.start), key=lambda m: m.start(), default=None)
    if ahead is None or any(ahead.start() <= s.start < date.end for s in seasons):
        return None
    numbers = [s.number for s in seasons if s.kind == "season" and s.end <= ahead.start()]
    return max(numbers) + 1 if numbers else None


# A sentence whose subject is the work just named: "It's ...", "The film ...".
_PRONOUN_SUBJECT = Words(
    # ("With the sequel's 2027 release date, it will mark five years since X premiered")
    r"\s*(?:(?:with|given|after|following)\s+)?(?:it\b|it's\b|the\s+(?:[\w-]+\s+){0,3}?(?:film|movie|series|show|drama|sequel)\b)"
)

# A comma stretch that describes the title before it: ", a series that", ", the drama which".
_APPOSITION = Words(
    r"[\s,]*(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:series|show|drama|k-?drama|film|"
    r"movie|anime|thriller|comedy|sitcom)\s+(?:that|which))\b"
)

# A comma stretch that begins with its verb: the subject came before an aside.
_AUX_START = Words(r"\s*(?:will|would|is|are|was|were|has|have|had|could|may|might|should)\s")


# A Title Case name no title matched, right before "on <date>" or "(<date>": the date is its.
_UNKNOWN_NAME_BEFORE = re.compile(
    r"\b(?:and|or|,)\s+(?:the\s+)?((?:[A-Z][\w'’&:-]*\s+){2,6})(?:on|\()\s*\Z"
)
_YEAR_AFTER = re.compile(r"[\"”'’]?,?\s*\(\s*(?:19|20)\d{2}\b")


# A sentence whose subject is a name of several capitalised words that no title matched,
# spoken of as "it" later: "Devil May Sing does not count as ... because it premiered".
_UNKNOWN_SUBJECT = re.compile(
    r"\s*(?!(?:The|This|That|These|Its|It|Season|Part|Netflix|Fans|Viewers)\b)"
    r"[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]*|of|the|and|no|to))*?\s+[A-Z][\w'’-]+"
    r"\s+(?:is|was|does|did|has|had|isn't|wasn't|doesn't|didn't|will|won't)\b[^.;]*\b(?:it|its)\b"
)
_SAYS_AFTER_SUBJECT = re.compile(
    r"\s*[\w'’ -]{1,60}?\s+(?:said|says|told|announced|confirmed|revealed|shared|added|noted|"
    r"explained|stated|teased|hinted|posted|wrote)\b"
)


def _distance(mention_start: int, mention_end: int, date: DateMention) -> float:
    if mention_end <= date.start:
        return date.start - mention_end
    return (mention_start - date.end) * 3 + 40


def _groups(text: str, mentions: list[TitleMention]) -> list[list[TitleMention]]:
    """Titles joined by "and", commas and quotes form one group ("A and B are slated for Q4")."""
    groups: list[list[TitleMention]] = []
    for mention in mentions:
        if groups:
            previous = groups[-1][-1]
            between = text[previous.end : mention.start]
            if _COORDINATION.fullmatch(between) or _ALONG_WITH.fullmatch(between):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


# The name of the work another one follows: "Matt Reeves' follow-up to The Batman was put
# back until 2027" dates the follow-up, which has no name here.
_FOLLOWED_WORK = Words(
    r"\b(?:follow-?ups?|sequels?|prequels?|successors?|spin-?offs?|remakes?|reboots?)\s+(?:to|of)"
    r"\s+['\"]?\Z"
)
# A date a sequel owns: "the sequel's 2027 release date", "the follow-up's March opening".
_SEQUELS_DATE = Words(
    r"\b(?:the|its|a)\s+(?:[\w-]+\s+)?(?:sequel|follow-?up|prequel|spin-?off)['’]s\s+"
    r"(?:(?:new|current|original|planned|latest)\s+)?\Z"
)
# "set to air on September 10 to replace X": the slot's last show.
_REPLACED_WORK = Words(
    r"\b(?:replac(?:e|es|ed|ing)|succeed(?:s|ed|ing)?|in\s+place\s+of|taking\s+over\s+from)"
    r"\s+['\"]?\Z"
)


# A season's own name: "its third season titled 'Physical: Asia'", "season 2 - Underground".
_SEASON_SUBTITLE = Words(
    r"\b(?:season|part|instal+ment|chapter)(?:\s+\w+)?\s*(?:,\s*)?(?:(?:sub)?titled|called|named|"
    r"dubbed|known\s+as|[-–:])\s+['\"]?\Z"
)


# Works named for what they did before: "Following the record-breaking popularity of K-dramas
# such as A, B and C, the streamer is launching 25 shows in 2022".
_PAST_SUCCESS = Words(
    r"\b(?:following|after|thanks\s+to|on\s+the\s+back\s+of|building\s+on|riding|given|amid)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:success|popularity|hits?|triumph|phenomenon|acclaim|craze|"
    r"boom|fame|rise)\s+of\s+"
)
_SUCH_AS = re.compile(r"(?:[\w-]+\s+){0,4}?(?:such\s+as\s+|like\s+|including\s+)?[\"“‘']?", re.I)


def past_successes(body: str, titles: list[TitleMention]) -> list[TitleMention]:
    """The titles named as earlier successes, when the sentence speaks of other works too:
    they are the reason given, not what is released."""
    found: list[TitleMention] = []
    for match in _PAST_SUCCESS.finditer(body):
        after = [t for t in titles if t.start >= match.end()]
        if not after or not _SUCH_AS.fullmatch(body, match.end(), after[0].start):
            continue
        group = next(g for g in _groups(body, after) if after[0] in g)
        rest = [t for t in titles if t not in group]
        if rest or MANY_TITLES.search(body, group[-1].end):
            found.extend(group)
    return found


# Works named for comparison: "X is among its most elaborate shows, along with series like A,
# B and the recently departed C": examples, not what the paragraph speaks of.
_COMPARISON = Words(
    r"\b(?:like|such\s+as|similar\s+to|unlike|compared\s+(?:to|with))\s+(?:the\s+)?[\"“‘']?\Z"
)
_CLAUSE_END = re.compile(r"[.;!?]|,\s+(?:which|who|that|while|but)\b")


def exemplars(body: str, titles: list[TitleMention]) -> list[TitleMention]:
    """The titles a sentence names as examples of a kind: those from one named after "like"
    or "such as" to the end of its clause."""
    found: list[TitleMention] = []
    for index, mention in enumerate(titles):
        if mention in found or not _COMPARISON.search(
            body, max(0, mention.start - 30), mention.start
        ):
            continue
        end = _CLAUSE_END.search(body, mention.end)
        limit = end.start() if end is not None else len(body)
        found.extend(t for t in titles[index:] if t.start < limit)
    return found


# A work named by the one it comes from: 'the "Big Bang" spinoff', "the Dirty Dancing sequel".
# 'the "Fast and Furious" franchise' names a family of works, not one.
_SOURCE_OF = re.compile(
    r"[\"”'’]?\s+(?:spin-?offs?|sequels?|prequels?|remakes?|reboots?|franchise|saga|universe|"
    r"trilogy)\b",
    re.I,
)


# A work named to describe another: "the new film from the makers of X", "set in the same
# world as 2017's X".
_DESCRIBED_BY = Words(
    r"(?:\b(?:from|by)\s+(?:the\s+)?(?:makers?|creators?|directors?|writers?|team|studio|people|"
    r"producers?|showrunners?|minds?)\s+(?:behind|of)|\bsame\s+(?:world|universe)\s+as|"
    r"\bthe\s+world\s+of|\bin\s+the\s+vein\s+of)\s+(?:(?:19|20)\d\d'?s\s+)?['\"“‘]?\Z|"
    # the work another is made from, in an aside: "Y, an adaptation of the X game, premieres"
    # (but "the anime adaptation of X" is X)
    r",\s+an?\s+(?:[\w-]+\s+)?adaptation\s+of\s+(?:the\s+|an?\s+)?"
    r"(?:(?:hit|popular|bestselling|best-selling|acclaimed|original|classic|beloved)\s+)?"
    r"(?:(?:manga|novel|light\s+novel|webtoon|web\s+novel|video\s+game|game|comic|book)\s+)?['\"“‘]?\Z"
)


# A slot a work has left, named by it: "moves to X's old date of March 7", "takes over Y's
# former Easter slot": the date is the work moving in.
_LEFT_SLOT = re.compile(
    r"(?i)[\"”]?(?:['’]s|['’])\s+(?:old|former|previous|original|vacated|abandoned|prior)\s+"
    r"(?:[\w-]+\s+)?(?:date|slot|spot|window|release\s+date|berth)\b"
)


def _leaves_slot(body: str, title: TitleMention, date: DateMention) -> bool:
    """Whether the date is that of a slot the title has left: "X's old date of March 7"."""
    slot = _LEFT_SLOT.match(body, title.end)
    return slot is not None and 0 <= date.start - slot.end() <= 12


def names_another_work(body: str, start: int, end: int | None = None) -> bool:
    """Whether the title at ``start`` (ending at ``end``) is named only as what another work
    follows or replaces, or is a season's own name (the season is its series')."""
    before = max(0, start - 40)
    return (
        (end is not None and _SOURCE_OF.match(body, end) is not None)
        or _follows(body, start)
        or _REPLACED_WORK.search(body, before, start) is not None
        or _DESCRIBED_BY.search(body, max(0, start - 45), start) is not None
        or _FINALE_OF.search(body, max(0, start - 40), start) is not None
        or _SEASON_SUBTITLE.search(body, before, start) is not None
        or (
            end is not None
            and _TIMED_BY.search(body, max(0, start - 30), start) is not None
            and _EPISODE_AFTER.match(body, end) is not None
        )
    )


# A work whose end times another's start: "begins airing after the finale of “X” on October 9",
# "on Friday nights following the end of “X”" (the date is the new work's).
_FINALE_OF = Words(
    r"\b(?:after|following|once|when)\s+(?:the\s+)?(?:(?:season|series)\s+)?(?:finale|end|conclusion|"
    r"last\s+episode)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?[\"“‘']?\Z|"
    # a broadcast slot after another show: "on Friday-Saturday nights following “X”"
    r"\b(?:nights?|slot|timeslot|time\s+slot)\s+(?:after|following)\s+(?:the\s+)?[\"“‘']?\Z"
)
# A work named to time another: "set to premiere right after the “X” season four finale".
_TIMED_BY = Words(
    r"\b(?:after|before|following|opposite|against|ahead\s+of)\s+(?:the\s+)?[\"“‘']?\Z"
)
_EPISODE_AFTER = re.compile(
    r"(?i)[\"”’']?\s+(?:season\s+\w+\s+|series\s+)?(?:finale|premiere|episode|broadcast)\b"
)


def _follows(body: str, start: int) -> bool:
    return _FOLLOWED_WORK.search(body, max(0, start - 30), start) is not None


def _names_another(reference: str, title: str) -> bool:
    """ "the Dirty Dancing sequel" after "White Bird": a work named by the work it follows, a
    name not the title's (but "the Ana Cole series" is named by its star)."""
    words = reference.split()[1:-1]
    if not re.search(r"(?i)(?:sequel|prequel|spin-?off|remake|reboot)$", reference):
        return False
    named = [w for w in words if w[:1].isupper()]
    return bool(named) and not all(w in title for w in named)


def _named_reference(body: str) -> bool:
    """A reference by a noun ("the series", "season 4"), not by "it" alone."""
    return any(m.group().lower() not in ("it", "its", "it's") for m in _REFERENCE.finditer(body))


def name_before_parenthesis(
    body: str, date: DateMention, titles: list[TitleMention]
) -> TitleMention | None:
    """The title written just before the parenthesis the date opens: "Bel-Air (February 13)"."""
    opening = body.rfind("(", max(0, date.start - 3), date.start)
    if opening < 0:
        return None
    named = [t for t in titles if t.end <= opening and not body[t.end : opening].strip()]
    return named[-1] if named else None


# An aside about a person, in parentheses, that the name lies in: "(who helmed the original
# “Deadpool”)".
_RELATIVE_ASIDE = re.compile(r"\((?:who|whose|which)\b[^()]*\Z", re.I)
# An apposition that tells what the work named before it is: '“Panic Carefully,” a new thriller
# from the “Leave the World Behind” and “Homecoming” pair of ..., for Feb. 26'.
_DESCRIBING = re.compile(
    rf"[\"”’']?\s*,[\"”’']?\s*(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?{KIND_NOUN}\s+(?:from|by|of|starring|"
    r"written|directed|based)\b[^,;]*",
    re.I,
)


def _described_in_apposition(body: str, titles: list[TitleMention]) -> list[TitleMention]:
    """The titles inside an apposition describing the title before it ("X, a thriller from
    the makers of Y, ...": Y)."""
    if len(titles) < 2:
        return []
    found: list[TitleMention] = []
    for first in titles:
        apposition = _DESCRIBING.match(body, first.end)
        if apposition is not None:
            found.extend(t for t in titles if first.end < t.start and t.end <= apposition.end() + 2)
    return found


def parenthesised(text: str, start: int, position: int) -> bool:
    """Whether ``position`` lies inside parentheses opened after ``start`` (within 300
    characters: an aside is short, and a page of one endless line stays linear)."""
    start = max(start, position - 300)
    return text.count("(", start, position) > text.count(")", start, position)


def choose_titles(
    doc: DocumentContext,
    body: str,
    titles: list[TitleMention],
    date: DateMention,
    left: int,
    right: int,
    memory: Memory,
) -> list[tuple[str, TitleMention | None]]:
    """The titles a date speaks of: named in its clause, else in its sentence, else the
    two just named ("both series", reaching back a paragraph), the one just named in this
    paragraph ("the show"), or the topic."""
    # "with Y taking X's old slot of April 18": the date is not X's, whichever X is named
    left_slot = {t.title for t in titles if _leaves_slot(body, t, date)}
    others = [t for t in titles if names_another_work(body, t.start, t.end)]
    titles = [t for t in titles if t not in others and t.title not in left_slot]
    if left_slot and not titles:
        return []
    followed = [t for t in others if _follows(body, t.start)]
    if any(left <= t.start and t.end <= right for t in followed) and not any(
        left <= t.start and t.end <= right for t in titles
    ):
        return []  # "the follow-up to X was put back": a work with no name here
    if _SEQUELS_DATE.search(body, max(0, date.start - 40), date.start):
        # "With the sequel's 2027 date, it marks five years since X premiered": the date is
        # a work X's name does not name; the one named before, if it is not X
        named_here = {t.title for t in titles if left <= t.start and t.end <= right}
        if memory.here and memory.here[-1] not in named_here:
            return [(memory.here[-1], None)]
        return []
    named = name_before_parenthesis(body, date, titles)
    if named is not None:  # "Bel-Air (February 13)": the date is the name's before it, alone
        return [(named.title, named)]
    fronted = _FRONTED_PARTICIPLE.match(body)
    if fronted is not None and date.end <= fronted.end():
        # "Set to launch on July 1, Moon Court is written by ...": the phrase is the main
        # clause's subject's, the name right after its comma
        subject = next((t for t in titles if 0 <= t.start - fronted.end() <= 4), None)
        if subject is not None:
            return [(subject.title, subject)]
    unknown = _UNKNOWN_NAME_BEFORE.search(body, max(0, date.start - 70), date.start)
    if unknown is not None and not any(unknown.start() <= t.start < date.start for t in titles):
        words = unknown.group(1).split()
        if not any(w.lower().strip("'’s") in NETWORKS for w in words):
            return []  # "... and the Lego Star Wars Holiday Special on November 17": a work unread
    in_clause = [t for t in titles if left <= t.start and t.end <= right]
    if in_clause:
        # "A, B, and C all return in the summer": the clause begins at C's "and", but the
        # list before it is the verb's subject too
        whole = next((g for g in _groups(body, titles) if in_clause[0] in g), [])
        if whole and whole[-1].end <= date.start:
            in_clause = [*dict.fromkeys([*whole, *in_clause])]
    if titles and memory.here and _PRONOUN_SUBJECT.match(body):
        segment = segment_span(body, date.start, date.end)
        if all(t.start >= segment[1] for t in titles):
            # "It's eyeing a summer 2026 release, which comes before Narnia next Christmas":
            # the sentence's subject is the one just named, the later name another's
            titles, in_clause = [], []
    candidates = in_clause or titles
    plain = [t for t in candidates if not parenthesised(body, 0, t.start)]
    # "an untitled film from Tim Miller (who helmed the original "Deadpool")": a person's aside
    candidates = plain or [t for t in candidates if not _RELATIVE_ASIDE.search(body, 0, t.start)]
    candidates = [t for t in candidates if t not in _described_in_apposition(body, titles)]
    # 'directed by A of "X" (2011) and "Y" (2012), "Z" will premiere': works dated by a
    # year in parentheses are credits, named for what they were
    current = [t for t in candidates if not _YEAR_AFTER.match(body, t.end)]
    candidates = current or candidates
    if candidates and not _BOTH.search(body[left:right]):
        segment = segment_span(body, date.start, date.end)
        if in_clause and _AUX_START.match(body, segment[0]):
            # "'Sinners', reuniting Coogler with his 'Black Panther' actor, will be pushed
            # back to April 18": the subject is the clause's first name, not the aside's
            first = min(in_clause, key=lambda t: t.start)
            if not parenthesised(body, 0, first.start) and first.end <= segment[0]:
                group = next(g for g in _groups(body, in_clause) if first in g)  # "A and B, ..."
                chosen: dict[str, TitleMention | None] = {}
                for mention in group:
                    chosen.setdefault(mention.title, mention)
                return list(chosen.items())
        # A title in the date's own comma stretch comes first ("X season 3 ended in July,
        # and we wait until winter for season 4 of X"), then the nearest.
        best = min(
            _groups(body, candidates),
            key=lambda g: (
                not any(segment[0] <= t.start and t.end <= segment[1] for t in g),
                min(_distance(t.start, t.end, date) for t in g),
            ),
        )
        seen: dict[str, TitleMention] = {}
        for mention in best:
            seen.setdefault(mention.title, mention)
        return [(title, mention) for title, mention in seen.items()]
    if memory.group and not in_clause and _all_of(body, left, right, memory.group):
        return [(title, None) for title in memory.group]  # "Each series pushed to 2026 ..."
    if _BOTH.search(body):
        distinct = list(dict.fromkeys(reversed(memory.titles)))[:2]
        if len(distinct) == 2:
            return [(t, None) for t in reversed(distinct)]
    if not titles and _UNKNOWN_SUBJECT.match(body) and not _SAYS_AFTER_SUBJECT.match(body):
        return []  # "Devil May Sing does not count ... because it premiered": a name not read
    here = memory.here[-1] if memory.here else None
    if here is not None and here in memory.seasons and _SEASON_REFERENCE.search(body):
        return [(here, None)]  # "Dark Winds returns for season 4 ... The fifth season ..."
    reference = _REFERENCE.search(body) or _RELEASE_REFERENCE.search(body)
    if memory.here and reference is not None:  # "the show": the one just named
        if _names_another(body[reference.start() : reference.end()], memory.here[-1]):
            return []  # "The Dirty Dancing sequel is moving": a work named by another's name
        return [(memory.here[-1], None)]
    before = set(memory.titles[: memory.earlier])
    if (
        not memory.here
        and len(before) == 1
        and _named_reference(body)
        and not MANY_TITLES.search(body, left, right)
    ):
        return [(before.pop(), None)]  # "The series ...": the one title of the paragraph before
    if memory.section is not None and not MANY_TITLES.search(body, left, right):
        return [(memory.section, None)]  # a list article's section is its heading's title's
    if (
        doc.topic is not None
        # news names its subject before it writes "the film": not a sentence before that
        and (memory.at < 0 or 0 <= doc.topic_named_at <= memory.at + date.start)
        and not (MANY_TITLES.search(body, left, right) or SLATE_YEAR.search(body))
    ):  # "Netflix unveils its line-up for 2023" is about the line-up, not the page's topic
        return [(doc.topic, None)]
    return []


_THEIR = re.compile(r"(?i)\btheir\s+\Z")
# A participial phrase before the main clause: "Set to launch on July 1, ", "Premiering in
# May, ", "Due out next spring, ".
_FRONTED_PARTICIPLE = re.compile(
    r"\s*(?:(?:Set|Slated|Scheduled|Due|Expected|Poised|Tipped)\s+(?:to|for|out)|Premiering|"
    r"Arriving|Debuting|Launching|Returning|Coming|Dropping|Landing|Streaming)\b[^,;.]{1,60},\s*(?:the\s+)?"
)
_RELEASE_OWNED = re.compile(r"(?i)(?:premiere|debut|release|return|launch|arrival)\b")


def choose_season(
    doc: DocumentContext,
    body: str,
    titles: list[TitleMention],
    seasons: list[SeasonMention],
    title: str,
    mention: TitleMention | None,
    date: DateMention,
    clause: tuple[int, int],
    past: bool,
    memory: Memory,
) -> tuple[int | None, int | None]:
    attached: dict[int, TitleMention] = {}
    for t in titles:
        for s in seasons:
            # "A, B and C all return for their fifth seasons": every one of them's
            if attaches(body, t, s) and not _THEIR.search(body, max(0, s.start - 8), s.start):
                attached[s.start] = t
    own = [s for s in seasons if s.start in attached and attached[s.start] is mention]
    segment = segment_span(body, date.start, date.end)
    if past and _APPOSITION.match(body, segment[0]):
        # "season 2 of X, a series that was released on August 27": the aside is X's own past
        own = [s for s in own if segment[0] <= s.start < segment[1]]
    free = [
        s
        for s in seasons
        if s.start not in attached
        and clause[0] <= s.start < clause[1]
        and (segment[0] <= s.start < segment[1] or (not past and s.end <= date.start))
        # "... until Season 2, Netflix will release X in November": the season is behind X
        and not (mention is not None and s.end <= mention.start and mention.end <= date.start)
        # "given the first season's schedule, a spring release": a season owning something
        # (but "season eight's premiere on June 30th" is the season's own release)
        and not (body.startswith("'s ", s.end) and not _RELEASE_OWNED.match(body, s.end + 3))
        # "renewed for a second season two months after it premiered in May": the season
        # ordered is not the one another release date in the sentence is of
        and not (past and RENEWED_FOR.search(body, max(0, s.start - 90), s.start))
    ]
    season: int | None = None
    part: int | None = None
    # A season in the date's own stretch ("..., and Part 2 arrives in May") comes first.
    # "Season 2 in 2023 and Season 3 in 2025": a season before the date is nearer than one
    # the same distance after it.
    free.sort(key=lambda s: date.start - s.end if s.end <= date.start else (s.start - date.end) * 3)
    near = [s for s in free if segment[0] <= s.start < segment[1]]
    if _WHICH.match(body, segment[0]):  # "... after season 2, which aired in early 2020"
        near = [s for s in seasons if 0 <= segment[0] - s.end <= 2] + near
    named = near + own + [s for s in free if s not in near]
    ahead = _next_after(body, seasons, date)
    if ahead is not None:  # "the Season 2 finale set up the next installment, due in May"
        return ahead, None
    cour = False
    for s in named:
        if s.kind == "season" and season is None:
            season = s.number
        elif s.kind == "part" and part is None:
            part = s.number
            cour = body[s.start : s.end].lower().endswith(("cour", "cours"))
    if season is None and part is not None and cour:
        season = memory.seasons.get(title) or doc.title_seasons.get(title) or 1
        # an anime's cours are parts of one season, never numbered as seasons
    elif season is None and part is not None and not doc.numbers_seasons:
        season, part = part, None  # a split season the streamer numbers by parts
    if season is None:
        about = memory.seasons.get(title) or doc.returning_seasons.get(title)
        if past and about is not None and about > 1 and LATEST.search(body, clause[0], clause[1]):
            season = about - 1  # "the latest season premiered on Jan. 14" in a piece on the next
        elif past:
            first = _FIRST.search(body[clause[0] : clause[1]])
            # "X debuted on Netflix in 2021" in a piece on X's season 2: a series debuts once
            # (a year-less one stays unnumbered: an earlier season's year-less date is doubtful)
            debut = about and date.spec.has_year and _DEBUT.search(body[clause[0] : clause[1]])
            season = 1 if first or debut else None
        elif title in memory.seasons:
            season = memory.seasons[title]
        elif mention is None and memory.group.get(title) is not None:
            season = memory.group[title]
        elif title == doc.topic and doc.topic_season is not None:
            season = doc.topic_season
        elif title in doc.title_seasons or not _A_SEASON.search(body, clause[0], clause[1]):
            season = doc.title_seasons.get(title)
        else:
            # "the new season is expected in May" after "Netflix renewed X for season 3": the
            # season a sentence naming X alone names
            season = doc.returning_seasons.get(title)
    return season, part


# A season spoken of without its number: "the new season", "the next season".
_A_SEASON = re.compile(
    r"(?i)\b(?:new|next|upcoming|coming|latest|forthcoming)\s+(?:season|series|episodes|installment)\b"
)
