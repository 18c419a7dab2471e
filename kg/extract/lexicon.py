"""Word lists the extractors share: general knowledge of news English, nothing about any one story."""

# reporting verbs (lemmas) that make a statement of what their subject says
SPEECH_VERBS = frozenset("""
say tell state add explain allege claim accuse reject deny dismiss urge warn condemn criticise criticize
insist maintain argue assert stress emphasize emphasise note mention indicate confirm acknowledge admit
declare inform ask demand appeal assure promise pledge vow threaten blame justify cite expect reply
respond complain protest praise welcome question predict tweet post write announce_statement
describe suggest believe reiterate caution agree disagree repeat concede recall reveal
""".split())
# verbs that take a preposition to report speech: "called for", "called on"
PHRASAL_SPEECH = {("call", "for"), ("call", "on"), ("appeal", "to"), ("point", "out")}
# verbs whose subject is credited with a number, though they make no statement of their own
ATTRIBUTION_VERBS = SPEECH_VERBS | frozenset("estimate report put announce count record show register".split())

# heads of a phrase naming a person's government office
GOV_TITLE_HEADS = frozenset("""
minister premier president chancellor secretary spokesman spokesperson spokeswoman governor commissioner
ambassador envoy mayor senator congressman congresswoman lawmaker legislator mp deputy adviser advisor
consul king queen emir sultan monarch leader general commander chief director official diplomat
prosecutor attorney-general attorney prefect administrator ayatollah speaker vice-president
""".split())
# words that can stand in a title before its head ("Interim Interior Minister")
TITLE_MODIFIERS = frozenset("""
interim caretaker acting deputy former foreign interior home defence defense finance central prime chief
senior state federal provincial regional information health education trade commerce energy justice
economy economic public security national vice first supreme grand general principal special top
assistant junior executive permanent district county city attorney labour labor agriculture culture
environment transport infrastructure water power petroleum oil planning migration refugees refugee
immigration religious affairs development communications interior-minister army military police
""".split())
# words that make a title a non-government one ("opposition leader", "rebel commander")
NON_GOV_TITLE_WORDS = frozenset("opposition rebel militant insurgent party union protest student business "
                                "company church tribal clan gang".split())
# heads of a phrase naming a non-government role: such a person is a Person, not an Official
PERSON_ROLE_HEADS = frozenset("""
lawyer activist refugee migrant resident analyst expert researcher professor journalist doctor student
witness farmer worker mother father teacher survivor owner returnee driver shopkeeper trader businessman
businesswoman villager victim relative son daughter wife husband brother sister man woman boy girl
economist scholar author writer campaigner volunteer nurse engineer
""".split())
# honorifics that open a name but are not the name a person is called by alone
HONORIFICS = frozenset("""
mr mrs ms dr sir mullah maulana maulvi sheikh shaikh haji hajji sayed syed sayyid mufti imam hafiz
""".split())
# lowercase name particles ("Ahmad ul Haq Rahimi", "Ursula von der Leyen")
NAME_PARTICLES = frozenset("ul al el bin ibn bint de da di du van von der den le la dos das e y".split())

# nouns that, after a state's name or demonym, stand for its government ("the Kenyan government")
GOV_NOUNS = frozenset("""
government administration authorities authority regime state side cabinet leadership junta
""".split())
# nouns for the parts of a government that speak for it ("interior ministry", "Foreign Office")
MINISTRY_NOUNS = frozenset("ministry office department secretariat".split())
MINISTRY_PHRASES = ("foreign office", "foreign ministry", "interior ministry", "home ministry", "home office",
                    "state department", "defence ministry", "defense ministry", "ministry of")
# seats and departments whose names stand for a state's government ("the Kremlin said")
SEATS = {"White House": "US", "State Department": "US", "Pentagon": "US", "Kremlin": "RU", "Downing Street": "GB",
         "Whitehall": "GB", "Élysée": "FR", "Elysee": "FR", "Zhongnanhai": "CN", "Blue House": "KR",
         "Quai d'Orsay": "FR", "Bundeskanzleramt": "DE"}
# suffixes that make a group the ruler of a place ("X-led administration", "X-ruled")
RULING_SUFFIXES = ("-led", "-ruled", "-run", "-controlled")

# unnamed speakers: "a senior government official", "the spokesman", "officials"
UNNAMED_OFFICIAL_HEADS = frozenset("official officials spokesman spokesperson spokeswoman source sources "
                                   "minister ministers leader leaders diplomat diplomats officer officers".split())
PLURAL_OFFICIAL_HEADS = frozenset("officials sources leaders ministers diplomats officers authorities".split())
# collective speakers that are not officials: "rights groups", "activists"
GROUP_SPEAKER_HEADS = frozenset("""
organizations organisations groups activists residents witnesses critics analysts experts campaigners police
lawyers refugees migrants families villagers protesters agencies charities observers
""".split())

# heads that make a named group an organization ("... Agency", "... Council")
ORG_HEADS = frozenset("""
organization organisation agency council committee party movement front army forces force group union
bank fund office commission court ministry department institute foundation association federation
network service programme program mission alliance league corporation company tribune times news post
herald gazette journal press daily telegraph guardian agence network radio tv television watch
""".split())
# heads of an acronym's long form that are documents or things, not organizations ("Citizen Card (ACC)")
THING_HEADS = frozenset("card cards permit permits certificate residence visa act law bill index rate "
                        "product system scheme number id document documents register".split())
# news outlets and agencies: cited as where something was reported, never as the speaker of it
OUTLET_WORDS = frozenset("news tribune times post herald gazette journal press daily telegraph guardian "
                         "radio tv television agency agence wire reuters afp ap bbc cnn xinhua tass "
                         "bloomberg dawn anadolu dpa efe kyodo yonhap irna ani pti".split())

# hedges that make a figure approximate
APPROX_WORDS = frozenset("nearly almost about around roughly approximately some over estimated "
                         "approx circa almost-".split())
APPROX_PHRASES = ("more than", "less than", "fewer than", "up to", "at least", "at most", "close to",
                  "an average of", "as many as", "upwards of", "in excess of", "an estimated", "just over",
                  "just under", "well over", "over")

# nouns and verbs that make a government's act a policy
POLICY_NOUNS = frozenset("""
deadline ultimatum ban plan policy order decree law measure rule regulation curfew sanction sanctions
tariff tariffs quota campaign crackdown drive deportation deportations expulsion expulsions repatriation
programme program moratorium embargo lockdown restriction restrictions mandate directive amnesty
scheme registration cancellation suspension freeze cap levy tax reform
""".split())
POLICY_VERBS = frozenset("""
set announce impose introduce order issue launch adopt approve enact decide declare extend cancel revoke
suspend ban begin start implement expel deport freeze cap lift raise cut postpone unveil pass
double increase hike reduce abolish scrap tighten ease relax
""".split())
