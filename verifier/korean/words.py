"""Korean release words, the words of other events, stance words and title marks.

- Release: 공개, 첫 방송, 방송, 방영, 첫선, 개봉, 편성, 출격, 선보인다, 돌아온다, 스트리밍,
  전파를 탄다, 시청자와 만난다, 찾아온다, 컴백.
- Not a release: 촬영, 크랭크인/크랭크업, 캐스팅, 제작 확정, 제작발표회, 시청률, and 공개 of
  a trailer, teaser, poster or still (예고편·티저·포스터·스틸 공개: "unveiled").
- Stance: 관계자에 따르면, 전해졌다, 알려졌다 (unconfirmed) → rumour, but a company's own
  관계자 or 측 on the record (밝혔다) → official; 전망, 예상, 관측, 가능성, 기대, 것으로
  보인다 → speculation; a release told as done → report; 확정, 발표, 밝혔다, 공식, and any
  date on a page that tells of a company's announced line-up → official; else (예정이다
  too) the writer's report.
- Titles: names in '…', "…", 〈…〉, 《…》, <…>, 「…」, 『…』; 시즌2 / 시즌 2 / a "2" suffix
  ("지옥2"); 파트.
"""

from __future__ import annotations

import re

RELEASE = re.compile(
    r"공개|첫\s*방송|첫방|방송(?!가|사|국|계|인)|방영|첫선|개봉|편성|출격|선보이|선보인|선보일|선보였|돌아온|돌아올|돌아왔|"
    r"돌아와|컴백|스트리밍|출사표|전파를\s*타|전파를\s*탄|시청자(?:들)?(?:과|와|를)\s*만나|만난다|찾아온|찾아올|찾아간|"
    r"론칭|출시|베일을\s*벗|안방극장[을에]\s*찾|릴리즈|공개될|방송될|방송된|공개된|"
    # a line-up and the works it schedules: "하반기 라인업으로 A, B를 발표했다", "2026년 예정작"
    r"라인업|예정작|공개작|개봉작|방영작|포문을\s*(?:연|열|엽)|스타트를\s*끊|대미를\s*장식|"
    # "11월2일 '부라더'를 내보낸다", "극장에 걸린다", "관객을 찾는다"
    r"내보낸|내보낼|내보내|극장에\s*걸|스크린에\s*걸|(?:관객|시청자)(?:들)?(?:을|를|과|와)\s*(?:찾|만나)|"
    r"모습을\s*드러|만나볼\s*수\s*있|"
    # "4월 말에 상영한다" (in cinemas; a festival's screening is no release, OTHER below)
    r"상영(?:한다|할|될|된다|된|을\s*시작|에\s*들어)|"
    r"새\s*(?:시즌|작품)을?\s*선|방송\s*예정|공개\s*예정|"
    # a release moved to a date: "18일로 하루 앞당긴다", "오는 30일로 연기", "10월로 옮겼다"
    r"(?<=[일월년기주])\s*(?:으)?로\s*(?:\S+\s*)?(?:앞당|연기(?!대상|력|상|자)|변경|옮겼|옮긴|옮겨|미뤄|미룬|"
    r"미뤘|확정)"
)
# 공개 of something other than the work itself: "예고편을 공개했다" (unveiled a trailer).
OTHER = re.compile(
    r"(?:예고편|티저|포스터|스틸|사진|영상|캐릭터|메이킹|하이라이트|대본\s*리딩|라인업\s*영상)\s*(?:을|를|이|가|도)?\s*"
    r"(?:\S+\s+){0,2}?공개|촬영|크랭크\s*인|크랭크\s*업|크랭크인|크랭크업|캐스팅|제작\s*확정|제작발표회|"
    r"시청률|방영권|계약|업무협약|오픈하우스|열렸|개최|수상|시상식|서비스를\s*시작|"
    r"시사회|무대\s*인사|제작\s*보고회|기자\s*간담회|팬\s*미팅|"
    r"개편|보도자료|영화제|연재|웹툰으로\s*(?:\S+\s*){0,2}?공개|"
    # the end of a run, an episode, a pause, production
    r"끝으로|종영|중단|결방|최종화|마지막\s*회|\d+\s*회(?:는|가|차|분)?\s|\d+\s*화(?:는|가)?\s|%|"
    r"제작을?\s*(?:시작|돌입|착수)|제작에\s*(?:들어|돌입|착수)|촬영에\s*(?:들어|돌입)|"
    r"(?:출연|주연)을?\s*(?:확정|결정)|공개일\s*유출|몰아보기|재방송|스페셜\s*방송|특별\s*방송|중계"
)
# Many works at once, none named: "두 편의 드라마가 편성을 확정했다".
MANY = re.compile(
    r"(?:두|세|네|다섯|여러|\d+)\s*편|드라마들|작품들|신작들|라인업을\s*(?:저마다|새롭게)|방송사들|"
    # "드라마가 연달아 출격해", "신작이 대거 쏟아진다"
    r"(?:드라마|작품|신작|영화|예능|콘텐츠|기대작)[이가]\s*(?:연달아|잇달아|줄줄이|대거|속속|차례로|쏟아)|"
    # "출연작과 파생작(스핀오프)이 대거 쏟아질": any works, in a flood
    r"\S(?:\([^()]{1,20}\))?[이가]\s*(?:대거|줄줄이|무더기로)\s*(?:쏟아|공개|출격|몰려|찾아)"
    # "내년 상반기 방송 예정인 두 번째 예능": another work, unnamed
    r"|(?<![\'’>》〉」』]\s)(?:두|세|네|다섯)\s*번째\s*(?:예능|작품|드라마|프로그램|영화|신작)"
)
# A release told as past: the release word's own past form ("공개됐다", "방영했던"); a past
# verb elsewhere ("확정하고 ... 내놓았다") tells of the announcement, not the release.
PAST = re.compile(
    r"(?:공개|방송|방영|개봉|출시|첫선을\s*보|선보|전파를\s*탔)(?:됐|했|였|되었|하였|인|였던|됐던|했던|된\s*바)|"
    r"지난\s|당시|방영된|방송된|공개된\s*(?:바|이후)"
)
# Ratings: "16회는 17.8%의 시청률을 기록했다" dates an episode's audience, not a release.
RATINGS = re.compile(r"시청률|%|포인트\s*(?:상승|하락|급등)")
# ("공개설": a release rumoured, as a headline writes it)
RUMOUR = re.compile(
    r"관계자(?:에\s*따르면|는|가|들은)|전해졌|알려졌|소식통|업계에\s*따르면|루머|(?<!입)소문|설이|"
    r"(?:공개|방송|개봉|편성|컴백|복귀)설"
)
# A company's own spokesperson on the record: "넷플릭스 관계자는 ...라고 밝혔다", "디즈니코리아
# 측은 ... 입장을 전했다" (a 관계자 of no company, "업계 관계자", "한 관계자", is an insider).
_COMPANY = (
    r"(?:넷플릭스|디즈니\+?|디즈니코리아|티빙|웨이브|쿠팡플레이|왓챠|tvN|JTBC|MBC|SBS|KBS2?|ENA|OCN|"
    r"[\uac00-\ud7a3A-Za-z+]+(?:코리아|엔터테인먼트|엔터|스튜디오|스튜디오스|픽쳐스|필름|제작사|배급사|방송사))"
)
# (a 관계자 of no company is an insider: "업계 관계자", "한 관계자", "방송가 관계자")
_INSIDER = r"(?:업계|방송가|방송계|연예계|가요계|영화계|드라마계|한|복수의|익명의|다른|관련|내부|측근|주변|방송|제작|정통한)"
SPOKESPERSON = re.compile(
    rf"(?:{_COMPANY}|(?<![\uac00-\ud7a3A-Za-z0-9+])(?!{_INSIDER}\s)[\uac00-\ud7a3A-Za-z0-9+]{{2,}})"
    r"\s*(?:측\s*)?(?:관계자(?:는|가|들은)|측[은이])(?=.*(?:밝혔|전했|설명했|말했|강조했|덧붙였))"
)
# A page that tells of a company's announced line-up ("넷플릭스는 ... 라인업을 발표했다",
# "방송사들은 ... 라인업을 저마다 내놨다", "13일 MBC에 따르면"): the works it dates are the
# company's word.
ANNOUNCED = re.compile(
    r"라인업(?:[을를]|으로)\s*(?:[^\s.]+\s+){0,8}?(?:발표|공개했|공개한|내놨|내놓|밝혔|선보였)|"
    r"라인업[이가]\s*(?:[^\s.]+\s+){0,3}?(?:공개됐|공개되었|발표됐|발표되었)|"
    rf"{_COMPANY}(?:에|의\s*발표에)\s*따르면|"
    # a headline's noun phrase: "2027년 라인업 공개", "하반기 라인업 발표"
    r"라인업\s*(?:공개|발표)(?!\s*(?:예정|을\s*앞두))"
)
# What a past 공개 unveils when it is no release: a line-up, a schedule, a date.
ANNOUNCEMENT_OBJECT = re.compile(
    r"(?:라인업|일정|공개일|방송일|개봉일|편성표|날짜)[을를]\s*(?:\S+\s+){0,3}?(?:공개|발표|확정|선보였|내놨|내놓)"
)
SPECULATION = re.compile(r"전망|예상|관측|가능성|기대를\s*모|것으로\s*보인|듯|추정|점쳐|유력")
# ("방송가에 따르면", "업계에 따르면": the trade's word, the writer's report)
OFFICIAL = re.compile(
    r"확정|발표|밝혔|공식|알렸|(?<!방송가)(?<!업계)(?<!가요계)(?<!영화계)에\s*따르면|편성했|공개했|"
    r"결정했|결정됐"
)

# A title in quotes or angle marks (the English name in parentheses after it is dropped).
QUOTED = re.compile(
    r"['‘’]([^'‘’\n]{1,40}?)['’]|[\"“”]([^\"“”\n]{1,40}?)[\"”]|〈([^〉\n]{1,40})〉|《([^》\n]{1,40})》|"
    r"<([^<>\n]{1,40})>|「([^」\n]{1,40})」|『([^』\n]{1,40})』"
)
SEASON_AFTER = re.compile(
    r"\s*(?:[은는이가을를의도]\s*)?시즌\s*(\d{1,2})|\s*(?:의\s*)?파트\s*(\d)|"
    r"\s*(\d)\s*(?=[은는이가을를의도로와과]|\s|$)|\s*(?:의\s*)?(첫|두|세|네|다섯|여섯)\s*번째\s*(?:시즌|시리즈)"
)
ORDINALS = {"첫": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6}
# A title as an argument of the verb: subject, topic or object ("'X'는", "'X'를", "'X'도");
# one named to describe another ("'X' 속 인물", "'X' 후속", "'X'의 연출가") is not.
ARGUMENT_AFTER = re.compile(
    r"['’\"”>》〉」』]?\s*(?:\([^()]{0,20}\))?\s*(?:은|는|이|가|을|를|도|과|와|로|으로|부터|까지|이다|이며|등|,|▲|"
    r"\s*(?:시즌|파트|\()|"
    # a list of names with no commas: "'형사록' 'D·P' '경이로운 소문' 등"
    r"\s+['‘\"“<《〈「『]|"
    # a headline's list: "'A' 파트2→'B'·'C' 시즌2 등"
    r"\s*(?:→|·|/|\+))"
)
MODIFIER_AFTER = re.compile(
    r"['’\"”>》〉」』]?\s*(?:속|의\s(?!(?:\S+\s)?(?:번째\s)?시즌|\d|(?:\S+\s)?(?:개봉|공개|방송|첫|편성|출시))|에서|으로\s*(?:전성기|유명|이름)|로\s*(?:전성기|유명|이름)|처럼|같은|이후|후속|"
    # "'언니네 쌀롱' 시즌 종료 후속으로": the work that ends before another
    r"(?:\s*시즌)?\s*(?:종료|종영)\s*(?:후|이후|후속)|"
    r"등으로|을\s*연출|를\s*연출|을\s*집필|를\s*집필|에\s*출연|출연|연출|작가|감독|PD|"
    # "'X', 'Y' 등을 제작한 스튜디오드래곤": the works a maker is known by
    # "'명량'으로 1,700만 관객을 동원했던 김학민 감독의": the work a maker is known by
    r"(?:으로|로)\s+(?:[^\s.]+\s+){0,5}?[^\s.]*(?:했던|한|은|던)\s+(?:[^\s.]+\s+)?"
    r"(?:감독|배우|작가|PD|피디|연출가|제작사|주인공)|"
    r"(?:\s*등)?[을를]\s*(?:제작한|제작했던|기획한|만든|만들었던|선보인|선보였던|배출한|흥행시킨|성공시킨|연출한|연출했던|집필한|쓴)(?!다)|"
    # "'범바너' 고민석, 조효진 PD가": the makers of that work
    r"\s*[\uac00-\ud7a3]{2,4}(?:\s*,\s*[\uac00-\ud7a3]{2,4})*\s*(?:PD|감독|작가|피디))"
)
# A sentence that speaks of the work just named: "이 작품은", "시즌2는", "후속작".
REFERENCE = re.compile(
    r"(?:이|해당|본|새|이번|후속)\s*(?:작품|드라마|시리즈|영화|시즌|예능)|(?:작품|드라마|시리즈|시즌\s*\d?)[은는이가]\s|"
    # "개봉일을 18일로 앞당긴다": its release date, of the work just named
    r"(?:개봉|공개|방송|첫\s*방송|방영)일[을이은]"
)
NETWORK_NAMES = {"디즈니", "디즈니+", "넷플릭스", "티빙", "웨이브", "쿠팡플레이", "왓챠", "애플tv+", "애플TV+",
                 "tvN", "JTBC", "MBC", "SBS", "KBS", "KBS2", "ENA", "OCN"}  # fmt: skip
SEASON_NUMBER = re.compile(r"시즌\s*(\d{1,2})")
# What a quoted name is not: a saying in quotes ends as a sentence does, or is long.
SAYING = re.compile(r"(?:다|요|죠|까|네|라|며|고)[.!?]?$|\s\S+\s\S+\s\S+\s\S+\s")
# Speech is quoted in double quotes; a saying there holds a particle and a space.
DOUBLE_SAYING = re.compile(r"[은는이가을를]\s|\s\S+\s\S+\s")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
