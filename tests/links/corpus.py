"""Multi-article corpora written for the cross-source links, each with the links a careful reader draws.

Every story is a few short articles (invented people, real states) and its annotation: the figure groups
and disagreements, the answers with their stance, the policies that are one, and the steps of policies. The
stories include what must not link: two figures of different places, a series over time, two policies of
one government, a statement that answers nothing. tests/links/test_quality.py measures precision and recall
of the links over all of them.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Story:
    name: str
    articles: dict[str, str]  # file name -> text with its header
    groups: tuple[frozenset[str], ...] = ()  # each group: the surfaces of its figures, "file:surface"
    disagree: tuple[frozenset[str], ...] = ()  # pairs of "file:surface"
    answers: tuple[tuple[str, str, str], ...] = ()  # ("file:words of the answer", stance, "file:words answered")
    same_policy: tuple[frozenset[str], ...] = ()  # sets of "file:words of the policy label" that are one policy
    steps: tuple[tuple[str, str, str | None], ...] = ()  # ("file", step, deadline or None)
    misses: tuple[str, ...] = ()  # kinds of link a reader draws that newskg does not yet, and why, in a comment


def article(date: str, text: str, title: str = "Report") -> str:
    return f"title: {title}\ndate: {date}\n\n{text}\n"


STORIES = (
    Story(
        "estimates that disagree",
        {"w1.txt": article("2024-02-01", "Thailand estimates that there are 2.4 million undocumented Myanmar "
                                         "workers living in the country. Officials said more checks would follow."),
         "w2.txt": article("2024-02-20", "Labour Minister Anan Sukprasert said nearly 3 million undocumented "
                                         "Myanmar workers live in Thailand. He said the figure was rising."),
         "w3.txt": article("2024-02-25", "The Thai labour ministry says about 2.5 million undocumented Myanmar "
                                         "workers live in Thailand.")},
        groups=(frozenset({"w1.txt:2.4 million", "w2.txt:3 million", "w3.txt:2.5 million"}),),
        disagree=(frozenset({"w1.txt:2.4 million", "w2.txt:3 million"}),),
    ),
    Story(
        "two places",
        {"k1.txt": article("2024-03-01", "Kenya estimates that 300,000 Somali refugees live in Kenya."),
         "k2.txt": article("2024-03-03", "Ethiopia says 450,000 Somali refugees live in Ethiopia.")},
    ),
    Story(
        "a series over time",
        {"h1.txt": article("2024-03-01", "The Dominican interior ministry said 20,000 undocumented Haitians had "
                                         "left the Dominican Republic."),
         "h2.txt": article("2024-04-01", "Officials in Santo Domingo said 65,000 undocumented Haitians had left "
                                         "the Dominican Republic."),
         "h3.txt": article("2024-05-10", "About 110,000 undocumented Haitians have left the Dominican Republic, "
                                         "the Dominican interior ministry said.")},
        groups=(frozenset({"h1.txt:20,000", "h2.txt:65,000", "h3.txt:110,000"}),),
    ),
    Story(
        "who answers whom",
        {"p1.txt": article("2024-06-03", "Polish Interior Minister Pavel Dusek said that migrants sent by Belarus "
                                         "had set fire to the border fence. Belarusian spokesman Ivan Korol rejected "
                                         "the claim."),
         "p2.txt": article("2024-06-05", "Belarusian Foreign Minister Olga Marchenko dismissed Warsaw's claim that "
                                         "migrants had burned the border fence. She said the weather at the border "
                                         "had been calm."),
         "p3.txt": article("2024-06-06", "Polish Interior Minister Pavel Dusek repeated that migrants sent by "
                                         "Belarus had set fire to the border fence. Polish border guard commander "
                                         "Marek Wisniewski confirmed that migrants had set fire to the border fence "
                                         "on Sunday."),
         "p4.txt": article("2024-06-07", "Belarusian spokesman Ivan Korol said the harvest had been good this "
                                         "year. He rejected calls for new talks on fishing quotas.")},
        answers=(("p1.txt:rejected the claim", "rejects", "p1.txt:had set fire to the border fence"),
                 ("p2.txt:dismissed Warsaw's claim", "rejects", "p1.txt:had set fire to the border fence"),
                 ("p3.txt:repeated that migrants", "repeats", "p1.txt:had set fire to the border fence"),
                 ("p3.txt:confirmed that migrants", "confirms", "p3.txt:repeated that migrants")),
    ),
    Story(
        "one policy over time",
        {"t1.txt": article("2024-01-10", "The Thai government set a March 31 deadline for undocumented Myanmar "
                                         "workers to register or leave the country."),
         "t2.txt": article("2024-03-20", "Thailand extended the deadline for undocumented Myanmar workers to "
                                         "register until June 30. Workers with valid visas will be exempt from the "
                                         "deadline, the labour ministry said."),
         "t3.txt": article("2024-07-02", "The Thai government began deporting undocumented Myanmar workers who had "
                                         "not registered before the deadline."),
         "t4.txt": article("2024-07-05", "The Thai government banned imports of used cars from Japan. Thailand also "
                                         "set a May 15 deadline for factories to install smoke filters.")},
        same_policy=(frozenset({"t1.txt:set a March 31", "t2.txt:extended the deadline", "t3.txt:began deporting"}),),
        steps=(("t1.txt", "deadline set", "2024-03-31"), ("t2.txt", "extended", "2024-06-30"),
               ("t2.txt", "exemptions", None), ("t3.txt", "enforced", None), ("t4.txt", "deadline set", "2024-05-15")),
    ),
    # written after the rules above, and measured once before any change (see the closing report)
    Story(
        "asylum seekers counted by three sources",
        {"g1.txt": article("2024-09-02", "Greece says more than 60,000 Syrian asylum seekers live in Greece."),
         "g2.txt": article("2024-09-15", "The UN refugee agency said about 45,000 Syrian asylum seekers live in Greece."),
         "g3.txt": article("2025-06-01", "Greek officials said 30,000 Syrian asylum seekers live in Greece.")},
        groups=(frozenset({"g1.txt:60,000", "g2.txt:45,000", "g3.txt:30,000"}),),
        disagree=(frozenset({"g1.txt:60,000", "g2.txt:45,000"}),),
    ),
    Story(
        "two nationalities in one place",
        {"j1.txt": article("2024-05-01", "Jordan estimates that 650,000 Syrian refugees live in Jordan."),
         "j2.txt": article("2024-05-03", "Jordan estimates that 90,000 Iraqi refugees live in Jordan.")},
    ),
    Story(
        "returns over time",
        {"v1.txt": article("2024-10-01", "Venezuelan officials said 12,000 Colombian nationals had returned to Colombia."),
         "v2.txt": article("2024-10-20", "Officials said 30,000 Colombian nationals had returned to Colombia.")},
        groups=(frozenset({"v1.txt:12,000", "v2.txt:30,000"}),),
    ),
    Story(
        "shelling claims",
        {"r1.txt": article("2024-08-01", "Indian Defence Minister Ravi Menon said that Pakistani troops had shelled "
                                         "three villages in Kashmir. Pakistan's military spokesman Imran Qadir denied "
                                         "the accusations."),
         "r2.txt": article("2024-08-02", "Pakistan's Foreign Minister Sana Mirza rejected New Delhi's claim that "
                                         "Pakistani troops had shelled villages in Kashmir."),
         "r3.txt": article("2024-08-03", "Indian Defence Minister Ravi Menon reiterated that Pakistani troops had "
                                         "shelled three villages."),
         "r4.txt": article("2024-08-03", "Indian Foreign Secretary Vikram Rao said talks with Pakistan would resume "
                                         "in September. He rejected reports of a troop build-up.")},
        answers=(("r1.txt:denied the accusations", "denies", "r1.txt:had shelled three villages"),
                 ("r2.txt:rejected New Delhi", "rejects", "r1.txt:had shelled three villages"),
                 ("r3.txt:reiterated that", "repeats", "r1.txt:had shelled three villages")),
    ),
    Story(
        "an export ban over time",
        {"x1.txt": article("2024-01-05", "Kenya announced a ban on exports of raw avocados until March 31."),
         "x2.txt": article("2024-03-25", "Kenya extended the ban on exports of raw avocados until June 30."),
         "x3.txt": article("2024-07-10", "A Kenyan court struck down the ban on avocado exports."),
         "x4.txt": article("2024-02-01", "Kenya raised the tax on imported sugar by 10 percent.")},
        same_policy=(frozenset({"x1.txt:announced a ban", "x2.txt:extended the ban", "x3.txt:struck down"}),),
        steps=(("x1.txt", "announced", None), ("x2.txt", "extended", "2024-06-30"), ("x3.txt", "struck down", None)),
    ),
    Story(
        "two deadlines of one government",
        {"m1.txt": article("2024-04-01", "Malaysia set a June 1 deadline for foreign workers to renew their permits."),
         "m2.txt": article("2024-05-20", "Malaysia set a July 15 deadline for palm oil firms to report their emissions.")},
        steps=(("m1.txt", "deadline set", "2024-06-01"), ("m2.txt", "deadline set", "2024-07-15")),
    ),
)
