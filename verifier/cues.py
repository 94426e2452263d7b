"""Words that tell what a date is about, how sure the writer is, and the tense.

A date in a sentence belongs to the nearest event word: a release event
(released, premieres, arrives, "slated for") makes it a claim; another event
(filming, renewal, views, an interview) makes it something else. Weak release
cues ("set for", "coming") give way to another event named earlier in the
same clause ("Filming is set for January").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.names import NETWORKS
from verifier.scan import Words

# The beginnings of date phrases, for words that a date may follow at once.
DATE_START = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d|this\s|next\s|today|tomorrow|"
    r"mon|tue|wed|thu|fri|sat|sun|early|mid|late|spring|summer|fall|autumn|winter"
)

# Each pattern starts at a word start, ``\b(?=\w)``: ``\b`` alone also holds where words end,
# and there every alternative would be tried in vain (a third of the scanning time).
STRONG_RELEASE = Words(
    r"\b(?=\w)(?<![-'])(?:(?:re-?)?releas\w*|premier\w*|arriv\w*|drop(?:s|ped|ping)?|land(?:s|ed|ing)?|"
    r"debut(?:s|ed|ing)?(?!\s+(?:season|episodes?|series|film|movie|album|novel|outing))|"
    r"stream(?:s|ed|ing)?(?!\s+(?:platform|service|giant|site|app|rights|numbers|chart|record|war))|"
    r"air(?:s|ed|ing)?|broadcast(?:s|ing)?(?!\s+(?:rights|deal|partner|network|company|station))|launch\w*|hit(?:s|ting)?\s+(?:netflix|the\s+stream\w*|"
    r"screens|theaters|theatres|cinemas|our\s+screens|their\s+screens|platforms?|disney|hbo|max|prime|"
    r"apple|hulu)|(?:come|comes|came|coming)\s+out|(?:come|comes|coming|came)\s+to\s+(?:screens|"
    r"netflix|theaters|theatres|cinemas|our\s+screens|streaming|disney|hbo|hulu|prime)|"
    # "the binge begins May 18th"
    r"(?:the\s+)?binge\s+(?:begins|starts|kicks\s+off)|roll(?:s|ed|ing)?\s+out|release\s+date|bow(?:s|ed)?|"
    # "It begins a global rollout on June 14", "scheduled for a global rollout from September"
    r"(?:global\s+|worldwide\s+|international\s+)?rollout(?!\s+of\s+(?:the\s+)?(?:trailer|teaser|poster))|"
    r"(?:push(?:es|ed)?|mov(?:e|es|ed|ing)|delay(?:s|ed)?|postpone[sd]?|shift(?:s|ed)?|bump(?:s|ed)?)"
    r"(?:\s+back)?\s+(?:to|until|till)|(?:being\s+)?(?:moved|bumped|pushed|delayed|postponed|shifted)\s+(?:up\s+|back\s+)?from|(?:is|are|was|were)\s+moving\s+(?:from|to)|head(?:s|ed|ing)?\s+to|"
    r"put\s+back\s+(?:to|until|till)|"
    # a film in cinemas: "hit the box office", "start playing in select theaters", "a
    # limited theatrical run"
    r"hit(?:s|ting)?\s+the\s+box\s+office|play(?:s|ing)?\s+in\s+(?:some\s+|select\s+)?(?:cinemas|theaters|theatres)|"
    r"theatrical\s+(?:run|release|debut|bow|engagements?)|"
    # "the wait for X season 2 ends on June 5"; "opens in theaters on November 21"
    r"(?:the\s+)?wait\s+(?:for\s+[^.;]{1,80}?\s+)?(?:ends|will\s+end|is\s+over)|"
    r"open(?:s|ed|ing)?\s+(?:in|at)\s+(?:theaters|theatres|cinemas)|opens\s+(?:nationwide|wide)|"
    # a film's date: "will open Sept. 24 in limited release", "is now dated for July 16"
    rf"open(?:s|ed)?\s+(?=(?:{DATE_START}))|dated\s+(?:for|on)\s|"
    r"(?:is|are|be|was|were)\s+out|follows?\s+on|"
    # "makes its global entry on April 5", "makes its streaming bow"
    r"mak(?:es|ing)\s+(?:its|their)\s+(?:[\w-]+\s+)?(?:entry|bow|arrival|premiere)|"
    # in a line-up: "Silver Tide follows in March"
    rf"follows?\s+in(?=\s+(?:{DATE_START}))|"
    # "locked in a March 10 date for X": a date named a date is a release's (its own date
    # phrase just before it, ``release_cue``)
    r"(?<=\d\s)date\b(?!\s+(?:of|to))|"
    # a card's field: "Date: January 29", "Air date: January 8" (its line's first words)
    rf"(?:air\s+|airing\s+|broadcast\s+|premiere\s+)?date(?=\s*:\s*(?:{DATE_START}))|"
    # a line-up is of releases, and announcing one is how it is known: not a veto
    r"line-?ups?|(?:anime|release|premiere)\s+schedules?|"
    # "Act One will begin on November 9": a season or a part begins (but "work on season 2
    # begins", "season 2 starts filming").
    r"(?<!on\s)(?<!of\s)(?<!for\s)(?:(?:season|part|act|volume|chapter)\s+(?:\d{1,2}|one|two|three|"
    r"four|five|six|seven|eight|nine|ten)|"
    # "the season will begin on July 3", "the new season starts Friday"
    r"(?<=the\s)(?:(?:new|next|second|third|fourth|fifth|final|upcoming)\s+)?season)\s+"
    r"(?:will\s+|is\s+set\s+to\s+|is\s+due\s+to\s+)?"
    r"(?:begin|start|kick\s+off)s?(?!\s+(?:filming|shooting|production|work|principal|photography|"
    r"pre-?production|post-?production|rehears|casting|writing))"
    r")\b",
)
WEAK_RELEASE = Words(
    # ("set in 1998" is where a story is set, below)
    r"\b(?=\w)(?:(?:slated|scheduled|due|planned|penciled|pencilled|tipped|earmarked)\s+(?:for|in|to\s+return)|"
    r"set\s+(?:for|to\s+return)|"
    # "It will now open August 15th"
    rf"(?:will|to|now)\s+(?:now\s+)?open(?=\s+(?:on\s+|in\s+)?(?:{DATE_START}))|"
    # "with Y taking X's old Easter slot of April 18": the slot is Y's now
    r"tak(?:e|es|ing|en|ed)\s+(?:over\s+)?(?:[\w'’\":.-]+\s+){1,5}?(?:slot|spot|date)\s+(?:of|on)|"
    # "Season two of X starts up Tuesday, Sept. 26"; "Empire and Star have their season premieres"
    r"starts?\s+up\b|(?:have|has)\s+(?:their|its)\s+(?:season\s+|series\s+)?premieres?|"
    # "Release Date Confirmed For June 2026": confirmed for a date
    rf"confirmed\s+for(?=\s+(?:{DATE_START}))|"
    # "penciled in for 2027", "dated the second season of X for June 12"
    # ("has dated “Panic Carefully,” a new thriller from A and B, for Feb. 26")
    r"(?:penciled|pencilled)\s+in\s+for|dated\s+(?:[\w'’\"“”‘:.,/&-]+\s+){1,30}?for|"
    # "Friday, October 13 marks the start of X": the day a work begins
    r"marks?\s+the\s+(?:start|premiere|debut|return|launch|beginning)\s+of|"
    # "the studio added the feature X to Nov. 8": where a new work is dated
    rf"add(?:s|ed)\s+(?:[\w'’\":.-]+\s+){{1,6}}?to(?=\s+(?:{DATE_START}))|"
    # "moved X, now to March 27": where it went
    rf"(?<=,\s)now\s+(?:to|until)(?=\s+(?:{DATE_START}))|"
    # "set a new theatrical date of Sept. 3"
    r"(?:theatrical|opening|new)\s+(?:release\s+)?dates?\b|"
    # "moved Challengers to April": what is moved may be a filming start ("filming ... was
    # pushed back eight months until January"), so a weak cue
    # "moves from 7/31/2020 to 3/19/2021", "moved X from January 2021 to October": the move,
    # up to its dates
    rf"(?:push(?:es|ed)?|mov(?:e|es|ed)|delay(?:s|ed)?|postpone[sd]?|shift(?:s|ed)?)(?:\s+(?!(?:to|until|till)\b|\d)[\w'’\":.-]*\w){{0,5}}?(?=[\"'’]?\s+from\s+(?:{DATE_START}))|"
    # (a name of several words and its kind between: "moved the slasher sequel Moon Court 2:
    # Night Falls up to March 27"; not "a bold move and taking the story all the way to")
    r"(?:push(?:es|ed|ing)?|mov(?:e|es|ed|ing)|delay(?:s|ed|ing)?|postpone[sd]?|shift(?:s|ed|ing)?)\s+(?:(?!and\s)[\w'’\":.-]+\s+){1,10}?(?:to|until|till)|"
    # "has also been pushed a year, to May 7": a span of time, then where it went
    rf"(?:push(?:es|ed)|mov(?:e|es|ed)|delay(?:s|ed)|postpone[sd]|shift(?:s|ed))\s+(?:by\s+)?(?:a|an|one|two|"
    rf"three|four|five|six|\d+)\s+(?:weeks?|months?|years?),\s+(?:to|until)(?=\s+(?:{DATE_START}))|"
    # "delayed a full four months from its prime June 27th slot to the October 3rd weekend"
    r"(?:push(?:es|ed)?|mov(?:e|es|ed)|delay(?:s|ed)?|postpone[sd]?|shift(?:s|ed)?)\s+(?:[\w'’\":.-]+\s+){0,5}?"
    r"from\s+(?:[\w'’\":.-]+\s+){1,6}?(?:to|until|till)|"
    # a field of a listing: "Date: September 10th", "Broadcast Date: January 31, 2020"
    r"(?<!\w\s)date\s*:|wait\s+(?:until|till)|(?:won't|will\s+not|wouldn't)\s+be\s+(?:out\s+)?until|(?:is|are|be|(?<=')s|(?<=')re)\s+coming|"
    # a prediction: "2026 is a pretty solid guess", "our best bet is March"
    r"(?:best|solid|safe|good|educated|likely|our|my)\s+(?:guess|bet|estimate)|"
    r"(?:i'd|i\s+would|we'd|i)\s+(?:guess|bet|say)|(?:would|will|could|should)\s+come|out\s+(?:in|by)|coming\s+(?:to|back|in|on)|come\s+back|returns?|returning|returned|"
    r"(?:be|been|being)\s+brought\s+back|"
    r"(?:ran|runs?|running)\s+from|"
    # "back in May" returns; "premiered back in May 2019", "all the way back in 2022" look back
    r"(?<!premiered\s)(?<!released\s)(?<!aired\s)(?<!debuted\s)(?<!launched\s)(?<!arrived\s)"
    r"(?<!dropped\s)(?<!was\s)(?<!way\s)(?<!came\s)(?<!-)back\s+(?:on|in)|"  # not "back-to-back on"
    r"available\s+(?:to\s+(?:stream|watch)\s+)?(?:on|from|in|starting)|"
    # a broadcast slot: "takes over the slot on July 4", "in the Friday slot starting May 8"
    r"takes?\s+over\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?(?:slot|timeslot)|(?:in|into)\s+the\s+(?:[\w'-]+\s+){0,3}?(?:slot|timeslot)|(?:be|is|are|'s)\s+(?:(?:finally|officially|now|also)\s+)?back\s+(?:for|with|on|this|next|in)|on\s+netflix|new\s+episodes|expect\s+the\s+(?:debut|launch|return)|the\s+launch\s+of|"
    r"(?:can|will|should)\s+expect|expected\s+(?:in|on|by|around|this|next)|"
    # "Look for Season 4 of X in 2020", "look for a return in 2021": expect it then
    r"look\s+for\s+(?:season|series|part|it|them|new\s+episodes|(?:a|the|its)\s+(?:return|premiere|debut|release|launch|(?:new|next)\s+season))\b|"
    r"(?:see|catch|watch)\s+(?:the\s+)?(?:new|next|fifth|fourth|third|second|final|a\s+glimpse|it|them)"
    r"|see\s+(?:[\w'\":]+\s+){1,5}season|binge(?:-watch)?\s+(?:it|them|the|all)\b|will\s+(?:see|feature|bring)|brings|release|"
    r"in(?:to)?\s+(?:theaters|theatres|cinemas)\s+(?:by|on|in|from)|(?:premiere|launch|debut|streaming)\s+window|(?<=\ba\s)(?:(?:likely|possible|realistic|probable)\s+)?window\s+(?:would|could|might|will|may|seems)\b|window\s+for\s+(?:the\s+|a\s+|its\s+|this\s+)?"
    r"(?:show|series|season|sequel|film|movie|drama|premiere|release|debut|return|it))\b",
)
OTHER_EVENT = Words(
    # "filming", "filmed", not the noun: "the film is set for March", "series, films and"
    r"\b(?=\w)(?:film(?:ing|ed|s\s+in)\b|shoot\w*|shot|production|produc(?:e|ed|ing)|(?<!\d\s)(?<!year\s)wrap\w*|cast(?:s|ing|ed)?|"
    r"renew\w*|greenlit|greenlight\w*|ordered|(?<!in\s)order(?!\s+of\b)|announc\w*|revealed|unveil\w*|confirm\w*|"
    r"reshuffl\w*|report(?:ed|s)?|interview\w*|posted|tweeted|views|viewing|watched|"
    r"hours|top\s+10|chart\w*|rank\w*|strikes?|deal|script\w*|writ(?:e|ing|ten|ers?)|"
    # but "starting July 1", "beginning from March": a preposition before a date
    rf"begin(?:s|ning)?|began|start(?:s|ed)?(?!\s+of\s+(?:{DATE_START}|the\s+year))|(?:starting|beginning)(?!\s+(?:from\s+)?(?:{DATE_START}|"
    r"the\s+(?:start|beginning|end|middle)\s+of))|"
    # (but "before 2025 wraps up", "before the year ends": a deadline's words)
    r"(?<!\d\s)(?<!year\s)(?:ended|ends|concluded|(?:comes?|came)\s+to\s+(?:an\s+)?end|wraps?\s+up)|develop\w*|award\w*|nominat\w*|ceremony|event|panel|"
    r"conference|festival|published|updated|disclos\w*|born|died|married|set\s+in|takes\s+place|time\s+jump|timeline|"
    # what news gives as the reason for a delay: "after the tragedy on October 29"
    r"tragedy|accident|disaster|incident|attack|election|mourning|funeral|earthquake|pandemic|outbreak|"
    r"months?\s+(?:before|after)|first\s+(?:month|week|days?)|week\s+of|since)\b",  # not "producer"
)


# Something other than a title released: "the list was released", "a trailer dropped".
THING_RELEASED = Words(
    r"\b(?=\w)(?:lists?|trailers?|teasers?|posters?|videos?|photos?|images?|stills?|statement|soundtrack|"
    r"single|album|book|novel|webtoon|manga|game|report|article|update|episode\s+\d+)"
    r"(?:\s+(?:for|of)\s+[^.;,]{1,60}?)?\s+"
    r"(?:was\s+|were\s+|is\s+|are\s+|has\s+been\s+|have\s+been\s+|will\s+be\s+)?"
    r"(?:released|unveiled|dropped|published|out|launched)\b|"
    # a book's run: "Hajime Isayama's manga series, which ran from 2009 to 2021"
    r"\b(?:manga|novels?|webtoons?|comics?|books?)(?:\s+series)?,?\s+(?:which|that)\s+"
    r"(?:ran|was\s+serialized|was\s+published|began\s+serialization)\b|"
    # a book's volume: "with Volume 17 set to release on July 26" (a show's volumes are few)
    r"\bvol(?:ume|\.)\s+(?:[4-9]|[1-9]\d)\b(?:\s+(?:is|was|will\s+be))?\s+(?:set\s+to\s+|due\s+to\s+)?"
    r"(?:release|be\s+released|released|ship|hit\s+shelves|go\s+on\s+sale)\b",
)


# ... and the thing after its verb: "Peacock released the official teaser on August 14".
RELEASED_THING = Words(
    r"\b(?=\w)(?:releas(?:e|es|ed|ing)|drop(?:s|ped)?|unveil(?:s|ed)?|shar(?:es|ed)|debut(?:s|ed))\s+"
    r"(?:(?:the|a|an|its|their|new|first|official|latest|second|another)\s+){1,3}(?:[\w-]+\s+)?"
    r"(?:teasers?|trailers?|posters?|photos?|stills|images|clips?|videos?|footage|first\s+look|key\s+art)\b"
)

# Going back to work, not to screens: "returns to the studio in June", "heads back to set".
BACK_TO_WORK = Words(
    r"\b(?=\w)(?:return(?:s|ed|ing)?|(?:go|goes|went|going|head(?:s|ed|ing)?|is|are|be)\s+back)\s+"
    r"to\s+(?:the\s+)?(?:studios?|sets?|sound\s*stages?|stages?|filming|production|shooting|work|"
    r"(?:the\s+)?writers'?\s*room|camera|location)\b"
)

# Saying: the date of a saying is no release ("said on Monday"), but a saying before a
# release word does not make it another event's ("said it would come next quarter").
SPEECH = Words(r"\b(?=\w)(?:said|says|told|added|explained|noted)\b")
# A release that is a statement: "according to a release by the platform", "in a press
# release", "the release said". It says; nothing is released.
STATEMENT = Words(
    r"\b(?=\w)(?:(?:press|news|media)\s+releases?|according\s+to\s+(?:a|the|its|their)\s+release|"
    r"(?:in|via|through)\s+(?:a|its|their)\s+release|(?:a|the|its|their)\s+release\s+(?:by|"
    # ("pushes its release from summer 2026 to 2027" moves a date)
    rf"from(?!\s+(?:the\s+|an?\s+|its\s+)?(?:{DATE_START}|(?:first|second|third|fourth)\s))|"
    r"issued|sent|shared|said|says|stated|states|reads|read))\b"
)


# A telling verb (not the noun "announcement") with a clause after it ("confirmed that X is
# set for", "confirmed X would return in"): it says, and what it tells has its own event
# words. With a noun after it ("announced the series' return in 2022") the date is its own.
_PAST_VERB_BEFORE = Words(
    r"\b(?:released|premiered|aired|debuted|launched|arrived|dropped|came\s+out)\b[^.;,]*\Z"
)
_TELLING = re.compile(r"(?i)(?:announc|confirm|reveal|unveil|disclos)(?:ed|es|s)|reported")
_TOLD_CLAUSE = re.compile(
    r"(?i)\s+(?:that\b|(?:[\w'’:.-]+\s+){1,6}?(?:would|will|is|are|was|were|has|had|could|"
    r"might|may|should)\b)"
)


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: str  # strong, weak (release words), other (another event), speech

    @property
    def release(self) -> bool:
        return self.kind in ("strong", "weak")


def _opens_clause(text: str, at: int) -> bool:
    """Nothing but a sentence's or clause's opening before ``at``: no subject to return."""
    before = text[max(0, at - 8) : at].rstrip(" \t\"'“‘(")
    return (
        not text[:at].strip()
        or before.endswith((",", ";", ":", "—", "–", "\n"))
        or before.lower().endswith((" and", " but", " so"))
        or before.lower() in ("and", "but", "so")
    )


def find_cues(text: str) -> list[Cue]:
    """Every event word in ``text``, in order; where two overlap the release cue wins."""
    cues = [Cue(m.start(), m.end(), "speech") for m in STATEMENT.finditer(text)]
    cues += [Cue(m.start(), m.end(), "other") for m in THING_RELEASED.finditer(text)]
    cues += [Cue(m.start(), m.end(), "other") for m in RELEASED_THING.finditer(text)]
    cues += [Cue(m.start(), m.end(), "other") for m in BACK_TO_WORK.finditer(text)]
    taken = [(c.start, c.end) for c in cues]
    for m in STRONG_RELEASE.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            cues.append(Cue(m.start(), m.end(), "strong"))
            taken.append((m.start(), m.end()))
    for m in WEAK_RELEASE.finditer(text):
        if m.group().startswith("back") and _PAST_VERB_BEFORE.search(
            text, max(0, m.start() - 40), m.start()
        ):
            continue  # "premiered on StreamHub back in April" looks back; it does not return
        if m.group().startswith(("back", "Back")) and _opens_clause(text, m.start()):
            continue  # "Back in March 2019, the finale ...": when, not a return
        if not any(s < m.end() and m.start() < e for s, e in taken):
            cues.append(Cue(m.start(), m.end(), "weak"))
            taken.append((m.start(), m.end()))
    for m in OTHER_EVENT.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            # "confirmed that X is set for 2026": what is told follows, with its own event
            told = _TELLING.fullmatch(m.group()) and _TOLD_CLAUSE.match(text, m.end())
            cues.append(Cue(m.start(), m.end(), "speech" if told else "other"))
            taken.append((m.start(), m.end()))
    for m in SPEECH.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            cues.append(Cue(m.start(), m.end(), "speech"))
    return sorted(cues, key=lambda c: c.start)


_COORDINATED = re.compile(r"(?i)\s*,?\s*(?:and|or|then|before|but)\s+(?:\w+\s+){0,2}\Z")


def release_cue(
    cues: list[Cue],
    start: int,
    end: int,
    clause: tuple[int, int] | None = None,
    veto_from: int = 0,
    text: str = "",
) -> Cue | None:
    """The release cue among ``cues`` the date at [start, end) belongs to, if any.

    The nearest cue decides; one before the date counts as nearer than one the
    same distance after it, and one after "and" (a verb of its own: "starting filming in
    September and airing it in 2022") counts as far. A weak release cue yields to another
    event named before it in the clause (from ``veto_from`` on: a relative clause has its
    own). ``text`` is the sentence the positions are in.
    """
    for cue in cues:  # "confirms March 3 premiere", "a March 10 date": the date is the noun's
        after = cue.kind == "strong" and 0 < cue.start - end <= 2
        if after and (clause is None or cue.end <= clause[1]):
            return cue
    best: tuple[float, Cue] | None = None
    for cue in cues:
        if clause is not None and not (clause[0] <= cue.start and cue.end <= clause[1]):
            continue  # "... during July 4 this year, but we'll have to wait until": not July's
        if cue.end <= start:
            distance = float(start - cue.end)
        elif cue.start >= end:
            distance = (cue.start - end) * 1.6 + 4
            if text and _COORDINATED.match(text, end, cue.start):
                distance += 60
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, cue)
    if best is None or best[1].kind in ("other", "speech"):
        return None
    if best[1].kind == "weak":
        left = max(clause[0] if clause else 0, veto_from)
        earlier = [c for c in cues if left <= c.start and c.end <= best[1].start]
        if (
            earlier
            and earlier[-1].kind == "other"
            and not _own_predicate(text, earlier[-1], best[1])
        ):
            return None
    return best[1]


def _own_predicate(text: str, other: Cue, weak: Cue) -> bool:
    """Whether a weak cue after another event has a predicate of its own: "X wraps filming
    this spring and is set for 2027" (not "Filming was to begin in May but was pushed back":
    one subject)."""
    return bool(
        text
        and not _opens_clause(text, other.start)
        and _OWN_PREDICATE.search(text, other.end, weak.start)
    )


_OWN_PREDICATE = Words(r"\band\s+(?:is|are|was|were|will\s+be|has\s+been|have\s+been)\s")


RUMOUR = Words(
    # ("the long-rumored prequel" is a work long talked of, its date no rumour)
    r"\b(?=\w)(?:(?<!long-)(?<!much-)rumou?r\w*|reportedly|reports?\s+(?:say|suggest|claim|indicate)\w*|according\s+to\s+"
    r"(?:reports?|the\s+latest\s+report|sources|insiders|a\s+report|previous\s+reports|leak\w*)|"
    r"insiders?|sources?\s+(?:say|said|claim|close)|leak\w*|speculat\w*|whisper\w*|tipped|"
    r"allegedly|unconfirmed|(?:some|many)\s+(?:fans\s+)?(?:believe|think|claim)|"
    # what fans say: "fans believe it will arrive", "another Redditor added"
    r"fans\s+(?:(?:are|were)\s+)?(?:believe|think|claim|speculate|theori[sz]e|concerned|worried|insist|"
    r"suspect|say|said)|redditors?|reddit\s+(?:users?|posts?|threads?)|on\s+reddit|"
    r"(?:fan|online|internet)\s+(?:forums?|theor\w+|chatter|posts?)|forum\s+posts?|"
    r"(?:posts?|chatter)\s+(?:online|on\s+social\s+media)|social\s+media\s+(?:posts?|users|chatter))\b",
)
SPECULATION = Words(
    r"\b(?=\w)(?:likely|likelier|unlikely|could|might|(?<!can )(?<!will )(?<!originally )(?<!initially )(?<!as )(?<!previously )expect\w*|hope\w*|probabl\w*|possibl\w*|potential\w*|"
    r"perhaps|maybe|predict\w*|estimat\w*|guess\w*|should|would|earliest|"
    # "is anticipated to arrive" hedges; "the highly anticipated X" praises
    r"(?<!highly\s)(?<!much-)(?<!much\s)(?<!most\s)(?<!eagerly\s)(?<!hotly\s)(?<!long-)anticipat(?!ion\s+(?:builds|grows|mounts|is))\w*|"
    r"suggests?|seems?|appears?|if\b|chances|wouldn't|"
    r"best-case|on\s+the\s+cards|in\s+the\s+works|"
    # an inference: "considering the gap between seasons, we can expect"
    r"considering|judging\s+by|going\s+by|based\s+on\s+(?:the|previous|past|its|their)(?!\s+(?:[\w-]+\s+)?(?:bestsell\w*|best-sell\w*|novel|book|manga|webtoon|comic|true|hit|original|popular|award\w*|play|game|film|movie|series))|if\s+history|"
    # the writer's belief: "we do think", "I tend to believe", "we still reckon"
    r"(?:i|we)\s+(?:(?:do|still|also|really|tend\s+to)\s+)?(?:think|believe|reckon|suspect|"
    r"imagine|feel|expect))\b",
)
# "may" the verb, lower case: "May" is the month.
MAY = re.compile(r"\bmay\b")
# Who releases, saying so: "Warner Bros. said on Friday the sequel will", "a spokesperson".
_RELEASER = "|".join(sorted((re.escape(n) for n in NETWORKS), key=len, reverse=True))
OFFICIAL = Words(
    rf"\b(?=\w)(?:(?:{_RELEASER})(?:\s+(?:bros\.?|brothers|pictures|studios?|entertainment|animation|"
    r"television|tv|korea|japan|india|originals))?\s+(?:(?:has|have|also|previously|then|later)\s+)?"
    r"(?:said|says|told|stated|states)|spokes(?:person|man|woman)|"
    r"officially|official|announced|announces|confirmed|confirms|revealed|unveil\w*|"
    r"has\s+set|have\s+set|press\s+release|the\s+streamer\s+(?:said|says|shared)|"
    r"(?:netflix|hbo|disney|apple|amazon|max|hulu|the\s+streamer)\s+(?:has|have)?\s*"
    r"(?:announc\w*|confirm\w*|reveal\w*|dat\w*|set)|teaser|trailer|is\s+scheduled\s+to|"
    r"are\s+scheduled\s+to|line-?up|slate)\b",
)


# A quoted name: its words are no hedge ("after 'Should We Kiss First'").
_QUOTED_NAME = re.compile(
    r"[\"“”]((?:[A-Z0-9][\w'’:&!?.,-]*|of|the|a|an|and|in|on|to|for|at|or|with|is|we)"
    r"(?:\s+(?:[A-Z0-9][\w'’:&!?.,-]*|of|the|a|an|and|in|on|to|for|at|or|with|is|we)){0,7})[\"“”]"
)


def classify_stance(sentence: str, *, official_source: bool = False, past: bool = False) -> str:
    """rumour, speculation, official or report, by the cues in the sentence."""
    if '"' in sentence or "“" in sentence:
        sentence = _QUOTED_NAME.sub(lambda m: " " * len(m.group()), sentence)
    if RUMOUR.search(sentence):
        return "rumour"
    # a release that happened is told, not guessed ("Andor, which debuted in late 2022,
    # explores the events before A New Hope")
    if not past and (SPECULATION.search(sentence) or MAY.search(sentence)):
        return "speculation"
    if OFFICIAL.search(sentence) and not past:
        return "official"
    if official_source and not past:
        return "official"
    return "report"


PAST_RELEASE = Words(
    r"\b(?=\w)(?:released|premiered|aired|debuted|arrived|dropped|landed|launched|bowed|"
    # "hit" the verb, not "the Sundance hit"
    r"hit\s+(?:netflix|theaters|theatres|cinemas|screens|our\s+screens|the\s+(?:big\s+)?screen|"
    r"streaming|disney|hbo|hulu|prime)|came\s+out|was\s+out|returned|streamed|since|ago|last\s+(?:year|month)|"
    r"first\s+season|previous|earlier\s+this\s+year)\b",
)
FUTURE = Words(
    r"\b(?:will|'ll|won't|shall|to\s+be|set\s+to|set\s+for|expected|scheduled|slated|could|"
    r"may|might|would|going\s+to|is\s+coming|are\s+coming|coming|upcoming|next|due|"
    r"hopes?|hoping|later\s+this|look(?:s|ing)?\s+forward|likely|likelier|probabl\w*|to\s+(?:premiere|release|debut|arrive|return|drop|land|hit|air|"
    r"stream|launch))\b",
)


def speaks_of_the_past(sentence: str) -> bool:
    """True when the sentence reports a release that already happened ("May" written so is
    the month or a name's word, "Devil May Cry", not the verb)."""
    if not PAST_RELEASE.search(sentence):
        return False
    if "May" not in sentence:
        return not FUTURE.search(sentence)
    return not any(
        not (m.group() == "may" and sentence[m.start()] == "M") for m in FUTURE.finditer(sentence)
    )


# The tense of the release verb itself, where its form tells: "which debuted in late 2022"
# is past whatever else the clause says ("... explores the events before A New Hope"), and
# "premieres on March 3" is not, though the clause recalls season 1 "since 2021".
_PAST_FORM = re.compile(
    r"(?:released|premiered|aired|debuted|arrived|dropped|landed|launched|bowed|came\s+out|"
    r"returned|streamed|ran\s+from)$"
)
_SINGULAR_BEFORE = Words(
    r"\b(?:which|that|who|it|has|had|have|film|movie|series|show)\s+(?:\w+ly\s+)?\Z"
)
_PRESENT_FORM = re.compile(
    r"(?:premieres|arrives|debuts|drops|lands|airs|launches|returns|streams|bows|comes\s+out|comes\s+to\s+\w+|"
    r"release\s+date|follows\s+on)$"
)
# What before a past form makes it no past: "will be released", "to be released", "would
# have premiered", "expected to have aired".
_NOT_PAST_BEFORE = Words(
    r"\b(?:will|would|could|might|may|should|must|to|shall|can|'ll|be|get|gets|being)\s+(?:(?:have|be|been|not|never|finally|"
    r"officially|only|also|first|actually)\s+){0,2}$"
)
# "after its release on", "in its second week after debuting on Jan. 16"
_AFTER_ITS = Words(
    r"\b(?:after|since|following|upon)\s+(?:(?:its|the|their|his|her)\s+(?:[\w-]+\s+)?)?\Z"
)
_FUTURE_BEFORE = Words(r"\b(?:will|'ll|is\s+set\s+to|is\s+due\s+to|is\s+expected\s+to)\s+$")


# A release named as a noun, and the tense of the verb it is the subject of.
_RELEASE_NOUN = re.compile(r"(?:release|premiere|debut|launch|arrival|return)")
_DETERMINED = Words(r"\b(?:the|its|their|his|her)\s+(?:[\w-]+\s+)?\Z")
_COPULA_AFTER = re.compile(r"(?i)(?:\s+of\s+[^.;,]{1,60}?)?\s+(was|were|is|are|will)\b")


def cue_tense(text: str, cue: Cue) -> bool | None:
    """Whether the release word at ``cue`` speaks of the past (True), of now or what is to
    come (False), or leaves it to the clause (None)."""
    if not cue.release:
        return None
    word = text[cue.start : cue.end].lower()
    before = text[max(0, cue.start - 40) : cue.start]
    if _AFTER_ITS.search(before):  # "won hearts after its release on December 10, 2020"
        return True
    if _PAST_FORM.search(word):
        return None if _NOT_PAST_BEFORE.search(before) else True
    if word.startswith("hit ") and _SINGULAR_BEFORE.search(before):
        return True  # "the film, which hit theatres on March 1": "hits" if it were now
    if _RELEASE_NOUN.fullmatch(word) and _DETERMINED.search(before):
        copula = _COPULA_AFTER.match(text, cue.end)  # "the initial release of X was in 2018"
        if copula is not None:
            return copula.group(1).lower() in ("was", "were")
    if _PRESENT_FORM.search(word) or _FUTURE_BEFORE.search(before):
        return False
    if re.match(r"(?:is|are|'s)\s+(?:\w+\s+)?back\b", word):
        return False  # "the spinoff is back this fall", whatever season came first
    return None


# The season out last, in a piece about the one to come: "the latest season, which premiered".
LATEST = Words(
    r"\b(?:latest|most\s+recent|recently\s+concluded|newest|last)\s+(?:season|episodes|"
    r"installment|instalment|batch|chapter)\b"
)
