"""Facts of the report's analytical core (chapters 1, 7, 8, 9, Vedlegg 3) as the data states them.

Covers data/goal-areas.ttl, data/roles.ttl, data/challenges.ttl, data/recommendations.ttl,
data/alternatives.ttl, data/driver-functions.ttl and ontology/extensions/analysis.ttl. Each test's
docstring names the report section that supports the asserted fact.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph_checks import inconsistencies, owl_rl_closure
from kg.namespaces import CANONICAL

ROOT = Path(__file__).resolve().parents[1]
ANALYSIS_FILES = (
    "data/goal-areas.ttl",
    "data/roles.ttl",
    "data/challenges.ttl",
    "data/recommendations.ttl",
    "data/alternatives.ttl",
    "data/driver-functions.ttl",
)
EXTENSION = "ontology/extensions/analysis.ttl"

INNO = CANONICAL.inno
ID = CANONICAL.id
ACTOR = Namespace(ID + "actor/")
INSTR = Namespace(ID + "instrument/")
DOC = Namespace(ID + "document/")
GA = Namespace(ID + "goal-area/")
ROLE = Namespace(ID + "i-team-role/")
STATUS = Namespace(ID + "assignment-status/")
RTYPE = Namespace(ID + "responsibility-type/")
CGROUP = Namespace(ID + "challenge-group/")
DFN = Namespace(ID + "driver-function/")
CH = Namespace(ID + "challenge/")
REC = Namespace(ID + "recommendation/")
RECLIST = Namespace(ID + "recommendation-list/")
FINDING = Namespace(ID + "finding/")
SEC = Namespace(ID + "section/")
FIG = Namespace(ID + "figure/")
DCTERMS = Namespace("http://purl.org/dc/terms/")

# Actor groups for Figure 6's "Ansvarlig" cells that MODEL-SPEC does not list (kommunene is defined in
# data/actors-public.ttl, the other two in data/goal-areas.ttl).
MINTED_ACTORS = {"fagdepartementene", "kommunene", "statlige-virksomheter"}


def _parse(*rel_paths: str) -> Graph:
    g = Graph()
    for rel in rel_paths:
        g.parse(ROOT / rel, format="turtle")
    return g


@pytest.fixture(scope="module")
def data() -> Graph:
    """The analysis data files only (what this module's owner asserts)."""
    return _parse(*ANALYSIS_FILES)


@pytest.fixture(scope="module")
def graph(data: Graph) -> Graph:
    """The analysis data plus every ontology file (core, vocabularies, imports, extensions)."""
    g = Graph()
    for triple in data:
        g.add(triple)
    for path in sorted((ROOT / "ontology").rglob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def _objects(g: Graph, s: URIRef, p: URIRef) -> set:
    return set(g.objects(s, p))


def _assignments(g: Graph, **where: URIRef) -> list[URIRef]:
    out = []
    for ra in g.subjects(RDF.type, INNO.RoleAssignment):
        if all((ra, INNO[prop], value) in g for prop, value in where.items()):
            out.append(ra)
    return out


def _nb(g: Graph, s: URIRef, p: URIRef = SKOS.prefLabel) -> str:
    values = [o for o in g.objects(s, p) if isinstance(o, Literal) and o.language == "nb"]
    assert len(values) == 1, f"{s} has {len(values)} nb values of {p}"
    return str(values[0])


# --- 8.2, Figure 6: goal areas ------------------------------------------------------------------


def test_needed_roles_per_figure_6_column(data: Graph) -> None:
    """8.2, Figure 6 row "Type i-team (rolle)": Transformerer | Utdanner/transformer | Utdanner,
    Utvikler/skaper (kommunale and statlige) | Transformerer, Utvikler/skaper."""
    expected = {
        GA["national-policy"]: {ROLE.transformer},
        GA["framework-conditions"]: {ROLE.educator, ROLE.transformer},
        GA["municipal-organisations"]: {ROLE.educator, ROLE.creator},
        GA["state-organisations"]: {ROLE.educator, ROLE.creator},
        GA["societal-challenges"]: {ROLE.transformer, ROLE.creator},
    }
    for area, roles in expected.items():
        assert _objects(data, area, INNO.needsRole) == roles, area


def test_societal_challenges_need_transformer_and_creator(data: Graph) -> None:
    """8.2, Figure 6, column Samfunnsutfordringer: "Transformerer Utvikler/skaper", and no educator."""
    roles = _objects(data, GA["societal-challenges"], INNO.needsRole)
    assert roles == {ROLE.transformer, ROLE.creator}
    assert ROLE.educator not in roles


def test_each_column_has_one_goal_and_organisations_share_it(data: Graph) -> None:
    """8.1 (text under Figure 4) and 8.2, Figure 6 row "Mål": one goal per column; the goal cell of
    "Virksomheter" spans the municipal and the state sub-columns."""
    goals = {area: _objects(data, GA[area], INNO.hasGoal) for area in (
        "national-policy", "framework-conditions", "organisations", "municipal-organisations",
        "state-organisations", "societal-challenges")}
    assert all(len(v) == 1 for v in goals.values()), goals
    assert goals["municipal-organisations"] == goals["state-organisations"] == goals["organisations"]
    assert len({next(iter(v)) for v in goals.values()}) == 4
    national = next(iter(goals["national-policy"]))
    assert _nb(data, national).startswith("Innovasjon i offentlig sektor er et viktig satsningsområde")
    societal = next(iter(goals["societal-challenges"]))
    assert _nb(data, societal) == "Innovasjon bidrar til å løse de viktige samfunnsutfordringene og utfordringer «på tvers»."


def test_goals_cite_figure_6_figure_4_and_8_1(data: Graph) -> None:
    """8.1 ("Mål knyttet til hver av disse områdene kan være", under Figure 4) and Figure 6 state the
    same four goals: each goal cites both."""
    goals = set(data.subjects(RDF.type, INNO.Goal))
    assert len(goals) == 4
    for goal in goals:
        assert {FIG["6"], FIG["4"], SEC["8.1"]} <= _objects(data, goal, INNO.source), goal


def test_needs_from_figure_6_and_from_8_2_text(data: Graph) -> None:
    """8.2, Figure 6 "Behov" (municipal: two items) and the 8.2 text for "Virksomhetene – kommunale
    og statlige" ("Det som går igjen blant deres behov er": seven items, starting with
    Topplederkompetanse)."""
    municipal = _objects(data, GA["municipal-organisations"], INNO.hasNeed)
    from_figure = {n for n in municipal if FIG["6"] in _objects(data, n, INNO.source)}
    assert {_nb(data, n) for n in from_figure} == {
        "Kompetanse, verktøy, finansiering mm", "Samordning, erfaringsdeling mellom kommuner"}
    shared = _objects(data, GA["organisations"], INNO.hasNeed)
    assert len(shared) == 7
    assert all(_objects(data, n, INNO.source) == {SEC["8.2"]} for n in shared)
    assert "Topplederkompetanse" in {_nb(data, n) for n in shared}
    assert shared <= municipal and shared <= _objects(data, GA["state-organisations"], INNO.hasNeed)


def test_societal_needs_merge_figure_and_text(data: Graph) -> None:
    """8.2, Figure 6 "Prioritere / Plassere ansvar / Gjennomføre" and the 8.2 text list; the text's
    "Mulighet for testing og utprøving i fellesskap" is a need of its own."""
    needs = _objects(data, GA["societal-challenges"], INNO.hasNeed)
    labels = {_nb(data, n): _objects(data, n, INNO.source) for n in needs}
    assert labels["Prioritere"] == {FIG["6"], SEC["8.2"]}
    assert labels["Gjennomføre"] == {FIG["6"]}
    assert labels["Mulighet for testing og utprøving i fellesskap"] == {SEC["8.2"]}


def test_driver_task_counts_per_column(data: Graph) -> None:
    """8.2, Figure 6 row "Pådrivers rolle": 3, 3, 1, 1 and 4 items."""
    counts = {area: len(_objects(data, GA[area], INNO.driverTask)) for area in (
        "national-policy", "framework-conditions", "municipal-organisations", "state-organisations",
        "societal-challenges")}
    assert counts == {"national-policy": 3, "framework-conditions": 3, "municipal-organisations": 1,
                      "state-organisations": 1, "societal-challenges": 4}


def _responsible(g: Graph, area: str) -> dict[URIRef, set[URIRef]]:
    out: dict[URIRef, set[URIRef]] = {}
    for ra in g.subjects(INNO.responsibleFor, GA[area]):
        out.setdefault(g.value(ra, INNO.actor), set()).add(g.value(ra, INNO.responsibilityType))
    return out


def test_national_policy_responsible_actors(data: Graph) -> None:
    """8.2, Figure 6 "Ansvarlig": "Regjeringen, sentrale departementer (KMD, NFD, KD, FIN)"."""
    responsible = _responsible(data, "national-policy")
    assert set(responsible) == {ACTOR.regjeringen, ACTOR.kmd, ACTOR.nfd, ACTOR.kd, ACTOR.fin}
    assert all(types == {RTYPE.overall} for types in responsible.values())
    assert _nb(data, GA["national-policy"], INNO.responsibilityText) == \
        "Regjeringen, sentrale departementer (KMD, NFD, KD, FIN)"


def test_framework_conditions_concrete_and_general_responsibility(data: Graph) -> None:
    """8.2, Figure 6 "Ansvarlig": "Hvert enkelt fagdepartement (konkret) samt KMD, FIN (generelt)"."""
    assert _responsible(data, "framework-conditions") == {
        ACTOR.fagdepartementene: {RTYPE.concrete}, ACTOR.kmd: {RTYPE.general}, ACTOR.fin: {RTYPE.general}}


def test_state_and_municipal_responsibility(data: Graph) -> None:
    """8.2, Figure 6 "Ansvarlig": "Den enkelte kommune"; "Den enkelte statlige virksomhet, samt
    eierdepartement" (chapter 8: "den enkelte virksomhet og deres fagdepartement")."""
    assert _responsible(data, "municipal-organisations") == {ACTOR.kommunene: {RTYPE["responsible-body"]}}
    assert _responsible(data, "state-organisations") == {
        ACTOR["statlige-virksomheter"]: {RTYPE["responsible-body"]},
        ACTOR.fagdepartementene: {RTYPE["owner-ministry"]}}


def test_societal_challenges_kmd_and_fin_overall(data: Graph) -> None:
    """8.2, Figure 6 "Ansvarlig": "... typisk på departementsnivå. KMD og FIN med særskilt overordnet
    ansvar.\""""
    responsible = _responsible(data, "societal-challenges")
    assert responsible[ACTOR.kmd] == responsible[ACTOR.fin] == {RTYPE.overall}


# --- 8.1 (after Figure 5), 8.2, 9: role assignments --------------------------------------------


def test_the_five_educators_of_8_1(data: Graph) -> None:
    """8.1: "først og fremst har rollen som «utdannere», herunder Difis kompetansemiljø for
    innovasjon, Difis miljø for innovative anskaffelser, Innovasjonsnettverket, Norges forskningsråd
    og KS"."""
    holders = {data.value(ra, INNO.actor) for ra in _assignments(data, role=ROLE.educator, status=STATUS.held)
               if SEC["8.1"] in _objects(data, ra, INNO.source)}
    assert holders == {ACTOR["difi-kompetansemiljo-innovasjon"], ACTOR["difi-innovative-anskaffelser"],
                       ACTOR.innovasjonsnettverket, ACTOR.forskningsradet, ACTOR.ks}


def test_educator_held_for_the_organisations(data: Graph) -> None:
    """8.2: "Her er det behov for pådrivere med rollen «utdannere». Det er nettopp styrken til
    eksisterende innovasjonsaktører i dag." (also 8.3.1)."""
    held = _assignments(data, role=ROLE.educator, status=STATUS.held, goalArea=GA.organisations)
    assert [data.value(ra, INNO.actor) for ra in held] == [ACTOR.innovasjonsaktorene]
    assert {SEC["8.2"], SEC["8.3.1"]} <= _objects(data, held[0], INNO.source)


def test_the_two_possible_creators(data: Graph) -> None:
    """8.1: "Vi kan kanskje plassere Nasjonalt program for leverandørutvikling og
    stimuleringsordningen for tjenstedesign og innovasjon i denne kategorien." The scheme counts
    through Difi, which administers it (Vedlegg 3)."""
    possible = _assignments(data, role=ROLE.creator, status=STATUS.possible)
    assert {data.value(ra, INNO.actor) for ra in possible} == {ACTOR.leverandorutviklingsprogrammet, ACTOR.difi}
    via = {data.value(ra, INNO.actor): data.value(ra, INNO.viaInstrument) for ra in possible}
    assert via[ACTOR.difi] == INSTR.stimuleringsordningen
    assert not _assignments(data, role=ROLE.creator, status=STATUS.held)


def test_no_actor_holds_the_transformer_role(data: Graph) -> None:
    """8.1: "Vi ser heller ikke at noen av de omtalte aktørene har noen klar rolle som
    «transformerer»"."""
    assert _assignments(data, role=ROLE.transformer), "transformer statements are modelled"
    assert not _assignments(data, role=ROLE.transformer, status=STATUS.held)


def test_transformer_lacking_where_needed_and_potential(data: Graph) -> None:
    """8.1 + Figure 6: the transformer is lacking in the three columns that need it; "Flere av
    aktørene har et potensial ... ikke minst Difi"; the 0–24 cooperation "kan være et godt eksempel"."""
    lacking = {data.value(ra, INNO.goalArea) for ra in _assignments(data, role=ROLE.transformer, status=STATUS.lacking)}
    needing = set(data.subjects(INNO.needsRole, ROLE.transformer))
    assert lacking == needing == {GA["national-policy"], GA["framework-conditions"], GA["societal-challenges"]}
    potential = {data.value(ra, INNO.actor) for ra in _assignments(data, role=ROLE.transformer, status=STATUS.potential)}
    assert ACTOR.difi in potential
    zero24 = _assignments(data, actor=ACTOR["0-24-samarbeidet"], role=ROLE.transformer)
    assert len(zero24) == 1 and data.value(zero24[0], INNO.status) == STATUS.possible


def test_recommended_roles(data: Graph) -> None:
    """9, recommendation 3 ("svakere på rollen som utvikler/skaper/tilrettelegger") and 1 ("Noen roller
    må styrkes ... spesielt rollen som pådriver for utviklingen av politikk og rammebetingelsene")."""
    recommended = {(data.value(ra, INNO.role), data.value(ra, INNO.goalArea))
                   for ra in _assignments(data, status=STATUS.recommended)}
    assert recommended == {(ROLE.creator, None), (ROLE.enabler, None),
                           (ROLE.transformer, GA["national-policy"]), (ROLE.transformer, GA["framework-conditions"])}


def test_canned_gap_query_returns_the_report_answer(graph: Graph) -> None:
    """8.1 + 8.2/Figure 6: the canned query goal-areas-lacking-role returns exactly national policy,
    framework conditions and societal challenges for the transformer; creators are missing wherever
    Figure 6 asks for one."""
    text = (ROOT / "queries" / "goal-areas-lacking-role.rq").read_text(encoding="utf-8")

    def gaps(role: URIRef) -> set:
        rows = graph.query(text, initBindings={"role": role, "lang": Literal("en")})
        return {row.goalArea for row in rows}

    assert gaps(ROLE.transformer) == {GA["national-policy"], GA["framework-conditions"], GA["societal-challenges"]}
    assert gaps(ROLE.creator) == {GA.organisations, GA["municipal-organisations"], GA["state-organisations"],
                                  GA["societal-challenges"]}
    assert gaps(ROLE.educator) == {GA["framework-conditions"]}


# --- 7.1, Figure 3, Vedlegg 3: challenges -------------------------------------------------------


def test_challenge_groups_figure_3_and_vedlegg_3_counts(data: Graph) -> None:
    """7.1, Figure 3 (4 + 5 + 4 boxes) and Vedlegg 3 (6 + 7 + 4 headings): 17 distinct challenges,
    every Figure 3 box merged with its Vedlegg 3 heading."""
    def members(group: URIRef, source: URIRef | None = None) -> set:
        return {c for c in data.subjects(INNO.challengeGroup, group)
                if source is None or source in _objects(data, c, INNO.source)}

    groups = (CGROUP["within-organisation"], CGROUP["across-organisations"], CGROUP["framework-conditions"])
    assert [len(members(g, FIG["3"])) for g in groups] == [4, 5, 4]
    assert [len(members(g, SEC["vedlegg-3"])) for g in groups] == [6, 7, 4]
    assert [len(members(g)) for g in groups] == [6, 7, 4]
    assert len(set(data.subjects(RDF.type, INNO.Challenge))) == 17


def test_merged_challenges_keep_both_wordings(data: Graph) -> None:
    """7.1 Figure 3 "Ledelsesforankring og -kompetanse" / Vedlegg 3 "Ledelse"; Figure 3 "Politisk
    trykk" / Vedlegg 3 "Lite politisk trykk"; Vedlegg 3-only "Innovasjonsverksted/lab"."""
    assert _nb(data, CH.ledelse) == "Ledelse"
    assert Literal("Ledelsesforankring og -kompetanse", lang="nb") in _objects(data, CH.ledelse, SKOS.altLabel)
    assert _nb(data, CH["politisk-trykk"]) == "Lite politisk trykk"
    assert Literal("Politisk trykk", lang="nb") in _objects(data, CH["politisk-trykk"], SKOS.altLabel)
    for only_v3 in ("teknologi-digitalisering", "oversikt-over-innovasjonsaktorer", "innovasjonsverksted-lab", "kompetanse"):
        assert _objects(data, CH[only_v3], INNO.source) == {SEC["vedlegg-3"]}, only_v3


# --- 1, 9: recommendations and findings ---------------------------------------------------------


def _list_members(g: Graph, lst: URIRef) -> dict[int, URIRef]:
    return {int(g.value(r, INNO.recommendationNumber)): r for r in g.subjects(INNO.inList, lst)}


def test_summary_has_six_and_chapter_9_seven_recommendations(data: Graph) -> None:
    """1 ("anbefaler vi følgende konkrete tiltak", 1–6; reference sheet: "seks anbefalinger") and 9
    (1–7)."""
    assert sorted(_list_members(data, RECLIST.summary)) == [1, 2, 3, 4, 5, 6]
    assert sorted(_list_members(data, RECLIST["chapter-9"])) == [1, 2, 3, 4, 5, 6, 7]
    assert len(set(data.subjects(RDF.type, INNO.Recommendation))) == 13


def test_correspondence_and_9_3_without_counterpart(data: Graph) -> None:
    """1 vs 9: summary 1↔9.1, 2↔9.2, 3↔9.4, 4↔9.5, 5↔9.6, 6↔9.7; 9.3 "Styrke og tydeliggjøre
    rollene til eksisterende innovasjonsaktører" is only in chapter 9."""
    summary = _list_members(data, RECLIST.summary)
    chapter9 = _list_members(data, RECLIST["chapter-9"])
    pairs = {1: 1, 2: 2, 3: 4, 4: 5, 5: 6, 6: 7}
    for s, c in pairs.items():
        assert _objects(data, summary[s], INNO.correspondsTo) == {chapter9[c]}
        assert _objects(data, chapter9[c], INNO.correspondsTo) == {summary[s]}
    assert not _objects(data, chapter9[3], INNO.correspondsTo)
    assert _nb(data, chapter9[3]) == "Styrke og tydeliggjøre rollene til eksisterende innovasjonsaktører"
    assert SKOS.editorialNote in set(data.predicates(chapter9[3], None))


def test_summary_items_carry_their_counterparts_links(data: Graph) -> None:
    """1 vs 9: each summary recommendation restates its chapter 9 counterpart, so both carry the same
    challenges, goal areas, roles and driver functions."""
    props = (INNO.addressesChallenge, INNO.concernsGoalArea, INNO.strengthensRole, INNO.addressesDriverFunction,
             INNO.concernsActor)
    for summary in _list_members(data, RECLIST.summary).values():
        counterpart = data.value(summary, INNO.correspondsTo)
        for p in props:
            assert _objects(data, summary, p) == _objects(data, counterpart, p), (summary, p)


def test_lab_recommendation_links(data: Graph) -> None:
    """9, recommendation 4: "har flere etterspurt og Teknologirådet har foreslått det. En slik
    mulighet er også risikoreduserende" (Vedlegg 3 "Innovasjonsverksted/lab", "Risikoavlastning";
    7.2 experimentation)."""
    lab = REC["chapter-9-4"]
    assert _objects(data, lab, INNO.addressesChallenge) == {CH["innovasjonsverksted-lab"], CH.risikoavlastning}
    assert _objects(data, lab, INNO.concernsActor) == {ACTOR.teknologiradet}
    assert DFN.experimentation in _objects(data, lab, INNO.addressesDriverFunction)


def test_forum_members(data: Graph) -> None:
    """1 (recommendation 6) and 9 (recommendation 7): a permanent forum for Difi, Forskningsrådet, KS,
    Innovasjon Norge, DogA and Helsedirektoratet/Direktoratet for e-helse."""
    members = {ACTOR.difi, ACTOR.forskningsradet, ACTOR.ks, ACTOR["innovasjon-norge"], ACTOR.doga,
               ACTOR.helsedirektoratet, ACTOR["direktoratet-for-e-helse"]}
    for rec in (REC["summary-6"], REC["chapter-9-7"]):
        assert members <= _objects(data, rec, INNO.concernsActor)


def test_roles_recommendation_strengthens_creator_and_enabler(data: Graph) -> None:
    """9, recommendation 3: "svakere på rollen som utvikler/skaper/tilrettelegger"; no recommendation
    claims to strengthen the transformer."""
    assert _objects(data, REC["chapter-9-3"], INNO.strengthensRole) == {ROLE.creator, ROLE.enabler}
    assert not set(data.subjects(INNO.strengthensRole, ROLE.transformer))


def test_chapter_9_missing_items_cover_the_four_goal_areas(data: Graph) -> None:
    """9: "Her har vi påpekt at det mangler" — policy, framework conditions, measures for
    experimentation in the organisations, strength to solve societal challenges."""
    missing = [f for f in data.subjects(RDF.type, INNO.Finding) if _nb(data, f).startswith("Det mangler")]
    assert len(missing) == 4
    areas = {a for f in missing for a in data.objects(f, INNO.concernsGoalArea)}
    assert areas == {GA["national-policy"], GA["framework-conditions"], GA.organisations, GA["societal-challenges"]}


def test_unaddressed_challenges(data: Graph) -> None:
    """9 vs Vedlegg 3: no recommendation's text connects to "Oversikt over innovasjonsaktører" (raised
    by the innovation actors, not the organisations) or "Teknologi/digitalisering forutsetter
    innovasjon"."""
    addressed = {c for r in data.subjects(RDF.type, INNO.Recommendation) for c in data.objects(r, INNO.addressesChallenge)}
    assert CH["oversikt-over-innovasjonsaktorer"] not in addressed
    assert CH["teknologi-digitalisering"] not in addressed
    assert CH.ledelse in addressed and CH["politisk-trykk"] in addressed


# --- 8.3.1–8.3.6: alternatives ------------------------------------------------------------------


def test_six_alternatives_with_assessments(data: Graph) -> None:
    """8.3.1–8.3.6, each with "Vår vurdering" except 8.3.2, which has none."""
    alternatives = {str(data.value(a, INNO.alternativeNumber)): a for a in data.subjects(RDF.type, INNO.Alternative)}
    assert sorted(alternatives) == [f"8.3.{n}" for n in range(1, 7)]
    for number, alt in alternatives.items():
        langs = sorted(o.language for o in data.objects(alt, INNO.assessment))
        assert langs == ([] if number == "8.3.2" else ["en", "nb"]), number
        assert SEC[number] in _objects(data, alt, INNO.source)
    assert "nasjonale trykket" in _nb(data, alternatives["8.3.1"], INNO.assessment)


# --- 7.2: driver functions ----------------------------------------------------------------------


def test_every_driver_function_is_referred_to(graph: Graph) -> None:
    """7.2's seven functions each recur in Figure 6's driver tasks (8.2), an alternative (8.3) or a
    recommendation (9); "Fasilitere/bidra til gjennomføring" is the societal-challenges function."""
    functions = set(graph.subjects(RDF.type, INNO.DriverFunction))
    assert len(functions) == 7
    referred = set(graph.objects(None, INNO.expressesDriverFunction)) | set(graph.objects(None, INNO.addressesDriverFunction))
    assert referred == functions
    task = next(t for t in graph.subjects(RDF.type, INNO.DriverTask) if _nb(graph, t) == "Fasilitere/bidra til gjennomføring")
    assert _objects(graph, task, INNO.expressesDriverFunction) == {DFN["societal-challenges"]}


# --- universal rules ----------------------------------------------------------------------------


LABELLED_CLASSES = (INNO.Recommendation, INNO.Challenge, INNO.Alternative, INNO.Finding, INNO.Goal, INNO.Need,
                    INNO.DriverTask, INNO.RoleAssignment, INNO.ResponsibilityAssignment, INNO.ActorGroup)


def test_every_resource_has_one_nb_and_one_en_label_and_a_source(data: Graph) -> None:
    """MODEL-SPEC universal rules, applied to every resource typed in the analysis files (sections
    1, 7–9, Vedlegg 3)."""
    subjects = {s for cls in LABELLED_CLASSES for s in data.subjects(RDF.type, cls)}
    assert len(subjects) > 100
    for s in subjects:
        langs = sorted(o.language for o in data.objects(s, SKOS.prefLabel))
        assert langs == ["en", "nb"], s
        sources = _objects(data, s, INNO.source)
        assert sources and all(str(o).startswith((str(SEC), str(FIG))) for o in sources), s


def test_no_blank_nodes_and_sources_are_report_parts(data: Graph) -> None:
    """MODEL-SPEC: no blank nodes in data/; sources are sections (sec:N, sec:vedlegg-N, …) or figures."""
    assert not [t for t in data if any(isinstance(x, BNode) for x in t)]
    pattern = re.compile(r"^(section/(\d+(\.\d+)*|vedlegg-[1-4]|forord|referanseark)|figure/[1-6])$")
    for o in set(data.objects(None, INNO.source)):
        assert pattern.match(str(o)[len(str(ID)):]), o


def _spec_slugs(spec: str, start: str, end: str) -> set[str]:
    """The comma-separated slugs of one "Entity slugs" paragraph of MODEL-SPEC.md."""
    begin = spec.index(start) + len(start)
    block = spec[begin: spec.index(end, begin)]
    block = re.sub(r"\(ActorGroup:[^)]*\)", "", block).replace("(plus study programmes of 6.1.6:", ",")
    tokens = {t.strip().strip(").").strip() for t in block.split(",")}
    return {t for t in tokens if re.fullmatch(r"[a-z0-9][a-z0-9-]*", t)}


def test_referenced_entities_use_model_spec_slugs(data: Graph) -> None:
    """MODEL-SPEC entity slugs (actors of chapters 3–9, instruments, policy documents): every actor,
    instrument and document this data refers to is in the contract, or is an actor group minted
    here for Figure 6's "Ansvarlig" cells (8.2)."""
    spec = (ROOT / "ontology" / "MODEL-SPEC.md").read_text(encoding="utf-8")
    actors = _spec_slugs(spec, "Actors [data/actors*.ttl]:", "Instruments [")
    instruments = _spec_slugs(spec, "Instruments [data/instruments*.ttl]:", "Policy documents [")
    documents = _spec_slugs(spec, "Policy documents [data/policy.ttl]:", "Goal areas:")
    assert {"kmd", "innovasjonsaktorene", "0-24-samarbeidet"} <= actors and "stimuleringsordningen" in instruments
    iris = {o for t in data for o in t if isinstance(o, URIRef)}
    for iri in iris:
        text = str(iri)
        for ns, allowed in ((ACTOR, actors | MINTED_ACTORS), (INSTR, instruments), (DOC, documents)):
            if text.startswith(str(ns)):
                assert text[len(str(ns)):] in allowed, iri


def test_extension_term_is_documented(graph: Graph) -> None:
    """Ontology rule (STYLE.md): the one term added for 7.2 ↔ 8.2 has nb/en labels, a definition and
    rdfs:isDefinedBy the ontology IRI."""
    ext = _parse(EXTENSION)
    terms = set(ext.subjects(RDF.type, OWL.ObjectProperty))
    assert terms == {INNO.expressesDriverFunction}
    term = INNO.expressesDriverFunction
    assert sorted(o.language for o in ext.objects(term, RDFS.label)) == ["en", "nb"]
    assert ext.value(term, SKOS.definition) is not None
    assert ext.value(term, RDFS.isDefinedBy) == URIRef(CANONICAL.ontology_iri)
    assert (term, None, None) not in Graph().parse(ROOT / "ontology" / "core.ttl"), "defined twice"


def test_owl_rl_closure_is_consistent(graph: Graph) -> None:
    """OWL 2 RL over the ontology and this data: no inconsistency, nothing in owl:Nothing; the held
    assignments of 8.1/8.2 are inferred HeldRoleAssignments and Figure 6's responsible actors are
    inferred through the chain hasResponsibilityAssignment ∘ actor."""
    g = owl_rl_closure(graph)
    assert inconsistencies(g) == []
    assert len(set(g.subjects(RDF.type, INNO.HeldRoleAssignment))) == 6
    assert {ACTOR.kmd, ACTOR.fin} <= _objects(g, GA["societal-challenges"], INNO.responsibleActor)
    assert (ACTOR.difi, INNO.hasRole, ROLE.transformer) in g  # any status: potential
